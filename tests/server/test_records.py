"""Every resource behaves as the spec says, on every backend: create, read back, replace, patch, delete."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import pytest

from site_kit.resources import Resource, registry
from tests.server.bodies import TOKENS, body_for, patch_for
from tests.server.conftest import Server

RESOURCES = sorted(registry())


def _same(sent: dict[str, Any], got: dict[str, Any]) -> None:
    for key, value in sent.items():
        if isinstance(value, str) and key.endswith(("Time", "At", "Date")):
            assert datetime.fromisoformat(got[key]) == datetime.fromisoformat(value), key
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            # array records read back with what the server derives (a strategy's rank), in the order sent
            assert [{k: item[k] for k in sent} for sent, item in zip(value, got[key], strict=True)] == value, key
        else:
            assert got[key] == value, key


@pytest.mark.parametrize("name", RESOURCES)
def test_life_cycle(server: Server, name: str) -> None:
    resource: Resource = registry()[name]
    base = f"/v1/{resource.collection}"
    with server.client(TOKENS["staff"]) as http:
        body = body_for(server.engine, resource)
        created = http.post(base, json=body)
        assert created.status_code == 201, created.text
        doc = created.json()
        _same(body, doc)
        assert created.headers["Location"] == f"{base}/{doc['uuid']}"
        read = http.get(created.headers["Location"])
        assert read.status_code == 200 and read.json() == doc
        assert read.headers["ETag"] == created.headers["ETag"]

        # idempotent PUT with a client UUID: created once, then identical
        client_uuid = str(uuid.uuid4())
        body2 = body_for(server.engine, resource)
        first = http.put(f"{base}/{client_uuid}", json=body2)
        again = http.put(f"{base}/{client_uuid}", json=body2)
        assert (first.status_code, again.status_code) == (201, 200), (first.text, again.text)
        assert again.json() == first.json() and again.headers["ETag"] == first.headers["ETag"]
        assert http.put(f"{base}/{client_uuid}", json=body2, headers={"If-None-Match": "*"}).status_code == 412

        # merge patch guarded by the ETag
        patch = patch_for(resource)
        etag = read.headers["ETag"]
        patched = http.patch(f"{base}/{doc['uuid']}", json=patch, headers={"If-Match": etag})
        assert patched.status_code == 200, patched.text
        _same(patch, patched.json())
        assert patched.headers["ETag"] != etag
        stale = http.patch(f"{base}/{doc['uuid']}", json=patch, headers={"If-Match": etag})
        assert stale.status_code == 412
        assert stale.headers["content-type"] == "application/problem+json"

        if resource.deletable:
            assert http.delete(f"{base}/{client_uuid}").status_code == 204
            assert http.get(f"{base}/{client_uuid}").status_code == 404
        else:
            assert http.delete(f"{base}/{client_uuid}").status_code == 405


def test_invalid_input_names_the_field_and_writes_nothing(server: Server) -> None:
    with server.client(TOKENS["staff"]) as http:
        before = len(http.get("/v1/data-collection-groups", params={"limit": 1000}).json()["items"])
        body = body_for(server.engine, registry()["DataCollectionGroup"])
        body["experimentType"] = "NOT_A_TYPE"
        body["startTime"] = "yesterday"
        answer = http.post("/v1/data-collection-groups", json=body)
        assert answer.status_code == 422
        assert answer.headers["content-type"] == "application/problem+json"
        pointers = {e["pointer"] for e in answer.json()["errors"]}
        assert pointers == {"/body/experimentType", "/body/startTime"}
        answer = http.post(
            "/v1/data-collection-groups", content=b'{"sessionUuid": ', headers={"content-type": "application/json"}
        )
        assert answer.status_code == 400
        answer = http.get("/v1/data-collections", params={"limit": 5000})
        assert answer.status_code == 422 and answer.json()["errors"][0]["pointer"] == "/query/limit"
        after = len(http.get("/v1/data-collection-groups", params={"limit": 1000}).json()["items"])
        assert after == before


def test_a_reference_to_another_proposal_is_refused(server: Server) -> None:
    from tests.server.bodies import OTHER_PROPOSAL, record_of

    with server.client(TOKENS["staff"]) as http:
        body = body_for(server.engine, registry()["Sample"])
        body["containerUuid"] = str(record_of(server.engine, "Container", OTHER_PROPOSAL))
        answer = http.post("/v1/samples", json=body)
        assert answer.status_code == 409
        assert answer.json()["errors"][0]["pointer"] == "/body/containerUuid"


def test_a_parent_key_is_immutable(server: Server) -> None:
    """x-immutable: a group cannot move to another session; sending the stored value is accepted and ignored."""
    from tests.server.bodies import OTHER_PROPOSAL, record_of

    with server.client(TOKENS["staff"]) as http:
        group = http.post("/v1/data-collection-groups", json=body_for(server.engine, registry()["DataCollectionGroup"]))
        url = f"/v1/data-collection-groups/{group.json()['uuid']}"
        other_session = http.get(f"/v1/sessions/{record_of(server.engine, 'Session', OTHER_PROPOSAL)}").json()
        moved = http.patch(
            url,
            json={
                "sessionUuid": other_session["uuid"],
                "proposalUuid": other_session["proposalUuid"],
                "beamlineName": other_session["beamlineName"],
            },
        )
        assert moved.status_code == 409, moved.text
        assert {e["pointer"] for e in moved.json()["errors"]} == {"/body/sessionUuid", "/body/proposalUuid"}
        replaced = http.put(url, json={**group.json(), "sessionUuid": other_session["uuid"]})
        assert replaced.status_code == 409 and replaced.json()["errors"][0]["pointer"] == "/body/sessionUuid"
        assert http.get(url).json() == group.json()
        same = http.patch(url, json={"sessionUuid": group.json()["sessionUuid"], "comments": "kept in place"})
        assert same.status_code == 200, same.text
        assert same.json()["sessionUuid"] == group.json()["sessionUuid"]


def test_a_unique_set_collides_with_409_naming_its_fields(server: Server) -> None:
    """x-unique: a second lab contact with the same (proposalUuid, cardName) or (proposalUuid, personUuid) is
    refused, on POST, PUT and PATCH."""
    resource = registry()["LabContact"]
    with server.client(TOKENS["staff"]) as http:
        first = http.post("/v1/lab-contacts", json=body_for(server.engine, resource)).json()
        clash = {**body_for(server.engine, resource), "cardName": first["cardName"]}
        for answer in (
            http.post("/v1/lab-contacts", json=clash),
            http.put(f"/v1/lab-contacts/{uuid.uuid4()}", json=clash),
        ):
            assert answer.status_code == 409, answer.text
            assert {e["pointer"] for e in answer.json()["errors"]} == {"/body/proposalUuid", "/body/cardName"}
        same_person = http.post(
            "/v1/lab-contacts", json={**body_for(server.engine, resource), "personUuid": first["personUuid"]}
        )
        assert same_person.status_code == 409, same_person.text
        assert {e["pointer"] for e in same_person.json()["errors"]} == {"/body/proposalUuid", "/body/personUuid"}
        second = http.post("/v1/lab-contacts", json=body_for(server.engine, resource)).json()
        patched = http.patch(f"/v1/lab-contacts/{second['uuid']}", json={"cardName": first["cardName"]})
        assert patched.status_code == 409, patched.text
        moved = http.patch(f"/v1/lab-contacts/{second['uuid']}", json={"personUuid": first["personUuid"]})
        assert moved.status_code == 409, moved.text
        # the record keeps its own value: re-sending it is no collision
        assert http.put(f"/v1/lab-contacts/{first['uuid']}", json=first).status_code == 200


def test_a_sample_position_is_within_its_container(server: Server) -> None:
    """x-maximum-from: a sample's location is at most its container's capacity; x-unique: one sample per position."""
    with server.client(TOKENS["staff"]) as http:
        container_body = body_for(server.engine, registry()["Container"])
        container = http.post("/v1/containers", json={**container_body, "capacity": 2}).json()
        body = {**body_for(server.engine, registry()["Sample"]), "containerUuid": container["uuid"]}
        beyond = http.post("/v1/samples", json={**body, "location": 3})
        assert beyond.status_code == 409 and beyond.json()["errors"][0]["pointer"] == "/body/location"
        assert http.post("/v1/samples", json={**body, "location": 2}).status_code == 201
        taken = http.post("/v1/samples", json={**body, "name": "other", "location": 2})
        assert taken.status_code == 409, taken.text
        assert {e["pointer"] for e in taken.json()["errors"]} == {"/body/containerUuid", "/body/location"}


def test_a_container_capacity_cannot_drop_below_a_sample_position(server: Server) -> None:
    """x-maximum-from, from the container's side: capacity 2 with a sample at 2 cannot become 1."""
    with server.client(TOKENS["staff"]) as http:
        container = http.post(
            "/v1/containers", json={**body_for(server.engine, registry()["Container"]), "capacity": 2}
        )
        url = container.headers["Location"]
        body = {**body_for(server.engine, registry()["Sample"]), "containerUuid": container.json()["uuid"]}
        assert http.post("/v1/samples", json={**body, "location": 2}).status_code == 201
        shrunk = http.patch(url, json={"capacity": 1})
        assert shrunk.status_code == 409 and shrunk.json()["errors"][0]["pointer"] == "/body/capacity"
        assert http.patch(url, json={"capacity": 3}).status_code == 200
