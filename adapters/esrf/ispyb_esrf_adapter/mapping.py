"""Each common resource as a query over ESRF's tables (``ispyb.models``): one declaration per resource.

The declarations are data (``site_kit.mapped``): field name → the SQL expression read and the ESRF column written,
so that docs/site-mapping.md can be generated from them. Where ESRF differs from Diamond:

* the processing chain starts at ``AutoProcProgram.dataCollectionId`` (ESRF has no ProcessingJob tables);
  ``processing-jobs`` are requests kept by the adapter (``CommonApiProcessingJob``), and program messages are
  kept by it too (ESRF has no ``AutoProcProgramMessage``);
* ``processingStatus`` is ENUM('RUNNING','FAILED','SUCCESS','0','1'); NULL is a program not started (QUEUED);
* workflows (``Workflow``/``WorkflowStep``) serve ``beamline-events``; a workflow's session is that of its groups
  (``DataCollectionGroup.workflowId``), grid scans may hang off a workflow's mesh (``WorkflowMesh``);
* Screening hangs off the group (``Screening.dataCollectionGroupId``), its data collection read from it when
  ``Screening.dataCollectionId`` is empty;
* values an ESRF column cannot hold are kept beside the row (``side.py``).
"""

from __future__ import annotations

from functools import cache
from typing import Any

import ispyb.models as e
from sqlalchemy import TIMESTAMP, Double, Integer, case, cast, func, literal, null, select
from sqlalchemy.orm import aliased

from ispyb_esrf_adapter import vocabularies as v
from ispyb_esrf_adapter.db import CommonApiProcessingJob, CommonApiProcessingMessage
from ispyb_esrf_adapter.side import Beside, beside
from site_kit.mapped import Expr, Field, Mapping, as_bool, derived, ref
from site_kit.mapped import col as kit_col


def _utc(column: Any) -> bool:
    """ispyb.models declares TIMESTAMP columns with SQLAlchemy's generic type: they hold UTC too."""
    return isinstance(getattr(column, "type", None), TIMESTAMP)


def stamp(column: Any) -> tuple[Expr, bool]:
    """A creation or modification stamp candidate (TIMESTAMP: UTC; DATETIME: Grenoble time)."""
    return (column, _utc(column))


def col(name: str, column: Any, **kw: Any) -> Field:
    """``site_kit.mapped.col``, knowing that ispyb.models' generic TIMESTAMP columns hold UTC."""
    kw.setdefault("utc", _utc(column))
    return kit_col(name, column, **kw)


#: an AutoProcProgram the adapter creates for image quality indicators written through the API (ESRF's
#: ``ImageQualityIndicators.autoProcProgramId`` is NOT NULL): hidden from ``/v1/processing-programs``
IMPLICIT_PROGRAM = "common-api: image quality indicators"

#: ``Beside`` declarations by resource (the hooks write them): see side.py
SIDE: dict[str, tuple[Beside, ...]] = {}


def _expr(f: Field) -> Expr:
    """The expression a field is read from (fields of ``beside`` always have one)."""
    assert f.expr is not None
    return f.expr


def _present(f: Field) -> Expr:
    """SQL: the field has a value (a ``served`` condition)."""
    return _expr(f).is_not(None)


def _steps(value: Any) -> int | None:
    if value is None or float(value) != int(float(value)) or int(float(value)) < 1:
        return None
    return int(float(value))


def _location(value: Any) -> int | None:
    text = str(value).strip() if value is not None else ""
    return int(text) if text.isdigit() and 1 <= int(text) <= 1000 else None


def _side(name: str, table: Any, key: Expr, specs: tuple[tuple[Beside, Expr | None], ...]) -> tuple[list[Field], list]:
    """Fields and joins of ``specs`` (each kept beside ``table``), recorded in SIDE for the hooks."""
    SIDE[name] = tuple(s for s, _ in specs)
    fields, joins = [], []
    for spec, native in specs:
        f, j = beside(table.__tablename__, key, spec, native)
        fields.append(f)
        joins.append(j)
    return fields, joins


def program_dc(program_id: Expr) -> Expr:
    """The data collection of a program: ``AutoProcProgram.dataCollectionId``, else its first integration's."""
    app, api = aliased(e.AutoProcProgram), aliased(e.AutoProcIntegration)
    direct = select(app.dataCollectionId).where(app.autoProcProgramId == program_id).scalar_subquery()
    via_integration = (
        select(func.min(api.dataCollectionId)).where(api.autoProcProgramId == program_id).scalar_subquery()
    )
    return func.coalesce(direct, via_integration)


