"""The application: the site kit over Diamond's tables (``site_kit.app.create_app`` on a ``MappedStorage``).

Everything HTTP — routes from the spec, bodies, page tokens, ETags, problem+json, /conformance, the landing page —
is the kit's; this module only opens the database and says which site it is.
"""

from __future__ import annotations

import dataclasses
import os

from fastapi import FastAPI

from ispyb_dls_adapter.db import make_engine
from ispyb_dls_adapter.site import DEFAULT_SITE, SITE, profile
from site_kit.app import KitOptions
from site_kit.app import create_app as kit_app
from site_kit.files import ROOTS_ENV, FilesOptions, roots_from_env
from site_kit.mapped import MappedStorage

__all__ = ["DEFAULT_SITE", "app_from_env", "create_app"]


def create_app(
    db_url: str,
    *,
    site: str = DEFAULT_SITE,
    strict: bool = False,
    page_token_secret: str | None = None,
    cors_origins: tuple[str, ...] = (),
    gzip_minimum_size: int = 1024,
) -> FastAPI:
    """The common API over the DLS database at ``db_url``; ``site`` fixes the UUID namespace for ever."""
    engine = make_engine(db_url)
    storage = MappedStorage(SITE, engine, site)
    options = KitOptions(
        title="ISPyB Common API (DLS adapter)",
        strict=strict,
        page_token_secret=page_token_secret,
        cors_origins=cors_origins,
        gzip_minimum_size=gzip_minimum_size,
        on_shutdown=engine.dispose,
        # the files class, over the paths Diamond's tables record, within ISPYB_FILES_ROOTS (serve --files-root)
        files=FilesOptions.from_texts(roots_from_env(os.environ.get(ROOTS_ENV))),
    )
    served = profile(site, storage)
    if options.files is not None:  # the class has no tables of its own: served wherever roots are configured
        served = dataclasses.replace(served, classes=served.classes | {"files"})
    return kit_app(storage, served, options)


def app_from_env() -> FastAPI:
    """Factory for ``uvicorn --factory`` (settings from the environment)."""
    return create_app(
        os.environ["ISPYB_DLS_DB_URL"],
        site=os.environ.get("ISPYB_DLS_SITE", DEFAULT_SITE),
        strict=bool(os.environ.get("ISPYB_DLS_STRICT")),
        page_token_secret=os.environ.get("ISPYB_DLS_PAGE_TOKEN_SECRET") or None,
        cors_origins=tuple(os.environ.get("ISPYB_DLS_CORS_ORIGINS", "").replace(",", " ").split()),
    )
