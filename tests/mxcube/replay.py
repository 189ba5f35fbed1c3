"""What MXCuBE writes to its LIMS, replayed in mxcubecore's own environment through ``CommonApiLims``.

Run by ``test_replay.py`` with the cached mxcubecore venv's Python (``replay.py CONFIG_DIR PROPOSAL LOGIN OUT``):
mxcubecore's HardwareRepository loads the beamline configuration the test wrote (a ``session`` and the ``lims``
object, ``ispyb_mxcube_adapter.CommonApiLims``, exactly as a beamline configures it), and the dictionaries are
built by mxcubecore's own code wherever it can build them without hardware:

* login: ``ProposalTypeISPyBLims.login`` (and the user login), the session of the day created when none exists;
* samples: ``lims.get_samples`` → ``queue_model_objects.Sample.init_from_lims_object``;
* robot mount: ``base_queue_entry.mount_sample`` (the sample changer is a stand-in that loads at once: there is
  no robot here);
* rotation and mesh: ``queue_model_objects.to_collect_dict`` of a ``DataCollection``, then ``AbstractCollect``'s
  own LIMS steps (``store_data_collection_in_lims`` with its beamline configuration, ``store_sample_info_in_lims``,
  ``store_image_in_lims``, ``update_lims_with_workflow``); the values ``update_data_collection_in_lims`` reads
  from hardware (flux, wavelength, beam…) are set as it sets them and the LIMS' ``update_data_collection`` and
  ``finalize_data_collection`` are called;
* energy scan: the keys ``AbstractEnergyScan.start_energy_scan`` and its mockup set, stored by ESRF's
  ``store_energy_scan_thread`` (which also associates the sample); XRF spectrum: ``AbstractXRFSpectrum``'s
  ``start_spectrum`` → ``spectrum_command_finished`` → ``spectrum_store_lims`` (the mockup's acquisition);
* SSX chip: mxcubecore's ``model.common`` parameter models, ended as the ESRF SSX queue entry ends a collection
  (``lims.finalize_data_collection({... "extra_lims_values": ...})``).

Every public method of the data adapter is wrapped to record that it was called; the output (JSON) holds the
dictionaries MXCuBE built, the ids the LIMS answered and the methods called, for the test to check through the
common API.
"""

from __future__ import annotations

import functools
import json
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import gevent
from ispyb_mxcube_adapter.data_adapter import CommonApiDataAdapter
from mxcubecore import HardwareRepository as HWR
from mxcubecore.HardwareObjects.abstract.AbstractCollect import AbstractCollect
from mxcubecore.HardwareObjects.ESRF.ESRFEnergyScan import store_energy_scan_thread
from mxcubecore.HardwareObjects.mockup.XRFSpectrumMockup import XRFSpectrumMockup
from mxcubecore.HardwareObjects.ProposalTypeISPyBLims import ProposalTypeISPyBLims
from mxcubecore.model import queue_model_enumerables, queue_model_objects
from mxcubecore.model.common import (
    BeamlineParameters,
    CommonCollectionParamters,
    ISPYBCollectionParameters,
    LegacyParameters,
    PathParameters,
    StandardCollectionParameters,
)
from mxcubecore.queue_entry import base_queue_entry
from pydantic import BaseModel

CALLED: list[str] = []


def record_calls(adapter: CommonApiDataAdapter) -> None:
    """Wrap every public method of the adapter instance so that each call is recorded by name."""
    for name in dir(CommonApiDataAdapter):
        if name.startswith("_") or not callable(getattr(CommonApiDataAdapter, name)):
            continue
        method = getattr(adapter, name)

        @functools.wraps(method)
        def wrapper(*args: Any, __name: str = name, __method: Any = method, **kwargs: Any) -> Any:
            CALLED.append(__name)
            return __method(*args, **kwargs)

        setattr(adapter, name, wrapper)


class Robot:
    """Stands for the sample changer in ``mount_sample``: it loads the sample at once."""

    def __init__(self) -> None:
        self.loaded: str | None = None

    def trigger_progress_message(self, message: str) -> None:
        pass

    def load(self, sample: str, wait: bool = True) -> bool:
        self.loaded = sample
        return True

    def has_loaded_sample(self) -> bool:
        return self.loaded is not None


class SampleView:
    def clear_all(self) -> None:
        pass


class QueueManager:
    centring_method = queue_model_enumerables.CENTRING_METHOD.NONE


