"""Routes of every resource, registered from the spec's own operations.

Paths and operationIds are read from the bundled spec, and bodies are validated by the models generated
from it, so a route cannot drift from its operation. Each handler is one hop to the service.
"""

# No `from __future__ import annotations`: FastAPI reads these annotations at runtime, and the body and
# filter models are chosen per resource.

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel

from reference_server.api.deps import record_service
from reference_server.services.records import RecordService
from reference_server.services.representation import etag, render, render_page
from site_kit import spec
from site_kit.body import json_body, parse_body
from site_kit.paging import PageTokens
from site_kit.patch import none_match
from site_kit.query import (
    IfMatch,
    IfNoneMatch,
    IfNoneMatchRead,
    UuidPath,
    list_orders,
    next_link,
    parse_list_query,
    query_model,
)
from site_kit.resources import Resource

JSON = "application/json"
Service = Annotated[RecordService, Depends(record_service)]
Body = Annotated[bytes, Depends(json_body)]


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
