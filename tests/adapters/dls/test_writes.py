"""Writes through the DLS adapter read back as written, over HTTP, on MariaDB: regressions of the seed sweeps.

Each test is a defect the conformance suite found with some seed (``ispyb-conformance run --seed N``): a body
valid against the spec that the adapter refused, or a value that read back otherwise than it was written because
Diamond keeps it across several tables. The last ones are the user-office and user writes the suite does not
make (proposals, people and memberships have no DELETE or change who sees what: the sandbox never writes them)
and what DLS's schema cannot hold. A fresh database ``<db>_dlsw`` gets Diamond's schema and the demo rows.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from tests.mariadb import URL_ENV, fresh_database

pytestmark = pytest.mark.mariadb


def _fresh_database() -> str:
    return fresh_database("_dlsw")


class Site:
    """The adapter in-process, the suite's configuration (tokens, sandbox) and the engine to look at DLS rows."""

    def __init__(self, client: TestClient, config: dict[str, Any], engine: Any) -> None:
        self.client = client
        self.config = config
        self.engine = engine
        self.headers = {"Authorization": f"Bearer {config['identities']['service']['token']}"}
        self.proposal = config["writes"]["sandboxProposalUuid"]
        self.session = config["writes"]["sandboxSessionUuid"]

    def put(self, collection: str, body: dict[str, Any]) -> tuple[str, Any]:
        record = str(uuid.uuid4())
        response = self.client.put(f"/v1/{collection}/{record}", json=body, headers=self.headers)
        return record, response

    def get(self, collection: str, record: str) -> dict[str, Any]:
        response = self.client.get(f"/v1/{collection}/{record}", headers=self.headers)
        assert response.status_code == 200, response.text
        return dict(response.json())

    def created(self, collection: str, body: dict[str, Any]) -> str:
        record, response = self.put(collection, body)
        assert response.status_code == 201, response.text
        return record

    def scope(self) -> dict[str, str]:
        return {"proposalUuid": self.proposal, "beamlineName": self.config["writes"]["beamline"]}


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    if not os.environ.get(URL_ENV):
        pytest.skip(f"{URL_ENV} is not set")
    from ispyb_dls_adapter import site_config
    from ispyb_dls_adapter.app import create_app
    from ispyb_dls_adapter.db import make_engine
    from ispyb_dls_adapter.demo import load

    db_url = _fresh_database()
    engine = make_engine(db_url)
    load(engine)
    config = site_config.build(engine, "http://testserver", "diamond.ac.uk")
    with TestClient(create_app(db_url, strict=True)) as client:
        yield Site(client, config, engine)
    engine.dispose()


@pytest.fixture(scope="module")
def chip_group(site: Site) -> str:
    """A data collection group whose DLS experiment type says chip (``SSX-Chip``)."""
    return site.created(
        "data-collection-groups", {"sessionUuid": site.session, **site.scope(), "experimentType": "SSX_CHIP"}
    )


@pytest.fixture(scope="module")
def data_collection(site: Site, chip_group: str) -> str:
    return site.created("data-collections", {"dataCollectionGroupUuid": chip_group})


def test_a_jet_run_in_a_chip_group_reads_back_jet_and_is_stored_on_the_data_collection(
    site: Site, chip_group: str
) -> None:
    """Seed 7, ACQ-ROUNDTRIP-01: ``deliveryMethod: JET`` read back ``CHIP`` (taken from the group's type)."""
    import ispyb.sqlalchemy as d

    params = {"technique": "SSX", "deliveryMethod": "JET", "jetSpeed": 2.5, "chipModel": "unused", "events": []}
    record = site.created("data-collections", {"dataCollectionGroupUuid": chip_group, "techniqueParameters": params})
    assert site.get("data-collections", record)["techniqueParameters"] == params
    from ispyb_dls_adapter.db import CommonApiRecord

    with site.engine.connect() as conn:
        stored = conn.execute(
            select(d.DataCollection.experimenttype)
            .join(CommonApiRecord, CommonApiRecord.rowKey == d.DataCollection.dataCollectionId)
            .where(CommonApiRecord.tableName == "DataCollection", CommonApiRecord.uuid == record)
        ).scalar()
    assert stored == "SSX-Jet"  # Diamond's own column, where DLS tools look for it


