"""Every collection of the spec through the client, over real HTTP against ``ispyb-server serve --demo``.

For each collection: list across pages (a page size of 7 makes most lists several pages), get with its ETag,
PUT a new record under a client UUID (create-only), PUT it again (idempotent), PATCH with If-Match, update()
(read → change → PATCH If-Match), a stale If-Match refused with 412, and DELETE with If-Match where the spec
allows it. What the bodies hold comes from the demo records and the spec's own constraints (``x-unique``), not
from a hand list per resource. ~34 collections in ~3 s.
"""

from __future__ import annotations

import json
import random
from typing import Any
from uuid import UUID, uuid4

import pytest
from ispyb_common_client import Client, NotFound, PreconditionFailed
from ispyb_common_client.collection import CollectionSpec
from ispyb_common_client.collections import SPECS
from ispyb_common_models import BUNDLE_PATH
from pydantic import BaseModel

from tests.client.sites import STAFF

SCHEMAS: dict[str, Any] = json.loads(BUNDLE_PATH.read_text())["components"]["schemas"]


def _unique_members(name: str) -> set[str]:
    return {member for group in SCHEMAS[name].get("x-unique", []) for member in group}


def _new_body(client: Client, spec: CollectionSpec, record: BaseModel, siblings: list[BaseModel]) -> dict[str, Any]:
    """The body of a new record like ``record``, with one member of each ``x-unique`` set made unique."""
    name = spec.model.__name__
    body = record.model_dump(mode="json")
    required = set(SCHEMAS[f"{name}Input"].get("required", []))
    for group in SCHEMAS[name].get("x-unique", []):
        optional = [m for m in group if m not in required]
        if optional:
            body.pop(optional[0], None)  # SQL semantics: a record lacking a member never collides
        elif "personUuid" in group:  # a membership: a fresh person to be the member
            person = client.persons.list().first()
            assert person is not None
            body["personUuid"] = str(client.persons.put(uuid4(), person).uuid)
        else:
            member = next(m for m in group if not m.endswith("Uuid"))
            if isinstance(body[member], int):
                body[member] = max(getattr(s, member) for s in siblings) + random.randint(1000, 9999)
            elif str(body[member]).isdigit():
                body[member] = str(random.randint(10 ** (len(body[member]) - 1), 10 ** len(body[member]) - 1))
            else:
                body[member] = f"{body[member]}{random.randint(0, 9999)}"[
                    : SCHEMAS[name]["properties"][member].get("maxLength", 64)
                ]
    return body


def _a_change(spec: CollectionSpec, siblings: list[BaseModel], target: BaseModel) -> dict[str, Any]:
    """A patch setting a writable member of ``target`` to the value a record with its parents holds (so valid)."""
    name = spec.model.__name__
    patch = SCHEMAS[f"{name}Patch"]["properties"]
    skip = _unique_members(name)
    current = target.model_dump(mode="json")
    parents = {k: v for k, v in current.items() if k.endswith("Uuid") and k != "uuid"}
    # records with the same parents: a value they hold is valid here too (a group's beamline is its session's)
    dumped = [s.model_dump(mode="json") for s in siblings]
    kin = [d for d in dumped if all(d.get(k) == v for k, v in parents.items())]
    writable = {
        member: schema
        for member, schema in patch.items()
        if not (schema.get("readOnly") or schema.get("x-immutable") or member in skip or member.endswith("Uuid"))
    }
    for member in writable:
        for other in kin:
            if member in other and other[member] != current.get(member):
                return {member: other[member]}
    for member, schema in writable.items():  # free text
        kinds = schema.get("type") if isinstance(schema.get("type"), list) else [schema.get("type")]
        if "string" in kinds and not {"pattern", "format", "enum", "x-extensible-enum"} & set(schema):
            return {member: "changed by ispyb_common_client"[: schema.get("maxLength", 30)]}
    for member, schema in writable.items():  # a vocabulary: another value it lists
        vocabulary = SCHEMAS[schema["$ref"].rsplit("/", 1)[-1]] if "$ref" in schema else schema
        values = vocabulary.get("enum") or vocabulary.get("x-extensible-enum") or []
        others = [v for v in values if v != current.get(member)]
        if member in current and others:
            return {member: others[0]}
    for member, schema in patch.items():  # all alike (e.g. the demo's grid scans): a number or flag moved
        value = current.get(member)
        if schema.get("readOnly") or schema.get("x-immutable") or "x-maximum-from" in schema or value is None:
            continue
        if schema.get("type") == "boolean":
            return {member: not value}
        if schema.get("type") in ("integer", "number"):
            moved = value + 1 if value + 1 <= schema.get("maximum", value + 1) else value - 1
            if moved >= schema.get("minimum", moved) and moved > schema.get("exclusiveMinimum", moved - 1):
                return {member: moved}
    raise AssertionError(f"no member of {name} to change")


@pytest.mark.parametrize("spec", SPECS, ids=lambda spec: spec.name)
def test_round_trip(site: str, spec: CollectionSpec) -> None:
    with Client(site, STAFF, page_size=7) as client:
        accessor = getattr(client, spec.name)
        listed = list(accessor.list())
        assert listed, f"the demo site has no {spec.name}"
        assert len({r.uuid for r in listed}) == len(listed), "pages overlapped"
        first = listed[0]

        read = accessor.get_versioned(first.uuid)
        assert read.value == first and read.etag

        new = uuid4()
        created = accessor.put(new, _new_body(client, spec, first, listed), create_only=True)
        assert created.uuid == new
        again = accessor.put(new, created)  # the record read back is a valid body: idempotent replace
        assert again == accessor.get(new)

        change = _a_change(spec, listed, again)
        current = accessor.get_versioned(new)
        patched = accessor.patch(new, change, if_match=current.etag)
        member, value = next(iter(change.items()))
        assert patched.model_dump(mode="json")[member] == value
        with pytest.raises(PreconditionFailed) as stale:
            accessor.patch(new, change, if_match=current.etag)  # the ETag read before the patch
        assert stale.value.status == 412

        seen: list[UUID] = []

        def change_once_seen(record: Any) -> dict[str, Any]:
            seen.append(record.uuid)
            return change

        updated = accessor.update(new, change_once_seen)
        assert seen == [new] and updated.model_dump(mode="json")[member] == value

        if hasattr(accessor, "delete"):
            with pytest.raises(PreconditionFailed):
                accessor.delete(new, if_match=current.etag)
            accessor.delete(new, if_match=accessor.get_versioned(new).etag)
            with pytest.raises(NotFound) as gone:
                accessor.get(new)
            assert gone.value.status == 404 and gone.value.type
        else:
            assert "DELETE" not in json.dumps(spec.path)  # the spec gives no DELETE: the accessor has none