class ReplayCollect(AbstractCollect):
    """AbstractCollect with no hardware: what it writes to the LIMS is its own code (the methods called)."""

    def data_collection_hook(self) -> None:
        pass

    def move_motors(self, motor_position_dict: dict[str, Any]) -> None:
        pass

    def _take_crystal_snapshot(self, snapshot_filename: str) -> None:
        pass

    def trigger_auto_processing(self, process_event: Any, frame_number: int) -> None:
        pass


class Reading:
    """Stands for a beamline reading (energy in keV, transmission in %) that AbstractXRFSpectrum records."""

    def __init__(self, value: float) -> None:
        self.value = value

    def get_value(self) -> float:
        return self.value


class Mca(XRFSpectrumMockup):
    """The XRF mockup without its HWR config file: its acquisition writes the mockup's spectrum."""

    def __init__(self) -> None:
        super().__init__("xrf_spectrum")
        self.default_integration_time = 2.0
        self.file_suffix = "dat"
        self.lims = HWR.beamline.lims


def collection(sample: queue_model_objects.Sample, session_id: str, kind: str, root: Path) -> dict[str, Any]:
    """``to_collect_dict`` of a DataCollection set up as MXCuBE's task dialogs set it."""
    dc = queue_model_objects.DataCollection()
    acq = dc.acquisitions[0].acquisition_parameters
    path = dc.acquisitions[0].path_template
    path.directory = str(root / "RAW_DATA" / kind)
    path.process_directory = str(root / "PROCESSED_DATA" / kind)
    path.archive_directory = str(root / "ARCHIVE" / kind)
    path.base_prefix = f"{sample.name}-{kind}"
    path.run_number = 1
    path.suffix = "cbf"
    path.precision = "4"
    acq.exp_time, acq.osc_start, acq.first_image, acq.num_passes = 0.02, 10.0, 1, 1
    acq.transmission, acq.resolution, acq.energy = 25.0, 1.8, 12.7
    if kind == "mesh":
        dc.experiment_type = queue_model_enumerables.EXPERIMENT_TYPE.MESH
        acq.num_images, acq.num_lines, acq.osc_range, acq.mesh_range = 60, 6, 0.0, (0.1, 0.06)
    else:
        dc.experiment_type = queue_model_enumerables.EXPERIMENT_TYPE.NATIVE
        acq.num_images, acq.osc_range = 1800, 0.1
    dc.lims_session_id = session_id
    params = queue_model_objects.to_collect_dict(dc, sample)[0]
    params["in_interleave"] = False
    return params


def run_collection(collect: ReplayCollect, params: dict[str, Any], sample: dict[str, Any]) -> dict[str, Any]:
    lims = HWR.beamline.lims
    collect.current_dc_parameters = params
    # AbstractCollect.do_collect's first LIMS steps
    params["status"] = "Running"
    params["collection_start_time"] = time.strftime("%Y-%m-%d %H:%M:%S")
    collect.store_data_collection_in_lims()
    collect.current_lims_sample = dict(sample)
    collect.store_sample_info_in_lims()
    # what update_data_collection_in_lims reads from the beamline's hardware objects
    params.update(
        flux=3.2e12,
        flux_end=3.2e12,
        wavelength=0.976254,
        detectorDistance=265.5,
        resolution=1.8,
        transmission=25.0,
        xBeam=155.7,
        yBeam=162.1,
        beamSizeAtSampleX=0.05,
        beamSizeAtSampleY=0.02,
    )
    lims.update_data_collection(params)
    collect.store_image_in_lims(1)
    params["status"] = "Data collection successful"
    lims.finalize_data_collection(params)
    return params


