"""Same write, same read, three sites (issue 12 §8): the one API really sits on three different databases.

One scenario — a proposal with a session, a data collection group, a data collection, a processing program, an
integration and its scaling statistics, plus a shipment with a dewar, a container and a sample of a crystal of
a protein — is written through the common API, with the same client-chosen UUIDs, to the reference server
(SQLite), the DLS adapter (Diamond's schema on MariaDB) and the ESRF adapter (ESRF's schema on MariaDB), each a
real process started by its own CLI. Every record then reads back with the same representation at every site,
and as written, within the precision the spec declares ("Units and precision": instants to the second, numbers
to 6 significant digits); a list filtered by the session finds the same data collection everywhere.

Only HTTP and the command lines are used, as a client would see the sites: no server code is imported.
"""

from __future__ import annotations

import math
import subprocess
import sys
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest

from tests.server.live import free_port, raw_exchange, wait_healthy

BIN = Path(sys.executable).parent
NAMESPACE = uuid.UUID("6f1d2a4e-9c3b-4d7a-8e21-5b0c9f3e7a11")
#: set by each site itself: when the record was created and last changed there
SITE_SET = ("createdAt", "updatedAt")

pytestmark = pytest.mark.mariadb


def uid(name: str) -> str:
    return str(uuid.uuid5(NAMESPACE, name))


#: (collection, uuid, body) in the order a client writes them: parents first
SCENARIO: list[tuple[str, str, dict[str, Any]]] = [
    # DLS and ESRF keep a proposal's principal investigator in a NOT NULL column that refers to Person
    ("persons", uid("pi"), {"givenName": "Dorothy", "familyName": "Hodgkin"}),
    (
        "proposals",
        uid("proposal"),
        {
            "proposalCode": "mx",
            "proposalNumber": "90210",
            "title": "Lysozyme at three sites",
            "state": "OPEN",
            "principalInvestigatorUuid": uid("pi"),
        },
    ),
    (
        "sessions",
        uid("session"),
        {
            "proposalUuid": uid("proposal"),
            "visitNumber": 1,
            "beamlineName": "i03",
            "startTime": "2026-03-14T09:00:00Z",
            "endTime": "2026-03-15T09:00:00Z",
            "comments": "same write, same read",
        },
    ),
    ("proteins", uid("protein"), {"proposalUuid": uid("proposal"), "name": "Lysozyme C", "acronym": "lyso"}),
    ("crystals", uid("crystal"), {"proteinUuid": uid("protein"), "spaceGroup": "P43212", "cellA": 79.1}),
    ("shipments", uid("shipment"), {"proposalUuid": uid("proposal"), "name": "three-sites-1"}),
    # a dewar's type is NOT NULL at DLS and ESRF (their default: Dewar), so the scenario says what it is
    ("dewars", uid("dewar"), {"shipmentUuid": uid("shipment"), "code": "DW-3S-01", "type": "DEWAR"}),
    (
        "containers",
        uid("container"),
        {"dewarUuid": uid("dewar"), "code": "PUCK-3S", "containerType": "UNIPUCK", "capacity": 16},
    ),
    (
        "samples",
        uid("sample"),
        {"crystalUuid": uid("crystal"), "containerUuid": uid("container"), "name": "lyso-x1", "location": 3},
    ),
    (
        "data-collection-groups",
        uid("group"),
        {
            "sessionUuid": uid("session"),
            "proposalUuid": uid("proposal"),
            "beamlineName": "i03",
            "sampleUuid": uid("sample"),
            "experimentType": "OSC",
            "startTime": "2026-03-14T10:00:00Z",
        },
    ),
    (
        "data-collections",
        uid("dc"),
        {
            "dataCollectionGroupUuid": uid("group"),
            "dataCollectionNumber": 1,
            "runStatus": "SUCCESSFUL",
            "startTime": "2026-03-14T10:00:05Z",
            "endTime": "2026-03-14T10:01:05Z",
            "wavelength": 0.976254,
            "resolution": 1.45,
            "exposureTime": 0.004,
            "oscillationStart": 0.0,
            "oscillationRange": 0.1,
            "numberOfImages": 3600,
            "imageDirectory": "/dls/i03/data/2026/mx90210-1",
            "imagePrefix": "lyso_x1",
            "transmission": 12.5,
        },
    ),
    (
        "processing-programs",
        uid("program"),
        {
            "dataCollectionUuid": uid("dc"),
            "proposalUuid": uid("proposal"),
            "beamlineName": "i03",
            "programs": "xia2 dials",
            "status": "SUCCESS",
            "startTime": "2026-03-14T10:02:00Z",
            "endTime": "2026-03-14T10:09:30Z",
        },
    ),
    (
        "integrations",
        uid("integration"),
        {
            "processingProgramUuid": uid("program"),
            "dataCollectionUuid": uid("dc"),
            "startImageNumber": 1,
            "endImageNumber": 3600,
            "spaceGroup": "P43212",
            "cellA": 79.123,
            "cellB": 79.123,
            "cellC": 37.987,
            "cellAlpha": 90.0,
            "cellBeta": 90.0,
            "cellGamma": 90.0,
        },
    ),
    (
        "scaling-statistics",
        uid("overall"),
        {
            "processingProgramUuid": uid("program"),
            "integrationUuid": uid("integration"),
            "shell": "OVERALL",
            "resolutionLimitLow": 55.93,
            "resolutionLimitHigh": 1.45,
            "rMerge": 0.061,
            "completeness": 99.87,
            "multiplicity": 12.9,
            "ccHalf": 0.9993,
            "meanIOverSigI": 17.3,
            "totalObservations": 512345,
            "uniqueObservations": 39765,
        },
    ),
]


