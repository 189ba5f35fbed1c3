"""Each common resource as a query over Diamond's tables: one declaration per resource, in one place.

A ``Mapping`` (``site_kit.mapped``) says which DLS table holds the record, how its integer key is formed, which
joins reach its proposal (``BLSession.proposalId``…) and beamline (``BLSession.beamLineName``), and, field by
field, the SQL expression read and the column written. Paging, filters, authorization, ETags and writes are the
kit's (``site_kit.mapped``); what a record does beyond its main row is in ``hooks/`` (one object per resource).
The choices are documented in ``docs/site-mapping.md``, "What the DLS adapter does".
"""

from __future__ import annotations

from typing import Any

import ispyb.sqlalchemy as d
from sqlalchemy import Integer, and_, case, func, literal, null, select
from sqlalchemy.orm import aliased

from ispyb_dls_adapter import convert as c
from ispyb_dls_adapter.db import CommonApiProgramState
from site_kit.mapped import Expr, Field, Mapping, col, derived, ref, stamp


def _location(value: Any) -> int | None:
    text = str(value).strip() if value is not None else ""
    return int(text) if text.isdigit() and 1 <= int(text) <= 1000 else None


def _steps(value: Any) -> int | None:
    if value is None or float(value) != int(float(value)) or int(float(value)) < 1:
        return None
    return int(float(value))


def program_dc(program_id: Expr) -> Expr:
    """The data collection of a program: via its ProcessingJob, else via its first AutoProcIntegration."""
    app, pj, api = aliased(d.AutoProcProgram), aliased(d.ProcessingJob), aliased(d.AutoProcIntegration)
    via_job = (
        select(pj.dataCollectionId)
        .select_from(app)
        .join(pj, pj.processingJobId == app.processingJobId)
        .where(app.autoProcProgramId == program_id)
        .scalar_subquery()
    )
    via_integration = (
        select(func.min(api.dataCollectionId)).where(api.autoProcProgramId == program_id).scalar_subquery()
    )
    return func.coalesce(via_job, via_integration)


def _session_chain(dc_id: Expr) -> tuple[tuple[tuple[Any, Expr], ...], Any, Any]:
    """Joins DataCollection → DataCollectionGroup → BLSession from a data collection id expression."""
    dc, dcg, s = aliased(d.DataCollection), aliased(d.DataCollectionGroup), aliased(d.BLSession)
    joins = (
        (dc, dc.dataCollectionId == dc_id),
        (dcg, dcg.dataCollectionGroupId == dc.dataCollectionGroupId),
        (s, s.sessionId == dcg.sessionId),
    )
    return joins, dc, s


# --------------------------------------------------------------------------- proposals