def main(config: str, proposal: str, login: str, out: str) -> None:
    HWR.init_hardware_repository(config)
    lims = HWR.beamline.lims
    record_calls(lims.adapter)
    result: dict[str, Any] = {}
    code, number = proposal.rstrip("0123456789"), proposal[len(proposal.rstrip("0123456789")) :]

    # ---- login as MXCuBE does: the session of the day (created), then the other ways of finding sessions
    manager = lims.login(proposal, "", True)
    session = manager.active_session
    HWR.beamline.session.session_id = session.session_id
    HWR.beamline.session.proposal_code, HWR.beamline.session.proposal_number = code, number
    ProposalTypeISPyBLims.get_session_manager_by_code_number(lims, code, number, False)
    lims.login_type = "user"
    by_login = lims.login(login, "", True)
    lims.login_type = "proposal"
    result["session"] = session.model_dump(mode="json")
    result["sessionsByLogin"] = [s.session_id for s in by_login.sessions]
    result["proposals"] = [p.proposal_id for p in lims.adapter.get_proposals()]
    result["me"] = lims.adapter.get_current_user_data()
    result["sessionDict"] = lims.get_session(session.session_id)

    # ---- samples, and the robot mounting the first one
    samples = lims.get_samples("ISPyB")
    result["samples"] = samples
    sample = queue_model_objects.Sample()
    sample.init_from_lims_object(samples[0])
    base_queue_entry.mount_sample(sample, lambda *args: None, None) if _robot() else None
    result["robot"] = {"sampleId": sample.lims_id, "location": list(sample.location), "code": sample.lims_code}

    # ---- a rotation and a mesh, through AbstractCollect's LIMS steps
    collect = ReplayCollect("collect")
    detector = HWR.beamline.detector  # AbstractCollect.init's beamline configuration, from the detector object
    collect.set_beamline_configuration(
        synchrotron_name=HWR.beamline.session.synchrotron_name,
        directory_prefix="",
        default_exposure_time=detector.get_property("default_exposure_time"),
        minimum_exposure_time=detector.get_property("minimum_exposure_time"),
        detector_fileext=detector.get_property("fileSuffix"),
        detector_type=detector.get_property("type"),
        detector_manufacturer=detector.get_property("manufacturer"),
        detector_model=detector.get_property("model"),
        detector_px=detector.get_property("px"),
        detector_py=detector.get_property("py"),
        detector_binning_mode=MODE,  # the detector's get_binning_mode() at a real beamline
        undulators=[],
        focusing_optic="KB mirrors",
        monochromator_type="Si(111)",
        beam_divergence_vertical=0.1,
        beam_divergence_horizontal=0.2,
        polarisation=0.99,
        input_files_server=None,
    )
    root = Path(config) / "data"
    rotation = run_collection(collect, collection(sample, session.session_id, "rotation", root), samples[0])
    mesh_params = collection(sample, session.session_id, "mesh", root)
    mesh = run_collection(collect, mesh_params, samples[0])
    workflow, _mesh_id, _grid = lims.store_workflow(
        {"workflow_type": "MeshScan", "title": "mesh of " + sample.name, "status": "Started", "comments": "replay"}
    )
    collect.update_lims_with_workflow(workflow, str(root / "ARCHIVE" / "grid.png"))
    result["rotation"], result["mesh"], result["workflow"] = rotation, mesh, workflow
    result["dataCollection"] = lims.get_data_collection(rotation["collection_id"])

    # ---- an energy scan (stored and associated with its sample by ESRF's thread function)
    scan = {
        "element": "Se",
        "edge": "K",
        "directory": str(root / "escan"),
        "prefix": "escan",
        "sessionId": session.session_id,
        "blSampleId": sample.lims_id,
        "startTime": time.strftime("%Y-%m-%d %H:%M:%S"),
        "exposureTime": 0.01,
        "transmissionFactor": 3.5,
        "startEnergy": 12.58,
        "endEnergy": 12.74,
        "peakEnergy": 12.6621,
        "inflectionEnergy": 12.6593,
        "remoteEnergy": 12.7,
        "peakFPrime": -8.1,
        "peakFDoublePrime": 5.9,
        "inflectionFPrime": -10.2,
        "inflectionFDoublePrime": 3.1,
        "scanFileFullPath": str(root / "escan" / "escan.raw"),
        "choochFileFullPath": str(root / "escan" / "escan.efs"),
        "endTime": (datetime.now() + timedelta(seconds=90)).strftime("%Y-%m-%d %H:%M:%S"),
    }
    stored: dict[str, Any] = {}
    original = lims.store_energy_scan
    lims.store_energy_scan = lambda info: stored.update(original(info)) or stored  # keep the id it answered
    store_energy_scan_thread(lims, scan)
    lims.store_energy_scan = original
    result["energyScan"] = {**scan, "energyScanId": stored.get("energyScanId")}

    # ---- an XRF spectrum: AbstractXRFSpectrum's own sequence, with the mockup's acquisition
    HWR.beamline._hwobj_by_role.update(energy=Reading(12.7), transmission=Reading(10.0))
    mca = Mca()
    xrf_dir = root / "xrf"
    mca.start_spectrum(
        integration_time=0.2,
        data_dir=str(xrf_dir),
        archive_dir=str(xrf_dir / "archive"),
        prefix="xrf",
        session_id=session.session_id,
        blsample_id=sample.lims_id,
    )
    deadline = time.monotonic() + 20
    while "store_xfe_spectrum" not in CALLED and time.monotonic() < deadline:
        gevent.sleep(0.1)
    gevent.sleep(0.2)
    result["xrf"] = mca.spectrum_info_dict

    # ---- an SSX chip collection, ended as the ESRF SSX queue entry ends it
    ssx = _ssx_parameters(sample.name, root)
    ids = lims.finalize_data_collection(ssx)
    result["ssx"] = {
        "ids": list(ids or ()),
        "dataPath": ssx["data_path"],
        "prefix": ssx["collection_parameters"].path_parameters.prefix,
        "numImages": ssx["collection_parameters"].collection_parameters.num_images,
        "expTime": ssx["collection_parameters"].user_collection_parameters.exp_time,
        "beamline": ssx["beamline_parameters"].model_dump(mode="json"),
        "lims": ssx["extra_lims_values"].model_dump(mode="json"),
    }

    result["called"] = sorted(set(CALLED))
    Path(out).write_text(json.dumps(result, default=str, indent=1))


