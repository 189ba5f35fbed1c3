"""``ispyb-conformance audit`` across two granular services (issue 17): every planted dangling reference is found,
none elsewhere, and a later run follows the change feeds instead of walking again.

Service A serves proposals, samples and shipping; service B acquisition and processing; both the change feed.
A reference into the other service is stored unresolved, so it can dangle: planted are a data collection
group on B naming a sample A never had, and a session on A naming a beamline setup B never had. Valid
cross-service references (B's group → A's session, B's second group → A's sample) must not be reported — until
that sample is deleted on A, which the incremental run must then find from A's feed.
"""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from tests.server.live import LiveServer, create_token, serve, sqlite_url

STAFF = "audit-staff-" + uuid.uuid4().hex
BEAMLINE = "i03"


@pytest.fixture(scope="module")
def services(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LiveServer, LiveServer]]:
    tmp = tmp_path_factory.mktemp("audit")
    dbs = sqlite_url(tmp / "a.sqlite"), sqlite_url(tmp / "b.sqlite")
    for db in dbs:
        create_token(db, "staff", token=STAFF, subject="audit-staff")
    with ExitStack() as stack:
        a = stack.enter_context(serve(dbs[0], tmp / "logs", modules=("proposals", "samples", "shipping", "changes")))
        b = stack.enter_context(serve(dbs[1], tmp / "logs", modules=("acquisition", "processing", "changes")))
        yield a, b


def _post(client: httpx.Client, path: str, body: dict[str, Any]) -> str:
    answer = client.post(path, json=body)
    assert answer.status_code == 201, f"{path}: {answer.status_code} {answer.text}"
    return str(answer.json()["uuid"])


def _audit(tmp_path: Path, a: LiveServer, b: LiveServer) -> dict[str, Any]:
    services = tmp_path / "services.yaml"
    services.write_text(
        yaml.safe_dump(
            {
                "services": [
                    {"name": "a", "baseUrl": a.base_url, "token": STAFF},
                    {"name": "b", "baseUrl": b.base_url, "token": STAFF},
                ]
            }
        )
    )
    cli = Path(sys.executable).parent / "ispyb-conformance"
    done = subprocess.run(
        [str(cli), "audit", "--services", str(services), "--state", str(tmp_path / "state.json")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    report: dict[str, Any] = json.loads(done.stdout)
    assert done.returncode == (1 if report["dangling"] else 0)
    return report


def test_the_audit_finds_the_planted_dangling_references_only(
    services: tuple[LiveServer, LiveServer], tmp_path: Path
) -> None:
    a, b = services
    with a.client(STAFF) as on_a, b.client(STAFF) as on_b:
        person = _post(on_a, "/v1/persons", {"familyName": "Audit"})
        proposal = _post(on_a, "/v1/proposals", {"proposalCode": "mx", "proposalNumber": uuid.uuid4().hex[:6]})
        assert person and proposal
        ghost_setup, ghost_sample = str(uuid.uuid4()), str(uuid.uuid4())
        session = _post(
            on_a,
            "/v1/sessions",
            {"proposalUuid": proposal, "visitNumber": 1, "beamlineName": BEAMLINE, "beamlineSetupUuid": ghost_setup},
        )
        protein = _post(on_a, "/v1/proteins", {"proposalUuid": proposal, "name": "Lipase", "acronym": "LipA"})
        crystal = _post(on_a, "/v1/crystals", {"proteinUuid": protein})
        sample = _post(on_a, "/v1/samples", {"crystalUuid": crystal, "name": "s1"})
        scope = {"sessionUuid": session, "proposalUuid": proposal, "beamlineName": BEAMLINE, "experimentType": "OSC"}
        lost = _post(on_b, "/v1/data-collection-groups", {**scope, "sampleUuid": ghost_sample})
        kept = _post(on_b, "/v1/data-collection-groups", {**scope, "sampleUuid": sample})

        first = _audit(tmp_path, a, b)
        found = {(d["collection"], d["uuid"], d["field"], d["value"]) for d in first["dangling"]}
        assert found == {
            ("sessions", session, "beamlineSetupUuid", ghost_setup),
            ("data-collection-groups", lost, "sampleUuid", ghost_sample),
        }
        assert sorted(first["walked"]) == ["a", "b"] and first["referencesChecked"] >= 8

        assert on_a.delete(f"/v1/samples/{sample}").status_code == 204  # B's `kept` group now dangles
        second = _audit(tmp_path, a, b)
        assert second["walked"] == [] and second["followedChanges"]["a"] == 1
        found = {(d["collection"], d["uuid"], d["field"]) for d in second["dangling"]}
        assert ("data-collection-groups", kept, "sampleUuid") in found and len(found) == 3