# --------------------------------------------------------------------------- the three sites, as processes


def _run(*args: str) -> str:
    done = subprocess.run(args, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, f"{' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout.strip().splitlines()[-1].strip() if done.stdout.strip() else ""


def _serve(args: list[str], log: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with log.open("wb") as out:
        process = subprocess.Popen([*args, "--port", str(port)], stdout=out, stderr=subprocess.STDOUT)
    try:
        if wait_healthy(process, base, timeout=60):
            return process, base
    except TimeoutError:
        process.kill()
    raise AssertionError(f"{args[0]} did not become healthy:\n{log.read_text()}")


@pytest.fixture(scope="module")
def sites(
    tmp_path_factory: pytest.TempPathFactory, dls_demo_db: str, esrf_demo_db: str
) -> Iterator[dict[str, httpx.Client]]:
    """name → a client holding a STAFF token of that site (the scenario creates a proposal).

    The adapters serve the session's demo databases (tests/conftest.py; the scenario's records are its own).
    """
    tmp = tmp_path_factory.mktemp("three-sites")
    processes = []
    clients: dict[str, httpx.Client] = {}
    try:
        ref_db = f"sqlite:///{tmp / 'reference.sqlite'}"
        _run(str(BIN / "ispyb-server"), "migrate", "--db", ref_db)
        token = _run(str(BIN / "ispyb-server"), "token", "create", "--db", ref_db, "--role", "STAFF")
        process, base = _serve([str(BIN / "ispyb-server"), "serve", "--db", ref_db, "--strict"], tmp / "ref.log")
        processes.append(process)
        clients["reference"] = httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=30)
        for name, db in (("dls", dls_demo_db), ("esrf", esrf_demo_db)):
            cli = str(BIN / f"ispyb-{name}-adapter")
            token = _run(cli, "token", "create", "--db", db, "--role", "staff")
            process, base = _serve([cli, "serve", "--db", db, "--strict"], tmp / f"{name}.log")
            processes.append(process)
            clients[name] = httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=30)
        yield clients
    finally:
        for client in clients.values():
            client.close()
        for process in processes:
            process.terminate()
            process.wait(timeout=20)


# --------------------------------------------------------------------------- comparing within the spec's precision


def _instant(text: str) -> str:
    parsed = datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)
    return parsed.replace(microsecond=0).isoformat()


def _significant(value: float, digits: int = 6) -> float:
    return 0.0 if value == 0 else float(f"{value:.{digits - 1}e}")


def normalised(doc: Any, key: str = "") -> Any:
    """A representation as precise as the spec guarantees: instants to the second, numbers to 6 digits."""
    if isinstance(doc, dict):
        return {k: normalised(v, k) for k, v in doc.items() if k not in SITE_SET}
    if isinstance(doc, list):
        return [normalised(v) for v in doc]
    if isinstance(doc, float) and math.isfinite(doc):
        return _significant(doc)
    if isinstance(doc, str) and (key.endswith("Time") or key.endswith("At")):
        return _instant(doc)
    return doc


def test_the_same_scenario_reads_back_the_same_at_every_site(sites: dict[str, httpx.Client]) -> None:
    for collection, record_uuid, body in SCENARIO:
        for name, client in sites.items():
            answer = client.put(f"/v1/{collection}/{record_uuid}", json=body)
            assert answer.status_code == 201, f"{name} PUT {collection}: {answer.status_code} {answer.text}"

    for collection, record_uuid, body in SCENARIO:
        read = {name: client.get(f"/v1/{collection}/{record_uuid}") for name, client in sites.items()}
        assert {name: r.status_code for name, r in read.items()} == dict.fromkeys(sites, 200), collection
        docs = {name: normalised(r.json()) for name, r in read.items()}
        written = normalised(body)
        for name, doc in docs.items():
            # what was written is what is read, at each site (plus what the site derives: uuid, names, scope)
            assert {k: doc.get(k) for k in written} == written, f"{name} {collection}"
        reference = docs.pop("reference")
        for name, doc in docs.items():
            assert doc == reference, f"{collection}: {name} differs from the reference server"

    by_session = {"sessionUuid": uid("session")}
    listed = {
        name: [dc["uuid"] for dc in client.get("/v1/data-collections", params=by_session).json()["items"]]
        for name, client in sites.items()
    }
    assert listed == {name: [uid("dc")] for name in sites}


def test_a_request_that_is_not_http_is_refused_alike_at_every_site(sites: dict[str, httpx.Client]) -> None:
    """Each site's ``serve`` runs the kit's HTTP protocol: the parser's refusal is a problem document everywhere."""
    request = b"GET /v1/proteins HTTP/1.1\r\nHost: x\r\nContent-Length: :Z\r\n\r\n"
    for name, client in sites.items():
        answer = raw_exchange(str(client.base_url), request)
        assert (answer.status, answer.headers.get("content-type")) == (400, "application/problem+json"), name
        assert "Content-Length" in orjson.loads(answer.body)["detail"], name
