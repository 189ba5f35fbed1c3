"""The authorization matrix: every operation × {owner, user of another proposal, staff, service, no token}.

Whatever the operation, nothing outside the caller's reach is returned, listed, changed or revealed to exist:
a record out of reach answers 404 exactly like a missing one, and a PUT to it (plain or conditional) answers
exactly what a PUT to a UUID no one may create answers; a record in reach that the role may not change answers
403 and stays as it was; without a token every protected operation answers 401.
"""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from reference_server.db.models import DataCollectionGroup, Sample
from site_kit import spec
from site_kit.resources import Resource, Visibility, registry
from tests.changes.feed import head, read_all
from tests.server.bodies import BEAMLINE, OWNER_PROPOSAL, TOKENS, body_for, patch_for, record_of
from tests.server.conftest import Server

IDENTITIES = ("owner", "other", "staff", "service", None)
NIL = uuid.UUID(int=0)
RESOURCES = sorted(registry())


def reaches(identity: str | None, resource: Resource) -> bool:
    """Whether ``identity`` may read the owner's record of ``resource`` (mx23694, beamline i03)."""
    if identity is None:
        return False
    # the service reads proposals/samples/shipping, and the record is on its beamline i03 otherwise
    return identity in ("owner", "staff", "service") or resource.visibility is Visibility.PUBLIC


def may_write(identity: str | None, resource: Resource) -> bool:
    role = {"owner": "USER", "other": "USER", "staff": "STAFF", "service": "SERVICE"}.get(identity or "")
    return role in resource.write_roles


def client(server: Server, identity: str | None) -> httpx.Client:
    return server.client(TOKENS[identity] if identity else None)


def writable_view(doc: dict[str, Any], resource: Resource) -> dict[str, Any]:
    """What a client sends back to replace a record it read: the writable fields, without derived ones."""
    view = {f.name: doc[f.name] for f in resource.writable if f.name in doc}
    if "strategies" in view:  # a strategy's rank is derived from the order
        view["strategies"] = [{k: v for k, v in s.items() if k != "rank"} for s in view["strategies"]]
    return view


def test_public_operations_need_no_token(server: Server) -> None:
    with client(server, None) as http:
        for path in ("/", "/conformance", "/health", "/openapi.json"):
            assert http.get(path).status_code == 200, path
        assert http.get("/v1/me").status_code == 401


def test_every_protected_operation_answers_401_without_a_token(server: Server) -> None:
    target = str(uuid.uuid4())
    with client(server, None) as http:
        for op in spec.operations():
            if not op.raw.get("security"):
                continue
            path = op.path.replace("{uuid}", target)
            answer = http.request(op.method.upper(), path, json={} if op.method in ("post", "put", "patch") else None)
            assert answer.status_code == 401, f"{op.method} {path}"
            assert answer.headers["content-type"] == "application/problem+json"
            assert answer.headers["WWW-Authenticate"].startswith("Bearer")
        bad = http.get("/v1/proposals", headers={"Authorization": "Bearer not-a-token"})
        assert bad.status_code == 401


@pytest.mark.parametrize("name", RESOURCES)
def test_matrix(server: Server, name: str) -> None:
    resource = registry()[name]
    base = f"/v1/{resource.collection}"
    target = record_of(server.engine, name)
    item = f"{base}/{target}"
    with client(server, "staff") as staff:
        original = staff.get(item)
        assert original.status_code == 200
    heads = {}  # the change feed's end for each caller, to read what this test's writes add to it
    for identity in IDENTITIES[:-1]:
        with client(server, identity) as http:
            heads[identity] = head(http, resource.collection)
    written = {str(target)}
    for identity in IDENTITIES[:-1]:
        in_reach = reaches(identity, resource)
        with client(server, identity) as http:
            # read one
            answer = http.get(item)
            assert answer.status_code == (200 if in_reach else 404), (identity, answer.text)
            # list: out of reach means absent from every page, whatever the filter
            listed = _all_uuids(http, base, resource)
            assert (str(target) in listed) == in_reach, identity
            # replace and patch the owner's record
            etag_before = _etag(server, item)
            view = writable_view(original.json(), resource)
            if not in_reach:
                _assert_no_oracle(http, base, target, view, etag_before, identity)
            put = http.put(item, json=view)
            patch = http.patch(item, json=patch_for(resource))
            for attempt in (put, patch):
                if not in_reach:
                    assert attempt.status_code in ((404,) if attempt is patch else (403, 404, 409)), (
                        identity,
                        attempt.text,
                    )
                elif not may_write(identity, resource):
                    assert attempt.status_code == 403, (identity, attempt.text)
                else:
                    assert attempt.status_code == 200, (identity, attempt.text)
            if not (in_reach and may_write(identity, resource)):
                assert _etag(server, item) == etag_before, f"{identity} changed {item}"
            # create in the owner's proposal
            created = http.post(base, json=body_for(server.engine, resource))
            if in_reach and may_write(identity, resource):
                assert created.status_code == 201, (identity, created.text)
                written.add(created.json()["uuid"])
            else:
                assert created.status_code in ((403, 409) if resource.has_proposal else (403,)), (
                    identity,
                    created.text,
                )
            # delete a fresh record of the owner's proposal
            if resource.deletable:
                with client(server, "staff") as staff:
                    victim = staff.post(base, json=body_for(server.engine, resource)).json()["uuid"]
                    written.add(victim)
                gone = http.delete(f"{base}/{victim}")
                expected = 404 if not in_reach else 204 if may_write(identity, resource) else 403
                assert gone.status_code == expected, (identity, gone.text)
                with client(server, "staff") as staff:
                    assert staff.get(f"{base}/{victim}").status_code == (404 if expected == 204 else 200)
    # the change feed: staff is listed every change of these records (deletes included); a caller out of reach
    # of the owner's records none of them
    for identity in IDENTITIES[:-1]:
        with client(server, identity) as http:
            listed = {change["uuid"] for change in read_all(http, heads[identity], resource.collection)[0]}
        if identity == "staff":
            assert written - {str(target)} <= listed, f"staff's feed lacks changes of {resource.collection}"
        if not reaches(identity, resource):
            assert not listed & written, f"{identity} is listed changes of {resource.collection} out of reach"


