"""The application: core endpoints, every resource's routes, problem+json errors, optional strict mode."""

from __future__ import annotations

import os
from typing import Annotated, Any

import ispyb.sqlalchemy as d
import orjson
from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import Response
from sqlalchemy import select, text
from sqlalchemy.orm import Session
from starlette.exceptions import HTTPException as StarletteHTTPException

from ispyb_dls_adapter import __version__, api
from ispyb_dls_adapter.auth import Caller
from ispyb_dls_adapter.db import make_engine, make_sessionmaker
from ispyb_dls_adapter.mapping import mappings
from ispyb_dls_adapter.uuids import UuidCodec
from site_kit import middleware, problems, spec
from site_kit.paging import PageTokens
from site_kit.resources import registry

CLASSES = ("core", "proposals", "samples", "shipping", "acquisition", "processing")
CLASS_URI = "urn:ispyb:common-api:1:conf:{}"
JSON = "application/json"
DEFAULT_SITE = "diamond.ac.uk"


def _json(doc: Any, status: int = 200) -> Response:
    return Response(orjson.dumps(doc), status_code=status, media_type=JSON)


def core_router() -> APIRouter:
    router = APIRouter()

    @router.get("/", response_class=Response)
    def landing(request: Request) -> Response:
        links = [
            {"href": "/", "rel": "self", "type": JSON, "title": "This document"},
            {
                "href": "/openapi.json",
                "rel": "service-desc",
                "type": "application/vnd.oai.openapi+json;version=3.1",
                "title": "The OpenAPI description of this API",
            },
            {"href": "/conformance", "rel": "conformance", "type": JSON, "title": "Conformance classes implemented"},
        ]
        for res in (r for r in registry().values() if r.name in mappings()):
            links.append({"href": f"/v1/{res.collection}", "rel": "data", "type": JSON, "title": res.collection})
        return _json(
            {
                "siteName": request.app.state.site,
                "description": "ISPyB Common API over Diamond's ISPyB schema (DLS-DB 5.2.0)",
                "apiVersion": spec.api_version(),
                "implementation": f"ispyb-dls-adapter {__version__}",
                "links": links,
            }
        )

    @router.get("/conformance", response_class=Response)
    def conformance() -> Response:
        return _json(
            {
                "conformsTo": [CLASS_URI.format(c) for c in CLASSES],
                "classes": [{"name": c, "uri": CLASS_URI.format(c)} for c in CLASSES],
            }
        )

    @router.get("/health", response_class=Response)
    def health(db: Annotated[Session, Depends(api.db_session)]) -> Response:
        try:
            db.execute(text("SELECT 1"))
        except Exception:  # the database is down: say so
            body = {"type": "about:blank", "title": "Service unavailable", "status": 503, "detail": "No database."}
            return Response(orjson.dumps(body), status_code=503, media_type="application/problem+json")
        return _json({"status": "UP", "database": "UP"})

    @router.get("/v1/me", response_class=Response)
    def me(
        request: Request,
        caller: Annotated[Caller, Depends(api.current_caller)],
        db: Annotated[Session, Depends(api.db_session)],
    ) -> Response:
        codec: UuidCodec = request.app.state.codec
        proposal_map = mappings()["Proposal"]
        rows = db.execute(
            select(d.Proposal.proposalId, d.Proposal.proposalCode, d.Proposal.proposalNumber)
            .where(d.Proposal.proposalId.in_(sorted(caller.proposals)))
            .order_by(d.Proposal.proposalId)
        ).all()
        doc: dict[str, Any] = {
            "subject": caller.subject,
            "role": caller.role,
            "proposals": [
                {"uuid": str(codec.encode(proposal_map.table_code, r[0])), "name": f"{r[1]}{r[2]}"} for r in rows
            ],
            "beamlines": sorted(caller.beamlines),
        }
        if caller.person_id:
            doc["personUuid"] = str(codec.encode(mappings()["Person"].table_code, caller.person_id))
        return _json(doc)

    @router.get("/openapi.json", include_in_schema=False)
    def openapi_document() -> Response:
        return Response(spec.bundle_bytes(), media_type=JSON)

    return router


def served_methods(path: str) -> set[str]:
    """Methods this adapter serves on a path: the spec's, minus the writes of classes it serves read-only."""
    methods = set(spec.allowed_methods(path) or ())
    collection = path.removeprefix("/v1/").split("/")[0]
    resource = next((r for r in registry().values() if r.collection == collection), None)
    if resource is not None and resource.module not in api.WRITE_CLASSES:
        methods &= {"GET"}
    return methods


def create_app(
    db_url: str,
    *,
    site: str = DEFAULT_SITE,
    strict: bool = False,
    page_token_secret: str | None = None,
    cors_origins: tuple[str, ...] = (),
    gzip_minimum_size: int = 1024,
) -> FastAPI:
    app = FastAPI(
        title="ISPyB Common API (DLS adapter)",
        version=spec.api_version(),
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    engine = make_engine(db_url)
    app.state.engine = engine
    app.state.sessionmaker = make_sessionmaker(engine)
    app.state.codec = UuidCodec(site)
    app.state.site = site
    app.state.page_tokens = PageTokens(page_token_secret)
    problems.install(app)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        """As site_kit.problems, but ``Allow`` lists the methods this adapter serves on the path."""
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            headers["Allow"] = ", ".join(sorted(served_methods(request.url.path)))
        detail = str(exc.detail) if exc.detail else None
        return problems.problem_response(request, exc.status_code, detail, headers=headers)

    app.include_router(core_router())
    router = APIRouter()
    for resource in registry().values():
        if resource.name in mappings():  # classes the adapter does not declare (beamline-events) are not served
            api.register(router, resource)
    app.include_router(router)
    middleware.install_inner(app)  # unknown query parameters: 400, as on the reference server
    if strict:
        from site_kit.strict import ResponseValidationMiddleware

        app.add_middleware(ResponseValidationMiddleware)
    middleware.install_outer(app, cors_origins=cors_origins, gzip_minimum_size=gzip_minimum_size)
    return app


def app_from_env() -> FastAPI:
    """Factory for ``uvicorn --factory`` (settings from the environment)."""
    return create_app(
        os.environ["ISPYB_DLS_DB_URL"],
        site=os.environ.get("ISPYB_DLS_SITE", DEFAULT_SITE),
        strict=bool(os.environ.get("ISPYB_DLS_STRICT")),
        page_token_secret=os.environ.get("ISPYB_DLS_PAGE_TOKEN_SECRET") or None,
        cors_origins=tuple(os.environ.get("ISPYB_DLS_CORS_ORIGINS", "").replace(",", " ").split()),
    )
