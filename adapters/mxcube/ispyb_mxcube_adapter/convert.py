"""MXCuBE's dictionaries ↔ the common API's records: pure functions, no HTTP.

MXCuBE builds its LIMS dictionaries in ``AbstractCollect`` (``current_dc_parameters``, ``to_collect_dict``), the
energy-scan and XRF hardware objects and the queue entries, in ISPyB's old vocabulary: local wall-clock times as
``"%Y-%m-%d %H:%M:%S"``, energies in keV, run states such as ``"Data collection successful"``, experiment types
such as ``"SAD - Inverse Beam"``. The common API speaks RFC 3339 instants, eV and closed vocabularies; every
translation between the two is here, each named after the MXCuBE key it reads. Identifiers are the records'
UUIDs as 128-bit integers (``mx_id``/``ref``): MXCuBE passes ids through ``int()``.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

MXCUBE_TIME = "%Y-%m-%d %H:%M:%S"

# ISPyBValueFactory and the SOAP service call these; the common vocabularies are closed (x-extensible-enum)
_RUN_STATUS = {
    "running": "RUNNING",
    "data collection successful": "SUCCESSFUL",
    "successful": "SUCCESSFUL",
    "failed": "FAILED",
    "data collection failed": "FAILED",
    "stopped": "ABORTED",
    "aborted": "ABORTED",
}
_EXPERIMENT_TYPE = {
    "sad": "SAD",
    "sad - inverse beam": "SAD",
    "mad": "MAD",
    "mad - inverse beam": "MAD",
    "osc": "OSC",
    "helical": "HELICAL",
    "characterization": "CHARACTERIZATION",
    "mesh": "MESH",
    "collect - multiwedge": "MULTI_POSITIONAL",
    "still": "STILL",
    "ssx_chip_collection": "SSX_CHIP",
    "ssx_injector_collection": "SSX_JET",
}
_WORKFLOW_STATUS = {"started": "STARTED", "running": "RUNNING", "success": "SUCCESS", "failure": "FAILURE"}


# ---------------------------------------------------------------------------------------------- values


def instant(value: Any) -> str | None:
    """An MXCuBE time (a naive local ``datetime`` or ``"%Y-%m-%d %H:%M:%S"``, or ISO 8601) as RFC 3339 in UTC."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        moment = value
    else:
        text = str(value).strip().replace("Z", "+00:00")
        try:
            moment = datetime.strptime(text, MXCUBE_TIME)
        except ValueError:
            moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.astimezone()  # MXCuBE's times are the beamline's local wall clock
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def local(value: Any) -> datetime | None:
    """An RFC 3339 instant as the naive local ``datetime`` MXCuBE compares with ``datetime.now()``."""
    if not value:
        return None
    moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return moment.astimezone().replace(tzinfo=None)


def mxcube_time(value: Any) -> str:
    moment = local(value)
    return moment.strftime(MXCUBE_TIME) if moment else ""


def number(value: Any) -> float | None:
    """A finite float, or None for MXCuBE's absent values (None, "", "unknown", -9999)."""
    try:
        result = float(value)
    except (TypeError, ValueError):
        return None
    return None if result != result or result in (float("inf"), float("-inf"), -9999.0) else result


def integer(value: Any) -> int | None:
    result = number(value)
    return int(result) if result is not None else None


def kev_to_ev(value: Any) -> float | None:
    """MXCuBE's energies are keV; the common API's are eV."""
    result = number(value)
    return round(result * 1000.0, 6) if result is not None else None


def mx_id(record: Any) -> int | None:
    """The id MXCuBE holds for a record: its UUID as a 128-bit integer.

    MXCuBE's code converts LIMS ids with ``int()`` (AbstractCollect.get_sample_info, ESRFEnergyScan's
    ``store_energy_scan_thread``, ISPyBValueFactory), so an id must be an integer; the UUID's integer value is one,
    exactly reversible (``ref``) and as opaque as the UUID.
    """
    if not record:
        return None
    return uuid.UUID(str(record)).int


