"""The processing class, from ``AutoProcProgram.dataCollectionId`` (ESRF has no ProcessingJob tables)."""

from __future__ import annotations

import ispyb.models as e
from sqlalchemy import case, func, select
from sqlalchemy.orm import aliased

from ispyb_esrf_adapter import vocabularies as v
from ispyb_esrf_adapter.db import CommonApiProcessingJob, CommonApiProcessingMessage
from ispyb_esrf_adapter.mapping.common import (
    IMPLICIT_PROGRAM,
    col,
    present,
    program_dc,
    session_chain,
    side_fields,
    stamp,
)
from ispyb_esrf_adapter.side import Beside
from site_kit.mapped import Field, Mapping, as_bool, derived, ref


def _processing() -> list[Mapping]:
    job, app, msg, att = (
        CommonApiProcessingJob,
        e.AutoProcProgram,
        CommonApiProcessingMessage,
        e.AutoProcProgramAttachment,
    )
    integ, stats, scr = e.AutoProcIntegration, e.AutoProcScalingStatistics, e.Screening
    job_joins, job_s = session_chain(job.dataCollectionId)
    app_dc = func.coalesce(app.dataCollectionId, program_dc(app.autoProcProgramId))
    app_joins, app_s = session_chain(app_dc)
    msg_joins, msg_s = session_chain(program_dc(msg.autoProcProgramId))
    att_joins, att_s = session_chain(program_dc(att.autoProcProgramId))
    int_joins, int_s = session_chain(integ.dataCollectionId)
    scaling, autoproc, has_int = aliased(e.AutoProcScaling), aliased(e.AutoProc), aliased(e.AutoProcScalingHasInt)
    st_joins, st_s = session_chain(program_dc(autoproc.autoProcProgramId))
    # Screening hangs off the group; its data collection is Screening.dataCollectionId, else the group's first
    first_dc = aliased(e.DataCollection)
    scr_dc_of_group = (
        select(func.min(first_dc.dataCollectionId))
        .where(first_dc.dataCollectionGroupId == scr.dataCollectionGroupId)
        .scalar_subquery()
    )
    scr_dc = func.coalesce(scr.dataCollectionId, scr_dc_of_group)
    scr_joins, scr_s = session_chain(scr_dc)
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
    app_side, app_side_joins = side_fields(
        "ProcessingProgram",
        app,
        app.autoProcProgramId,
        ((Beside("processingJobUuid", "ref"), None), (Beside("pipeline", "text"), None)),
    )
    att_side, att_side_joins = side_fields(
        "ProcessingAttachment",
        att,
        att.autoProcProgramAttachmentId,
        (
            (Beside("fileType", "text", att.fileType, v.FILE_TYPE), None),
            (Beside("importanceRank", "integer"), None),
        ),
    )
    scr_side, scr_side_joins = side_fields(
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
                Field("parameters", None),  # CommonApiProcessingJobParameter rows: hooks/processing.py
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
                present(att_side[0]),
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
                Field("spaceGroup", space_group),  # AutoProc.spaceGroup of the program: hooks/processing.py writes it
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
                Field("strategies", None),  # ScreeningStrategy → Wedge → SubWedge: hooks/processing.py
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
