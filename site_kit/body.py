"""Request bodies, parsed as the spec's JSON Schema would: media type, strict types, read-only members, limits.

Every implementation parses bodies here, by the models generated from the spec, so a body one site accepts is
a body every site accepts.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any, TypeVar

import orjson
from fastapi import Request
from pydantic import BaseModel, ValidationError

from site_kit import spec
from site_kit.limits import max_field_errors
from site_kit.problems import FieldError, ProblemError

BaseModelT = TypeVar("BaseModelT", bound=BaseModel)


async def json_body(request: Request) -> bytes:
    """The raw JSON body; its media type must be JSON (PATCH also takes application/merge-patch+json), else 415.

    Bodies are validated by the service-side parser in strict JSON mode, so that a number sent as a string or
    a boolean sent as a number is refused exactly as the JSON Schema of the spec refuses it.
    """
    content_type = request.headers.get("content-type", "")
    media = content_type.split(";")[0].strip().lower()
    accepted = (
        {"application/json", "application/merge-patch+json"} if request.method == "PATCH" else {"application/json"}
    )
    if media not in accepted:
        raise ProblemError(
            415,
            f"Unsupported request media type {media or '(none)'}; send {' or '.join(sorted(accepted))}.",
            slug="unsupported-media-type",
        )
    return await request.body()


def _integral_floats_to_int(value: Any) -> Any:
    """JSON has one number type: ``393.0`` is the integer 393 to JSON Schema, so treat it as one."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**63:
        return int(value)
    if isinstance(value, dict):
        return {k: _integral_floats_to_int(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_integral_floats_to_int(v) for v in value]
    return value


def parse_body(model: type[BaseModelT], raw: bytes) -> BaseModelT:
    """Validate ``raw`` against a generated model as JSON Schema would; errors become 400 or 422 problems.

    Pydantic's strict JSON mode refuses what JSON Schema refuses (``"1"`` or ``true`` for a number), and
    ``minProperties``, which the generated models do not carry, is checked from the spec.
    """
    try:
        doc = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise ProblemError(400, "The request body is not valid JSON.", slug="malformed") from exc
    minimum = spec.schema(model.__name__).get("minProperties")
    if minimum and (not isinstance(doc, dict) or len(doc) < minimum):
        raise ProblemError(
            422,
            "1 field is invalid",
            slug="validation",
            errors=[FieldError(["body"], f"Send at least {minimum} field(s) to change.")],
        )
    doc = without_read_only(doc, spec.schema(model.__name__))
    try:
        parsed = model.model_validate_json(orjson.dumps(_integral_floats_to_int(doc)), strict=True)
    except ValidationError as exc:
        raise field_errors_problem(exc) from exc
    out_of_range = list(_unrepresentable_instants(parsed, ["body"]))
    if out_of_range:
        noun = "field is" if len(out_of_range) == 1 else "fields are"
        raise ProblemError(422, f"{len(out_of_range)} {noun} invalid", slug="validation", errors=out_of_range)
    return parsed


def without_read_only(doc: Any, schema: dict[str, Any]) -> Any:
    """``doc`` without the members its request schema marks ``readOnly``, at any depth (AIP-203: ignored).

    So a body read with GET can be sent back with PUT or PATCH. ``x-immutable`` members stay even when
    read-only (in a Patch): the service compares them with the stored value and answers 409 when they differ.
    """
    if "$ref" in schema:
        schema = spec.deref(schema)
    if isinstance(doc, list):
        items = schema.get("items")
        return [without_read_only(item, items) for item in doc] if isinstance(items, dict) else doc
    if not isinstance(doc, dict):
        return doc
    for branch in schema.get("oneOf", schema.get("anyOf", ())):
        if "$ref" in branch or branch.get("properties") or branch.get("items"):
            schema = spec.deref(branch) if "$ref" in branch else branch
    props = schema.get("properties", {})
    return {
        key: without_read_only(value, props.get(key, {}))
        for key, value in doc.items()
        if not (props.get(key, {}).get("readOnly") and not props[key].get("x-immutable"))
    }


def utc_instant(value: datetime) -> datetime:
    """``value`` in UTC; ValueError when that falls outside years 1-9999 (``9999-12-31T23:59:59-12:00``)."""
    try:
        return value.astimezone(UTC)
    except OverflowError as exc:
        raise ValueError("the instant in UTC falls outside the years 0001 to 9999") from exc


def _unrepresentable_instants(value: Any, location: list[Any]) -> Iterator[FieldError]:
    """Date-times of a parsed body that have no UTC equivalent (every backend stores instants in UTC)."""
    if isinstance(value, datetime):
        try:
            utc_instant(value)
        except ValueError as exc:
            yield FieldError(location, str(exc))
    elif isinstance(value, BaseModel):
        for name, item in value.__dict__.items():
            if item is not None:
                yield from _unrepresentable_instants(item, [*location, name])
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _unrepresentable_instants(item, [*location, i])


def field_errors_problem(exc: ValidationError) -> ProblemError:
    """422 listing at most ``x-limits.maxFieldErrors`` errors, and how many more there were (``omittedErrors``).

    A body of a million unknown keys must not answer a problem of a million errors (issue 11: 176 MB).
    """
    total = exc.error_count()
    shown = exc.errors(include_url=False, include_input=False)[: max_field_errors()]
    noun = "field is" if total == 1 else "fields are"
    return ProblemError(
        422,
        f"{total} {noun} invalid",
        slug="validation",
        errors=[FieldError(["body", *err["loc"]], err["msg"]) for err in shown],
        members={"omittedErrors": total - len(shown)} if total > len(shown) else None,
    )