def ref(value: Any) -> str | None:
    """The UUID of an id MXCuBE hands back (``mx_id``'s integer, as int or text, or a UUID string); None for
    MXCuBE's "none" values (None, "", 0, -1) and anything else."""
    if value in (None, "", 0, -1, "0", "-1"):
        return None
    text = str(value).strip()
    try:
        if text.isdigit():
            number = int(text)
            return str(uuid.UUID(int=number)) if number < 2**128 else None
        return str(uuid.UUID(text))
    except ValueError:
        return None


def attr(config: Any, name: str, default: Any = None) -> Any:
    """A member of MXCuBE's ``bl_config``: a dict, or an object with attributes (AbstractCollect's namedtuple)."""
    if isinstance(config, dict):
        return config.get(name, default)
    return getattr(config, name, default)


def run_status(value: Any) -> str | None:
    return _RUN_STATUS.get(str(value).strip().lower()) if value else None


def experiment_type(value: Any) -> str:
    return _EXPERIMENT_TYPE.get(str(value or "").strip().lower(), "OTHER")


def workflow_status(value: Any) -> str | None:
    return _WORKFLOW_STATUS.get(str(value).strip().lower()) if value else None


# ---------------------------------------------------------------------------------------------- collections


def oscillation(mx_collection: dict[str, Any]) -> dict[str, Any]:
    sequence = mx_collection.get("oscillation_sequence") or [{}]
    return dict(sequence[0])


def sample_of(mx_collection: dict[str, Any]) -> str | None:
    """The sample a collection is of: ``sample_reference.blSampleId`` (to_collect_dict), else ``blSampleId``."""
    reference = mx_collection.get("sample_reference") or {}
    return ref(reference.get("blSampleId")) or ref(mx_collection.get("blSampleId"))


def resolution(mx_collection: dict[str, Any]) -> float | None:
    value = mx_collection.get("resolution")
    if isinstance(value, dict):  # AbstractLims' documented form {"lower", "upper"}
        value = value.get("upper")
    return number(value)


def rotation_axis(osc: dict[str, Any]) -> str:
    """ISPyBValueFactory's rule: a kappa set (not 0, not -9999) means omega, otherwise phi."""
    kappa = number(osc.get("kappaStart"))
    return "OMEGA" if kappa not in (None, 0.0) else "PHI"


def group_body(mx_collection: dict[str, Any], session: dict[str, Any]) -> dict[str, Any]:
    """The data collection group of ``ISPyBValueFactory.dcg_from_dc_params``."""
    return {
        "sessionUuid": session["uuid"],
        "proposalUuid": session["proposalUuid"],
        "beamlineName": session["beamlineName"],
        "sampleUuid": sample_of(mx_collection),
        "experimentType": experiment_type(
            "Helical" if mx_collection.get("helical") else mx_collection.get("experiment_type")
        ),
        "startTime": instant(mx_collection.get("collection_start_time")),
        "comments": mx_collection.get("comments") or None,
    }


def collection_body(mx_collection: dict[str, Any], group: str, detector: str | None) -> dict[str, Any]:
    """The data collection of ``ISPyBValueFactory.from_data_collect_parameters``, in the common units."""
    osc = oscillation(mx_collection)
    fileinfo = mx_collection.get("fileinfo") or {}
    offset = number(osc.get("offset"))
    return {
        "dataCollectionGroupUuid": group,
        "detectorUuid": detector or ref(mx_collection.get("detector_id")),
        "dataCollectionNumber": integer(fileinfo.get("run_number")),
        "runStatus": run_status(mx_collection.get("status")),
        "startTime": instant(mx_collection.get("collection_start_time")),
        "endTime": instant(mx_collection.get("collection_end_time")),
        "wavelength": number(mx_collection.get("wavelength")),
        "resolution": resolution(mx_collection),
        "detectorDistance": number(mx_collection.get("detectorDistance", mx_collection.get("detector_distance"))),
        "exposureTime": number(osc.get("exposure_time")),
        "oscillationStart": number(osc.get("start")),
        "oscillationRange": number(osc.get("range")),
        "overlap": -offset if offset else (0.0 if offset == 0.0 else None),
        "rotationAxis": rotation_axis(osc),
        "numberOfImages": integer(osc.get("number_of_images")),
        "startImageNumber": integer(osc.get("start_image_number")),
        "numberOfPasses": integer(osc.get("number_of_passes")),
        "imageDirectory": fileinfo.get("directory") or None,
        "imagePrefix": fileinfo.get("prefix") or None,
        "fileTemplate": fileinfo.get("template") or None,
        "xBeam": number(mx_collection.get("xBeam")),
        "yBeam": number(mx_collection.get("yBeam")),
        "beamSizeAtSampleX": number(mx_collection.get("beamSizeAtSampleX")),
        "beamSizeAtSampleY": number(mx_collection.get("beamSizeAtSampleY")),
        "flux": number(mx_collection.get("flux")),
        "transmission": number(mx_collection.get("transmission")),
        "comments": mx_collection.get("comments") or None,
    }


