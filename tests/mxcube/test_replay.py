"""MXCuBE as a real client (issue 18): mxcubecore's own code writes through ``CommonApiLims`` to three sites.

mxcubecore 2.149.0 lives in a Python 3.11 venv of its own (it pins pydantic 2.8.2, numpy < 2, gevent 23,
PyTango), made here on first use under the user's cache directory (``ISPYB_MXCUBE_CACHE`` moves it) and keyed by
a hash of ``requirements.txt``, then reused: a fresh build takes ~2 min on this machine (python-ldap compiles
against Debian's libldap2-dev and libsasl2-dev, installed by ``.ci/run``). The adapter is not installed there:
``adapters/mxcube`` goes on ``PYTHONPATH``, so a change to it never rebuilds the venv.

For each site — the reference server (SQLite), the DLS adapter (Diamond's schema) and the ESRF adapter (ESRF's),
each served by its CLI — a STAFF token prepares what a user office and a user would have registered (a person, a
proposal, a protein, crystal, shipment, dewar, a container at the beamline with a sample, and the beamline's
detector), a SERVICE token of the beamline is what MXCuBE gets, and ``replay.py`` runs in mxcubecore's venv:
HardwareRepository loads the beamline configuration written here (the LIMS object's XML as the README shows it)
and mxcubecore's code builds and sends the dictionaries. Every record is then read back through the common API
with the STAFF token and compared with the dictionary MXCuBE built, value by value, in the common API's units.
Every one of the 22 public methods of PyISPyBDataAdapter must have been called.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.server.live import free_port, wait_healthy

HERE = Path(__file__).parent
REPO = HERE.parent.parent
BIN = Path(sys.executable).parent
BEAMLINE = "i03"
MODEL, MODE = "EIGER2 X 9M", "4M ROI"
#: the 22 public methods of mxcubecore's PyISPyBDataAdapter (2.149.0)
PYISPYB_METHODS = (
    "associate_bl_sample_and_energy_scan",
    "create_session",
    "finalize_data_collection",
    "find_detector",
    "find_proposal",
    "find_sessions_by_proposal_and_beamline_for_today",
    "get_current_user_data",
    "get_data_collection",
    "get_proposals",
    "get_samples",
    "get_session",
    "get_sessions_by_code_and_number",
    "get_sessions_by_username",
    "store_beamline_setup",
    "store_data_collection",
    "store_energy_scan",
    "store_image",
    "store_robot_action",
    "store_xfe_spectrum",
    "update_bl_sample",
    "update_data_collection",
    "update_session",
)

pytestmark = [pytest.mark.mariadb, pytest.mark.long]


# --------------------------------------------------------------------------- mxcubecore's own environment


def _cache_dir() -> Path:
    base = os.environ.get("ISPYB_MXCUBE_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache", "ispyb-common-api"
    )
    return Path(base)


def _python311() -> str:
    found = shutil.which("python3.11")
    if found is None:
        pytest.fail("python3.11 is needed for mxcubecore's venv (mxcubecore 2.149 supports Python 3.11)")
    return found


@pytest.fixture(scope="module")
def mxcube_python() -> Path:
    """mxcubecore's venv, made once per requirements.txt and reused (built into a temporary name, then renamed)."""
    requirements = (HERE / "requirements.txt").read_bytes()
    venv = _cache_dir() / f"mxcubecore-{hashlib.sha256(requirements).hexdigest()[:12]}"
    python = venv / "bin" / "python"
    if not python.is_file():
        building = venv.with_name(venv.name + f".building-{os.getpid()}")
        shutil.rmtree(building, ignore_errors=True)
        subprocess.run([_python311(), "-m", "venv", str(building)], check=True, timeout=120)
        done = subprocess.run(
            [str(building / "bin" / "pip"), "install", "-q", "-r", str(HERE / "requirements.txt")],
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
        assert done.returncode == 0, f"pip install -r tests/mxcube/requirements.txt failed:\n{done.stderr[-4000:]}"
        if not python.is_file():
            building.rename(venv)  # venvs are not relocatable by name, so the scripts keep the temporary path:
        shutil.rmtree(building, ignore_errors=True)  # only bin/python is used, which resolves either way
    return python


# --------------------------------------------------------------------------- the three sites


def _cli(*args: str) -> str:
    done = subprocess.run(args, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, f"{' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
    lines = done.stdout.strip().splitlines()
    return lines[-1].strip() if lines else ""


def _serve(args: list[str], log: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with log.open("wb") as out:
        process = subprocess.Popen([*args, "--port", str(port)], stdout=out, stderr=subprocess.STDOUT)
    try:
        if wait_healthy(process, base, timeout=120):  # a loaded machine starts an adapter slowly
            return process, base
    except TimeoutError:
        process.kill()
    raise AssertionError(f"{args[0]} did not become healthy:\n{log.read_text()}")


@pytest.fixture(scope="module")
def sites(
    tmp_path_factory: pytest.TempPathFactory, dls_demo_db: str, esrf_demo_db: str
) -> Iterator[dict[str, tuple[str, str, str]]]:
    """name → (base URL, STAFF token, SERVICE token of the beamline), each site a process of its own CLI."""
    tmp = tmp_path_factory.mktemp("mxcube-sites")
    processes = []
    found: dict[str, tuple[str, str, str]] = {}
    try:
        ref_db = f"sqlite:///{tmp / 'reference.sqlite'}"
        server = str(BIN / "ispyb-server")
        _cli(server, "migrate", "--db", ref_db)
        staff = _cli(server, "token", "create", "--db", ref_db, "--role", "staff")
        service = _cli(server, "token", "create", "--db", ref_db, "--role", "service", "--beamline", BEAMLINE)
        process, base = _serve([server, "serve", "--db", ref_db, "--strict"], tmp / "reference.log")
        processes.append(process)
        found["reference"] = (base, staff, service)
        for name, db in (("dls", dls_demo_db), ("esrf", esrf_demo_db)):
            cli = str(BIN / f"ispyb-{name}-adapter")
            staff = _cli(cli, "token", "create", "--db", db, "--role", "staff")
            service = _cli(cli, "token", "create", "--db", db, "--role", "service", "--beamline", BEAMLINE)
            process, base = _serve([cli, "serve", "--db", db, "--strict"], tmp / f"{name}.log")
            processes.append(process)
            found[name] = (base, staff, service)
        yield found
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=20)


# --------------------------------------------------------------------------- what a user office and a user registered


def _put(http: httpx.Client, collection: str, body: dict[str, Any]) -> dict[str, Any]:
    answer = http.put(f"/v1/{collection}/{uuid.uuid4()}", json=body)
    assert answer.status_code == 201, f"PUT {collection}: {answer.status_code} {answer.text}"
    return dict(answer.json())


def register(http: httpx.Client, tag: str) -> dict[str, Any]:
    """A proposal with a member, a sample in a container at the beamline, and the beamline's detector."""
    login = f"mx{tag}"
    person = _put(http, "persons", {"givenName": "Rosalind", "familyName": "Franklin", "login": login})
    number = str(int(tag, 16) % 90000 + 10000)
    proposal = _put(
        http,
        "proposals",
        {
            "proposalCode": "mx",
            "proposalNumber": number,
            "title": "MXCuBE replay",
            "state": "OPEN",
            "principalInvestigatorUuid": person["uuid"],
        },
    )
    _put(
        http,
        "proposal-members",
        {"proposalUuid": proposal["uuid"], "personUuid": person["uuid"], "role": "PRINCIPAL_INVESTIGATOR"},
    )
    protein = _put(http, "proteins", {"proposalUuid": proposal["uuid"], "name": "Thaumatin", "acronym": f"thau{tag}"})
    crystal = _put(
        http,
        "crystals",
        {
            "proteinUuid": protein["uuid"],
            "spaceGroup": "P41212",
            "cellA": 58.0,
            "cellB": 58.0,
            "cellC": 151.0,
            "cellAlpha": 90.0,
            "cellBeta": 90.0,
            "cellGamma": 90.0,
        },
    )
    shipment = _put(http, "shipments", {"proposalUuid": proposal["uuid"], "name": f"replay-{tag}"})
    dewar = _put(http, "dewars", {"shipmentUuid": shipment["uuid"], "code": f"DW-{tag}", "type": "DEWAR"})
    container = _put(
        http,
        "containers",
        {
            "dewarUuid": dewar["uuid"],
            "code": f"PUCK-{tag}",
            "containerType": "UNIPUCK",
            "capacity": 16,
            "beamlineLocation": BEAMLINE,
            "sampleChangerLocation": "3",
        },
    )
    sample = _put(
        http,
        "samples",
        {
            "crystalUuid": crystal["uuid"],
            "containerUuid": container["uuid"],
            "name": f"thau-{tag}",
            "location": 5,
            "barcode": f"BC{tag}",
        },
    )
    detector = _put(
        http,
        "detectors",
        {
            "detectorType": "PAD",
            "manufacturer": "Dectris",
            "model": f"{MODEL} {tag}",
            "detectorMode": MODE,
            "serialNumber": f"E-{tag}",
            "pixelSizeX": 0.075,
            "pixelSizeY": 0.075,
        },
    )
    return {"login": login, "proposal": proposal, "sample": sample, "container": container, "detector": detector}


# --------------------------------------------------------------------------- the replay


def lims_xml(base: str, token: str) -> str:
    """The LIMS object's configuration, as the README's "Using the common API from MXCuBE" shows it."""
    return f"""<object class="ispyb_mxcube_adapter.CommonApiLims">
  <base_url>{base}</base_url>
  <token>{token}</token>
  <beamline>{BEAMLINE}</beamline>
  <authServerType>none</authServerType>
  <base_result_url>{base}</base_result_url>
</object>
"""


def beamline_config(directory: Path, base: str, token: str, model: str) -> None:
    directory.mkdir(parents=True)
    (directory / "beamline.yaml").write_text(
        "%YAML 1.2\n---\nclass: mxcubecore.HardwareObjects.Beamline.Beamline\n"
        "objects:\n  !!omap\n  - session: session.xml\n  - detector: detector.xml\n  - lims: lims.xml\n"
    )
    (directory / "detector.xml").write_text(
        f"""<object class="DetectorMockup">
  <type>PAD</type>
  <manufacturer>DECTRIS</manufacturer>
  <model>{model}</model>
  <px>0.075</px>
  <py>0.075</py>
  <width>3108</width>
  <height>3262</height>
  <fileSuffix>cbf</fileSuffix>
  <minimum_exposure_time>0.002</minimum_exposure_time>
  <default_exposure_time>0.02</default_exposure_time>
</object>
"""
    )
    (directory / "session.xml").write_text(
        f"""<object class="Session" role="session">
  <synchrotron_name>DLS</synchrotron_name>
  <endstation_name>eh1</endstation_name>
  <beamline_name>{BEAMLINE}</beamline_name>
  <file_info>
    <file_suffix>cbf</file_suffix>
    <precision>4</precision>
    <base_directory>{directory}/data</base_directory>
    <raw_data_folder_name>RAW_DATA</raw_data_folder_name>
    <processed_data_base_directory>{directory}/data</processed_data_base_directory>
    <processed_data_folder_name>PROCESSED_DATA</processed_data_folder_name>
    <archive_base_directory>{directory}/data</archive_base_directory>
    <archive_folder>ARCHIVE</archive_folder>
  </file_info>
</object>
"""
    )
    (directory / "lims.xml").write_text(lims_xml(base, token))


def start_replay(python: Path, directory: Path, proposal: str, login: str) -> subprocess.Popen[str]:
    """replay.py in mxcubecore's venv, in the background: the three sites' replays run side by side."""
    env = {**os.environ, "PYTHONPATH": str(REPO / "adapters" / "mxcube")}
    args = [str(python), str(HERE / "replay.py"), str(directory), proposal, login, str(directory / "replay.json")]
    return subprocess.Popen(
        [*args, MODE], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=directory
    )


def finish_replay(process: subprocess.Popen[str], directory: Path) -> dict[str, Any]:
    output, _ = process.communicate(timeout=300)
    out = directory / "replay.json"
    assert process.returncode == 0 and out.is_file(), f"replay failed:\n{output[-8000:]}"
    result: dict[str, Any] = json.loads(out.read_text())
    result["log"] = output
    return result


# --------------------------------------------------------------------------- comparing


def uid(mx_id: Any) -> str:
    """The UUID of an id MXCuBE holds (the adapter's ids are the UUIDs' integers)."""
    return str(uuid.UUID(int=int(mx_id)))


def instant(local: str) -> str:
    """MXCuBE's local wall-clock time as the UTC instant the site must hold (to the second)."""
    moment = datetime.strptime(local, "%Y-%m-%d %H:%M:%S").astimezone()
    return moment.astimezone(datetime.now().astimezone().tzinfo).isoformat()


def same_instant(site: str | None, local: str) -> bool:
    if not site:
        return False
    held = datetime.fromisoformat(site.replace("Z", "+00:00")).replace(microsecond=0)
    return held == datetime.strptime(local, "%Y-%m-%d %H:%M:%S").astimezone()


def close(a: Any, b: Any) -> bool:
    """Equal within the spec's declared precision (6 significant digits)."""
    if a is None or b is None:
        return a is b
    return abs(float(a) - float(b)) <= 1e-6 * max(abs(float(a)), abs(float(b)), 1e-12)


class Reader:
    def __init__(self, base: str, token: str) -> None:
        self.http = httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=30)

    def get(self, collection: str, record: str) -> dict[str, Any]:
        answer = self.http.get(f"/v1/{collection}/{record}")
        assert answer.status_code == 200, f"GET {collection}/{record}: {answer.status_code} {answer.text}"
        return dict(answer.json())

    def items(self, collection: str, **params: Any) -> list[dict[str, Any]]:
        answer = self.http.get(f"/v1/{collection}", params={**params, "limit": 100})
        assert answer.status_code == 200, f"GET {collection}: {answer.status_code} {answer.text}"
        return list(answer.json()["items"])


def check_collection(read: Reader, params: dict[str, Any], sample: str, detector: str, kind: str) -> None:
    dc = read.get("data-collections", uid(params["collection_id"]))
    osc, fileinfo = params["oscillation_sequence"][0], params["fileinfo"]
    assert dc["dataCollectionGroupUuid"] == uid(params["group_id"]), kind
    assert dc["sampleUuid"] == sample and dc["beamlineName"] == BEAMLINE, kind
    assert dc["detectorUuid"] == detector, f"{kind}: the detector find_detector found by manufacturer/model/mode"
    assert dc["runStatus"] == "SUCCESSFUL", kind
    assert same_instant(dc.get("startTime"), params["collection_start_time"]), (kind, dc.get("startTime"))
    assert dc.get("endTime"), f"{kind}: finalize_data_collection sets the end"
    for field, value in (
        ("exposureTime", osc["exposure_time"]),
        ("oscillationStart", osc["start"]),
        ("oscillationRange", osc["range"]),
        ("wavelength", params["wavelength"]),
        ("resolution", params["resolution"]),
        ("detectorDistance", params["detectorDistance"]),
        ("transmission", params["transmission"]),
        ("flux", params["flux"]),
        ("xBeam", params["xBeam"]),
        ("yBeam", params["yBeam"]),
        ("beamSizeAtSampleX", params["beamSizeAtSampleX"]),
        ("beamSizeAtSampleY", params["beamSizeAtSampleY"]),
    ):
        assert close(dc.get(field), value), f"{kind} {field}: site {dc.get(field)} != MXCuBE {value}"
    assert dc["numberOfImages"] == osc["number_of_images"] and dc["startImageNumber"] == osc["start_image_number"]
    assert dc["numberOfPasses"] == osc["number_of_passes"] and dc["dataCollectionNumber"] == fileinfo["run_number"]
    assert dc["imageDirectory"] == fileinfo["directory"] and dc["imagePrefix"] == fileinfo["prefix"]
    assert dc["fileTemplate"] == fileinfo["template"], kind
    group = read.get("data-collection-groups", dc["dataCollectionGroupUuid"])
    assert group["experimentType"] == ("MESH" if kind == "mesh" else "OSC"), kind
    assert group["sampleUuid"] == sample and group["sessionUuid"] == dc["sessionUuid"], kind


@pytest.mark.timeout(900)  # a first build of mxcubecore's venv (~2 min) comes on top of the three sites
def test_mxcube_writes_and_reads_through_the_common_api_at_three_sites(
    mxcube_python: Path, sites: dict[str, tuple[str, str, str]], tmp_path: Path
) -> None:
    exercised: dict[str, list[str]] = {}
    runs = {}
    for name, (base, staff, service) in sites.items():
        with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {staff}"}, timeout=30) as http:
            served = {c["name"] for c in http.get("/conformance").json()["classes"]}
            fixture = register(http, uuid.uuid4().hex[:8])
        directory = tmp_path / name
        model = fixture["detector"]["model"]  # one per run: the demo databases are shared by the session's tests
        beamline_config(directory, base, service, model)
        process = start_replay(mxcube_python, directory, fixture["proposal"]["name"], fixture["login"])
        runs[name] = (process, directory, fixture, served, Reader(base, staff))
    try:
        for name, (process, directory, fixture, served, read) in runs.items():
            result = finish_replay(process, directory)
            exercised[name] = result["called"]
            check_site(name, read, fixture, result, served)
    finally:
        for process, *_ in runs.values():
            if process.poll() is None:
                process.kill()
                process.wait()

    for name, called in exercised.items():
        missing = sorted(set(PYISPYB_METHODS) - set(called))
        assert not missing, f"{name}: PyISPyBDataAdapter methods the replay did not call: {missing}"
    print("PyISPyBDataAdapter methods exercised at every site:", ", ".join(PYISPYB_METHODS))


def check_site(name: str, read: Reader, fixture: dict[str, Any], result: dict[str, Any], served: set[str]) -> None:
    """Every record MXCuBE wrote, read back with the site's STAFF token and compared with MXCuBE's dictionary."""
    if True:
        proposal = fixture["proposal"]
        # login: the session of the day, created by MXCuBE (a service token writes sessions of its beamline)
        session = read.get("sessions", uid(result["session"]["session_id"]))
        assert session["proposalUuid"] == proposal["uuid"] and session["beamlineName"] == BEAMLINE, name
        assert session["comments"] == "Session created by the BCM" and session["scheduled"] is False, name
        assert result["session"]["is_scheduled_time"] and result["session"]["proposal_name"] == proposal["name"]
        assert result["sessionsByLogin"] == [result["session"]["session_id"]], f"{name}: get_sessions_by_username"
        assert str(uuid.UUID(int=int(result["session"]["proposal_id"]))) == proposal["uuid"]
        assert result["me"]["role"] == "SERVICE" and BEAMLINE in result["me"]["beamlines"], name
        # store_beamline_setup attached the setup to the session (update_session); its detector was found
        setup = read.get("beamline-setups", session["beamlineSetupUuid"])
        assert setup["beamlineName"] == BEAMLINE and setup["detectorUuid"] == fixture["detector"]["uuid"], name
        assert setup["monochromatorType"] == "Si(111)" and setup["focusingOptic"] == "KB mirrors", name
        found = result["sessionDict"]  # get_session, as findSession answered (local times)
        assert uid(found["sessionId"]) == session["uuid"] and found["startDate"].endswith("00:00:00"), name

        # samples as MXCuBE lists them, and the robot's mount of the first one
        sample = fixture["sample"]
        assert [uid(s["sampleId"]) for s in result["samples"]] == [sample["uuid"]], name
        listed = result["samples"][0]
        assert listed["sampleLocation"] == 5 and listed["containerSampleChangerLocation"] == "3", name
        assert listed["containerCode"] == fixture["container"]["code"] and listed["crystalSpaceGroup"] == "P41212"
        assert read.get("samples", sample["uuid"])["name"] == sample["name"], f"{name}: update_bl_sample changed it"
        if "beamline-events" in served:
            (action,) = read.items("robot-actions", sessionUuid=session["uuid"])
            assert action["actionType"] == "LOAD" and action["status"] == "SUCCESS", name
            assert action["sampleUuid"] == sample["uuid"], name
            assert action["containerLocation"] == 3 and action["sampleLocation"] == 5, name

        # a rotation and a mesh (with its grid), each with the values MXCuBE's dictionary held
        detector = fixture["detector"]["uuid"]
        check_collection(read, result["rotation"], sample["uuid"], detector, "rotation")
        check_collection(read, result["mesh"], sample["uuid"], detector, "mesh")
        mesh_dc = uid(result["mesh"]["collection_id"])
        (grid,) = read.items("grid-scans", dataCollectionUuid=mesh_dc)
        assert (grid["stepsX"], grid["stepsY"]) == (10, 6) and close(grid["dxMm"], 0.01), name
        assert result["dataCollection"]["imagePrefix"] == result["rotation"]["fileinfo"]["prefix"], name
        if "beamline-events" in served:
            images = read.items("images", dataCollectionUuid=uid(result["rotation"]["collection_id"]))
            assert [i["imageNumber"] for i in images] == [1], name
            assert images[0]["fileName"] == result["rotation"]["fileinfo"]["template"] % 1, name
            workflow = read.get("workflows", uid(result["workflow"]))
            assert workflow["workflowType"] == "MeshScan" and workflow["status"] == "STARTED", name

        # the energy scan, in eV, associated with its sample (associate_bl_sample_and_energy_scan)
        escan = result["energyScan"]
        stored = read.get("energy-scans", uid(escan["energyScanId"]))
        assert stored["sampleUuid"] == sample["uuid"] and stored["sessionUuid"] == session["uuid"], name
        assert (stored["element"], stored["edge"]) == ("Se", "K"), name
        for field in ("startEnergy", "endEnergy", "peakEnergy", "inflectionEnergy"):
            assert close(stored[field], escan[field] * 1000), f"{name} energy scan {field}"
        for field in ("peakFPrime", "peakFDoublePrime", "inflectionFPrime", "inflectionFDoublePrime"):
            assert close(stored[field], escan[field]), f"{name} energy scan {field}"
        assert close(stored["transmission"], escan["transmissionFactor"]), name
        assert stored["choochFileFullPath"] == escan["choochFileFullPath"], name
        assert same_instant(stored["startTime"], escan["startTime"]), name

        # the XRF spectrum AbstractXRFSpectrum stored
        xrf = result["xrf"]
        (spectrum,) = read.items("xrf-spectra", sessionUuid=session["uuid"])
        assert spectrum["sampleUuid"] == sample["uuid"] and close(spectrum["energy"], 12700.0), name
        assert close(spectrum["exposureTime"], xrf["exposureTime"]) and close(spectrum["transmission"], 10.0)
        assert spectrum["scanFileFullPath"] == xrf["scanFileFullPath"], name
        assert spectrum["fittedDataFileFullPath"] == xrf["fittedDataFileFullPath"], name
        assert same_instant(spectrum["startTime"], xrf["startTime"]), name

        # the SSX chip collection: a group of type SSX_CHIP, a collection with its technique parameters
        ssx = result["ssx"]
        group_id, dc_id = ssx["ids"]
        assert read.get("data-collection-groups", uid(group_id))["experimentType"] == "SSX_CHIP", name
        chip = read.get("data-collections", uid(dc_id))
        assert chip["numberOfImages"] == ssx["numImages"] and chip["imagePrefix"] == ssx["prefix"], name
        assert close(chip["exposureTime"], ssx["expTime"]) and close(chip["wavelength"], ssx["beamline"]["wavelength"])
        assert close(chip["flux"], ssx["lims"]["flux_start"]), name
        technique = chip["techniqueParameters"]
        assert technique["technique"] == "SSX" and technique["deliveryMethod"] == "CHIP", name
        assert technique["chipModel"] == "Oxford" and close(technique["repetitionRate"], 925.0), name
