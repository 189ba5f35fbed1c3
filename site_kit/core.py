"""The core class: landing page, conformance declaration, health, the caller — and the contract itself.

All of it follows from the site's ``SiteProfile`` and two questions to its ``Storage`` (``healthy``, ``me``):
``/conformance`` lists exactly the classes the routes serve, and ``/openapi.json`` is the bundled spec byte for
byte, not a description generated from the code.
"""

from __future__ import annotations

from typing import Any

import orjson
from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from site_kit import problems, spec
from site_kit.profile import SiteProfile
from site_kit.routes import CurrentCaller
from site_kit.seam import Storage

JSON = "application/json"
CLASS_URI = "urn:ispyb:common-api:1:conf:{}"
UNAVAILABLE = orjson.dumps(problems.document(503, "The database does not answer."))


def _json(doc: Any) -> Response:
    return Response(orjson.dumps(doc), media_type=JSON)


def landing_document(profile: SiteProfile) -> dict[str, Any]:
    """The landing page: who the site is, where the contract and docs are, and one link per served collection."""
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
    for path in sorted(f"/v1/{r.collection}" for r in profile.served_resources):
        links.append({"href": path, "rel": "data", "type": JSON, "title": path.removeprefix("/v1/")})
    return {
        "siteName": profile.site_name,
        "description": profile.description,
        "apiVersion": spec.api_version(),
        "implementation": profile.implementation,
        "links": links,
    }


def conformance_document(profile: SiteProfile) -> dict[str, Any]:
    served = profile.served_classes
    return {
        "conformsTo": [CLASS_URI.format(name) for name in served],
        "classes": [{"name": name, "uri": CLASS_URI.format(name)} for name in served],
    }


def router(storage: Storage, profile: SiteProfile) -> APIRouter:
    """The core routes of one site; the static documents are rendered once, here."""
    core = APIRouter()
    landing = orjson.dumps(landing_document(profile))
    conformance = orjson.dumps(conformance_document(profile))

    @core.get("/", operation_id="getLandingPage", response_class=Response)
    async def landing_page() -> Response:
        return Response(landing, media_type=JSON)

    @core.get("/conformance", operation_id="getConformance", response_class=Response)
    async def conformance_declaration() -> Response:
        return Response(conformance, media_type=JSON)

    @core.get("/health", operation_id="getHealth", response_class=Response)
    async def health() -> Response:
        try:
            up = await run_in_threadpool(storage.healthy)
        except Exception:  # a storage that fails to answer is down: say so, do not fail
            up = False
        if not up:
            return Response(UNAVAILABLE, status_code=503, media_type="application/problem+json")
        return _json({"status": "UP", "database": "UP"})

    @core.get("/v1/me", operation_id="getCaller", response_class=Response)
    def me(caller: CurrentCaller) -> Response:
        return _json(storage.me(caller))

    @core.get("/openapi.json", include_in_schema=False)
    async def openapi_document() -> Response:
        """The source specification (the bundle of spec/), not FastAPI's code-first schema."""
        return Response(spec.bundle_bytes(), media_type=JSON)

    return core
