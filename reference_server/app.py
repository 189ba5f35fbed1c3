"""The application factory: the reference server is one site on the kit, over its own SQLAlchemy schema.

``site_kit.app.create_app`` does the HTTP; this module builds the reference server's storage and profile from
its settings, and keeps on ``app.state`` what its CLI and tests reach for (settings, engine, sessions).
"""

from __future__ import annotations

from fastapi import FastAPI

from reference_server import __version__
from reference_server import changes as outbox
from reference_server.db.engine import make_engine, make_sessionmaker, pool_capacity
from reference_server.oidc import OidcConfig, OidcVerifier
from reference_server.settings import Settings
from reference_server.storage import ReferenceStorage
from site_kit import app as kit
from site_kit import changes as kit_changes
from site_kit import limits
from site_kit.files import ROOTS_ENV, FilesOptions, roots_from_env
from site_kit.profile import SiteProfile


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    engine = make_engine(settings.db_url)
    sessions = make_sessionmaker(engine)
    outbox.install(sessions)  # every write commits its change row (the changes class, the publisher)
    storage = ReferenceStorage(sessions, settings.modules, OidcVerifier(settings.oidc) if settings.oidc else None)
    storage.change_feed = outbox.feed(engine, kit_changes.retention())
    profile = SiteProfile(
        site_name=settings.site_name,
        implementation=f"ispyb-common-api reference server {__version__}",
        description="ISPyB Common API reference server",
        classes=settings.modules,
    )
    options = kit.KitOptions(
        title="ISPyB Common API (reference server)",
        strict=settings.strict,
        page_token_secret=settings.page_token_secret,
        caller_cache_seconds=settings.caller_cache_seconds,
        cors_origins=settings.cors_origins,
        gzip_minimum_size=settings.gzip_minimum_size,
        worker_threads=min(limits.worker_threads(settings.db_url), pool_capacity()),
        on_shutdown=engine.dispose,
        files=FilesOptions.from_texts(settings.files_roots),
    )
    app = kit.create_app(storage, profile, options)
    app.state.settings = settings
    app.state.engine = engine
    app.state.sessionmaker = sessions
    app.state.version = __version__
    app.state.oidc = storage.oidc
    return app


def app_from_env() -> FastAPI:
    """Factory for uvicorn (``--workers`` needs an import string): settings come from the environment."""
    import os

    app = create_app(
        Settings(
            db_url=os.environ.get("ISPYB_DB_URL", Settings.db_url),
            modules=Settings.parse_modules(os.environ.get("ISPYB_MODULES")),
            strict=bool(os.environ.get("ISPYB_STRICT")),
            site_name=os.environ.get("ISPYB_SITE_NAME", Settings.site_name),
            page_token_secret=os.environ.get("ISPYB_PAGE_TOKEN_SECRET") or None,
            cors_origins=Settings.parse_origins(os.environ.get("ISPYB_CORS_ORIGINS")),
            oidc=OidcConfig.from_env(os.environ),
            files_roots=tuple(roots_from_env(os.environ.get(ROOTS_ENV))),
        )
    )
    from reference_server import graphql

    return graphql.mount(app) if os.environ.get(graphql.GRAPHQL_ENV) else app
