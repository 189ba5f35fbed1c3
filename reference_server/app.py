"""The application factory: one FastAPI app serving the modules chosen in the settings."""

from __future__ import annotations

from fastapi import APIRouter, FastAPI

from reference_server import __version__
from reference_server.api import core, records
from reference_server.auth import CallerCache
from reference_server.db.engine import make_engine, make_sessionmaker, pool_capacity
from reference_server.oidc import OidcConfig, OidcVerifier
from reference_server.settings import Settings
from site_kit import docs, limits, middleware, problems, spec
from site_kit.paging import PageTokens
from site_kit.resources import registry


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    app = FastAPI(
        title="ISPyB Common API (reference server)",
        version=spec.api_version(),
        docs_url=None,
        redoc_url=None,
        openapi_url=None,  # /openapi.json serves the source spec (api/core.py)
        lifespan=limits.lifespan,
    )
    engine = make_engine(settings.db_url)
    app.state.settings = settings
    app.state.engine = engine
    app.state.on_shutdown = engine.dispose
    app.state.sessionmaker = make_sessionmaker(engine)
    app.state.version = __version__
    app.state.callers = CallerCache(ttl=settings.caller_cache_seconds)
    app.state.page_tokens = PageTokens(settings.page_token_secret)
    app.state.oidc = OidcVerifier(settings.oidc) if settings.oidc else None
    problems.install(app)
    limits.install(app, threads=min(limits.worker_threads(settings.db_url), pool_capacity()))
    app.include_router(core.router)
    app.include_router(docs.router)
    docs.mount_assets(app)
    router = APIRouter()
    for resource in registry().values():
        if resource.module in settings.modules:
            records.register(router, resource)
    app.include_router(router)
    middleware.install_inner(app)
    if settings.strict:
        from site_kit.strict import ResponseValidationMiddleware

        app.add_middleware(ResponseValidationMiddleware)
    middleware.install_outer(app, cors_origins=settings.cors_origins, gzip_minimum_size=settings.gzip_minimum_size)
    return app


def app_from_env() -> FastAPI:
    """Factory for uvicorn (``--workers`` needs an import string): settings come from the environment."""
    import os

    return create_app(
        Settings(
            db_url=os.environ.get("ISPYB_DB_URL", Settings.db_url),
            modules=Settings.parse_modules(os.environ.get("ISPYB_MODULES")),
            strict=bool(os.environ.get("ISPYB_STRICT")),
            site_name=os.environ.get("ISPYB_SITE_NAME", Settings.site_name),
            page_token_secret=os.environ.get("ISPYB_PAGE_TOKEN_SECRET") or None,
            cors_origins=Settings.parse_origins(os.environ.get("ISPYB_CORS_ORIGINS")),
            oidc=OidcConfig.from_env(os.environ),
        )
    )
