"""The core module: landing page, conformance declaration, health, the caller — and the contract itself."""

from __future__ import annotations

from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy import text
from sqlalchemy.orm import Session

from reference_server import __version__
from reference_server.api.deps import current_caller, db_session
from reference_server.auth import Caller, proposal_names
from reference_server.settings import MODULES
from site_kit import spec

router = APIRouter()
JSON = "application/json"
CLASS_URI = "urn:ispyb:common-api:1:conf:{}"


def _json(doc: Any, status: int = 200) -> Response:
    return Response(orjson.dumps(doc), status_code=status, media_type=JSON)


@router.get("/", operation_id="getLandingPage", response_class=Response)
def landing_page(request: Request) -> Response:
    settings = request.app.state.settings
    links = [
        {"href": "/", "rel": "self", "type": JSON, "title": "This document"},
        {
            "href": "/openapi.json",
            "rel": "service-desc",
            "type": "application/vnd.oai.openapi+json;version=3.1",
            "title": "The OpenAPI description of this API",
        },
        {"href": "/docs", "rel": "service-doc", "type": "text/html", "title": "API documentation"},
        {"href": "/conformance", "rel": "conformance", "type": JSON, "title": "Conformance classes implemented"},
    ]
    served = {op.path for op in spec.operations() if op.conformance_class in settings.modules}
    for path in sorted(p for p in served if p.startswith("/v1/") and "{" not in p and p != "/v1/me"):
        links.append({"href": path, "rel": "data", "type": JSON, "title": path.removeprefix("/v1/")})
    return _json(
        {
            "siteName": settings.site_name,
            "description": "ISPyB Common API reference server",
            "apiVersion": spec.api_version(),
            "implementation": f"ispyb-common-api reference server {__version__}",
            "links": links,
        }
    )


@router.get("/conformance", operation_id="getConformance", response_class=Response)
def conformance(request: Request) -> Response:
    served = [name for name in MODULES if name in request.app.state.settings.modules]
    return _json(
        {
            "conformsTo": [CLASS_URI.format(name) for name in served],
            "classes": [{"name": name, "uri": CLASS_URI.format(name)} for name in served],
        }
    )


@router.get("/health", operation_id="getHealth", response_class=Response)
def health(db: Annotated[Session, Depends(db_session)]) -> Response:
    try:
        db.execute(text("SELECT 1"))
    except Exception:  # the database is down: say so, do not fail
        return Response(
            orjson.dumps(
                {
                    "type": "about:blank",
                    "title": "Service unavailable",
                    "status": 503,
                    "detail": "The database does not answer.",
                }
            ),
            status_code=503,
            media_type="application/problem+json",
        )
    return _json({"status": "UP", "database": "UP"})


@router.get("/v1/me", operation_id="getCaller", response_class=Response)
def me(caller: Annotated[Caller, Depends(current_caller)], db: Annotated[Session, Depends(db_session)]) -> Response:
    doc: dict[str, Any] = {
        "subject": caller.subject,
        "role": caller.role,
        "proposals": [{"uuid": str(u), "name": n} for u, n in proposal_names(db, caller.proposals)],
        "beamlines": sorted(caller.beamlines),
    }
    if caller.person:
        doc["personUuid"] = str(caller.person)
    return _json(doc)


@router.get("/openapi.json", include_in_schema=False)
def openapi_document() -> Response:
    """The source specification (the bundle of spec/), not FastAPI's code-first schema."""
    return Response(spec.bundle_bytes(), media_type=JSON)
