"""The HTTP face of the layer (Starlette): ``POST /graphql`` (and GET with ``?query=``), GraphiQL at ``GET /graphql``.

``graphql_routes`` is what a server adds to serve ``/graphql`` (the reference server's ``--graphql``), over any
upstream ``httpx`` transport; ``standalone_app`` is what ``ispyb-graphql serve`` runs: the same routes beside
``/health``. The caller's ``Authorization`` header is forwarded to the site unchanged.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from graphql_layer import assets
from graphql_layer.contract import Contract, bundled
from graphql_layer.limits import Limits
from graphql_layer.service import GraphQLService

GRAPHQL_JSON = "application/json"


def _wants_page(request: Request) -> bool:
    """A browser's GET (it accepts HTML): GraphiQL, which reads ``?query=`` itself; any other GET executes."""
    return request.method == "GET" and "text/html" in request.headers.get("accept", "")


def graphql_routes(
    upstream: str,
    *,
    prefix: str = "/graphql",
    transport: httpx.AsyncBaseTransport | None = None,
    contract: Contract | None = None,
    limits: Limits | None = None,
    assets_dir: Path | None = None,
    timeout: float = 30.0,
) -> list[BaseRoute]:
    """The layer's routes at ``prefix`` over the site at ``upstream`` (a base URL; ``transport`` to reach it in
    process): what a server adds to its own routes to serve ``/graphql``."""
    client = httpx.AsyncClient(base_url=upstream.rstrip("/"), transport=transport, timeout=timeout)
    service = GraphQLService(contract or bundled(), client, limits or Limits())
    static = assets_dir or assets.DEFAULT_DIR

    async def endpoint(request: Request) -> Response:
        if _wants_page(request):
            if not assets.present(static):
                return JSONResponse(
                    {"title": "GraphiQL assets missing", "status": 503, "detail": assets.MISSING},
                    status_code=503,
                    media_type="application/problem+json",
                )
            return HTMLResponse(assets.page(prefix, prefix + "/static"))
        body: Any
        if request.method == "GET":
            raw_variables = request.query_params.get("variables")
            try:
                variables = json.loads(raw_variables) if raw_variables else None
            except ValueError:
                return JSONResponse({"errors": [{"message": "`variables` is not JSON"}]}, status_code=400)
            body = {
                "query": request.query_params.get("query"),
                "variables": variables,
                "operationName": request.query_params.get("operationName"),
            }
        else:
            try:
                body = await request.json()
            except ValueError:
                return JSONResponse({"errors": [{"message": "the body is not JSON"}]}, status_code=400)
        status, result = await service.run(body, request.headers.get("authorization"))
        return JSONResponse(result, status_code=status, media_type=GRAPHQL_JSON)

    return [
        Route(prefix, endpoint, methods=["GET", "POST"]),
        Mount(prefix + "/static", app=StaticFiles(directory=str(static), check_dir=False)),
    ]


def standalone_app(upstream: str, **options: Any) -> Starlette:
    """``ispyb-graphql serve``: the layer at ``/graphql`` and ``/health``; ``/`` leads to GraphiQL."""

    async def health(_request: Request) -> Response:
        return JSONResponse({"status": "UP", "upstream": upstream})

    async def home(_request: Request) -> Response:
        return RedirectResponse("/graphql")

    return Starlette(routes=[Route("/health", health), Route("/", home), *graphql_routes(upstream, **options)])