def _proposals() -> list[Mapping]:
    p, s, sp = d.Proposal, d.BLSession, aliased(d.Proposal)
    shp, shp_s = d.SessionHasPerson, aliased(d.BLSession)
    return [
        Mapping(
            "Proposal",
            p,
            1,
            p.proposalId,
            (
                col("proposalCode", p.proposalCode),
                col("proposalNumber", p.proposalNumber),
                derived("name", func.concat(p.proposalCode, p.proposalNumber)),
                col("title", p.title),
                col("proposalType", p.proposalType, vocab=c.PROPOSAL_TYPE),
                col("state", p.state, vocab=c.PROPOSAL_STATE),
                # personId is NOT NULL at DLS (a Person's key; 0 in old rows: no PI), see hooks/people.py
                Field(
                    "principalInvestigatorUuid",
                    case((p.personId == 0, null()), else_=p.personId),
                    column="personId",
                    ref="Person",
                ),
            ),
            proposal=p.proposalId,
            visibility="self",
            created=(stamp(p.bltimeStamp),),
            served=(p.proposalCode.is_not(None), p.proposalNumber.is_not(None)),
        ),
        Mapping(
            "Session",
            s,
            2,
            s.sessionId,
            (
                ref("proposalUuid", s.proposalId, "Proposal"),
                col("visitNumber", s.visit_number),
                derived("name", func.concat(sp.proposalCode, sp.proposalNumber, "-", s.visit_number)),
                col("beamlineName", s.beamLineName),
                col("startTime", s.startDate),
                col("endTime", s.endDate),
                col("scheduled", s.scheduled),
                col("comments", s.comments),
                ref("beamlineSetupUuid", s.beamLineSetupId, "BeamlineSetup"),
            ),
            joins=((sp, sp.proposalId == s.proposalId),),
            proposal=s.proposalId,
            beamline=s.beamLineName,
            created=(stamp(s.bltimeStamp),),
            served=(s.beamLineName.is_not(None), s.visit_number.is_not(None), sp.proposalId.is_not(None)),
        ),
        Mapping(
            "Person",
            d.Person,
            3,
            d.Person.personId,
            (
                col("givenName", d.Person.givenName),
                col("familyName", d.Person.familyName),
                col("login", d.Person.login),
                col("emailAddress", d.Person.emailAddress),
                ref("laboratoryUuid", d.Person.laboratoryId, "Laboratory"),
            ),
            visibility="person",
            created=(stamp(d.Person.recordTimeStamp),),
            served=(d.Person.familyName.is_not(None),),
            # DLS-DB 5.2.0 Person has no ORCID column (externalId is a BINARY(16) identifier, not an ORCID iD)
            unheld=(("orcid", "DLS-DB 5.2.0 Person has no ORCID column"),),
        ),
        Mapping(
            "ProposalMember",
            d.ProposalHasPerson,
            4,
            d.ProposalHasPerson.proposalHasPersonId,
            (
                ref("proposalUuid", d.ProposalHasPerson.proposalId, "Proposal"),
                ref("personUuid", d.ProposalHasPerson.personId, "Person"),
                col("role", d.ProposalHasPerson.role, vocab=c.PROPOSAL_ROLE),
            ),
            joins=((sp, sp.proposalId == d.ProposalHasPerson.proposalId),),
            proposal=d.ProposalHasPerson.proposalId,
            created=(stamp(sp.bltimeStamp),),
            served=(d.ProposalHasPerson.role.is_not(None),),
        ),
        Mapping(
            "SessionMember",
            shp,
            5,
            shp.sessionId * literal(2**32, Integer) + shp.personId,
            (
                ref("sessionUuid", shp.sessionId, "Session"),
                ref("personUuid", shp.personId, "Person"),
                ref("proposalUuid", shp_s.proposalId, "Proposal", writable=False),
                col("role", shp.role, vocab=c.SESSION_ROLE),
                col("remote", shp.remote),
            ),
            joins=((shp_s, shp_s.sessionId == shp.sessionId),),
            pair=(shp.sessionId, shp.personId),
            proposal=shp_s.proposalId,
            created=(stamp(shp_s.bltimeStamp),),
            served=(shp.role.is_not(None),),
        ),
        Mapping(
            "LabContact",
            d.LabContact,
            6,
            d.LabContact.labContactId,
            (
                ref("proposalUuid", d.LabContact.proposalId, "Proposal"),
                ref("personUuid", d.LabContact.personId, "Person"),
                col("cardName", d.LabContact.cardName),
                col("defaultCourierCompany", d.LabContact.defaultCourrierCompany),
                col("courierAccount", d.LabContact.courierAccount),
                col("dewarAverageCustomsValue", d.LabContact.dewarAvgCustomsValue),
            ),
            proposal=d.LabContact.proposalId,
            created=(stamp(d.LabContact.recordTimeStamp),),
        ),
        Mapping(
            "Laboratory",
            d.Laboratory,
            7,
            d.Laboratory.laboratoryId,
            (
                col("name", d.Laboratory.name),
                col("organization", d.Laboratory.organization),
                col("address", d.Laboratory.address),
                col("city", d.Laboratory.city),
                col("postcode", d.Laboratory.postcode),
                col("country", d.Laboratory.country),
            ),
            visibility="public",
            created=(stamp(d.Laboratory.recordTimeStamp),),
            served=(d.Laboratory.name.is_not(None),),
        ),
    ]


# --------------------------------------------------------------------------- samples and shipping


