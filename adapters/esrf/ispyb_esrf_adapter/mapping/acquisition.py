"""The acquisition class: groups, data collections, grid scans, energy scans, XRF spectra, setups, detectors."""

from __future__ import annotations

import ispyb.models as e
from sqlalchemy import Double, case, cast, func, null, select
from sqlalchemy.orm import aliased

from ispyb_esrf_adapter import vocabularies as v
from ispyb_esrf_adapter.mapping.common import (
    col,
    present,
    side_fields,
    stamp,
    steps,
)
from ispyb_esrf_adapter.side import Beside
from site_kit.mapped import Field, Mapping, derived, ref


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
    dcg_side, dcg_joins = side_fields(
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
    grid_side, grid_joins = side_fields(
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
    bls_side, bls_joins = side_fields(
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
    det_side, det_joins = side_fields(
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
            served=(present(experiment_type), g_s.beamLineName.is_not(None)),
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
                Field("techniqueParameters", None),  # SSXDataCollection / EventChain / Event: hooks/acquisition.py
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
                col("stepsX", gi.steps_x, read=steps),
                col("stepsY", gi.steps_y, read=steps),
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
            served=(present(bls_side[0]),),
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