def grid_body(mx_collection: dict[str, Any], group: str, collection: str) -> dict[str, Any] | None:
    """A mesh's grid from its oscillation sequence: ``number_of_lines`` lines of images, over ``mesh_range``."""
    osc = oscillation(mx_collection)
    lines, images = integer(osc.get("number_of_lines")), integer(osc.get("number_of_images"))
    if not lines or not images or images % lines:
        return None
    steps_x, steps_y = images // lines, lines
    mesh_range: list[Any] = list(osc.get("mesh_range") or ())
    width = number(mesh_range[0]) if len(mesh_range) > 0 else None
    height = number(mesh_range[1]) if len(mesh_range) > 1 else None
    return {
        "dataCollectionGroupUuid": group,
        "dataCollectionUuid": collection,
        "stepsX": steps_x,
        "stepsY": steps_y,
        "dxMm": width / steps_x if width else None,
        "dyMm": height / steps_y if height else None,
        "orientation": "HORIZONTAL",
    }


def collection_dict(dc: dict[str, Any]) -> dict[str, Any]:
    """A data collection as ``findDataCollection`` answered MXCuBE (SOAP names, local times)."""
    return {
        "dataCollectionId": mx_id(dc["uuid"]),
        "dataCollectionGroupId": mx_id(dc.get("dataCollectionGroupUuid")),
        "sessionId": mx_id(dc.get("sessionUuid")),
        "blSampleId": mx_id(dc.get("sampleUuid")),
        "detectorId": mx_id(dc.get("detectorUuid")),
        "dataCollectionNumber": dc.get("dataCollectionNumber"),
        "runStatus": dc.get("runStatus"),
        "startTime": mxcube_time(dc.get("startTime")),
        "endTime": mxcube_time(dc.get("endTime")),
        "wavelength": dc.get("wavelength"),
        "resolution": dc.get("resolution"),
        "detectorDistance": dc.get("detectorDistance"),
        "exposureTime": dc.get("exposureTime"),
        "axisStart": dc.get("oscillationStart"),
        "axisRange": dc.get("oscillationRange"),
        "overlap": dc.get("overlap"),
        "rotationAxis": dc.get("rotationAxis"),
        "numberOfImages": dc.get("numberOfImages"),
        "startImageNumber": dc.get("startImageNumber"),
        "numberOfPasses": dc.get("numberOfPasses"),
        "imageDirectory": dc.get("imageDirectory"),
        "imagePrefix": dc.get("imagePrefix"),
        "fileTemplate": dc.get("fileTemplate"),
        "xBeam": dc.get("xBeam"),
        "yBeam": dc.get("yBeam"),
        "beamSizeAtSampleX": dc.get("beamSizeAtSampleX"),
        "beamSizeAtSampleY": dc.get("beamSizeAtSampleY"),
        "flux": dc.get("flux"),
        "transmission": dc.get("transmission"),
        "comments": dc.get("comments"),
    }


# ---------------------------------------------------------------------------------------------- the rest


def beamline_setup_body(bl_config: Any, beamline: str, detector: str | None) -> dict[str, Any]:
    """``ISPyBValueFactory.from_bl_config`` in the common fields."""
    return {
        "beamlineName": beamline,
        "synchrotronName": attr(bl_config, "synchrotron_name") or None,
        "detectorUuid": detector,
        "monochromatorType": attr(bl_config, "monochromator_type") or None,
        "focusingOptic": attr(bl_config, "focusing_optic") or None,
        "minExposureTime": number(attr(bl_config, "minimum_exposure_time")),
        "goniostatMinOscillationWidth": number(attr(bl_config, "minimum_phi_oscillation")),
        "active": True,
    }


