"""The proposals, samples and shipping classes (written: a user-office sync, users registering samples).

What ESRF has no column for is kept beside the row (``side.py``): a person's ORCID iD, a laboratory's postcode, a
sample image's offsets, a dewar's weight, dewar types and session roles its ENUMs lack. ``ProposalHasPerson`` has
no role: it is the proposal's PI or a co-investigator (hooks check a written role against that).
"""

from __future__ import annotations

import ispyb.models as e
from sqlalchemy import Integer, case, func, literal, null
from sqlalchemy.orm import aliased

from ispyb_esrf_adapter import vocabularies as v
from ispyb_esrf_adapter.mapping.common import (
    col,
    location,
    present,
    side_fields,
    stamp,
)
from ispyb_esrf_adapter.side import Beside
from site_kit.mapped import Field, Mapping, as_bool, derived, ref


def _proposals() -> list[Mapping]:
    p, s, sp = e.Proposal, e.BLSession, aliased(e.Proposal)
    php, php_p = e.ProposalHasPerson, aliased(e.Proposal)
    shp, shp_s = e.SessionHasPerson, aliased(e.BLSession)
    shp_key = shp.sessionId * literal(2**32, Integer) + shp.personId
    person_side, person_joins = side_fields("Person", e.Person, e.Person.personId, ((Beside("orcid", "text"), None),))
    lab_side, lab_joins = side_fields(
        "Laboratory", e.Laboratory, e.Laboratory.laboratoryId, ((Beside("postcode", "text"), None),)
    )
    role_side, role_joins = side_fields(
        "SessionMember", shp, shp_key, ((Beside("role", "text", shp.role, v.SESSION_ROLE), None),)
    )
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
                # personId is NOT NULL and refers to Person at ESRF (0 in old rows: no PI), see hooks/proposals.py
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
                col("scheduled", s.scheduled, read=as_bool),
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
            e.Person,
            3,
            e.Person.personId,
            (
                col("givenName", e.Person.givenName),
                col("familyName", e.Person.familyName),
                col("login", e.Person.login),
                col("emailAddress", e.Person.emailAddress),
                ref("laboratoryUuid", e.Person.laboratoryId, "Laboratory"),
                *person_side,
            ),
            joins=tuple(person_joins),
            visibility="person",
            created=(stamp(e.Person.recordTimeStamp),),
            served=(e.Person.familyName.is_not(None),),
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
            shp_key,
            (
                ref("sessionUuid", shp.sessionId, "Session"),
                ref("personUuid", shp.personId, "Person"),
                ref("proposalUuid", shp_s.proposalId, "Proposal", writable=False),
                *role_side,
                col("remote", shp.remote, read=as_bool),
            ),
            joins=((shp_s, shp_s.sessionId == shp.sessionId), *role_joins),
            pair=(shp.sessionId, shp.personId),
            proposal=shp_s.proposalId,
            created=(stamp(shp_s.bltimeStamp),),
            served=(present(role_side[0]),),
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
                *lab_side,
            ),
            joins=tuple(lab_joins),
            visibility="public",
            created=(stamp(e.Laboratory.recordTimeStamp),),
            served=(e.Laboratory.name.is_not(None),),
        ),
    ]


def _samples() -> list[Mapping]:
    pr, cr, bs, img = e.Protein, e.Crystal, e.BLSample, e.BLSampleImage
    cr_pr = aliased(e.Protein)
    s_cr, s_pr = aliased(e.Crystal), aliased(e.Protein)
    i_bs, i_cr, i_pr = aliased(e.BLSample), aliased(e.Crystal), aliased(e.Protein)
    sample_status = case((bs.isInSampleChanger == 1, "in_sample_changer"), else_=bs.blSampleStatus)
    offsets, offset_joins = side_fields(
        "SampleImage",
        img,
        img.blSampleImageId,
        ((Beside("offsetX", "integer"), None), (Beside("offsetY", "integer"), None)),
    )
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
                col("location", bs.location, read=location, write=lambda x: None if x is None else str(x)),
                # IN_SAMPLE_CHANGER is BLSample.isInSampleChanger = 1 (hooks/proposals.py writes it)
                Field("status", sample_status, column="blSampleStatus", vocab=v.SAMPLE_STATUS),
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
                *offsets,
            ),
            joins=(
                (i_bs, i_bs.blSampleId == img.blSampleId),
                (i_cr, i_cr.crystalId == i_bs.crystalId),
                (i_pr, i_pr.proteinId == i_cr.proteinId),
                *offset_joins,
            ),
            proposal=i_pr.proposalId,
            created=(stamp(img.blTimeStamp), stamp(i_bs.recordTimeStamp)),
            updated=(stamp(img.modifiedTimeStamp),),
            served=(img.imageFullPath.is_not(None), i_pr.proposalId.is_not(None)),
        ),
    ]


def _shipping() -> list[Mapping]:
    sh, dw, ct = e.Shipping, e.Dewar, e.Container
    sh_p = aliased(e.Proposal)
    dw_sh = aliased(e.Shipping)
    c_dw, c_sh = aliased(e.Dewar), aliased(e.Shipping)
    # Dewar.type is ENUM('Dewar','Toolbox') NOT NULL: PARCEL is kept beside (the column keeps its default)
    dewar_side, dewar_joins = side_fields(
        "Dewar",
        dw,
        dw.dewarId,
        ((Beside("type", "text", dw.type, v.DEWAR_TYPE), None), (Beside("weight", "number"), None)),
    )
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
                col("status", dw.dewarStatus, vocab=v.DEWAR_STATUS),
                col("trackingNumberToFacility", dw.trackingNumberToSynchrotron),
                col("trackingNumberFromFacility", dw.trackingNumberFromSynchrotron),
                *dewar_side,
            ),
            joins=((dw_sh, dw_sh.shippingId == dw.shippingId), *dewar_joins),
            proposal=dw_sh.proposalId,
            created=(stamp(dw.bltimeStamp), stamp(dw_sh.creationDate), stamp(dw_sh.bltimeStamp)),
            served=(dw.code.is_not(None), dw.shippingId.is_not(None)),
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
