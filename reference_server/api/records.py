"""Routes of every resource, registered from the spec's own operations.

Paths and operationIds are read from the bundled spec, and bodies are validated by the models generated
from it, so a route cannot drift from its operation. Each handler is one hop to the service.
"""

# No `from __future__ import annotations`: FastAPI reads these annotations at runtime, and the body and
# filter models are chosen per resource.

import re
import uuid
from dataclasses import dataclass
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Header, Path, Query, Request
from fastapi.responses import Response
from pydantic import AfterValidator, AwareDatetime, BaseModel, BeforeValidator, ConfigDict, Field, create_model

from reference_server import spec
from reference_server.api.deps import json_body, parse_body, record_service
from reference_server.middleware import none_match
from reference_server.paging import Order, PageTokens, declared_orders
from reference_server.resources import Filter, Resource
from reference_server.services.records import RecordService
from reference_server.services.representation import etag, render, render_page

JSON = "application/json"
UuidPath = Annotated[uuid.UUID, Path(description="UUID (RFC 9562) of the record.")]
IfMatch = Annotated[str | None, Header(alias="If-Match", max_length=200)]
IfNoneMatch = Annotated[Literal["*"] | None, Header(alias="If-None-Match")]
IfNoneMatchRead = Annotated[str | None, Header(alias="If-None-Match", max_length=2000)]
Service = Annotated[RecordService, Depends(record_service)]
Body = Annotated[bytes, Depends(json_body)]


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
    from reference_server.api.deps import utc_instant

    utc_instant(value)
    return value


Instant = Annotated[AwareDatetime, BeforeValidator(_rfc3339), AfterValidator(_utc_representable)]


def _filter_type(resource: Resource, flt: Filter) -> Any:
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


def next_link(base: str, request: Request, token: str) -> str:
    """The next page's URL: the request's own parameters (all declared ones), with the new token."""
    args = [(k, v) for k, v in request.query_params.multi_items() if k != "pageToken"]
    args.append(("pageToken", token))
    return f"{base}?{urlencode(args)}"


def _operation_ids(resource: Resource) -> dict[tuple[str, str], str]:
    base = f"/v1/{resource.collection}"
    return {(op.path, op.method): op.operation_id for op in spec.operations() if op.path in (base, base + "/{uuid}")}


def _headers(row: Any, *, location: str | None = None) -> dict[str, str]:
    headers = {"ETag": etag(row)}
    if location:
        headers["Location"] = location
    return headers


def register(router: APIRouter, resource: Resource) -> None:
    """Add the list, create, get, put, update and (where the spec has it) delete routes of ``resource``."""
    base = f"/v1/{resource.collection}"
    item = base + "/{uuid}"
    ids = _operation_ids(resource)
    Query_ = query_model(resource)
    Input = resource.input_model
    Patch = resource.patch_model

    def location(row: Any) -> str:
        return f"{base}/{row.uuid}"

    orders = list_orders(resource)

    @router.get(base, operation_id=ids[(base, "get")], response_class=Response)
    def list_records(request: Request, service: Service, query: Annotated[Query_, Query()]) -> Response:  # type: ignore[valid-type]
        q = parse_list_query(resource, query, orders)
        tokens: PageTokens = request.app.state.page_tokens
        after = tokens.read(q.page_token, base, q.filters, q.order.value) if q.page_token else None
        page = service.list(resource, q.filters, q.limit, q.order, after)
        token = link = None
        headers = {}
        if page.next_position is not None:
            token = tokens.issue(base, q.filters, q.order.value, page.next_position)
            link = next_link(base, request, token)
            headers["Link"] = f'<{link}>; rel="next"'
        return Response(render_page(resource, page.items, token, link), media_type=JSON, headers=headers)

    def body_doc(model: type[BaseModel], media_types: tuple[str, ...] = (JSON,)) -> dict[str, Any]:
        ref = {"$ref": f"#/components/schemas/{model.__name__}"}
        return {"requestBody": {"required": True, "content": {media: {"schema": ref} for media in media_types}}}

    @router.post(
        base, operation_id=ids[(base, "post")], status_code=201, response_class=Response, openapi_extra=body_doc(Input)
    )
    def create_record(service: Service, raw: Body) -> Response:
        row = service.create(resource, parse_body(Input, raw))
        return Response(
            render(resource, row), status_code=201, media_type=JSON, headers=_headers(row, location=location(row))
        )

    @router.get(item, operation_id=ids[(item, "get")], response_class=Response)
    def get_record(service: Service, uuid: UuidPath, if_none_match: IfNoneMatchRead = None) -> Response:
        row = service.get(resource, uuid)
        if if_none_match is not None and none_match(if_none_match, etag(row)):
            return Response(status_code=304, headers=_headers(row))  # the cached copy is current: no body
        return Response(render(resource, row), media_type=JSON, headers=_headers(row))

    @router.put(item, operation_id=ids[(item, "put")], response_class=Response, openapi_extra=body_doc(Input))
    def put_record(
        service: Service, uuid: UuidPath, raw: Body, if_match: IfMatch = None, if_none_match: IfNoneMatch = None
    ) -> Response:
        row, created = service.put(resource, uuid, parse_body(Input, raw), if_match, if_none_match)
        if created:
            return Response(
                render(resource, row), status_code=201, media_type=JSON, headers=_headers(row, location=location(row))
            )
        return Response(render(resource, row), media_type=JSON, headers=_headers(row))

    @router.patch(
        item,
        operation_id=ids[(item, "patch")],
        response_class=Response,
        openapi_extra=body_doc(Patch, ("application/merge-patch+json", JSON)),
    )
    def update_record(service: Service, uuid: UuidPath, raw: Body, if_match: IfMatch = None) -> Response:
        row = service.patch(resource, uuid, parse_body(Patch, raw), if_match)
        return Response(render(resource, row), media_type=JSON, headers=_headers(row))

    if resource.deletable:

        @router.delete(item, operation_id=ids[(item, "delete")], status_code=204, response_class=Response)
        def delete_record(service: Service, uuid: UuidPath, if_match: IfMatch = None) -> Response:
            service.delete(resource, uuid, if_match)
            return Response(status_code=204)