def detector_dict(detector: dict[str, Any]) -> dict[str, Any]:
    """A detector as ``findDetectorByParam`` (Detector3VO) answered MXCuBE."""
    return {
        "detectorId": mx_id(detector["uuid"]),
        "detectorType": detector.get("detectorType"),
        "detectorManufacturer": detector.get("manufacturer"),
        "detectorModel": detector.get("model"),
        "detectorMode": detector.get("detectorMode"),
        "detectorSerialNumber": detector.get("serialNumber"),
        "detectorPixelSizeHorizontal": detector.get("pixelSizeX"),
        "detectorPixelSizeVertical": detector.get("pixelSizeY"),
        "detectorDistanceMin": detector.get("distanceMin"),
        "detectorDistanceMax": detector.get("distanceMax"),
    }


def image_body(image: dict[str, Any], collection: dict[str, Any]) -> dict[str, Any]:
    """``AbstractCollect.store_image_in_lims``'s dictionary (storeOrUpdateImage's fields)."""
    return {
        "dataCollectionUuid": collection["uuid"],
        "proposalUuid": collection.get("proposalUuid"),
        "beamlineName": collection.get("beamlineName"),
        "imageNumber": integer(image.get("imageNumber")),
        "fileName": image.get("fileName") or None,
        "fileLocation": image.get("fileLocation") or None,
        "measuredIntensity": number(image.get("measuredIntensity")),
        "jpegFileFullPath": image.get("jpegFileFullPath") or None,
        "jpegThumbnailFileFullPath": image.get("jpegThumbnailFileFullPath") or None,
        "temperature": number(image.get("temperature")),
        "synchrotronCurrent": number(image.get("synchrotronCurrent")),
        "recordedAt": instant(datetime.now()),
    }


def robot_action_body(action: dict[str, Any], session: dict[str, Any]) -> dict[str, Any]:
    """``base_queue_entry.mount_sample``'s dictionary. Its ``dewarLocation`` is the basket (the container's place
    in the sample changer) and its ``containerLocation`` the sample's place in that basket."""
    return {
        "sessionUuid": session["uuid"],
        "proposalUuid": session["proposalUuid"],
        "beamlineName": session["beamlineName"],
        "sampleUuid": ref(action.get("sampleId", action.get("blSampleId"))),
        "actionType": str(action.get("actionType") or "LOAD").upper(),
        "status": str(action["status"]).upper() if action.get("status") else None,
        "message": action.get("message") or None,
        "containerLocation": integer(action.get("dewarLocation")),
        "sampleLocation": integer(action.get("containerLocation")),
        "startTime": instant(action.get("startTime")) or instant(datetime.now()),
        "endTime": instant(action.get("endTime")),
    }


def energy_scan_body(scan: dict[str, Any], session: dict[str, Any]) -> dict[str, Any]:
    """``AbstractEnergyScan.energy_scan_parameters`` (storeOrUpdateEnergyScan's fields), energies keV → eV."""
    return {
        "sessionUuid": session["uuid"],
        "proposalUuid": session["proposalUuid"],
        "beamlineName": session["beamlineName"],
        "sampleUuid": ref(scan.get("blSampleId")),
        "element": scan.get("element"),
        "edge": scan.get("edge"),
        "startEnergy": kev_to_ev(scan.get("startEnergy")),
        "endEnergy": kev_to_ev(scan.get("endEnergy")),
        "peakEnergy": kev_to_ev(scan.get("peakEnergy")),
        "peakFPrime": number(scan.get("peakFPrime")),
        "peakFDoublePrime": number(scan.get("peakFDoublePrime")),
        "inflectionEnergy": kev_to_ev(scan.get("inflectionEnergy")),
        "inflectionFPrime": number(scan.get("inflectionFPrime")),
        "inflectionFDoublePrime": number(scan.get("inflectionFDoublePrime")),
        "exposureTime": number(scan.get("exposureTime")),
        "transmission": number(scan.get("transmissionFactor", scan.get("transmission"))),
        "scanFileFullPath": scan.get("scanFileFullPath") or None,
        "choochFileFullPath": scan.get("choochFileFullPath") or None,
        "startTime": instant(scan.get("startTime")),
        "endTime": instant(scan.get("endTime")),
    }