def _session_chain(dc_id: Expr) -> tuple[tuple[tuple[Any, Expr], ...], Any]:
    """Joins DataCollection → DataCollectionGroup → BLSession from a data collection id expression."""
    dc, dcg, s = aliased(e.DataCollection), aliased(e.DataCollectionGroup), aliased(e.BLSession)
    joins = (
        (dc, dc.dataCollectionId == dc_id),
        (dcg, dcg.dataCollectionGroupId == dc.dataCollectionGroupId),
        (s, s.sessionId == dcg.sessionId),
    )
    return joins, s


def _workflow_session(workflow_id: Expr) -> Expr:
    """ESRF's Workflow has no session: it is that of the groups the workflow ran (``DCG.workflowId``)."""
    g = aliased(e.DataCollectionGroup)
    return select(func.min(g.sessionId)).where(g.workflowId == workflow_id).scalar_subquery()


# --------------------------------------------------------------------------- proposals


def _proposals() -> list[Mapping]:
    p, s, sp = e.Proposal, e.BLSession, aliased(e.Proposal)
    php, php_p = e.ProposalHasPerson, aliased(e.Proposal)
    shp, shp_s = e.SessionHasPerson, aliased(e.BLSession)
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
                col("proposalType", p.proposalType, vocab=v.PROPOSAL_TYPE),
                col("state", p.state, vocab=v.PROPOSAL_STATE),
                Field("principalInvestigatorUuid", case((p.personId == 0, null()), else_=p.personId), ref="Person"),
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
                col("scheduled", s.scheduled, read=as_bool),
                col("comments", s.comments),
            ),
            joins=((sp, sp.proposalId == s.proposalId),),
            proposal=s.proposalId,
            beamline=s.beamLineName,
            created=(stamp(s.bltimeStamp),),
            served=(s.beamLineName.is_not(None), s.visit_number.is_not(None), sp.proposalId.is_not(None)),
        ),
        Mapping(
            "Person",
            e.Person,
            3,
            e.Person.personId,
            (
                col("givenName", e.Person.givenName),
                col("familyName", e.Person.familyName),
                col("login", e.Person.login),
                col("emailAddress", e.Person.emailAddress),
                ref("laboratoryUuid", e.Person.laboratoryId, "Laboratory"),
            ),
            visibility="person",
            created=(stamp(e.Person.recordTimeStamp),),
            served=(e.Person.familyName.is_not(None),),
            unheld=(("orcid", "no column in ispyb-database 1.1.0 Person"),),
        ),
        Mapping(
            "ProposalMember",
            php,
            4,
            php.proposalHasPersonId,
            (
                ref("proposalUuid", php.proposalId, "Proposal"),
                ref("personUuid", php.personId, "Person"),
                # ESRF's ProposalHasPerson has no role: the proposal's own person is its PI, the others co-investigate
                derived(
                    "role",
                    case((php_p.personId == php.personId, "PRINCIPAL_INVESTIGATOR"), else_="CO_INVESTIGATOR"),
                    computed=True,
                ),
            ),
            joins=((php_p, php_p.proposalId == php.proposalId),),
            proposal=php.proposalId,
            created=(stamp(php_p.bltimeStamp),),
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
                col("role", shp.role, vocab=v.SESSION_ROLE),
                col("remote", shp.remote, read=as_bool),
            ),
            joins=((shp_s, shp_s.sessionId == shp.sessionId),),
            proposal=shp_s.proposalId,
            created=(stamp(shp_s.bltimeStamp),),
            served=(shp.role.is_not(None),),
        ),
        Mapping(
            "LabContact",
            e.LabContact,
            6,
            e.LabContact.labContactId,
            (
                ref("proposalUuid", e.LabContact.proposalId, "Proposal"),
                ref("personUuid", e.LabContact.personId, "Person"),
                col("cardName", e.LabContact.cardName),
                col("defaultCourierCompany", e.LabContact.defaultCourrierCompany),
                col("courierAccount", e.LabContact.courierAccount),
                col("dewarAverageCustomsValue", e.LabContact.dewarAvgCustomsValue),
            ),
            proposal=e.LabContact.proposalId,
            created=(stamp(e.LabContact.recordTimeStamp),),
        ),
        Mapping(
            "Laboratory",
            e.Laboratory,
            7,
            e.Laboratory.laboratoryId,
            (
                col("name", e.Laboratory.name),
                col("organization", e.Laboratory.organization),
                col("address", e.Laboratory.address),
                col("city", e.Laboratory.city),
                col("country", e.Laboratory.country),
            ),
            visibility="public",
            created=(stamp(e.Laboratory.recordTimeStamp),),
            served=(e.Laboratory.name.is_not(None),),
            unheld=(("postcode", "no column in ispyb-database 1.1.0 Laboratory"),),
        ),
    ]


