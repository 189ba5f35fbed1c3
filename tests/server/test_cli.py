"""``ispyb-server`` as a user runs it: seed, token create, site-config and serve, all as real processes."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from tests.server.live import LiveServer, create_token, run_cli, serve, sqlite_url

SITE_SCHEMA = Path(__file__).resolve().parents[2] / "conformance" / "schemas" / "site.schema.json"
DEMO_PROPOSAL = "mx23694"

#: fixture role of the suite's manifest → the collection its UUID belongs to
FIXTURE_COLLECTIONS = {
    "proposal": "proposals",
    "session": "sessions",
    "sessionWithDataCollections": "sessions",
    "person": "persons",
    "laboratory": "laboratories",
    "proposalMember": "proposal-members",
    "sessionMember": "session-members",
    "labContact": "lab-contacts",
    "protein": "proteins",
    "crystal": "crystals",
    "sample": "samples",
    "sampleImage": "sample-images",
    "shipment": "shipments",
    "dewar": "dewars",
    "container": "containers",
    "dataCollectionGroup": "data-collection-groups",
    "dataCollection": "data-collections",
    "dataCollectionWithProcessing": "data-collections",
    "gridScan": "grid-scans",
    "energyScan": "energy-scans",
    "xrfSpectrum": "xrf-spectra",
    "beamlineSetup": "beamline-setups",
    "detector": "detectors",
    "processingJob": "processing-jobs",
    "processingProgram": "processing-programs",
    "processingMessage": "processing-messages",
    "processingAttachment": "processing-attachments",
    "integration": "integrations",
    "scalingStatistics": "scaling-statistics",
    "screening": "screenings",
    "robotAction": "robot-actions",
    "image": "images",
    "imageQualityIndicators": "image-quality-indicators",
    "dataCollectionAttachment": "data-collection-attachments",
    "workflow": "workflows",
    "workflowStep": "workflow-steps",
    "foreignProposal": "proposals",
    "foreignBeamlineSession": "sessions",
}
#: the files class's roles: written only when the server has storage roots (``site-config --files-root``)
FILES_FIXTURES = {
    "processingAttachmentWithFile",
    "processingAttachmentWithoutFile",
    "dataCollectionAttachmentWithFile",
    "sampleImageWithFile",
    "imageWithFile",
    "dataCollectionWithImageFiles",
}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """``ispyb-server serve --demo`` on a fresh SQLite file."""
    tmp = tmp_path_factory.mktemp("cli-demo")
    with serve(sqlite_url(tmp / "demo.sqlite"), tmp / "logs", demo=True) as server:
        yield server


def test_seed_loads_realistic_data(tmp_path: Path) -> None:
    db = sqlite_url(tmp_path / "seeded.sqlite")
    done = run_cli("seed", "--db", db, "--size", "2")
    output = done.stdout + done.stderr
    counts = {name: int(n) for n, name in re.findall(r"(\d+) ([a-z_]+)", output)}
    assert counts.get("proposals") == 2, output
    assert counts.get("data_collections", 0) > 0, f"no data_collections count in:\n{output}"
    assert len(output.strip().splitlines()) == 1, f"the counts are not one line:\n{output}"

    # what the counts say is what the API serves
    staff = create_token(db, "staff")
    with serve(db, tmp_path / "logs") as server, server.client(staff) as client:
        for collection, table in (
            ("data-collections", "data_collections"),
            ("proposals", "proposals"),
            ("samples", "samples"),
        ):
            page = client.get(f"/v1/{collection}", params={"limit": 1000})
            assert page.status_code == 200, page.text
            assert len(page.json()["items"]) == counts[table], collection


def test_serve_demo_prints_a_working_command(demo: LiveServer) -> None:
    output = demo.log.read_text()
    assert "demo data loaded" in output
    command = re.search(r'^try: curl -H "Authorization: Bearer (\S+)" (\S+)$', output, re.MULTILINE)
    assert command is not None, f"no one-line curl command in:\n{output}"
    token, url = command.groups()
    assert url.startswith(demo.base_url + "/")
    with demo.client(token) as client:
        response = client.get(url.removeprefix(demo.base_url))
    assert response.status_code == 200
    assert response.json()["items"]


def test_token_create_user_of_a_proposal(demo: LiveServer) -> None:
    token = create_token(demo.db_url, "user", proposals=[DEMO_PROPOSAL])
    with demo.client(token) as client:
        me = client.get("/v1/me")
        assert me.status_code == 200, me.text
        assert me.json()["role"] == "USER"
        assert [p["name"] for p in me.json()["proposals"]] == [DEMO_PROPOSAL]
        proposal_uuid = me.json()["proposals"][0]["uuid"]
        # the token reaches that proposal's records, and only that proposal's
        proposals = client.get("/v1/proposals").json()["items"]
        assert [p["name"] for p in proposals] == [DEMO_PROPOSAL]
        collections = client.get("/v1/data-collections", params={"limit": 1000}).json()["items"]
        assert collections
        assert {dc["proposalUuid"] for dc in collections} == {proposal_uuid}


def test_token_create_refuses_an_unknown_proposal(demo: LiveServer) -> None:
    done = run_cli("token", "create", "--db", demo.db_url, "--role", "user", "--proposal", "zz00000", check=False)
    assert done.returncode != 0
    assert "no proposal named 'zz00000'" in done.stdout + done.stderr
    assert not done.stdout.strip(), "a failed token create printed a token"


def test_site_config_is_valid_and_its_fixtures_resolve(demo: LiveServer, tmp_path: Path) -> None:
    site = tmp_path / "site.yaml"
    run_cli("site-config", "--base-url", "http://x", "--db", demo.db_url, "-o", str(site))
    config = yaml.safe_load(site.read_text())
    schema = json.loads(SITE_SCHEMA.read_text())
    jsonschema.validate(config, schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    assert config["baseUrl"] == "http://x"

    # every role of the manifest is filled, from this database
    fixtures: dict[str, str] = config["fixtures"]
    assert set(schema["properties"]["fixtures"]["properties"]) == set(FIXTURE_COLLECTIONS) | FILES_FIXTURES
    assert set(fixtures) == set(FIXTURE_COLLECTIONS)

    tokens = {name: identity["token"] for name, identity in config["identities"].items()}
    beamline = config["writes"]["beamline"]
    assert config["identities"]["service"]["beamlines"] == [beamline]
    with (
        demo.client(tokens["owner"]) as owner,
        demo.client(tokens["otherUser"]) as other,
        demo.client(tokens["staff"]) as staff,
        demo.client(tokens["service"]) as service,
    ):
        assert owner.get("/v1/me").json()["role"] == "USER"
        assert other.get("/v1/me").json()["role"] == "USER"
        assert staff.get("/v1/me").json()["role"] == "STAFF"
        assert service.get("/v1/me").json() | {"subject": None} == {
            "subject": None,
            "role": "SERVICE",
            "proposals": [],
            "beamlines": [beamline],
        }

        records: dict[str, dict[str, Any]] = {}
        for name, record_uuid in fixtures.items():
            path = f"/v1/{FIXTURE_COLLECTIONS[name]}/{record_uuid}"
            reader = staff if name == "foreignProposal" else owner
            response = reader.get(path)
            assert response.status_code == 200, f"{name}: GET {path} -> {response.status_code} {response.text}"
            records[name] = response.json()
        # the foreign proposal is foreign: the owner cannot see it, the other user can
        foreign = f"/v1/proposals/{fixtures['foreignProposal']}"
        assert owner.get(foreign).status_code == 404
        assert other.get(foreign).status_code == 200
        # the fixture proposal and the sandbox are the owner's, and the other user's reach stops there
        assert other.get(f"/v1/proposals/{fixtures['proposal']}").status_code == 404
        sandbox = owner.get(f"/v1/sessions/{config['writes']['sandboxSessionUuid']}").json()
        assert sandbox["proposalUuid"] == config["writes"]["sandboxProposalUuid"]
        assert sandbox["beamlineName"] == beamline
        assert records["foreignBeamlineSession"]["beamlineName"] != beamline
        # the roles with a promise keep it
        with_dc = owner.get("/v1/data-collections", params={"sessionUuid": fixtures["sessionWithDataCollections"]})
        assert with_dc.json()["items"]
        with_processing = owner.get(
            "/v1/processing-programs", params={"dataCollectionUuid": fixtures["dataCollectionWithProcessing"]}
        )
        assert with_processing.json()["items"]
        # a random UUID does not resolve: 200 above means the fixtures are real records
        assert owner.get(f"/v1/samples/{uuid.uuid4()}").status_code == 404