def _robot() -> bool:
    """Install the stand-ins mount_sample talks to (the beamline has no sample changer, view or queue here)."""
    roles = HWR.beamline._hwobj_by_role
    roles.update(sample_changer=Robot(), sample_view=SampleView(), queue_manager=QueueManager())
    return True


class UserCollectionParameters(BaseModel):
    """The user parameters of ESRF's SSX chip task (``BaseUserCollectionParameters``: ESRF's queue entries need
    ewoks, which a beamline without it does not install)."""

    exp_time: float = 75e-6
    frequency: float = 925.0


class SsxTaskParameters(BaseModel):
    """``SsxBaseQueueTaskParameters``' members, from mxcubecore.model.common."""

    path_parameters: PathParameters
    common_parameters: CommonCollectionParamters
    collection_parameters: StandardCollectionParameters
    legacy_parameters: LegacyParameters
    user_collection_parameters: UserCollectionParameters
    lims_parameters: ISPYBCollectionParameters | None = None


def _ssx_parameters(name: str, root: Path) -> dict[str, Any]:
    task = SsxTaskParameters(
        path_parameters=PathParameters(prefix=f"{name}-chip", subdir="ssx", experiment_name=None),
        common_parameters=CommonCollectionParamters(
            skip_existing_images=True, take_snapshots=0, type="ssx_chip_collection", label="chip"
        ),
        collection_parameters=StandardCollectionParameters(
            num_images=25600,
            osc_start=0.0,
            osc_range=0.0,
            energy=12.4,
            transmission=50.0,
            resolution=1.9,
            first_image=1,
            kappa=0.0,
            kappa_phi=0.0,
            beam_size="10x10",
            shutterless=True,
        ),
        legacy_parameters=LegacyParameters(take_dark_current=0, inverse_beam=False, num_passes=1, offset=0.0),
        user_collection_parameters=UserCollectionParameters(),
    )
    start = datetime.now().replace(microsecond=0)
    lims_values = ISPYBCollectionParameters(
        flux_start=1.2e12,
        flux_end=1.1e12,
        start_time=start,
        end_time=start + timedelta(minutes=4),
        chip_model="Oxford",
        mono_stripe="PdB4C",
        number_of_rows=20,
        number_of_columns=20,
    )
    beamline = BeamlineParameters(
        energy=12.4,
        transmission=50.0,
        resolution=1.9,
        wavelength=0.99987,
        detector_distance=150.0,
        beam_x=1024.5,
        beam_y=1090.2,
        beam_size_x=0.01,
        beam_size_y=0.01,
        beam_shape="ellipse",
        energy_bandwidth=1.0,
    )
    task.lims_parameters = lims_values
    return {
        "collection_parameters": task,
        "data_path": str(root / "ssx" / "chip1/"),
        "data_process_path": str(root / "ssx" / "PROCESSED"),
        "beamline_parameters": beamline,
        "extra_lims_values": lims_values,
        "experiment_type": "ssx_chip_collection",
    }


MODE = sys.argv[5]  # the detector's readout mode, as its get_binning_mode() answers at a beamline

if __name__ == "__main__":
    main(*sys.argv[1:5])