# --------------------------------------------------------------------------- samples and shipping


def _samples() -> list[Mapping]:
    pr, cr, bs, img = e.Protein, e.Crystal, e.BLSample, e.BLSampleImage
    cr_pr = aliased(e.Protein)
    s_cr, s_pr = aliased(e.Crystal), aliased(e.Protein)
    i_bs, i_cr, i_pr = aliased(e.BLSample), aliased(e.Crystal), aliased(e.Protein)
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
                col("safetyLevel", pr.safetyLevel, vocab=v.SAFETY_LEVEL),
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
                col("location", bs.location, read=_location, write=lambda x: None if x is None else str(x)),
                derived("status", sample_status, vocab=v.SAMPLE_STATUS),
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
            unheld=(
                ("offsetX", "no column in ispyb-database 1.1.0 BLSampleImage"),
                ("offsetY", "no column in ispyb-database 1.1.0 BLSampleImage"),
            ),
        ),
    ]


def _shipping() -> list[Mapping]:
    sh, dw, ct = e.Shipping, e.Dewar, e.Container
    sh_p = aliased(e.Proposal)
    dw_sh = aliased(e.Shipping)
    c_dw, c_sh = aliased(e.Dewar), aliased(e.Shipping)
    return [
        Mapping(
            "Shipment",
            sh,
            20,
            sh.shippingId,
            (
                ref("proposalUuid", sh.proposalId, "Proposal"),
                col("name", sh.shippingName),
                col("status", sh.shippingStatus, vocab=v.SHIPMENT_STATUS),
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
                col("type", dw.type, vocab=v.DEWAR_TYPE),
                col("status", dw.dewarStatus, vocab=v.DEWAR_STATUS),
                col("trackingNumberToFacility", dw.trackingNumberToSynchrotron),
                col("trackingNumberFromFacility", dw.trackingNumberFromSynchrotron),
            ),
            joins=((dw_sh, dw_sh.shippingId == dw.shippingId),),
            proposal=dw_sh.proposalId,
            created=(stamp(dw.bltimeStamp), stamp(dw_sh.creationDate), stamp(dw_sh.bltimeStamp)),
            served=(dw.code.is_not(None), dw.shippingId.is_not(None)),
            unheld=(("weight", "no column in ispyb-database 1.1.0 Dewar"),),
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
                col("containerType", ct.containerType, vocab=v.CONTAINER_TYPE),
                col("capacity", ct.capacity),
                col("status", ct.containerStatus, vocab=v.CONTAINER_STATUS),
                col("sampleChangerLocation", ct.sampleChangerLocation),
                col("beamlineLocation", ct.beamlineLocation),
                ref("sessionUuid", ct.sessionId, "Session"),
            ),
            joins=((c_dw, c_dw.dewarId == ct.dewarId), (c_sh, c_sh.shippingId == c_dw.shippingId)),
            proposal=c_sh.proposalId,
            created=(stamp(ct.bltimeStamp), stamp(c_dw.bltimeStamp)),
            served=(
                ct.dewarId.is_not(None),
                ct.code.is_not(None),
                ct.capacity.is_not(None),
                ct.containerType.in_(list(v.CONTAINER_TYPE.read_map)),
            ),
        ),
    ]


# --------------------------------------------------------------------------- acquisition