def test_service_tokens_stop_at_their_beamlines(server: Server) -> None:
    """The service of i03 neither sees nor writes what was recorded on i04."""
    with client(server, "staff") as staff:
        foreign = staff.get("/v1/data-collections", params={"beamlineName": "i04", "limit": 1}).json()["items"][0]
        group = staff.get(f"/v1/data-collection-groups/{foreign['dataCollectionGroupUuid']}").json()
    with client(server, "service") as http:
        assert http.get(f"/v1/data-collections/{foreign['uuid']}").status_code == 404
        assert all(
            dc["beamlineName"] == BEAMLINE
            for dc in http.get("/v1/data-collections", params={"limit": 1000}).json()["items"]
        )
        body = body_for(server.engine, registry()["DataCollectionGroup"])
        body.update(sessionUuid=group["sessionUuid"], beamlineName="i04", proposalUuid=str(OWNER_PROPOSAL))
        refused = http.post("/v1/data-collection-groups", json=body)
        assert refused.status_code == 403


def test_service_tokens_write_sample_images_only_of_samples_measured_on_their_beamlines(server: Server) -> None:
    """A sample image carries no beamline: the i03 service writes it only if its sample ran on i03 (issue 11)."""
    groups = DataCollectionGroup.__table__
    with server.engine.connect() as conn:
        measured = select(groups.c.sample_uuid).where(
            groups.c.beamline_name == BEAMLINE, groups.c.sample_uuid.isnot(None)
        )
        elsewhere = conn.execute(select(Sample.uuid).where(Sample.uuid.not_in(measured)).limit(1)).scalar_one()
        here = conn.execute(measured.limit(1)).scalar_one()
    body = body_for(server.engine, registry()["SampleImage"])
    with client(server, "staff") as staff:
        foreign = staff.post("/v1/sample-images", json={**body, "sampleUuid": str(elsewhere)})
        assert foreign.status_code == 201, foreign.text
    foreign_item = f"/v1/sample-images/{foreign.json()['uuid']}"
    etag_before = _etag(server, foreign_item)
    with client(server, "service") as http:
        assert http.post("/v1/sample-images", json={**body, "sampleUuid": str(elsewhere)}).status_code == 403
        assert (
            http.put(f"/v1/sample-images/{uuid.uuid4()}", json={**body, "sampleUuid": str(elsewhere)}).status_code
            == 403
        )
        assert http.patch(foreign_item, json={"comments": "not mine"}).status_code == 403
        assert http.delete(foreign_item).status_code == 403
        assert http.post("/v1/sample-images", json={**body, "sampleUuid": str(here)}).status_code == 201
    assert _etag(server, foreign_item) == etag_before


def _observable(answer: httpx.Response, record_uuid: uuid.UUID) -> tuple[int, list[tuple[str, str]], bytes]:
    """Everything a client sees of an answer, with the UUID of the request's own path blanked out."""
    headers = sorted((k.lower(), v.replace(str(record_uuid), "{uuid}")) for k, v in answer.headers.items())
    return (
        answer.status_code,
        [h for h in headers if h[0] != "date"],
        answer.content.replace(str(record_uuid).encode(), b"{uuid}"),
    )


def _assert_no_oracle(
    http: httpx.Client, base: str, hidden: uuid.UUID, view: dict[str, Any], etag: str, identity: str
) -> None:
    """A PUT to a record out of reach answers exactly what a PUT to a UUID no one may create (Nil) answers.

    Plain, ``If-Match`` (with the record's real ETag) and ``If-None-Match: *``: same status, same headers, same
    body, byte for byte but for the UUID of the path; and never a success.
    """
    for conditions in ({}, {"If-Match": etag}, {"If-None-Match": "*"}):
        to_hidden = http.put(f"{base}/{hidden}", json=view, headers=conditions)
        to_reserved = http.put(f"{base}/{NIL}", json=view, headers=conditions)
        assert to_hidden.status_code not in (200, 201), (identity, conditions, to_hidden.text)
        assert _observable(to_hidden, hidden) == _observable(to_reserved, NIL), (identity, conditions)


def _etag(server: Server, item: str) -> str:
    with client(server, "staff") as staff:
        return str(staff.get(item).headers["ETag"])


def _all_uuids(http: httpx.Client, base: str, resource: Resource) -> set[str]:
    params: dict[str, Any] = {"limit": 1000}
    if resource.has_proposal and "proposalUuid" in {f.param for f in resource.filters}:
        params["proposalUuid"] = str(OWNER_PROPOSAL)
    found: set[str] = set()
    url: str | None = base
    while url:
        page = http.get(url, params=params if url == base else None)
        assert page.status_code == 200, page.text
        found |= {item["uuid"] for item in page.json()["items"]}
        url = page.json().get("next")
    return found
