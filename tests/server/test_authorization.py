"""The authorization matrix: every operation × {owner, user of another proposal, staff, service, no token}.

Whatever the operation, nothing outside the caller's reach is returned, listed, changed or revealed to exist:
a record out of reach answers 404 exactly like a missing one; a record in reach that the role may not change
answers 403 and stays as it was; without a token every protected operation answers 401.
"""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from reference_server import spec
from reference_server.resources import Resource, Visibility, registry
from tests.server.bodies import BEAMLINE, OWNER_PROPOSAL, TOKENS, body_for, patch_for, record_of
from tests.server.conftest import Server

IDENTITIES = ("owner", "other", "staff", "service", None)
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
            put = http.put(item, json=writable_view(original.json(), resource))
            patch = http.patch(item, json=patch_for(resource))
            for attempt in (put, patch):
                if not in_reach:
                    assert attempt.status_code == 404, (identity, attempt.text)
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
            else:
                assert created.status_code in ((403, 409) if resource.has_proposal else (403,)), (
                    identity,
                    created.text,
                )
            # delete a fresh record of the owner's proposal
            if resource.deletable:
                with client(server, "staff") as staff:
                    victim = staff.post(base, json=body_for(server.engine, resource)).json()["uuid"]
                gone = http.delete(f"{base}/{victim}")
                expected = 404 if not in_reach else 204 if may_write(identity, resource) else 403
                assert gone.status_code == expected, (identity, gone.text)
                with client(server, "staff") as staff:
                    assert staff.get(f"{base}/{victim}").status_code == (404 if expected == 204 else 200)


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
