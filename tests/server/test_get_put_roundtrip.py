"""GET → modify → PUT works for every collection (convention 6, AIP-203): read-only members sent back are ignored."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_kit import spec
from site_kit.resources import Resource, registry
from tests.server.bodies import TOKENS, body_for, patch_for
from tests.server.conftest import Server

RESOURCES = sorted(registry())
SETTINGS = settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))


@pytest.mark.parametrize("name", RESOURCES)
def test_a_record_read_can_be_put_and_patched_back(server: Server, name: str) -> None:
    resource: Resource = registry()[name]
    base = f"/v1/{resource.collection}"
    with server.client(TOKENS["staff"]) as http:
        created = http.post(base, json=body_for(server.engine, resource))
        assert created.status_code == 201, created.text
        url = created.headers["Location"]
        read = http.get(url).json()
        change = patch_for(resource)
        put = http.put(url, json={**read, **change})
        assert put.status_code == 200, put.text
        after = put.json()
        assert all(after[key] == value for key, value in change.items() if not isinstance(value, float)), change
        # what the server owns stays its own: the read-only members sent back changed nothing
        assert after["uuid"] == read["uuid"] and after["createdAt"] == read["createdAt"]
        # the whole document as a merge patch, read-only members and all: accepted, nothing changes
        again = http.patch(url, json=after)
        assert again.status_code == 200, again.text
        assert again.json() == after


def test_read_only_members_are_ignored_not_applied(server: Server) -> None:
    """A different `uuid`, `createdAt` or derived `name` in a PUT body changes nothing of what the server owns."""
    resource = registry()["Session"]
    with server.client(TOKENS["staff"]) as http:
        created = http.post("/v1/sessions", json=body_for(server.engine, resource)).json()
        forged = {
            **created,
            "uuid": "00000000-0000-4000-8000-000000000000",
            "name": "forged",
            "createdAt": "2000-01-01T00:00:00Z",
        }
        put = http.put(f"/v1/sessions/{created['uuid']}", json=forged)
        assert put.status_code == 200, put.text
        assert put.json() == created


_ANY_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=5,
)


@pytest.mark.parametrize("name", ["DataCollection", "Sample", "Screening"])
@SETTINGS
@given(data=st.data())
def test_whatever_read_only_members_say_the_record_is_unchanged(server: Server, name: str, data: Any) -> None:
    """For all values of any read-only members sent (even of the wrong type), a PUT of the record read is a no-op."""
    resource = registry()[name]
    read_only = sorted(n for n, p in spec.schema(f"{name}Input")["properties"].items() if p.get("readOnly"))
    with server.client(TOKENS["staff"]) as http:
        created = http.post(f"/v1/{resource.collection}", json=body_for(server.engine, resource))
        assert created.status_code == 201, created.text
        record = created.json()
        chosen = data.draw(st.lists(st.sampled_from(read_only), unique=True, min_size=1))
        sent = {**record, **{member: data.draw(_ANY_JSON) for member in chosen}}
        put = http.put(created.headers["Location"], json=sent)
        assert put.status_code == 200, put.text
        assert put.json() == record
        assert put.headers["ETag"] == created.headers["ETag"]
