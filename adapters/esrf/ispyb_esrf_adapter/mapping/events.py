"""The beamline-events class (ESRF only): robot actions, images, quality indicators, attachments, workflows."""

from __future__ import annotations

import ispyb.models as e
from sqlalchemy import Integer, cast, func, select
from sqlalchemy.orm import aliased

from ispyb_esrf_adapter import vocabularies as v
from ispyb_esrf_adapter.db import CommonApiValue
from ispyb_esrf_adapter.mapping.common import (
    col,
    expr_of,
    present,
    session_chain,
    side_fields,
    stamp,
    workflow_session,
)
from ispyb_esrf_adapter.side import Beside
from site_kit.mapped import Mapping, derived, ref


def _events() -> list[Mapping]:
    ra, im, iqi, att = e.RobotAction, e.Image, e.ImageQualityIndicators, e.DataCollectionFileAttachment
    wf, st = e.Workflow, e.WorkflowStep
    ra_s = aliased(e.BLSession)
    im_joins, im_s = session_chain(im.dataCollectionId)
    iqi_joins, iqi_s = session_chain(iqi.dataCollectionId)
    att_joins, att_s = session_chain(att.dataCollectionId)
    ra_side, ra_side_joins = side_fields(
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
    im_side, im_side_joins = side_fields(
        "Image", im, im.imageId, ((Beside("recordedAt", "instant", im.recordTimeStamp, utc=True), None),)
    )
    iqi_side, iqi_side_joins = side_fields(
        "ImageQualityIndicators",
        iqi,
        iqi.imageQualityIndicatorsId,
        ((Beside("imageNumber", "integer", iqi.imageNumber), None),),
    )
    att_side, att_side_joins = side_fields(
        "DataCollectionAttachment",
        att,
        att.dataCollectionFileAttachmentId,
        (
            (Beside("fileType", "text", att.fileType, v.DC_FILE_TYPE), None),
            (Beside("recordedAt", "instant", att.createTime, utc=True), None),
        ),
    )
    wf_side, wf_side_joins = side_fields(
        "Workflow",
        wf,
        wf.workflowId,
        (
            (Beside("sessionUuid", "ref"), workflow_session(wf.workflowId)),
            (Beside("workflowType", "text", wf.workflowType), None),
            (Beside("endTime", "instant"), None),
        ),
    )
    wf_session = expr_of(wf_side[0])
    wf_s = aliased(e.BLSession)
    st_side, st_side_joins = side_fields(
        "WorkflowStep", st, st.workflowStepId, ((Beside("endTime", "instant", st.recordTimeStamp, utc=True), None),)
    )
    st_wf_side = aliased(e.Workflow)

    st_kept = aliased(CommonApiValue)
    st_session = func.coalesce(
        select(cast(st_kept.text, Integer))
        .where(st_kept.tableName == "Workflow", st_kept.rowKey == st.workflowId, st_kept.field == "sessionUuid")
        .scalar_subquery(),
        workflow_session(st.workflowId),
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
            served=(present(ra_side[0]), ra_s.beamLineName.is_not(None)),
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
            served=(present(iqi_side[0]), iqi_s.beamLineName.is_not(None)),
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
            served=(present(att_side[0]), att_s.beamLineName.is_not(None)),
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
            served=(wf_s.beamLineName.is_not(None), present(wf_side[1])),
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