def test_replacing_without_technique_parameters_removes_them(site: Site, chip_group: str) -> None:
    params = {"technique": "SSX", "deliveryMethod": "JET", "jetSize": 10.0}
    record = site.created("data-collections", {"dataCollectionGroupUuid": chip_group, "techniqueParameters": params})
    response = site.client.put(
        f"/v1/data-collections/{record}", json={"dataCollectionGroupUuid": chip_group}, headers=site.headers
    )
    assert response.status_code == 200, response.text
    assert "techniqueParameters" not in site.get("data-collections", record)


@pytest.mark.parametrize(
    "events",
    [
        [],
        None,
        [{"type": "LASER_EXCITATION", "offset": -0.5}],
        # seed 6: read back sorted by offset, not in the order written
        [{"type": "XRAY_DETECTION", "offset": 2.0}, {"type": "REACTION_TRIGGER", "offset": -1.0, "name": "pump"}],
        [{"type": "XRAY_DETECTION", "offset": 0.5, "name": ""}],  # seed 6: an empty name read back absent
    ],
)
def test_an_event_sequence_reads_back_as_written_empty_absent_or_not(
    site: Site, chip_group: str, events: list[dict[str, Any]] | None
) -> None:
    """Seed 7, ACQ-ROUNDTRIP-01: ``events: []`` read back absent; seed 6: events came back in another order."""
    params: dict[str, Any] = {"technique": "SSX", "deliveryMethod": "CHIP", "chipPattern": "all"}
    if events is not None:
        params["events"] = events
    record = site.created("data-collections", {"dataCollectionGroupUuid": chip_group, "techniqueParameters": params})
    assert site.get("data-collections", record)["techniqueParameters"] == params


def test_a_job_with_no_parameters_reads_an_empty_map(site: Site, data_collection: str) -> None:
    """Seed 7, PROC-ROUNDTRIP-01: ``parameters: {}`` read back absent."""
    body = {"dataCollectionUuid": data_collection, **site.scope(), "parameters": {}}
    assert site.get("processing-jobs", site.created("processing-jobs", body))["parameters"] == {}


def test_a_screening_with_no_strategies_reads_an_empty_list(site: Site, data_collection: str) -> None:
    """Seed 7, PROC-ROUNDTRIP-01: ``strategies: []`` read back absent."""
    body = {"dataCollectionUuid": data_collection, **site.scope(), "strategies": []}
    assert site.get("screenings", site.created("screenings", body))["strategies"] == []


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(max_size=20) | st.sampled_from(["xia2/DIALS", "XIA2/dials", "xia2/DIALS ", "fast_dp"]))
def test_any_pipeline_name_is_accepted_and_reads_back_exactly(site: Site, data_collection: str, name: str) -> None:
    """Seed 7, PROC-ROUNDTRIP-01: a pipeline DLS's lookup lacked answered 422; a case variant read back another."""
    body = {"dataCollectionUuid": data_collection, **site.scope(), "status": "SUCCESS", "pipeline": name}
    assert site.get("processing-programs", site.created("processing-programs", body))["pipeline"] == name


def test_a_pipeline_name_longer_than_the_dls_lookup_is_a_422_naming_it(site: Site, data_collection: str) -> None:
    body = {"dataCollectionUuid": data_collection, **site.scope(), "status": "SUCCESS", "pipeline": "p" * 21}
    _, response = site.put("processing-programs", body)
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    assert [e["pointer"] for e in response.json()["errors"]] == ["/body/pipeline"]