def _acquisition() -> list[Mapping]:
    dcg, dc, gi, es, xrf = e.DataCollectionGroup, e.DataCollection, e.GridInfo, e.EnergyScan, e.XFEFluorescenceSpectrum
    g_s = aliased(e.BLSession)
    dc_g, dc_s = aliased(e.DataCollectionGroup), aliased(e.BLSession)
    gi_g, gi_s = aliased(e.DataCollectionGroup), aliased(e.BLSession)
    es_s, xrf_s = aliased(e.BLSession), aliased(e.BLSession)
    bls, det = e.BeamLineSetup, e.Detector
    run_status = case(
        (func.lower(dc.runStatus).like("%success%"), "SUCCESSFUL"),
        (func.lower(dc.runStatus).like("%fail%"), "FAILED"),
        (func.lower(dc.runStatus).like("%abort%"), "ABORTED"),
        (func.lower(dc.runStatus).like("%stop%"), "ABORTED"),
        (func.lower(dc.runStatus).like("%running%"), "RUNNING"),
        else_=null(),
    )
    dcg_side, dcg_joins = _side(
        "DataCollectionGroup",
        dcg,
        dcg.dataCollectionGroupId,
        ((Beside("experimentType", "text", dcg.experimentType, v.EXPERIMENT_TYPE), None),),
    )
    experiment_type = dcg_side[0]
    # a grid scan of a workflow's mesh belongs to the workflow's (first) group
    wm, wm_g = aliased(e.WorkflowMesh), aliased(e.DataCollectionGroup)
    mesh_group = (
        select(func.min(wm_g.dataCollectionGroupId))
        .select_from(wm)
        .join(wm_g, wm_g.workflowId == wm.workflowId)
        .where(wm.workflowMeshId == gi.workflowMeshId)
        .scalar_subquery()
    )
    grid_group = func.coalesce(gi.dataCollectionGroupId, mesh_group)
    grid_side, grid_joins = _side(
        "GridScan",
        gi,
        gi.gridInfoId,
        (
            (Beside("dataCollectionUuid", "ref"), None),
            (Beside("snaked", "boolean"), None),
            (Beside("micronsPerPixelX", "number"), 1 / func.nullif(cast(gi.pixelspermicronX, Double), 0)),
            (Beside("micronsPerPixelY", "number"), 1 / func.nullif(cast(gi.pixelspermicronY, Double), 0)),
        ),
    )
    bls_session = aliased(e.BLSession)
    setup_beamline = (
        select(func.min(bls_session.beamLineName))
        .where(bls_session.beamLineSetupId == bls.beamLineSetupId)
        .scalar_subquery()
    )
    bls_side, bls_joins = _side(
        "BeamlineSetup",
        bls,
        bls.beamLineSetupId,
        (
            (Beside("beamlineName", "text"), setup_beamline),
            (Beside("detectorUuid", "ref"), None),
            (Beside("maxExposureTime", "number"), None),
            (Beside("active", "boolean"), None),
        ),
    )
    det_side, det_joins = _side(
        "Detector",
        det,
        det.detectorId,
        ((Beside("numberOfPixelsX", "integer"), None), (Beside("numberOfPixelsY", "integer"), None)),
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
                experiment_type,
                col("startTime", dcg.startTime),
                col("endTime", dcg.endTime),
                col("comments", dcg.comments),
            ),
            joins=((g_s, g_s.sessionId == dcg.sessionId), *dcg_joins),
            proposal=g_s.proposalId,
            beamline=g_s.beamLineName,
            created=(stamp(dcg.startTime), stamp(g_s.bltimeStamp)),
            served=(_present(experiment_type), g_s.beamLineName.is_not(None)),
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
                Field("runStatus", run_status, column="runStatus", computed=True, write=v.RUN_STATUS_WRITE.get),
                col("startTime", dc.startTime),
                col("endTime", dc.endTime),
                col("wavelength", dc.wavelength),
                col("resolution", dc.resolution),
                col("detectorDistance", dc.detectorDistance),
                col("exposureTime", dc.exposureTime),
                col("oscillationStart", dc.axisStart),
                col("oscillationRange", dc.axisRange),
                col("overlap", dc.overlap),
                col("rotationAxis", dc.rotationAxis, vocab=v.ROTATION_AXIS),
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
                Field("techniqueParameters", None),  # SSXDataCollection / EventChain / Event: hooks.py
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
                Field("dataCollectionGroupUuid", grid_group, column="dataCollectionGroupId", ref="DataCollectionGroup"),
                ref("proposalUuid", gi_s.proposalId, "Proposal", writable=False),
                derived("beamlineName", gi_s.beamLineName),
                grid_side[0],
                col("stepsX", gi.steps_x, read=_steps),
                col("stepsY", gi.steps_y, read=_steps),
                col("dxMm", gi.dx_mm),
                col("dyMm", gi.dy_mm),
                col("meshAngle", gi.meshAngle),
                col("orientation", gi.orientation, vocab=v.GRID_ORIENTATION),
                *grid_side[1:],
            ),
            joins=(
                (gi_g, gi_g.dataCollectionGroupId == grid_group),
                (gi_s, gi_s.sessionId == gi_g.sessionId),
                *grid_joins,
            ),
            proposal=gi_s.proposalId,
            beamline=gi_s.beamLineName,
            created=(stamp(gi.recordTimeStamp),),
            served=(grid_group.is_not(None), gi.steps_x >= 1, gi.steps_y >= 1),
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
                bls_side[0],
                col("synchrotronName", bls.synchrotronName),
                bls_side[1],
                col("monochromatorType", bls.monochromatorType),
                col("focusingOptic", bls.focusingOptic),
                col("minExposureTime", bls.minExposureTimePerImage),
                bls_side[2],
                col("minTransmission", bls.minTransmission),
                col("goniostatMinOscillationWidth", bls.goniostatMinOscillationWidth),
                bls_side[3],
            ),
            joins=tuple(bls_joins),
            visibility="public",
            created=(stamp(bls.recordTimeStamp),),
            served=(_present(bls_side[0]),),
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
                col("serialNumber", det.detectorSerialNumber),
                col("pixelSizeX", det.detectorPixelSizeHorizontal),
                col("pixelSizeY", det.detectorPixelSizeVertical),
                *det_side,
                col("distanceMin", det.detectorDistanceMin),
                col("distanceMax", det.detectorDistanceMax),
            ),
            joins=tuple(det_joins),
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
    job, app, msg, att = (
        CommonApiProcessingJob,
        e.AutoProcProgram,
        CommonApiProcessingMessage,
        e.AutoProcProgramAttachment,
    )
    integ, stats, scr = e.AutoProcIntegration, e.AutoProcScalingStatistics, e.Screening
    job_joins, job_s = _session_chain(job.dataCollectionId)
    app_dc = func.coalesce(app.dataCollectionId, program_dc(app.autoProcProgramId))
    app_joins, app_s = _session_chain(app_dc)
    msg_joins, msg_s = _session_chain(program_dc(msg.autoProcProgramId))
    att_joins, att_s = _session_chain(program_dc(att.autoProcProgramId))
    int_joins, int_s = _session_chain(integ.dataCollectionId)
    scaling, autoproc, has_int = aliased(e.AutoProcScaling), aliased(e.AutoProc), aliased(e.AutoProcScalingHasInt)
    st_joins, st_s = _session_chain(program_dc(autoproc.autoProcProgramId))
    # Screening hangs off the group; its data collection is Screening.dataCollectionId, else the group's first
    first_dc = aliased(e.DataCollection)
    scr_dc_of_group = (
        select(func.min(first_dc.dataCollectionId))
        .where(first_dc.dataCollectionGroupId == scr.dataCollectionGroupId)
        .scalar_subquery()
    )
    scr_dc = func.coalesce(scr.dataCollectionId, scr_dc_of_group)
    scr_joins, scr_s = _session_chain(scr_dc)
    out, lat = aliased(e.ScreeningOutput), aliased(e.ScreeningOutputLattice)
    out2, lat2 = aliased(e.ScreeningOutput), aliased(e.ScreeningOutputLattice)
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
    ap_sg = aliased(e.AutoProc)
    space_group = (
        select(ap_sg.spaceGroup)
        .where(ap_sg.autoProcProgramId == integ.autoProcProgramId, ap_sg.spaceGroup.is_not(None))
        .order_by(ap_sg.autoProcId)
        .limit(1)
        .scalar_subquery()
    )
    status = case(
        (app.processingStatus.in_(["SUCCESS", "1"]), "SUCCESS"),
        (app.processingStatus.in_(["FAILED", "0"]), "FAILED"),
        (app.processingStatus == "RUNNING", "RUNNING"),
        else_="QUEUED",  # NULL: ESRF's pipelines set RUNNING when they start
    )
    app_side, app_side_joins = _side(
        "ProcessingProgram",
        app,
        app.autoProcProgramId,
        ((Beside("processingJobUuid", "ref"), None), (Beside("pipeline", "text"), None)),
    )
    att_side, att_side_joins = _side(
        "ProcessingAttachment",
        att,
        att.autoProcProgramAttachmentId,
        (
            (Beside("fileType", "text", att.fileType, v.FILE_TYPE), None),
            (Beside("importanceRank", "integer"), None),
        ),
    )
    scr_side, scr_side_joins = _side(
        "Screening", scr, scr.screeningId, ((Beside("processingProgramUuid", "ref"), None),)
    )
    return [
        Mapping(
            "ProcessingJob",
            job,
            40,
            job.processingJobId,
            (
                ref("dataCollectionUuid", job.dataCollectionId, "DataCollection"),
                ref("proposalUuid", job_s.proposalId, "Proposal", writable=False),
                derived("beamlineName", job_s.beamLineName),
                col("displayName", job.displayName),
                col("recipe", job.recipe),
                col("automatic", job.automatic, read=as_bool),
                col("comments", job.comments),
                Field("parameters", None),  # CommonApiProcessingJobParameter rows: hooks.py
            ),
            joins=job_joins,
            proposal=job_s.proposalId,
            beamline=job_s.beamLineName,
            created=(stamp(job.recordTimestamp),),
            served=(job_s.beamLineName.is_not(None),),
            scope_parent=("dataCollectionUuid", "DataCollection"),
        ),
        Mapping(
            "ProcessingProgram",
            app,
            41,
            app.autoProcProgramId,
            (
                Field("dataCollectionUuid", app_dc, column="dataCollectionId", ref="DataCollection"),
                ref("proposalUuid", app_s.proposalId, "Proposal", writable=False),
                derived("beamlineName", app_s.beamLineName),
                app_side[0],
                col("programs", app.processingPrograms),
                app_side[1],
                col("commandLine", app.processingCommandLine),
                Field("status", status, column="processingStatus", computed=True, write=v.processing_status_write),
                col("message", app.processingMessage),
                col("startTime", app.processingStartTime),
                col("endTime", app.processingEndTime),
                col("environment", app.processingEnvironment),
            ),
            joins=(*app_joins, *app_side_joins),
            proposal=app_s.proposalId,
            beamline=app_s.beamLineName,
            created=(stamp(app.recordTimeStamp), stamp(app.processingStartTime)),
            served=(
                app_dc.is_not(None),
                app_s.beamLineName.is_not(None),
                func.coalesce(app.processingPrograms, "") != IMPLICIT_PROGRAM,
            ),
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
                col("severity", msg.severity, vocab=v.MESSAGE_SEVERITY),
                col("message", msg.message),
                col("description", msg.description),
                derived("recordedAt", msg.recordTimeStamp, utc=True),
            ),
            joins=msg_joins,
            proposal=msg_s.proposalId,
            beamline=msg_s.beamLineName,
            created=(stamp(msg.recordTimeStamp),),
            served=(msg.message.is_not(None), msg_s.beamLineName.is_not(None)),
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
                att_side[0],
                col("fileName", att.fileName),
                col("filePath", att.filePath),
                att_side[1],
            ),
            joins=(*att_joins, *att_side_joins),
            proposal=att_s.proposalId,
            beamline=att_s.beamLineName,
            created=(stamp(att.recordTimeStamp),),
            served=(
                _present(att_side[0]),
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
                Field("spaceGroup", space_group),  # AutoProc.spaceGroup of the program: hooks.py writes it
                col("cellA", integ.cell_a),
                col("cellB", integ.cell_b),
                col("cellC", integ.cell_c),
                col("cellAlpha", integ.cell_alpha),
                col("cellBeta", integ.cell_beta),
                col("cellGamma", integ.cell_gamma),
                col("anomalous", integ.anomalous, read=as_bool),
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
                col("shell", stats.scalingStatisticsType, vocab=v.SCALING_SHELL),
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
                col("ccAnomalous", stats.ccAno),
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
                Field("dataCollectionUuid", scr_dc, column="dataCollectionId", ref="DataCollection"),
                ref("proposalUuid", scr_s.proposalId, "Proposal", writable=False),
                derived("beamlineName", scr_s.beamLineName),
                scr_side[0],
                col("programVersion", scr.programVersion),
                derived("indexingSuccess", out.indexingSuccess, read=as_bool),
                derived("strategySuccess", out.strategySuccess, read=as_bool),
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
                Field("strategies", None),  # ScreeningStrategy → Wedge → SubWedge: hooks.py
            ),
            joins=(
                *scr_joins,
                (out, out.screeningOutputId == first_output),
                (lat, lat.screeningOutputLatticeId == first_lattice),
                *scr_side_joins,
            ),
            proposal=scr_s.proposalId,
            beamline=scr_s.beamLineName,
            created=(stamp(scr.bltimeStamp),),
            updated=(stamp(scr.bltimeStamp),),
            served=(scr_dc.is_not(None), scr_s.beamLineName.is_not(None)),
            scope_parent=("dataCollectionUuid", "DataCollection"),
        ),
    ]


