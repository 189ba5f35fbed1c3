"""The reference server's tables hold exactly what the spec says a record is: stated once, held by this test.

Read from the bundle alone (no server code between the two): for every resource, each property has a column
(the snake_case of its name) of the kind its schema declares; a column is nullable exactly when the property
is not required; a bounded string's column has the spec's ``maxLength`` (a long one is ``SafeText``,
MEDIUMTEXT on MariaDB); a vocabulary's column is wide enough for its longest value; and no table keeps a
column the spec does not know (besides the internal key and version). A spec change that moves a bound
fails here until the model and a migration follow it.
"""

from __future__ import annotations

import json
import re
from importlib import resources
from typing import Any

import pytest
from sqlalchemy import JSON, BigInteger, Boolean, Column, Date, Double, Integer, String, Text, Uuid

from reference_server.db import models
from reference_server.db.types import SafeText, UtcDateTime
from site_kit.resources import PROVENANCE

BUNDLE = json.loads(resources.files("ispyb_common_models").joinpath("openapi.json").read_text())
SCHEMAS: dict[str, Any] = BUNDLE["components"]["schemas"]
#: columns of every record that are not API fields: the keyset order's key and the ETag's version
INTERNAL = {"id", "version"}
#: set by the server on every record, always present in a representation
SERVER_SET = {"uuid", "createdAt", "updatedAt"}


def _resources() -> list[str]:
    return sorted(
        op["operationId"].removeprefix("create")
        for item in BUNDLE["paths"].values()
        for method, op in item.items()
        if method == "post" and op.get("operationId", "").startswith("create")
    )


def _deref(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = SCHEMAS[schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _storage_type(column: Column[Any]) -> Any:
    """The SQLAlchemy type a column is stored as (SafeString and friends decorate a String/Text)."""
    return getattr(column.type, "impl_instance", column.type)


def _kind_of(prop: dict[str, Any]) -> tuple[type[Any], ...]:
    if "type" not in prop:  # a oneOf of objects (technique parameters): a JSON document
        return (JSON,)
    types = prop["type"]
    kind = next(t for t in (types if isinstance(types, list) else [types]) if t != "null")
    fmt = prop.get("format")
    if kind == "string":
        return {"uuid": (Uuid,), "date-time": (UtcDateTime,), "date": (Date,)}.get(fmt, (String, Text))
    if kind == "integer":
        return (BigInteger,) if fmt == "int64" else (Integer,)
    return {"number": (Double,), "boolean": (Boolean,), "array": (JSON,), "object": (JSON,)}[kind]


@pytest.mark.parametrize("name", _resources())
def test_every_column_is_the_spec_field_it_stores(name: str) -> None:
    schema = SCHEMAS[name]
    table = getattr(models, name).__table__
    required = set(schema.get("required", ()))
    problems = []
    for prop_name, declared in schema["properties"].items():
        if prop_name == PROVENANCE:  # stated only by a federation: no single site stores it
            continue
        column = table.c.get(_snake(prop_name))
        if column is None:
            problems.append(f"{prop_name}: no column {_snake(prop_name)}")
            continue
        prop = _deref(declared)
        stored = _storage_type(column)
        kind = _kind_of(prop)
        checked = column.type if kind == (UtcDateTime,) else stored
        if not isinstance(checked, kind):
            problems.append(
                f"{prop_name}: stored as {column.type!r}, the spec says {prop.get('type')} {prop.get('format', '')}"
            )
        if prop_name not in SERVER_SET and column.nullable != (prop_name not in required):
            problems.append(f"{prop_name}: nullable={column.nullable} but required={prop_name in required}")
        values = prop.get("x-extensible-enum", prop.get("enum"))
        if values is not None:
            if not isinstance(stored, String) or (stored.length or 0) < max(map(len, values)):
                problems.append(f"{prop_name}: {stored!r} cannot hold the value {max(values, key=len)!r}")
        elif kind == (String, Text) and prop.get("maxLength") is not None:
            long_text = isinstance(column.type, SafeText) and prop["maxLength"] > 16383  # MEDIUMTEXT on MariaDB
            if not long_text and (isinstance(stored, Text) or stored.length != prop["maxLength"]):
                problems.append(f"{prop_name}: {stored!r}, the spec's maxLength is {prop['maxLength']}")
    known = {_snake(p) for p in schema["properties"]} | INTERNAL
    problems += [f"column {c.name} is no field of {name}" for c in table.columns if c.name not in known]
    assert problems == []


def test_every_resource_of_the_spec_has_a_table() -> None:
    assert [name for name in _resources() if not hasattr(models, name)] == []
