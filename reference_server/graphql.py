"""``ispyb-server serve --graphql``: the GraphQL layer at ``/graphql`` of the reference server.

The layer (``graphql_layer``) knows the server only as a REST API: its requests go through the whole app (kit,
authorization, storage) in process over an ASGI transport, with the caller's own bearer token. Nothing of the
server is imported by the layer; this module is the server choosing to serve it.
"""

from __future__ import annotations

import httpx
from fastapi import FastAPI

#: the environment variable ``serve --graphql`` sets for the workers (``app_from_env``)
GRAPHQL_ENV = "ISPYB_GRAPHQL"


def mount(app: FastAPI) -> FastAPI:
    """Add ``/graphql`` (POST queries, GraphiQL on GET) resolved through ``app``'s own REST routes."""
    from graphql_layer.app import graphql_routes

    transport = httpx.ASGITransport(app=app)
    app.router.routes.extend(graphql_routes("http://reference-server", transport=transport, prefix="/graphql"))
    return app