def xrf_body(spectrum: dict[str, Any], session: dict[str, Any]) -> dict[str, Any]:
    """``AbstractXRFSpectrum.spectrum_info_dict`` (storeOrUpdateXFEFluorescenceSpectrum's fields)."""
    return {
        "sessionUuid": session["uuid"],
        "proposalUuid": session["proposalUuid"],
        "beamlineName": session["beamlineName"],
        "sampleUuid": ref(spectrum.get("blSampleId")),
        "energy": kev_to_ev(spectrum.get("energy")),
        "exposureTime": number(spectrum.get("exposureTime")),
        "transmission": number(spectrum.get("beamTransmission")),
        "scanFileFullPath": spectrum.get("scanFileFullPath") or None,
        "fittedDataFileFullPath": spectrum.get("fittedDataFileFullPath") or None,
        "annotatedSpectrumFullPath": spectrum.get("annotatedPymcaXfeSpectrum") or None,
        "startTime": instant(spectrum.get("startTime")),
        "endTime": instant(spectrum.get("endTime")),
    }


def session_dict(session: dict[str, Any], proposal: dict[str, Any] | None) -> dict[str, Any]:
    """A session as ``findSession`` answered MXCuBE (SOAP names, local times), and py-ispyb's ``BeamLineSetup``."""
    setup = session.get("beamlineSetupUuid")
    return {
        "sessionId": mx_id(session["uuid"]),
        "proposalId": mx_id(session.get("proposalUuid")),
        "proposalName": (proposal or {}).get("name"),
        "beamlineName": session.get("beamlineName"),
        "beamLineName": session.get("beamlineName"),
        "visit_number": session.get("visitNumber"),
        "startDate": mxcube_time(session.get("startTime")),
        "endDate": mxcube_time(session.get("endTime")),
        "scheduled": 1 if session.get("scheduled") else 0,
        "comments": session.get("comments"),
        "beamLineSetupId": mx_id(setup),
        "BeamLineSetup": {"beamLineSetupId": mx_id(setup)} if setup else None,
    }


def sample_dict(
    sample: dict[str, Any], container: dict[str, Any], crystal: dict[str, Any], protein: dict[str, Any]
) -> dict[str, Any]:
    """A sample as ``findSampleInfoLightForProposal`` answered MXCuBE (AbstractLims.get_samples' structure)."""
    return {
        "sampleId": mx_id(sample["uuid"]),
        "code": sample.get("barcode"),
        "sampleName": sample.get("name"),
        "sampleLocation": sample.get("location"),
        "containerSampleChangerLocation": container.get("sampleChangerLocation"),
        "containerCode": container.get("code"),
        "containerId": mx_id(container.get("uuid")),
        "proteinAcronym": protein.get("acronym"),
        "crystalId": mx_id(crystal.get("uuid")),
        "crystalSpaceGroup": crystal.get("spaceGroup"),
        "cellA": crystal.get("cellA"),
        "cellB": crystal.get("cellB"),
        "cellC": crystal.get("cellC"),
        "cellAlpha": crystal.get("cellAlpha"),
        "cellBeta": crystal.get("cellBeta"),
        "cellGamma": crystal.get("cellGamma"),
        "comments": sample.get("comments"),
        "diffractionPlan": {},
    }


#: the sample fields MXCuBE's storeOrUpdateBLSample dictionary may change (its names → the common API's)
SAMPLE_FIELDS = {"sampleName": "name", "code": "barcode", "sampleLocation": "location", "comments": "comments"}


def sample_change(bl_sample: dict[str, Any], current: dict[str, Any]) -> dict[str, Any]:
    """The merge patch that makes ``current`` say what MXCuBE's sample dictionary says (nothing when it agrees)."""
    change: dict[str, Any] = {}
    for key, name in SAMPLE_FIELDS.items():
        if key not in bl_sample:
            continue
        value = integer(bl_sample[key]) if name == "location" else bl_sample[key]
        if value != current.get(name):
            change[name] = value
    return change
