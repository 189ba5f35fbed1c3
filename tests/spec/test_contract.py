"""The contract itself: valid OpenAPI 3.1, complete operations, examples that validate."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate as validate_openapi
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from tests.spec.helpers import CLASSES, READ_ONLY_CLASSES, deref, operations


def test_bundle_is_valid_openapi_31(spec: dict[str, Any]) -> None:
    assert spec["openapi"].startswith("3.1")
    validate_openapi(spec)


def test_at_least_sixty_operations_over_all_six_classes(spec: dict[str, Any]) -> None:
    per_class = Counter(op["x-conformance-class"] for _, _, op in operations(spec))
    assert sum(per_class.values()) >= 60
    assert set(per_class) == set(CLASSES)


def test_every_class_but_core_has_write_operations(spec: dict[str, Any]) -> None:
    writes = Counter(
        op["x-conformance-class"] for _, m, op in operations(spec) if m in ("post", "put", "patch", "delete")
    )
    assert set(writes) == set(CLASSES) - {"core", *READ_ONLY_CLASSES}
    for cls in set(CLASSES) - {"core", *READ_ONLY_CLASSES}:
        assert {m for _, m, op in operations(spec) if op["x-conformance-class"] == cls} >= {
            "get",
            "post",
            "put",
            "patch",
        }


def test_every_operation_is_complete(spec: dict[str, Any]) -> None:
    ids = []
    for path, method, op in operations(spec):
        where = f"{method.upper()} {path}"
        ids.append(op.get("operationId"))
        assert op.get("operationId"), where
        assert op.get("tags"), where
        assert len(op.get("description", "")) > 20, where
        assert "security" in op, where
        assert op.get("x-conformance-class") in CLASSES, where
        assert op.get("x-roles"), where
        for code, response in op["responses"].items():
            if code.startswith(("4", "5")):
                content = deref(spec, response).get("content", {})
                assert "application/problem+json" in content, f"{where} {code}"
        if op["security"]:
            assert "401" in op["responses"], where
        if method != "get" or "{uuid}" in path or op["security"]:
            has_problem = any(c.startswith("4") for c in op["responses"])
            assert has_problem or not op["security"], where
    assert len(ids) == len(set(ids)), "operationIds must be unique"


def test_resources_outside_reach_are_documented_as_404(spec: dict[str, Any]) -> None:
    for path, _, op in operations(spec):
        if "{uuid}" in path:
            assert "404" in op["responses"], path
            assert "answers 404" in op["description"], path


def test_lists_are_paginated(spec: dict[str, Any]) -> None:
    for path, method, op in operations(spec):
        if method == "get" and path.startswith("/v1/") and "{" not in path and path != "/v1/me":
            names = {deref(spec, p)["name"] for p in op.get("parameters", [])}
            assert {"limit", "pageToken"} <= names, path
            schema = deref(spec, op["responses"]["200"]["content"]["application/json"]["schema"])
            assert {"items", "nextPageToken", "next"} <= set(schema["properties"]), path


def _registry(spec: dict[str, Any]) -> Registry:
    return Registry().with_resource("urn:spec", Resource.from_contents(spec, default_specification=DRAFT202012))


def _validator(spec: dict[str, Any], name: str) -> Draft202012Validator:
    return Draft202012Validator(
        {"$ref": f"urn:spec#/components/schemas/{name}"},
        registry=_registry(spec),
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


def test_every_component_schema_has_a_valid_example(spec: dict[str, Any]) -> None:
    failures = []
    for name, schema in spec["components"]["schemas"].items():
        examples = schema.get("examples")
        if not examples:
            failures.append(f"{name}: no example")
            continue
        validator = _validator(spec, name)
        for example in examples:
            errors = [e.message for e in validator.iter_errors(example)]
            if errors:
                failures.append(f"{name}: {errors[:2]}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("bad", [{"uuid": "not-a-uuid"}, {"createdAt": "2026-01-01 10:00"}])
def test_formats_are_enforced(spec: dict[str, Any], bad: dict[str, str]) -> None:
    example = dict(spec["components"]["schemas"]["Proposal"]["examples"][0], **bad)
    assert list(_validator(spec, "Proposal").iter_errors(example))


CAMEL = re.compile(r"^[a-z][a-zA-Z0-9]*$")
KEBAB_PATH = re.compile(
    r"^/(v1(/[a-z][a-z0-9-]*(/\{uuid\})?)*)?$|^/(conformance|health)$"
    r"|^/v1/[a-z][a-z0-9-]*/\{uuid\}(/images/\{imageNumber\}/thumbnail|/content)$"  # views of one record (files)
)
UPPER_SNAKE = re.compile(r"^[A-Z][A-Z0-9_]*$")


def test_one_naming_convention(spec: dict[str, Any]) -> None:
    for path in spec["paths"]:
        assert KEBAB_PATH.match(path), path
    for name, schema in spec["components"]["schemas"].items():
        for prop in schema.get("properties", {}):
            assert CAMEL.match(prop), f"{name}.{prop}"
        values = schema.get("x-extensible-enum", schema.get("enum"))
        if schema.get("type") == "string" and values is not None and name not in ("ConformanceClass",):
            assert all(UPPER_SNAKE.match(v) for v in values), name


def test_timestamps_are_rfc3339_and_units_are_stated(spec: dict[str, Any]) -> None:
    for name, schema in spec["components"]["schemas"].items():
        for prop, sub in schema.get("properties", {}).items():
            types = sub.get("type")
            types = types if isinstance(types, list) else [types]
            if prop.endswith(("At", "Time")) and "string" in types:
                assert sub.get("format") == "date-time", f"{name}.{prop}"
            if prop.endswith("Date") and "string" in types:
                assert sub.get("format") == "date", f"{name}.{prop} (a DATE at the sites)"
            if "number" in types:
                assert sub.get("x-unit"), f"{name}.{prop} states no unit"
