"""Edge values every backend must store or refuse cleanly (issue 11): never a 500.

Strings: any string the spec allows round-trips exactly, at ``maxLength``, whatever its characters (NUL,
backslashes, astral-plane characters: PostgreSQL once overflowed its VARCHAR with its NUL escaping). Instants:
year 1 and 9999 with extreme offsets are stored, or refused with 422 when they have no UTC equivalent.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_kit import spec
from site_kit.resources import registry
from tests.server.bodies import TOKENS, body_for
from tests.server.conftest import Server

#: (resource, field): free-text fields of the issue's report, and one short one
FIELDS = [("DataCollection", "comments"), ("Container", "barcode"), ("DataCollection", "imageDirectory")]
SPECIAL = ["\x00", "\\", "😀", "\U0010fffd", "'", '"', "%", "_", " "]


def _max_length(resource_name: str, field: str) -> int:
    schema = spec.deref(spec.schema(f"{resource_name}Input")["properties"][field])
    if "maxLength" not in schema:
        schema = next(
            spec.deref(s) for s in schema.get("anyOf", schema.get("oneOf", [])) if "maxLength" in spec.deref(s)
        )
    return int(schema["maxLength"])


def _round_trip(server: Server, resource_name: str, field: str, value: str) -> None:
    resource = registry()[resource_name]
    body = body_for(server.engine, resource)
    body[field] = value
    with server.client(TOKENS["staff"]) as http:
        created = http.put(f"/v1/{resource.collection}/{uuid.uuid4()}", json=body)
        assert created.status_code == 201, created.text
        read = http.get(f"/v1/{resource.collection}/{created.json()['uuid']}")
        assert read.status_code == 200
        assert read.json()[field] == value


@pytest.mark.parametrize(("resource_name", "field"), FIELDS)
def test_worst_case_strings_at_max_length_round_trip(server: Server, resource_name: str, field: str) -> None:
    length = _max_length(resource_name, field)
    for char in ("\\", "\x00", "😀", "\\0"):
        _round_trip(server, resource_name, field, (char * length)[:length])


def test_strings_that_differ_only_in_case_accents_or_trailing_spaces_are_different_values(server: Server) -> None:
    """x-unique compares exactly on every backend: MariaDB's default collation once refused these (409)."""
    stem = uuid.uuid4().hex[:12]
    for barcode in (f"{stem}abc", f"{stem}ABC", f"{stem}abc ", f"{stem}abé", f"{stem}abc\x01"):
        _round_trip(server, "Container", "barcode", barcode)


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_any_string_up_to_max_length_round_trips(server: Server, data: Any) -> None:
    resource_name, field = data.draw(st.sampled_from(FIELDS))
    length = _max_length(resource_name, field)
    alphabet = st.one_of(st.sampled_from(SPECIAL), st.characters(codec="utf-8"))
    value = data.draw(st.text(alphabet, min_size=1, max_size=length))
    _round_trip(server, resource_name, field, value)


EDGES = [
    ("0001-01-01T00:00:00Z", 201),
    ("9999-12-31T23:59:59.999999Z", 201),
    ("0001-01-01T23:59:59+14:00", 201),  # 0001-01-01T09:59:59Z
    ("0001-01-01T00:00:00+14:00", 422),  # before year 1 in UTC
    ("9999-12-31T23:59:59-12:00", 422),  # after year 9999 in UTC
    ("9999-12-31T12:00:00-23:59", 422),
    ("9999-12-31T00:00:00-23:59", 201),  # 9999-12-31T23:59:00Z
    ("9999-12-31T00:00:00-12:00", 201),
]


@pytest.mark.parametrize(("instant", "status"), EDGES)
def test_instants_at_the_edges_in_bodies(server: Server, instant: str, status: int) -> None:
    resource = registry()["DataCollection"]
    body = body_for(server.engine, resource)
    body["startTime"] = instant
    with server.client(TOKENS["staff"]) as http:
        answer = http.put(f"/v1/data-collections/{uuid.uuid4()}", json=body)
        assert answer.status_code == status, answer.text
        if status == 422:
            assert answer.headers["content-type"] == "application/problem+json"
            assert [e["pointer"] for e in answer.json()["errors"]] == ["/body/startTime"]
        else:
            read = http.get(f"/v1/data-collections/{answer.json()['uuid']}").json()
            assert read["startTime"] == answer.json()["startTime"]


@pytest.mark.parametrize(("instant", "status"), EDGES)
def test_instants_at_the_edges_in_queries(server: Server, instant: str, status: int) -> None:
    with server.client(TOKENS["staff"]) as http:
        answer = http.get("/v1/data-collections", params={"startedAfter": instant, "limit": 1})
        assert answer.status_code == (200 if status == 201 else 422), answer.text
        if status == 422:
            assert answer.json()["errors"][0]["pointer"] == "/query/startedAfter"
