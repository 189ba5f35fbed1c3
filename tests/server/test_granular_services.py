"""Granular services: two ``ispyb-server serve --modules …`` processes, each on its own SQLite file.

Service A serves proposals, samples and shipping; service B serves acquisition and processing. They share
one staff token and one service token (for beamline i03), registered in both databases with
``token create --token``. A cross-service workflow writes the proposal side on A, then the experiment on
B, pointing at A's UUIDs: those references cross a service boundary, so B stores them without resolving
them, while a reference B serves itself must resolve.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from tests.server.live import LiveServer, create_token, serve, sqlite_url

STAFF_TOKEN = "granular-shared-staff-" + uuid.uuid4().hex
SERVICE_TOKEN = "granular-shared-service-i03-" + uuid.uuid4().hex
BEAMLINE = "i03"
MODULES_A = ("proposals", "samples", "shipping")
MODULES_B = ("acquisition", "processing")
CLASS_URI = "urn:ispyb:common-api:1:conf:{}"
PROBLEM = "application/problem+json"


@dataclass(frozen=True)
class Services:
    a: LiveServer
    b: LiveServer


@pytest.fixture(scope="module")
def services(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    tmp = tmp_path_factory.mktemp("granular")
    db_a, db_b = sqlite_url(tmp / "a.sqlite"), sqlite_url(tmp / "b.sqlite")

    def register(db: str) -> None:
        # the same token values in both databases: one identity across the two services
        create_token(db, "staff", token=STAFF_TOKEN, subject="shared-staff")
        create_token(db, "service", beamlines=[BEAMLINE], token=SERVICE_TOKEN, subject="shared-service")

    with ThreadPoolExecutor(2) as pool:
        list(pool.map(register, (db_a, db_b)))
    with ExitStack() as stack:
        a = stack.enter_context(serve(db_a, tmp / "logs", modules=MODULES_A))
        b = stack.enter_context(serve(db_b, tmp / "logs", modules=MODULES_B))
        yield Services(a, b)


def _created(client: httpx.Client, path: str, body: dict[str, Any]) -> dict[str, Any]:
    """POST ``body``; assert 201 with a Location and an ETag, and that the record echoes the body."""
    response = client.post(path, json=body)
    assert response.status_code == 201, f"POST {path} {body} -> {response.status_code} {response.text}"
    record: dict[str, Any] = response.json()
    assert response.headers["Location"] == f"{path}/{record['uuid']}"
    assert response.headers.get("ETag")
    for key, value in body.items():
        assert record[key] == value, f"{path}: {key} is {record.get(key)!r}, sent {value!r}"
    return record


def _read_back(client: httpx.Client, path: str, record: dict[str, Any]) -> None:
    response = client.get(f"{path}/{record['uuid']}")
    assert response.status_code == 200, f"GET {path}/{record['uuid']} -> {response.status_code} {response.text}"
    assert response.headers.get("ETag")
    assert response.json() == record


def _assert_unresolved(response: httpx.Response, field: str) -> None:
    assert response.status_code == 409, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    problem = response.json()
    assert problem["status"] == 409
    assert f"/body/{field}" in [error["pointer"] for error in problem.get("errors", [])], problem


@pytest.fixture(scope="module")
def shipped(services: Services) -> dict[str, dict[str, Any]]:
    """On A, as staff: a proposal with a session on i03, a member, and a sample in a container."""
    suffix = uuid.uuid4().hex[:8]
    records: dict[str, dict[str, Any]] = {}
    with services.a.client(STAFF_TOKEN) as a:
        records["laboratory"] = _created(
            a,
            "/v1/laboratories",
            {"name": f"Granular Lab {suffix}", "organization": "Example University", "country": "United Kingdom"},
        )
        records["person"] = _created(
            a,
            "/v1/persons",
            {
                "givenName": "Rosalind",
                "familyName": "Franklin",
                "login": f"rf{suffix}",
                "laboratoryUuid": records["laboratory"]["uuid"],
            },
        )
        records["proposal"] = _created(
            a,
            "/v1/proposals",
            {
                "proposalCode": "mx",
                "proposalNumber": str(int(suffix, 16) % 10**8),
                "title": "Granular services",
                "proposalType": "MX",
                "state": "OPEN",
                "principalInvestigatorUuid": records["person"]["uuid"],
            },
        )
        proposal = records["proposal"]["uuid"]
        records["session"] = _created(
            a,
            "/v1/sessions",
            {
                "proposalUuid": proposal,
                "visitNumber": 1,
                "beamlineName": BEAMLINE,
                "startTime": "2026-03-14T09:00:00Z",
                "endTime": "2026-03-15T09:00:00Z",
            },
        )
        records["proposalMember"] = _created(
            a,
            "/v1/proposal-members",
            {"proposalUuid": proposal, "personUuid": records["person"]["uuid"], "role": "PRINCIPAL_INVESTIGATOR"},
        )
        records["protein"] = _created(
            a, "/v1/proteins", {"proposalUuid": proposal, "name": "Lipase B", "acronym": f"LipB{suffix[:4]}"}
        )
        records["crystal"] = _created(
            a,
            "/v1/crystals",
            {"proteinUuid": records["protein"]["uuid"], "name": "LipB form I", "spaceGroup": "P43212"},
        )
        records["shipment"] = _created(a, "/v1/shipments", {"proposalUuid": proposal, "name": "March run"})
        records["dewar"] = _created(
            a, "/v1/dewars", {"shipmentUuid": records["shipment"]["uuid"], "code": f"DLS-{suffix}"}
        )
        records["container"] = _created(
            a,
            "/v1/containers",
            {
                "dewarUuid": records["dewar"]["uuid"],
                "code": "PUCK-07",
                "containerType": "UNIPUCK",
                "capacity": 16,
                "sessionUuid": records["session"]["uuid"],
            },
        )
        records["sample"] = _created(
            a,
            "/v1/samples",
            {
                "crystalUuid": records["crystal"]["uuid"],
                "containerUuid": records["container"]["uuid"],
                "name": "LipB-x01",
                "location": 1,
            },
        )
    return records


def test_conformance_lists_exactly_the_classes_served(services: Services) -> None:
    for server, modules in ((services.a, MODULES_A), (services.b, MODULES_B)):
        response = httpx.get(f"{server.base_url}/conformance", timeout=10)
        assert response.status_code == 200
        expected = ["core", *modules]
        assert response.json()["conformsTo"] == [CLASS_URI.format(name) for name in expected]
        assert [c["name"] for c in response.json()["classes"]] == expected


@pytest.mark.parametrize(
    ("side", "path"),
    [
        ("b", "/v1/sessions"),
        ("b", "/v1/proposals"),
        ("b", "/v1/samples"),
        ("b", "/v1/shipments"),
        ("a", "/v1/data-collections"),
        ("a", "/v1/data-collection-groups"),
        ("a", "/v1/processing-programs"),
    ],
)
def test_a_module_not_served_answers_404(services: Services, side: str, path: str) -> None:
    server = services.a if side == "a" else services.b
    with server.client(STAFF_TOKEN) as client:
        listed = client.get(path)
        assert listed.status_code == 404, listed.text
        assert listed.headers["content-type"].startswith(PROBLEM)
        assert client.get(f"{path}/{uuid.uuid4()}").status_code == 404
        assert client.post(path, json={}).status_code == 404


def test_landing_page_links_only_served_collections(services: Services) -> None:
    for server, present, absent in (
        (services.a, "/v1/samples", "/v1/data-collections"),
        (services.b, "/v1/data-collections", "/v1/samples"),
    ):
        links = [link["href"] for link in httpx.get(f"{server.base_url}/", timeout=10).json()["links"]]
        assert present in links
        assert absent not in links


def test_cross_service_workflow(services: Services, shipped: dict[str, dict[str, Any]]) -> None:
    proposal, session, sample = (shipped[k]["uuid"] for k in ("proposal", "session", "sample"))
    # everything created on A reads back identically there
    with services.a.client(STAFF_TOKEN) as a:
        paths = {
            "laboratory": "/v1/laboratories",
            "person": "/v1/persons",
            "proposal": "/v1/proposals",
            "session": "/v1/sessions",
            "proposalMember": "/v1/proposal-members",
            "protein": "/v1/proteins",
            "crystal": "/v1/crystals",
            "shipment": "/v1/shipments",
            "dewar": "/v1/dewars",
            "container": "/v1/containers",
            "sample": "/v1/samples",
        }
        for name, path in paths.items():
            _read_back(a, path, shipped[name])
        assert shipped["sample"]["proposalUuid"] == proposal
        assert shipped["sample"]["containerUuid"] == shipped["container"]["uuid"]

    # the beamline service, with the same token, reads the session and the sample it is about to use from A
    with services.a.client(SERVICE_TOKEN) as a:
        assert a.get(f"/v1/sessions/{session}").json()["beamlineName"] == BEAMLINE
        assert a.get(f"/v1/samples/{sample}").json()["proposalUuid"] == proposal

    with services.b.client(SERVICE_TOKEN) as b:
        group = _created(
            b,
            "/v1/data-collection-groups",
            {
                "sessionUuid": session,
                "proposalUuid": proposal,
                "beamlineName": BEAMLINE,
                "sampleUuid": sample,
                "experimentType": "OSC",
                "startTime": "2026-03-14T09:26:53Z",
                "comments": "Ligand soak",
            },
        )
        collection = _created(
            b,
            "/v1/data-collections",
            {
                "dataCollectionGroupUuid": group["uuid"],
                "dataCollectionNumber": 1,
                "runStatus": "SUCCESSFUL",
                "startTime": "2026-03-14T09:26:53Z",
                "wavelength": 0.9763,
                "numberOfImages": 3600,
                "imageDirectory": "/dls/i03/data/2026/x01",
                "imagePrefix": "x01",
            },
        )
        # the data collection takes its scope from its group, i.e. from A's UUIDs
        assert {k: collection[k] for k in ("sessionUuid", "proposalUuid", "sampleUuid", "beamlineName")} == {
            "sessionUuid": session,
            "proposalUuid": proposal,
            "sampleUuid": sample,
            "beamlineName": BEAMLINE,
        }
        program = _created(
            b,
            "/v1/processing-programs",
            {
                "dataCollectionUuid": collection["uuid"],
                "proposalUuid": proposal,
                "beamlineName": BEAMLINE,
                "programs": "xia2 dials",
                "pipeline": "xia2/DIALS",
                "status": "SUCCESS",
            },
        )
        integration = _created(
            b,
            "/v1/integrations",
            {
                "processingProgramUuid": program["uuid"],
                "dataCollectionUuid": collection["uuid"],
                "startImageNumber": 1,
                "endImageNumber": 3600,
                "spaceGroup": "P43212",
                "cellA": 78.9,
            },
        )
        shells = [
            _created(
                b,
                "/v1/scaling-statistics",
                {
                    "processingProgramUuid": program["uuid"],
                    "integrationUuid": integration["uuid"],
                    "shell": shell,
                    "resolutionLimitLow": low,
                    "resolutionLimitHigh": high,
                    "completeness": completeness,
                },
            )
            for shell, low, high, completeness in (
                ("OVERALL", 45.2, 1.8, 99.8),
                ("INNER_SHELL", 45.2, 4.9, 99.9),
                ("OUTER_SHELL", 1.85, 1.8, 98.7),
            )
        ]
        for record in (integration, *shells):
            assert record["proposalUuid"] == proposal
            assert record["beamlineName"] == BEAMLINE

        for path, record in (
            ("/v1/data-collection-groups", group),
            ("/v1/data-collections", collection),
            ("/v1/processing-programs", program),
            ("/v1/integrations", integration),
            *(("/v1/scaling-statistics", shell) for shell in shells),
        ):
            _read_back(b, path, record)
        listed = b.get("/v1/scaling-statistics", params={"processingProgramUuid": program["uuid"]})
        assert listed.status_code == 200
        assert sorted(s["shell"] for s in listed.json()["items"]) == ["INNER_SHELL", "OUTER_SHELL", "OVERALL"]

    with services.b.client(STAFF_TOKEN) as b:  # the shared staff token is known to B as well
        for params in ({"sessionUuid": session}, {"sampleUuid": sample}):
            listed = b.get("/v1/data-collections", params=params)
            assert listed.status_code == 200, listed.text
            assert [dc["uuid"] for dc in listed.json()["items"]] == [collection["uuid"]], params
        before = b.get(f"/v1/data-collections/{collection['uuid']}")
        old_etag = before.headers["ETag"]
        patched = b.patch(
            f"/v1/data-collections/{collection['uuid']}",
            content=b'{"comments": "Re-processed"}',
            headers={"Content-Type": "application/merge-patch+json", "If-Match": old_etag},
        )
        assert patched.status_code == 200, patched.text
        assert patched.json()["comments"] == "Re-processed"
        new_etag = patched.headers["ETag"]
        assert new_etag and new_etag != old_etag
        after = b.get(f"/v1/data-collections/{collection['uuid']}")
        assert after.headers["ETag"] == new_etag
        assert after.json()["comments"] == "Re-processed"
        stale = b.patch(
            f"/v1/data-collections/{collection['uuid']}",
            json={"comments": "lost update"},
            headers={"If-Match": old_etag},
        )
        assert stale.status_code == 412, stale.text
        assert b.get(f"/v1/data-collections/{collection['uuid']}").json()["comments"] == "Re-processed"


def test_service_token_cannot_write_for_another_beamline(
    services: Services, shipped: dict[str, dict[str, Any]]
) -> None:
    with services.b.client(SERVICE_TOKEN) as b:
        response = b.post(
            "/v1/data-collection-groups",
            json={
                "sessionUuid": shipped["session"]["uuid"],
                "proposalUuid": shipped["proposal"]["uuid"],
                "beamlineName": "i04",
                "experimentType": "OSC",
            },
        )
        assert response.status_code == 403, response.text
        assert response.headers["content-type"].startswith(PROBLEM)
        listed = b.get("/v1/data-collection-groups", params={"beamlineName": "i04"})
        assert listed.status_code == 200
        assert listed.json()["items"] == []


def test_references_to_the_other_service_need_not_resolve(services: Services) -> None:
    # session, proposal and sample live in the other service: B stores them as they are
    elsewhere = {"sessionUuid": str(uuid.uuid4()), "proposalUuid": str(uuid.uuid4()), "sampleUuid": str(uuid.uuid4())}
    with services.b.client(SERVICE_TOKEN) as b:
        group = _created(
            b, "/v1/data-collection-groups", {**elsewhere, "beamlineName": BEAMLINE, "experimentType": "OSC"}
        )
        _read_back(b, "/v1/data-collection-groups", group)
        collection = _created(b, "/v1/data-collections", {"dataCollectionGroupUuid": group["uuid"]})
        assert collection["sessionUuid"] == elsewhere["sessionUuid"]


def test_references_within_the_service_must_resolve(services: Services, shipped: dict[str, dict[str, Any]]) -> None:
    with services.b.client(SERVICE_TOKEN) as b:
        _assert_unresolved(
            b.post("/v1/data-collections", json={"dataCollectionGroupUuid": str(uuid.uuid4())}),
            "dataCollectionGroupUuid",
        )
        _assert_unresolved(
            b.post(
                "/v1/processing-programs",
                json={
                    "dataCollectionUuid": str(uuid.uuid4()),
                    "proposalUuid": shipped["proposal"]["uuid"],
                    "beamlineName": BEAMLINE,
                    "status": "SUCCESS",
                },
            ),
            "dataCollectionUuid",
        )
    with services.a.client(STAFF_TOKEN) as a:
        _assert_unresolved(
            a.post(
                "/v1/samples",
                json={"crystalUuid": shipped["crystal"]["uuid"], "containerUuid": str(uuid.uuid4()), "name": "orphan"},
            ),
            "containerUuid",
        )


def test_a_token_unknown_to_a_service_is_refused(services: Services) -> None:
    for server in (services.a, services.b):
        with server.client("granular-nobody") as client:
            response = client.get("/v1/me")
        assert response.status_code == 401
    with services.b.client(SERVICE_TOKEN) as b:
        me = b.get("/v1/me").json()
    assert me["role"] == "SERVICE"
    assert me["beamlines"] == [BEAMLINE]