def _samples() -> list[Mapping]:
    pr, cr, bs, img = d.Protein, d.Crystal, d.BLSample, d.BLSampleImage
    cr_pr = aliased(d.Protein)
    s_cr, s_pr = aliased(d.Crystal), aliased(d.Protein)
    i_bs, i_cr, i_pr = aliased(d.BLSample), aliased(d.Crystal), aliased(d.Protein)
    sample_status = case((bs.isInSampleChanger == 1, "in_sample_changer"), else_=bs.blSampleStatus)
    return [
        Mapping(
            "Protein",
            pr,
            10,
            pr.proteinId,
            (
                ref("proposalUuid", pr.proposalId, "Proposal"),
                col("name", pr.name),
                col("acronym", pr.acronym),
                col("sequence", pr.sequence),
                col("molecularMass", pr.molecularMass),
                col("safetyLevel", pr.safetyLevel, vocab=c.SAFETY_LEVEL),
            ),
            proposal=pr.proposalId,
            created=(stamp(pr.bltimeStamp),),
            served=(pr.name.is_not(None), pr.acronym.is_not(None)),
        ),
        Mapping(
            "Crystal",
            cr,
            11,
            cr.crystalId,
            (
                ref("proteinUuid", cr.proteinId, "Protein"),
                ref("proposalUuid", cr_pr.proposalId, "Proposal", writable=False),
                col("name", cr.name),
                col("spaceGroup", cr.spaceGroup),
                col("cellA", cr.cell_a),
                col("cellB", cr.cell_b),
                col("cellC", cr.cell_c),
                col("cellAlpha", cr.cell_alpha),
                col("cellBeta", cr.cell_beta),
                col("cellGamma", cr.cell_gamma),
                col("morphology", cr.morphology),
                col("color", cr.color),
                col("sizeX", cr.size_X),
                col("sizeY", cr.size_Y),
                col("sizeZ", cr.size_Z),
            ),
            joins=((cr_pr, cr_pr.proteinId == cr.proteinId),),
            proposal=cr_pr.proposalId,
            created=(stamp(cr.recordTimeStamp),),
        ),
        Mapping(
            "Sample",
            bs,
            12,
            bs.blSampleId,
            (
                ref("crystalUuid", bs.crystalId, "Crystal"),
                ref("proposalUuid", s_pr.proposalId, "Proposal", writable=False),
                ref("containerUuid", bs.containerId, "Container"),
                col("name", bs.name),
                col("barcode", bs.code),
                col("location", bs.location, read=_location, write=lambda v: None if v is None else str(v)),
                # IN_SAMPLE_CHANGER is BLSample.isInSampleChanger = 1 (hooks/samples.py writes it)
                Field("status", sample_status, column="blSampleStatus", vocab=c.SAMPLE_STATUS),
                col("loopType", bs.loopType),
                col("comments", bs.comments),
            ),
            joins=((s_cr, s_cr.crystalId == bs.crystalId), (s_pr, s_pr.proteinId == s_cr.proteinId)),
            proposal=s_pr.proposalId,
            created=(stamp(bs.recordTimeStamp),),
            served=(bs.crystalId.is_not(None), bs.name.is_not(None), s_pr.proposalId.is_not(None)),
        ),
        Mapping(
            "SampleImage",
            img,
            13,
            img.blSampleImageId,
            (
                ref("sampleUuid", img.blSampleId, "Sample"),
                ref("proposalUuid", i_pr.proposalId, "Proposal", writable=False),
                col("imageFullPath", img.imageFullPath),
                col("micronsPerPixelX", img.micronsPerPixelX),
                col("micronsPerPixelY", img.micronsPerPixelY),
                col("offsetX", img.offsetX),
                col("offsetY", img.offsetY),
                col("capturedAt", img.blTimeStamp),
                col("comments", img.comments),
            ),
            joins=(
                (i_bs, i_bs.blSampleId == img.blSampleId),
                (i_cr, i_cr.crystalId == i_bs.crystalId),
                (i_pr, i_pr.proteinId == i_cr.proteinId),
            ),
            proposal=i_pr.proposalId,
            created=(stamp(img.blTimeStamp), stamp(i_bs.recordTimeStamp)),
            updated=(stamp(img.modifiedTimeStamp),),
            served=(img.imageFullPath.is_not(None), i_pr.proposalId.is_not(None)),
        ),
    ]


def _shipping() -> list[Mapping]:
    sh, dw, ct = d.Shipping, d.Dewar, d.Container
    sh_p = aliased(d.Proposal)
    dw_sh = aliased(d.Shipping)
    c_dw, c_sh, c_type = aliased(d.Dewar), aliased(d.Shipping), aliased(d.ContainerType)
    container_type = func.coalesce(c_type.name, ct.containerType)
    capacity = func.coalesce(ct.capacity, c_type.capacity)
    return [
        Mapping(
            "Shipment",
            sh,
            20,
            sh.shippingId,
            (
                ref("proposalUuid", sh.proposalId, "Proposal"),
                col("name", sh.shippingName),
                col("status", sh.shippingStatus, vocab=c.SHIPMENT_STATUS),
                ref("sendingLabContactUuid", sh.sendingLabContactId, "LabContact"),
                ref("returnLabContactUuid", sh.returnLabContactId, "LabContact"),
                col("shippingDate", sh.deliveryAgent_shippingDate),
                col("deliveryAgent", sh.deliveryAgent_agentName),
                col("comments", sh.comments),
            ),
            joins=((sh_p, sh_p.proposalId == sh.proposalId),),
            proposal=sh.proposalId,
            created=(stamp(sh.creationDate), stamp(sh.bltimeStamp), stamp(sh_p.bltimeStamp)),
            served=(sh.shippingName.is_not(None),),
        ),
        Mapping(
            "Dewar",
            dw,
            21,
            dw.dewarId,
            (
                ref("shipmentUuid", dw.shippingId, "Shipment"),
                ref("proposalUuid", dw_sh.proposalId, "Proposal", writable=False),
                col("code", dw.code),
                col("barcode", dw.barCode),
                col("type", dw.type, vocab=c.DEWAR_TYPE),
                col("status", dw.dewarStatus, vocab=c.DEWAR_STATUS),
                col("trackingNumberToFacility", dw.trackingNumberToSynchrotron),
                col("trackingNumberFromFacility", dw.trackingNumberFromSynchrotron),
                col("weight", dw.weight),
            ),
            joins=((dw_sh, dw_sh.shippingId == dw.shippingId),),
            proposal=dw_sh.proposalId,
            created=(stamp(dw.bltimeStamp), stamp(dw_sh.creationDate), stamp(dw_sh.bltimeStamp)),
            served=(dw.code.is_not(None),),
        ),
        Mapping(
            "Container",
            ct,
            22,
            ct.containerId,
            (
                ref("dewarUuid", ct.dewarId, "Dewar"),
                ref("proposalUuid", c_sh.proposalId, "Proposal", writable=False),
                col("code", ct.code),
                col("barcode", ct.barcode),
                # the ContainerType lookup row of the name written, when DLS has one (hooks/shipping.py)
                Field("containerType", container_type, column="containerType", vocab=c.CONTAINER_TYPE),
                Field("capacity", capacity, column="capacity"),
                col("status", ct.containerStatus, vocab=c.CONTAINER_STATUS),
                col("sampleChangerLocation", ct.sampleChangerLocation),
                col("beamlineLocation", ct.beamlineLocation),
                ref("sessionUuid", ct.sessionId, "Session"),
            ),
            joins=(
                (c_dw, c_dw.dewarId == ct.dewarId),
                (c_sh, c_sh.shippingId == c_dw.shippingId),
                (c_type, c_type.containerTypeId == ct.containerTypeId),
            ),
            proposal=c_sh.proposalId,
            created=(stamp(ct.bltimeStamp), stamp(c_dw.bltimeStamp)),
            served=(
                ct.dewarId.is_not(None),
                ct.code.is_not(None),
                capacity.is_not(None),
                container_type.in_(list(c.CONTAINER_TYPE.read_map)),
            ),
        ),
    ]


