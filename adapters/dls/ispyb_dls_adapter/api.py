"""Routes: the spec's operations for every resource the adapter serves, each one hop to the service.

Reads are registered for every class; writes (POST, PUT, PATCH, DELETE) only for the classes the adapter writes
(acquisition and processing: what a beamline and a pipeline send). Other write methods answer 405 with an
``Allow`` header naming what this adapter really serves on the path.
"""

# No `from __future__ import annotations`: FastAPI reads these annotations at runtime.

import uuid
from typing import Annotated, Any, Literal

import orjson
from fastapi import APIRouter, Depends, Header, Path, Query, Request
from fastapi.responses import Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from ispyb_dls_adapter.auth import Caller, resolve, unauthorized
from ispyb_dls_adapter.mapping import mappings
from ispyb_dls_adapter.service import RecordService, etag
from site_kit.body import json_body, parse_body
from site_kit.paging import PageTokens
from site_kit.patch import none_match
from site_kit.query import IfNoneMatchRead, list_orders, next_link, parse_list_query, query_model
from site_kit.resources import Resource

JSON = "application/json"
WRITE_CLASSES = ("acquisition", "processing")
bearer = HTTPBearer(auto_error=False, description="Bearer token issued by the site.")
UuidPath = Annotated[uuid.UUID, Path(description="UUID (RFC 9562) of the record.")]
IfMatch = Annotated[str | None, Header(alias="If-Match", max_length=200)]
IfNoneMatch = Annotated[Literal["*"] | None, Header(alias="If-None-Match")]
Body = Annotated[bytes, Depends(json_body)]


def db_session(request: Request):  # type: ignore[no-untyped-def]
    db: Session = request.app.state.sessionmaker()
    try:
        yield db
    finally:
        db.close()


def current_caller(
    db: Annotated[Session, Depends(db_session)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Caller:
    if credentials is None or not credentials.credentials:
        raise unauthorized("A bearer token is required (Authorization: Bearer <token>).")
    return resolve(db, credentials.credentials)


def record_service(
    request: Request, db: Annotated[Session, Depends(db_session)], caller: Annotated[Caller, Depends(current_caller)]
) -> RecordService:
    return RecordService(db, caller, request.app.state.codec)


Service = Annotated[RecordService, Depends(record_service)]


def _json(doc: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(orjson.dumps(doc), status_code=status, media_type=JSON, headers=headers)


def register(router: APIRouter, resource: Resource) -> None:
    m = mappings()[resource.name]
    base = f"/v1/{resource.collection}"
    item = base + "/{uuid}"
    Query_ = query_model(resource)
    Input, Patch = resource.input_model, resource.patch_model

    orders = list_orders(resource)

    @router.get(base, response_class=Response)
    def list_records(request: Request, service: Service, query: Annotated[Query_, Query()]) -> Response:  # type: ignore[valid-type]
        q = parse_list_query(resource, query, orders)
        tokens: PageTokens = request.app.state.page_tokens
        after = tokens.read(q.page_token, base, q.filters, q.order.value) if q.page_token else None
        items, position = service.list(m, q.filters, q.limit, q.order, after)
        page: dict[str, Any] = {"items": items}
        headers = {}
        if position is not None:
            token = tokens.issue(base, q.filters, q.order.value, position)
            page["nextPageToken"] = token
            page["next"] = next_link(base, request, token)
            headers["Link"] = f'<{page["next"]}>; rel="next"'
        return _json(page, headers=headers)

    @router.get(item, response_class=Response)
    def get_record(service: Service, uuid: UuidPath, if_none_match: IfNoneMatchRead = None) -> Response:
        doc = service.get(m, uuid)
        tag = etag(doc)
        if if_none_match is not None and none_match(if_none_match, tag):
            return Response(status_code=304, headers={"ETag": tag})
        return _json(doc, headers={"ETag": tag})

    if resource.module not in WRITE_CLASSES:
        return

    @router.post(base, status_code=201, response_class=Response)
    def create_record(service: Service, raw: Body) -> Response:
        doc = service.create(m, parse_body(Input, raw))
        return _json(doc, 201, {"ETag": etag(doc), "Location": f"{base}/{doc['uuid']}"})

    @router.put(item, response_class=Response)
    def put_record(
        service: Service, uuid: UuidPath, raw: Body, if_match: IfMatch = None, if_none_match: IfNoneMatch = None
    ) -> Response:
        doc, created = service.put(m, uuid, parse_body(Input, raw), if_match, if_none_match)
        if created:
            return _json(doc, 201, {"ETag": etag(doc), "Location": f"{base}/{doc['uuid']}"})
        return _json(doc, headers={"ETag": etag(doc)})

    @router.patch(item, response_class=Response)
    def update_record(service: Service, uuid: UuidPath, raw: Body, if_match: IfMatch = None) -> Response:
        doc = service.patch(m, uuid, parse_body(Patch, raw), if_match)
        return _json(doc, headers={"ETag": etag(doc)})

    if resource.deletable:

        @router.delete(item, status_code=204, response_class=Response)
        def delete_record(service: Service, uuid: UuidPath, if_match: IfMatch = None) -> Response:
            service.delete(m, uuid, if_match)
            return Response(status_code=204)