def test_token_create_mints_a_user_token_that_reaches_the_users_dls_proposals(site: Site) -> None:
    """``ispyb-dls-adapter token create`` is what ``serve`` tells a new user to run to get a token."""
    from ispyb_dls_adapter.cli import app
    from typer.testing import CliRunner

    url = site.engine.url.render_as_string(hide_password=False)
    minted = CliRunner().invoke(app, ["token", "create", "--db", url, "--role", "user", "--login", "pi0"])
    assert minted.exit_code == 0, minted.output
    token = minted.output.strip().splitlines()[-1]
    me = site.client.get("/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200 and me.json()["role"] == "USER"
    assert [p["name"] for p in me.json()["proposals"]] == ["mx23694"]
    refused = CliRunner().invoke(app, ["token", "create", "--db", url, "--role", "user", "--login", "nobody"])
    assert refused.exit_code != 0 and "nobody" in refused.output


@pytest.mark.parametrize("status", ["QUEUED", "RUNNING", "SUCCESS", "FAILED"])
@pytest.mark.parametrize("start", [None, "2026-03-14T09:26:53Z"])
def test_a_program_status_reads_back_as_written_with_or_without_a_start_time(
    site: Site, data_collection: str, status: str, start: str | None
) -> None:
    """Seed 7 (suite of issue 10): ``RUNNING`` without ``startTime`` read back ``QUEUED`` (DLS stores NULL for both)."""
    body: dict[str, Any] = {"dataCollectionUuid": data_collection, **site.scope(), "status": status}
    if start is not None:
        body["startTime"] = start
    record = site.created("processing-programs", body)
    assert site.get("processing-programs", record)["status"] == status
    listed = site.client.get(
        "/v1/processing-programs",
        params={"dataCollectionUuid": data_collection, "status": status, "limit": 1000},
        headers=site.headers,
    )
    assert listed.status_code == 200, listed.text
    assert record in [item["uuid"] for item in listed.json()["items"]]


def _walk(site: Site, collection: str, order: str, limit: int) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    params: dict[str, Any] = {"orderBy": order, "limit": limit}
    while True:
        page = site.client.get(f"/v1/{collection}", params=params, headers=site.headers)
        assert page.status_code == 200, page.text
        items += page.json()["items"]
        token = page.json().get("nextPageToken")
        if not token:
            return items
        params = {"orderBy": order, "limit": limit, "pageToken": token}


@pytest.mark.parametrize("order", ["createdAt", "createdAt desc"])
@pytest.mark.parametrize("collection", ["processing-attachments", "data-collections", "processing-programs"])
def test_records_ordered_by_created_at_are_in_that_order_those_without_it_last(
    site: Site, data_collection: str, collection: str, order: str
) -> None:
    """Seed 7 (suite of issue 10): DLS rows without ``createdAt`` were listed before records written with one."""
    if collection == "processing-attachments":
        program = site.created(
            "processing-programs", {"dataCollectionUuid": data_collection, **site.scope(), "status": "SUCCESS"}
        )
        body = {"processingProgramUuid": program, **site.scope(), "fileType": "LOG", "fileName": "a.log"}
        site.created(collection, {**body, "filePath": "/dls/tmp"})
    full = _walk(site, collection, order, 1000)
    stamps = [item.get("createdAt") for item in full]
    present = [s for s in stamps if s is not None]
    assert stamps[: len(present)] == present, "records lacking createdAt come last"
    assert present, "some records have createdAt"
    instants = [datetime.fromisoformat(s.replace("Z", "+00:00")) for s in present]
    assert instants == sorted(instants, reverse=order.endswith("desc"))
    assert [item["uuid"] for item in _walk(site, collection, order, 2)] == [item["uuid"] for item in full]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(angle=st.floats(min_value=-1e15, max_value=1e15, allow_nan=False))
@example(angle=2.220446049250313e-16)
def test_a_double_column_reads_back_the_double_written(site: Site, chip_group: str, angle: float) -> None:
    """Seed 3: ``meshAngle`` 2.2e-16 read back 0.0 (ispyb.sqlalchemy's DOUBLE columns are decimal, 10 places)."""
    body = {"dataCollectionGroupUuid": chip_group, **site.scope(), "stepsX": 2, "stepsY": 3, "meshAngle": angle}
    assert site.get("grid-scans", site.created("grid-scans", body))["meshAngle"] == angle


# --------------------------------------------------------------------------- user-office and user writes


def _staff(site: Site) -> dict[str, str]:
    return {"Authorization": f"Bearer {site.config['identities']['staff']['token']}"}


def _put(site: Site, collection: str, body: dict[str, Any], record: str | None = None) -> Any:
    record = record or str(uuid.uuid4())
    return record, site.client.put(f"/v1/{collection}/{record}", json=body, headers=_staff(site))


def test_a_proposal_needs_a_principal_investigator_and_a_type_dls_can_hold(site: Site) -> None:
    """Proposal.personId is NOT NULL (a Person's key) and proposalType VARCHAR(2) at DLS: 422 naming the field."""
    body = {"proposalCode": "cm", "proposalNumber": "31337", "proposalType": "MX"}
    _, response = _put(site, "proposals", body)
    assert response.status_code == 422
    assert [e["pointer"] for e in response.json()["errors"]] == ["/body/principalInvestigatorUuid"]
    pi, response = _put(site, "persons", {"familyName": "Franklin", "givenName": "Rosalind"})
    assert response.status_code == 201, response.text
    _, response = _put(site, "proposals", {**body, "principalInvestigatorUuid": pi, "proposalType": "XPDF"})
    assert response.status_code == 422
    assert [e["pointer"] for e in response.json()["errors"]] == ["/body/proposalType"]
    proposal, response = _put(site, "proposals", {**body, "principalInvestigatorUuid": pi, "proposalType": "SAXS"})
    assert response.status_code == 201, response.text
    assert response.json()["name"] == "cm31337" and response.json()["proposalType"] == "SAXS"
    _, response = _put(site, "sessions", {"proposalUuid": proposal, "visitNumber": 2, "beamlineName": "b21"})
    assert response.status_code == 201 and response.json()["name"] == "cm31337-2", response.text
    _, response = _put(site, "sessions", {"proposalUuid": str(uuid.uuid4()), "visitNumber": 3, "beamlineName": "b21"})
    assert response.status_code == 409
    assert [e["pointer"] for e in response.json()["errors"]] == ["/body/proposalUuid"]


def test_a_session_member_is_keyed_by_session_and_person(site: Site) -> None:
    """Session_has_Person has a two-column key: written, replaced, refused a new person, deleted."""
    person, _ = _put(site, "persons", {"familyName": "Perutz"})
    body = {"sessionUuid": site.session, "personUuid": person, "role": "TEAM_MEMBER", "remote": True}
    member, response = _put(site, "session-members", body)
    assert response.status_code == 201, response.text
    assert response.json()["proposalUuid"] == site.proposal
    _, response = _put(site, "session-members", {**body, "role": "DATA_ACCESS"}, member)
    assert response.status_code == 200 and response.json()["role"] == "DATA_ACCESS", response.text
    other, _ = _put(site, "persons", {"familyName": "Kendrew"})
    _, response = _put(site, "session-members", {**body, "personUuid": other}, member)
    assert response.status_code == 409
    assert [e["pointer"] for e in response.json()["errors"]] == ["/body/personUuid"]
    assert site.client.delete(f"/v1/session-members/{member}", headers=_staff(site)).status_code == 204
    assert site.client.get(f"/v1/session-members/{member}", headers=_staff(site)).status_code == 404


def test_a_container_type_and_a_sample_in_the_changer_read_back_as_written(site: Site) -> None:
    """containerType goes through DLS's ContainerType lookup; IN_SAMPLE_CHANGER is BLSample.isInSampleChanger."""
    shipment, _ = _put(site, "shipments", {"proposalUuid": site.proposal, "name": "k3-types"})
    dewar, response = _put(site, "dewars", {"shipmentUuid": shipment, "code": "DW-T"})
    assert response.json()["type"] == "DEWAR"  # NOT NULL at DLS, default Dewar
    box = {"dewarUuid": dewar, "code": "PUCK-T", "containerType": "PUCK", "capacity": 16}
    container, response = _put(site, "containers", box)
    assert response.status_code == 201 and response.json()["containerType"] == "PUCK", response.text
    _, response = _put(site, "containers", {**box, "containerType": "PLATE", "capacity": 96}, container)
    assert (response.json()["containerType"], response.json()["capacity"]) == ("PLATE", 96), response.text
    protein, _ = _put(site, "proteins", {"proposalUuid": site.proposal, "name": "Myoglobin", "acronym": "k3-myo"})
    crystal, _ = _put(site, "crystals", {"proteinUuid": protein})
    sample = {"crystalUuid": crystal, "containerUuid": container, "name": "myo-1", "location": 1}
    record, response = _put(site, "samples", {**sample, "status": "IN_SAMPLE_CHANGER"})
    assert response.status_code == 201 and response.json()["status"] == "IN_SAMPLE_CHANGER", response.text
    _, response = _put(site, "samples", {**sample, "status": "COLLECTED"}, record)
    assert response.json()["status"] == "COLLECTED", response.text