# --------------------------------------------------------------------------- acquisition


def _acquisition() -> list[Mapping]:
    dcg, dc, gi, es, xrf = d.DataCollectionGroup, d.DataCollection, d.GridInfo, d.EnergyScan, d.XFEFluorescenceSpectrum
    g_s = aliased(d.BLSession)
    dc_g, dc_s = aliased(d.DataCollectionGroup), aliased(d.BLSession)
    gi_g, gi_s = aliased(d.DataCollectionGroup), aliased(d.BLSession)
    es_s, xrf_s = aliased(d.BLSession), aliased(d.BLSession)
    bls, det = d.BeamLineSetup, d.Detector
    run_status = case(
        (func.lower(dc.runStatus).like("%success%"), "SUCCESSFUL"),
        (func.lower(dc.runStatus).like("%fail%"), "FAILED"),
        (func.lower(dc.runStatus).like("%abort%"), "ABORTED"),
        (func.lower(dc.runStatus).like("%stop%"), "ABORTED"),
        (func.lower(dc.runStatus).like("%running%"), "RUNNING"),
        else_=null(),
    )
    return [
        Mapping(
            "DataCollectionGroup",
            dcg,
            30,
            dcg.dataCollectionGroupId,
            (
                ref("sessionUuid", dcg.sessionId, "Session"),
                ref("proposalUuid", g_s.proposalId, "Proposal", writable=False),
                derived("beamlineName", g_s.beamLineName),
                ref("sampleUuid", dcg.blSampleId, "Sample"),
                col("experimentType", dcg.experimentType, vocab=c.EXPERIMENT_TYPE),
                col("startTime", dcg.startTime),
                col("endTime", dcg.endTime),
                col("comments", dcg.comments),
            ),
            joins=((g_s, g_s.sessionId == dcg.sessionId),),
            proposal=g_s.proposalId,
            beamline=g_s.beamLineName,
            created=(stamp(dcg.startTime), stamp(g_s.bltimeStamp)),
            served=(dcg.experimentType.is_not(None), g_s.beamLineName.is_not(None)),
            scope_parent=("sessionUuid", "Session"),
        ),
        Mapping(
            "DataCollection",
            dc,
            31,
            dc.dataCollectionId,
            (
                ref("dataCollectionGroupUuid", dc.dataCollectionGroupId, "DataCollectionGroup"),
                ref("sessionUuid", dc_g.sessionId, "Session", writable=False),
                ref("proposalUuid", dc_s.proposalId, "Proposal", writable=False),
                derived("beamlineName", dc_s.beamLineName),
                ref("sampleUuid", dc_g.blSampleId, "Sample", writable=False),
                ref("detectorUuid", dc.detectorId, "Detector"),
                col("dataCollectionNumber", dc.dataCollectionNumber),
                Field("runStatus", run_status, column="runStatus", computed=True, write=c.RUN_STATUS_WRITE.get),
                col("startTime", dc.startTime),
                col("endTime", dc.endTime),
                col("wavelength", dc.wavelength),
                col("resolution", dc.resolution),
                col("detectorDistance", dc.detectorDistance),
                col("exposureTime", dc.exposureTime),
                col("oscillationStart", dc.axisStart),
                col("oscillationRange", dc.axisRange),
                col("overlap", dc.overlap),
                col("rotationAxis", dc.rotationAxis, vocab=c.ROTATION_AXIS),
                col("numberOfImages", dc.numberOfImages),
                col("startImageNumber", dc.startImageNumber),
                col("numberOfPasses", dc.numberOfPasses),
                col("imageDirectory", dc.imageDirectory),
                col("imagePrefix", dc.imagePrefix),
                col("fileTemplate", dc.fileTemplate),
                col("xBeam", dc.xBeam),
                col("yBeam", dc.yBeam),
                col("beamSizeAtSampleX", dc.beamSizeAtSampleX),
                col("beamSizeAtSampleY", dc.beamSizeAtSampleY),
                col("flux", dc.flux),
                col("transmission", dc.transmission),
                col("comments", dc.comments),
                Field("techniqueParameters", None),  # SSXDataCollection / EventChain / Event: hooks/
            ),
            joins=(
                (dc_g, dc_g.dataCollectionGroupId == dc.dataCollectionGroupId),
                (dc_s, dc_s.sessionId == dc_g.sessionId),
            ),
            proposal=dc_s.proposalId,
            beamline=dc_s.beamLineName,
            created=(stamp(dc.startTime), stamp(dc_g.startTime), stamp(dc_s.bltimeStamp)),
            served=(dc_s.beamLineName.is_not(None),),
        ),
        Mapping(
            "GridScan",
            gi,
            32,
            gi.gridInfoId,
            (
                ref("dataCollectionGroupUuid", gi.dataCollectionGroupId, "DataCollectionGroup"),
                ref("proposalUuid", gi_s.proposalId, "Proposal", writable=False),
                derived("beamlineName", gi_s.beamLineName),
                ref("dataCollectionUuid", gi.dataCollectionId, "DataCollection"),
                col("stepsX", gi.steps_x, read=_steps),
                col("stepsY", gi.steps_y, read=_steps),
                col("dxMm", gi.dx_mm),
                col("dyMm", gi.dy_mm),
                col("meshAngle", gi.meshAngle),
                col("orientation", gi.orientation, vocab=c.GRID_ORIENTATION),
                col("snaked", gi.snaked),
                col("micronsPerPixelX", gi.micronsPerPixelX),
                col("micronsPerPixelY", gi.micronsPerPixelY),
            ),
            joins=(
                (gi_g, gi_g.dataCollectionGroupId == gi.dataCollectionGroupId),
                (gi_s, gi_s.sessionId == gi_g.sessionId),
            ),
            proposal=gi_s.proposalId,
            beamline=gi_s.beamLineName,
            created=(stamp(gi.recordTimeStamp),),
            served=(gi.dataCollectionGroupId.is_not(None), gi.steps_x >= 1, gi.steps_y >= 1),
        ),
        Mapping(
            "EnergyScan",
            es,
            33,
            es.energyScanId,
            (
                ref("sessionUuid", es.sessionId, "Session"),
                ref("proposalUuid", es_s.proposalId, "Proposal", writable=False),
                derived("beamlineName", es_s.beamLineName),
                ref("sampleUuid", es.blSampleId, "Sample"),
                col("element", es.element),
                col("edge", es.edgeEnergy),
                col("startEnergy", es.startEnergy),
                col("endEnergy", es.endEnergy),
                col("peakEnergy", es.peakEnergy),
                col("peakFPrime", es.peakFPrime),
                col("peakFDoublePrime", es.peakFDoublePrime),
                col("inflectionEnergy", es.inflectionEnergy),
                col("inflectionFPrime", es.inflectionFPrime),
                col("inflectionFDoublePrime", es.inflectionFDoublePrime),
                col("exposureTime", es.exposureTime),
                col("transmission", es.transmissionFactor),
                col("scanFileFullPath", es.scanFileFullPath),
                col("choochFileFullPath", es.choochFileFullPath),
                col("startTime", es.startTime),
                col("endTime", es.endTime),
            ),
            joins=((es_s, es_s.sessionId == es.sessionId),),
            proposal=es_s.proposalId,
            beamline=es_s.beamLineName,
            created=(stamp(es.startTime), stamp(es_s.bltimeStamp)),
            served=(es.element.is_not(None), es_s.beamLineName.is_not(None)),
            scope_parent=("sessionUuid", "Session"),
        ),
        Mapping(
            "XrfSpectrum",
            xrf,
            34,
            xrf.xfeFluorescenceSpectrumId,
            (
                ref("sessionUuid", xrf.sessionId, "Session"),
                ref("proposalUuid", xrf_s.proposalId, "Proposal", writable=False),
                derived("beamlineName", xrf_s.beamLineName),
                ref("sampleUuid", xrf.blSampleId, "Sample"),
                col("energy", xrf.energy),
                col("exposureTime", xrf.exposureTime),
                col("transmission", xrf.beamTransmission),
                col("scanFileFullPath", xrf.scanFileFullPath),
                col("fittedDataFileFullPath", xrf.fittedDataFileFullPath),
                col("annotatedSpectrumFullPath", xrf.annotatedPymcaXfeSpectrum),
                col("startTime", xrf.startTime),
                col("endTime", xrf.endTime),
            ),
            joins=((xrf_s, xrf_s.sessionId == xrf.sessionId),),
            proposal=xrf_s.proposalId,
            beamline=xrf_s.beamLineName,
            created=(stamp(xrf.startTime), stamp(xrf_s.bltimeStamp)),
            served=(xrf_s.beamLineName.is_not(None),),
            scope_parent=("sessionUuid", "Session"),
        ),
        Mapping(
            "BeamlineSetup",
            bls,
            35,
            bls.beamLineSetupId,
            (
                col("beamlineName", bls.beamlineName),
                col("synchrotronName", bls.synchrotronName),
                ref("detectorUuid", bls.detectorId, "Detector"),
                col("monochromatorType", bls.monochromatorType),
                col("focusingOptic", bls.focusingOptic),
                col("minExposureTime", bls.minExposureTimePerImage),
                col("maxExposureTime", bls.maxExposureTimePerImage),
                col("minTransmission", bls.minTransmission),
                col("goniostatMinOscillationWidth", bls.goniostatMinOscillationWidth),
                col("active", bls.active),
            ),
            visibility="public",
            created=(stamp(bls.recordTimeStamp),),
            served=(bls.beamlineName.is_not(None),),
        ),
        Mapping(
            "Detector",
            det,
            36,
            det.detectorId,
            (
                col("detectorType", det.detectorType),
                col("manufacturer", det.detectorManufacturer),
                col("model", det.detectorModel),
                col("detectorMode", det.detectorMode),
                col("serialNumber", det.detectorSerialNumber),
                col("pixelSizeX", det.detectorPixelSizeHorizontal),
                col("pixelSizeY", det.detectorPixelSizeVertical),
                col("numberOfPixelsX", det.numberOfPixelsX),
                col("numberOfPixelsY", det.numberOfPixelsY),
                col("distanceMin", det.detectorDistanceMin),
                col("distanceMax", det.detectorDistanceMax),
            ),
            visibility="public",
            served=(
                det.detectorType.is_not(None),
                det.detectorManufacturer.is_not(None),
                det.detectorModel.is_not(None),
            ),
        ),
    ]


