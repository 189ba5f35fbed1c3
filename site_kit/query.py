"""List queries and conditional headers, parsed from the spec's declaration of each operation.

The query model of a list operation (limit, pageToken, orderBy and the filters) is built from the operation's
parameters, with their bounds and patterns, so every implementation accepts and refuses the same queries.
"""

# No `from __future__ import annotations`: FastAPI reads the annotations below at runtime.

import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import Header, Path
from pydantic import AfterValidator, AwareDatetime, BaseModel, BeforeValidator, ConfigDict, Field, create_model

from site_kit import spec
from site_kit.body import utc_instant
from site_kit.paging import Order, declared_orders
from site_kit.resources import PROVENANCE, Filter, Resource

UuidPath = Annotated[uuid.UUID, Path(description="UUID (RFC 9562) of the record.")]
IfMatch = Annotated[str | None, Header(alias="If-Match", max_length=200)]
IfNoneMatch = Annotated[Literal["*"] | None, Header(alias="If-None-Match")]
IfNoneMatchRead = Annotated[str | None, Header(alias="If-None-Match", max_length=2000)]


RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")
#: what an un-encoded ``+01:00`` becomes in a query string: ``+`` means a space there
PLUS_AS_SPACE = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)? \d{2}:\d{2}$")


def _rfc3339(value: Any) -> Any:
    """Only RFC 3339 date-times with a time zone; pydantic alone would also take Unix timestamps."""
    if isinstance(value, str) and PLUS_AS_SPACE.match(value):
        raise ValueError(
            "the time zone offset arrived as a space: a '+' in a query string means a space, so URL-encode it "
            f"as %2B (e.g. {value[:-6]}%2B{value[-5:]}), or give the instant in UTC with Z"
        )
    if not isinstance(value, str) or not RFC3339.match(value):
        raise ValueError("must be an RFC 3339 date-time with a time zone, e.g. 2026-03-14T09:26:53Z")
    return value


def _utc_representable(value: Any) -> Any:
    """A filter instant must have a UTC equivalent: ``9999-12-31T23:59:59-14:00`` has none (422, not 500)."""
    utc_instant(value)
    return value


Instant = Annotated[AwareDatetime, BeforeValidator(_rfc3339), AfterValidator(_utc_representable)]


def _filter_type(resource: Resource, flt: Filter) -> Any:
    if flt.op == "in":  # the parameter repeated (``sessionUuid=a&sessionUuid=b``), at most the spec's maxItems
        return Annotated[tuple[uuid.UUID, ...], Field(min_length=1, max_length=flt.max_items)]
    if flt.kind == "datetime":
        return Instant
    if flt.kind == "uuid":
        return uuid.UUID
    field = resource.field_index[flt.param]
    if field.enum:
        return Literal[field.enum]  # type: ignore[valid-type]
    if field.kind == "boolean":
        return bool
    param = next(spec.deref(p) for p in _list_op(resource).raw["parameters"] if spec.deref(p)["name"] == flt.param)
    schema = param["schema"]
    if field.kind == "integer":
        return Annotated[int, Field(ge=schema.get("minimum"), le=schema.get("maximum"))]
    return Annotated[str, Field(max_length=schema.get("maxLength"), pattern=schema.get("pattern"))]


def _list_op(resource: Resource) -> spec.Operation:
    return next(op for op in spec.operations() if op.path == f"/v1/{resource.collection}" and op.method == "get")


def _list_parameter(resource: Resource, name: str) -> dict[str, Any] | None:
    for param in _list_op(resource).raw.get("parameters", []):
        param = spec.deref(param)
        if param["name"] == name and param.get("in") == "query":
            return param
    return None


def list_orders(resource: Resource) -> tuple[Order, ...]:
    """The orders the list operation declares (``orderBy`` enum), the default first."""
    return declared_orders([spec.deref(p) for p in _list_op(resource).raw.get("parameters", [])])


def query_model(resource: Resource) -> type[BaseModel]:
    """The list operation's query parameters (limit, pageToken, orderBy and the filters) as one pydantic model.

    Bounds, token syntax and the allowed orders are the spec's (a value outside them answers 422); parameters
    the operation does not declare never get here (``middleware.StrictQueryMiddleware`` answers 400).
    """
    limit = spec.deref((_list_parameter(resource, "limit") or {}).get("schema", {}))
    token = spec.deref((_list_parameter(resource, "pageToken") or {}).get("schema", {}))
    fields: dict[str, Any] = {
        "limit": (int, Field(limit.get("default", 50), ge=limit.get("minimum", 1), le=limit.get("maximum", 1000))),
        "pageToken": (
            str | None,
            Field(
                None,
                min_length=token.get("minLength", 1),
                max_length=token.get("maxLength", 1024),
                pattern=token.get("pattern", r"^[A-Za-z0-9_-]+$"),
            ),
        ),
    }
    orders = [o.value for o in list_orders(resource)]
    if _list_parameter(resource, "orderBy") is not None:
        fields["orderBy"] = (Literal[tuple(orders)], orders[0])  # type: ignore[valid-type]
    for flt in resource.filters:
        fields[flt.param] = (_filter_type(resource, flt) | None, None)
    site = _list_parameter(resource, PROVENANCE)
    if site is not None:
        schema = site["schema"]
        fields[PROVENANCE] = (
            Annotated[str, Field(min_length=schema.get("minLength", 1), max_length=schema.get("maxLength"))] | None,
            None,
        )
    return create_model(f"{resource.name}ListQuery", __config__=ConfigDict(extra="ignore"), **fields)


@dataclass(frozen=True)
class ListQuery:
    """A list request, parsed: the filters in effect, the order, the page size and the token (if any)."""

    filters: dict[str, Any]
    order: Order
    limit: int
    page_token: str | None


def parse_list_query(resource: Resource, query: BaseModel, orders: tuple[Order, ...]) -> ListQuery:
    values = query.model_dump()
    limit, token = values.pop("limit"), values.pop("pageToken")
    by_value = {o.value: o for o in orders}
    order = by_value[values.pop("orderBy", orders[0].value)]
    return ListQuery({k: v for k, v in values.items() if v is not None}, order, limit, token)


def next_link(base: str, args: Sequence[tuple[str, str]], token: str) -> str:
    """The next page's URL: the request's own parameters ``args`` (all declared ones), with the new token."""
    kept = [(k, v) for k, v in args if k != "pageToken"]
    kept.append(("pageToken", token))
    return f"{base}?{urlencode(kept)}"