# --------------------------------------------------------------------------- beamline events (ESRF only)


def _events() -> list[Mapping]:
    ra, im, iqi, att = e.RobotAction, e.Image, e.ImageQualityIndicators, e.DataCollectionFileAttachment
    wf, st = e.Workflow, e.WorkflowStep
    ra_s = aliased(e.BLSession)
    im_joins, im_s = _session_chain(im.dataCollectionId)
    iqi_joins, iqi_s = _session_chain(iqi.dataCollectionId)
    att_joins, att_s = _session_chain(att.dataCollectionId)
    ra_side, ra_side_joins = _side(
        "RobotAction",
        ra,
        ra.robotActionId,
        (
            (Beside("actionType", "text", ra.actionType, v.ROBOT_ACTION_TYPE), None),
            (Beside("status", "text", ra.status, v.ROBOT_ACTION_STATUS), None),
            (Beside("startTime", "instant", ra.startTimestamp, utc=True), None),
            (Beside("endTime", "instant", ra.endTimestamp, utc=True), None),
        ),
    )
    im_side, im_side_joins = _side(
        "Image", im, im.imageId, ((Beside("recordedAt", "instant", im.recordTimeStamp, utc=True), None),)
    )
    iqi_side, iqi_side_joins = _side(
        "ImageQualityIndicators",
        iqi,
        iqi.imageQualityIndicatorsId,
        ((Beside("imageNumber", "integer", iqi.imageNumber), None),),
    )
    att_side, att_side_joins = _side(
        "DataCollectionAttachment",
        att,
        att.dataCollectionFileAttachmentId,
        (
            (Beside("fileType", "text", att.fileType, v.DC_FILE_TYPE), None),
            (Beside("recordedAt", "instant", att.createTime, utc=True), None),
        ),
    )
    wf_side, wf_side_joins = _side(
        "Workflow",
        wf,
        wf.workflowId,
        (
            (Beside("sessionUuid", "ref"), _workflow_session(wf.workflowId)),
            (Beside("workflowType", "text", wf.workflowType), None),
            (Beside("endTime", "instant"), None),
        ),
    )
    wf_session = _expr(wf_side[0])
    wf_s = aliased(e.BLSession)
    st_side, st_side_joins = _side(
        "WorkflowStep", st, st.workflowStepId, ((Beside("endTime", "instant", st.recordTimeStamp, utc=True), None),)
    )
    st_wf_side = aliased(e.Workflow)
    from ispyb_esrf_adapter.db import CommonApiValue

    st_kept = aliased(CommonApiValue)
    st_session = func.coalesce(
        select(cast(st_kept.text, Integer))
        .where(st_kept.tableName == "Workflow", st_kept.rowKey == st.workflowId, st_kept.field == "sessionUuid")
        .scalar_subquery(),
        _workflow_session(st.workflowId),
    )
    st_s = aliased(e.BLSession)
    return [
        Mapping(
            "RobotAction",
            ra,
            50,
            ra.robotActionId,
            (
                ref("sessionUuid", ra.blsessionId, "Session"),
                ref("proposalUuid", ra_s.proposalId, "Proposal", writable=False),
                derived("beamlineName", ra_s.beamLineName),
                ref("sampleUuid", ra.blsampleId, "Sample"),
                ra_side[0],
                ra_side[1],
                col("message", ra.message),
                col("containerLocation", ra.dewarLocation),  # the container's place in the sample changer
                col("sampleLocation", ra.containerLocation),  # the sample's place in its container
                ra_side[2],
                ra_side[3],
            ),
            joins=((ra_s, ra_s.sessionId == ra.blsessionId), *ra_side_joins),
            proposal=ra_s.proposalId,
            beamline=ra_s.beamLineName,
            created=(stamp(ra.startTimestamp),),
            served=(_present(ra_side[0]), ra_s.beamLineName.is_not(None)),
            scope_parent=("sessionUuid", "Session"),
        ),
        Mapping(
            "Image",
            im,
            51,
            im.imageId,
            (
                ref("dataCollectionUuid", im.dataCollectionId, "DataCollection"),
                ref("proposalUuid", im_s.proposalId, "Proposal", writable=False),
                derived("beamlineName", im_s.beamLineName),
                col("imageNumber", im.imageNumber),
                col("fileName", im.fileName),
                col("fileLocation", im.fileLocation),
                col("measuredIntensity", im.measuredIntensity),
                col("jpegFileFullPath", im.jpegFileFullPath),
                col("jpegThumbnailFileFullPath", im.jpegThumbnailFileFullPath),
                col("temperature", im.temperature),
                col("synchrotronCurrent", im.synchrotronCurrent),
                *im_side,
            ),
            joins=(*im_joins, *im_side_joins),
            proposal=im_s.proposalId,
            beamline=im_s.beamLineName,
            created=(stamp(im.recordTimeStamp),),
            served=(im.imageNumber.is_not(None), im_s.beamLineName.is_not(None)),
            scope_parent=("dataCollectionUuid", "DataCollection"),
        ),
        Mapping(
            "ImageQualityIndicators",
            iqi,
            52,
            iqi.imageQualityIndicatorsId,
            (
                ref("dataCollectionUuid", iqi.dataCollectionId, "DataCollection"),
                ref("proposalUuid", iqi_s.proposalId, "Proposal", writable=False),
                derived("beamlineName", iqi_s.beamLineName),
                *iqi_side,
                col("spotTotal", iqi.spotTotal),
                col("goodBraggCandidates", iqi.goodBraggCandidates),
                col("inResTotal", iqi.inResTotal),
                col("iceRings", iqi.iceRings),
                col("method1Resolution", iqi.method1Res),
                col("method2Resolution", iqi.method2Res),
                col("maxUnitCell", iqi.maxUnitCell),
                col("dozorScore", iqi.dozor_score),
                col("totalIntegratedSignal", iqi.totalIntegratedSignal),
            ),
            joins=(*iqi_joins, *iqi_side_joins),
            proposal=iqi_s.proposalId,
            beamline=iqi_s.beamLineName,
            created=(stamp(iqi.recordTimeStamp),),
            served=(_present(iqi_side[0]), iqi_s.beamLineName.is_not(None)),
            scope_parent=("dataCollectionUuid", "DataCollection"),
        ),
        Mapping(
            "DataCollectionAttachment",
            att,
            53,
            att.dataCollectionFileAttachmentId,
            (
                ref("dataCollectionUuid", att.dataCollectionId, "DataCollection"),
                ref("proposalUuid", att_s.proposalId, "Proposal", writable=False),
                derived("beamlineName", att_s.beamLineName),
                att_side[0],
                col("fileFullPath", att.fileFullPath),
                att_side[1],
            ),
            joins=(*att_joins, *att_side_joins),
            proposal=att_s.proposalId,
            beamline=att_s.beamLineName,
            created=(stamp(att.createTime),),
            served=(_present(att_side[0]), att_s.beamLineName.is_not(None)),
            scope_parent=("dataCollectionUuid", "DataCollection"),
        ),
        Mapping(
            "Workflow",
            wf,
            54,
            wf.workflowId,
            (
                wf_side[0],
                ref("proposalUuid", wf_s.proposalId, "Proposal", writable=False),
                derived("beamlineName", wf_s.beamLineName),
                wf_side[1],
                col("workflowTitle", wf.workflowTitle),
                col("status", wf.status, vocab=v.WORKFLOW_STATUS),
                col("comments", wf.comments),
                col("logFilePath", wf.logFilePath),
                col("startTime", wf.recordTimeStamp),
                wf_side[2],
            ),
            joins=(*wf_side_joins, (wf_s, wf_s.sessionId == wf_session)),
            proposal=wf_s.proposalId,
            beamline=wf_s.beamLineName,
            created=(stamp(wf.recordTimeStamp),),
            served=(wf_s.beamLineName.is_not(None), _present(wf_side[1])),
            scope_parent=("sessionUuid", "Session"),
        ),
        Mapping(
            "WorkflowStep",
            st,
            55,
            st.workflowStepId,
            (
                ref("workflowUuid", st.workflowId, "Workflow"),
                ref("proposalUuid", st_s.proposalId, "Proposal", writable=False),
                derived("beamlineName", st_s.beamLineName),
                col("type", st.workflowStepType),
                col("status", st.status, vocab=v.WORKFLOW_STATUS),
                col("folderPath", st.folderPath),
                col("imageResultFilePath", st.imageResultFilePath),
                col("htmlResultFilePath", st.htmlResultFilePath),
                col("resultFilePath", st.resultFilePath),
                col("comments", st.comments),
                *st_side,
            ),
            joins=(
                (st_wf_side, st_wf_side.workflowId == st.workflowId),
                (st_s, st_s.sessionId == st_session),
                *st_side_joins,
            ),
            proposal=st_s.proposalId,
            beamline=st_s.beamLineName,
            created=(stamp(st.recordTimeStamp),),
            served=(st.workflowStepType.is_not(None), st_s.beamLineName.is_not(None)),
        ),
    ]


@cache
def mappings() -> list[Mapping]:
    """Every resource ESRF serves: all 34 of the spec's."""
    return [*_proposals(), *_samples(), *_shipping(), *_acquisition(), *_processing(), *_events()]