# --------------------------------------------------------------------------- processing


def _processing() -> list[Mapping]:
    pj, app, msg, att = d.ProcessingJob, d.AutoProcProgram, d.AutoProcProgramMessage, d.AutoProcProgramAttachment
    integ, stats, scr = d.AutoProcIntegration, d.AutoProcScalingStatistics, d.Screening
    pj_joins, _, pj_s = _session_chain(pj.dataCollectionId)
    app_dc = program_dc(app.autoProcProgramId)
    app_joins, _, app_s = _session_chain(app_dc)
    pipe = aliased(d.ProcessingPipeline)
    implicit_job = aliased(d.ProcessingJob)
    msg_joins, _, msg_s = _session_chain(program_dc(msg.autoProcProgramId))
    att_joins, _, att_s = _session_chain(program_dc(att.autoProcProgramId))
    int_joins, _, int_s = _session_chain(integ.dataCollectionId)
    scaling, autoproc, has_int = aliased(d.AutoProcScaling), aliased(d.AutoProc), aliased(d.AutoProcScalingHasInt)
    st_joins, _, st_s = _session_chain(program_dc(autoproc.autoProcProgramId))
    scr_joins, _, scr_s = _session_chain(scr.dataCollectionId)
    out = aliased(d.ScreeningOutput)
    lat = aliased(d.ScreeningOutputLattice)
    out2, lat2 = aliased(d.ScreeningOutput), aliased(d.ScreeningOutputLattice)
    first_output = select(func.min(out2.screeningOutputId)).where(out2.screeningId == scr.screeningId).scalar_subquery()
    first_lattice = (
        select(func.min(lat2.screeningOutputLatticeId))
        .where(lat2.screeningOutputId == out.screeningOutputId)
        .scalar_subquery()
    )
    single_integration = (
        select(func.min(has_int.autoProcIntegrationId))
        .where(has_int.autoProcScalingId == stats.autoProcScalingId)
        .having(func.count() == 1)
        .scalar_subquery()
    )
    ap_sg = aliased(d.AutoProc)
    space_group = (
        select(ap_sg.spaceGroup)
        .where(ap_sg.autoProcProgramId == integ.autoProcProgramId, ap_sg.spaceGroup.is_not(None))
        .order_by(ap_sg.autoProcId)
        .limit(1)
        .scalar_subquery()
    )
    state = aliased(CommonApiProgramState)  # QUEUED/RUNNING as written (DLS's NULL says "not finished" only)
    status = case(
        (app.processingStatus == 1, "SUCCESS"),
        (app.processingStatus == 0, "FAILED"),
        (state.status.is_not(None), state.status),
        (app.processingStartTime.is_not(None), "RUNNING"),
        else_="QUEUED",
    )
    return [
        Mapping(
            "ProcessingJob",
            pj,
            40,
            pj.processingJobId,
            (
                ref("dataCollectionUuid", pj.dataCollectionId, "DataCollection"),
                ref("proposalUuid", pj_s.proposalId, "Proposal", writable=False),
                derived("beamlineName", pj_s.beamLineName),
                col("displayName", pj.displayName),
                col("recipe", pj.recipe),
                col("automatic", pj.automatic),
                col("comments", pj.comments),
                Field("parameters", None),  # ProcessingJobParameter rows: hooks/
            ),
            joins=pj_joins,
            proposal=pj_s.proposalId,
            beamline=pj_s.beamLineName,
            created=(stamp(pj.recordTimestamp),),
            served=(
                pj.dataCollectionId.is_not(None),
                pj_s.beamLineName.is_not(None),
                func.coalesce(pj.comments, "") != IMPLICIT_JOB_COMMENT,
            ),
            scope_parent=("dataCollectionUuid", "DataCollection"),
        ),
        Mapping(
            "ProcessingProgram",
            app,
            41,
            app.autoProcProgramId,
            (
                Field("dataCollectionUuid", app_dc, ref="DataCollection"),  # written through a job: hooks/
                ref("proposalUuid", app_s.proposalId, "Proposal", writable=False),
                derived("beamlineName", app_s.beamLineName),
                Field(
                    "processingJobUuid",
                    case((implicit_job.processingJobId.is_(None), app.processingJobId), else_=null()),
                    ref="ProcessingJob",
                ),
                col("programs", app.processingPrograms),
                Field("pipeline", pipe.name),  # ProcessingPipeline lookup by name: hooks/ writes the id
                col("commandLine", app.processingCommandLine),
                Field("status", status, column="processingStatus", computed=True, write=c.processing_status_write),
                col("message", app.processingMessage),
                col("startTime", app.processingStartTime),
                col("endTime", app.processingEndTime),
                col("environment", app.processingEnvironment),
            ),
            joins=(
                *app_joins,
                (pipe, pipe.processingPipelineId == app.processingPipelineId),
                (state, state.autoProcProgramId == app.autoProcProgramId),
                (
                    implicit_job,
                    and_(
                        implicit_job.processingJobId == app.processingJobId,
                        implicit_job.comments == IMPLICIT_JOB_COMMENT,
                        implicit_job.displayName.is_(None),
                    ),
                ),
            ),
            proposal=app_s.proposalId,
            beamline=app_s.beamLineName,
            created=(stamp(app.recordTimeStamp), stamp(app.processingStartTime)),
            served=(app_dc.is_not(None), app_s.beamLineName.is_not(None)),
            scope_parent=("dataCollectionUuid", "DataCollection"),
        ),
        Mapping(
            "ProcessingMessage",
            msg,
            42,
            msg.autoProcProgramMessageId,
            (
                ref("processingProgramUuid", msg.autoProcProgramId, "ProcessingProgram"),
                ref("proposalUuid", msg_s.proposalId, "Proposal", writable=False),
                derived("beamlineName", msg_s.beamLineName),
                col("severity", msg.severity, vocab=c.MESSAGE_SEVERITY),
                col("message", msg.message),
                col("description", msg.description),
                col("recordedAt", msg.recordTimeStamp),  # TIMESTAMP: 1970–2038 only (else 422)
            ),
            joins=msg_joins,
            proposal=msg_s.proposalId,
            beamline=msg_s.beamLineName,
            created=(stamp(msg.recordTimeStamp),),
            served=(msg.autoProcProgramId.is_not(None), msg.message.is_not(None), msg_s.beamLineName.is_not(None)),
        ),
        Mapping(
            "ProcessingAttachment",
            att,
            43,
            att.autoProcProgramAttachmentId,
            (
                ref("processingProgramUuid", att.autoProcProgramId, "ProcessingProgram"),
                ref("proposalUuid", att_s.proposalId, "Proposal", writable=False),
                derived("beamlineName", att_s.beamLineName),
                col("fileType", att.fileType, vocab=c.FILE_TYPE),
                col("fileName", att.fileName),
                col("filePath", att.filePath),
                col("importanceRank", att.importanceRank),
            ),
            joins=att_joins,
            proposal=att_s.proposalId,
            beamline=att_s.beamLineName,
            created=(stamp(att.recordTimeStamp),),
            served=(
                func.coalesce(att.deleted, 0) == 0,
                att.fileType.is_not(None),
                att.fileName.is_not(None),
                att.filePath.is_not(None),
                att_s.beamLineName.is_not(None),
            ),
        ),
        Mapping(
            "Integration",
            integ,
            44,
            integ.autoProcIntegrationId,
            (
                ref("processingProgramUuid", integ.autoProcProgramId, "ProcessingProgram"),
                ref("proposalUuid", int_s.proposalId, "Proposal", writable=False),
                derived("beamlineName", int_s.beamLineName),
                ref("dataCollectionUuid", integ.dataCollectionId, "DataCollection"),
                col("startImageNumber", integ.startImageNumber),
                col("endImageNumber", integ.endImageNumber),
                col("refinedDetectorDistance", integ.refinedDetectorDistance),
                col("refinedXBeam", integ.refinedXBeam),
                col("refinedYBeam", integ.refinedYBeam),
                Field("spaceGroup", space_group),  # AutoProc.spaceGroup of the program: hooks/ writes it
                col("cellA", integ.cell_a),
                col("cellB", integ.cell_b),
                col("cellC", integ.cell_c),
                col("cellAlpha", integ.cell_alpha),
                col("cellBeta", integ.cell_beta),
                col("cellGamma", integ.cell_gamma),
                col("anomalous", integ.anomalous),
            ),
            joins=int_joins,
            proposal=int_s.proposalId,
            beamline=int_s.beamLineName,
            created=(stamp(integ.recordTimeStamp),),
            served=(integ.autoProcProgramId.is_not(None), int_s.beamLineName.is_not(None)),
        ),
        Mapping(
            "ScalingStatistics",
            stats,
            45,
            stats.autoProcScalingStatisticsId,
            (
                Field("processingProgramUuid", autoproc.autoProcProgramId, ref="ProcessingProgram"),
                ref("proposalUuid", st_s.proposalId, "Proposal", writable=False),
                derived("beamlineName", st_s.beamLineName),
                Field("integrationUuid", single_integration, ref="Integration"),
                col("shell", stats.scalingStatisticsType, vocab=c.SCALING_SHELL),
                col("resolutionLimitLow", stats.resolutionLimitLow),
                col("resolutionLimitHigh", stats.resolutionLimitHigh),
                col("rMerge", stats.rMerge),
                col("rMeas", stats.rMeasAllIPlusIMinus),
                col("rPim", stats.rPimAllIPlusIMinus),
                col("meanIOverSigI", stats.meanIOverSigI),
                col("completeness", stats.completeness),
                col("multiplicity", stats.multiplicity),
                col("ccHalf", stats.ccHalf),
                col("anomalousCompleteness", stats.anomalousCompleteness),
                col("anomalousMultiplicity", stats.anomalousMultiplicity),
                col("ccAnomalous", stats.ccAnomalous),
                col("totalObservations", stats.nTotalObservations),
                col("uniqueObservations", stats.nTotalUniqueObservations),
            ),
            joins=(
                (scaling, scaling.autoProcScalingId == stats.autoProcScalingId),
                (autoproc, autoproc.autoProcId == scaling.autoProcId),
                *st_joins,
            ),
            proposal=st_s.proposalId,
            beamline=st_s.beamLineName,
            created=(stamp(stats.recordTimeStamp), stamp(scaling.recordTimeStamp)),
            served=(autoproc.autoProcProgramId.is_not(None), st_s.beamLineName.is_not(None)),
        ),
        Mapping(
            "Screening",
            scr,
            46,
            scr.screeningId,
            (
                ref("dataCollectionUuid", scr.dataCollectionId, "DataCollection"),
                ref("proposalUuid", scr_s.proposalId, "Proposal", writable=False),
                derived("beamlineName", scr_s.beamLineName),
                ref("processingProgramUuid", scr.autoProcProgramId, "ProcessingProgram"),
                col("programVersion", scr.programVersion),
                derived("indexingSuccess", out.indexingSuccess),
                derived("strategySuccess", out.strategySuccess),
                derived("mosaicity", out.mosaicity),
                derived("resolutionObtained", out.resolutionObtained),
                derived("spotsFound", out.numSpotsFound),
                derived("spaceGroup", lat.spaceGroup),
                derived("cellA", lat.unitCell_a),
                derived("cellB", lat.unitCell_b),
                derived("cellC", lat.unitCell_c),
                derived("cellAlpha", lat.unitCell_alpha),
                derived("cellBeta", lat.unitCell_beta),
                derived("cellGamma", lat.unitCell_gamma),
                col("comments", scr.comments),
                Field("strategies", None),  # ScreeningStrategy → Wedge → SubWedge: hooks/
            ),
            joins=(
                *scr_joins,
                (out, out.screeningOutputId == first_output),
                (lat, lat.screeningOutputLatticeId == first_lattice),
            ),
            proposal=scr_s.proposalId,
            beamline=scr_s.beamLineName,
            created=(stamp(scr.bltimeStamp),),
            updated=(stamp(scr.bltimeStamp),),
            served=(scr.dataCollectionId.is_not(None), scr_s.beamLineName.is_not(None)),
            scope_parent=("dataCollectionUuid", "DataCollection"),
        ),
    ]


#: A ProcessingJob row the adapter creates for a program sent without ``processingJobUuid`` (DLS links programs
#: to data collections only through a job). It is hidden from ``/v1/processing-jobs``.
IMPLICIT_JOB_COMMENT = "common-api: implicit job of a processing program"


def all_mappings() -> list[Mapping]:
    """Every resource the DLS adapter serves (``site.py`` declares the site from them)."""
    return [*_proposals(), *_samples(), *_shipping(), *_acquisition(), *_processing()]
