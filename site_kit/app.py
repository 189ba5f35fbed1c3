"""``create_app(storage, profile, options)``: the whole HTTP side of a site, around the site's ``Storage``.

The middleware order is the reference server's (measured in issues 7 and 11), from the outside in: CORS, gzip
(never under an ETag), [strict response validation], unknown query parameters → 400, security headers, the
body limit and deadline, then the routes. Exceptions become problem+json (``site_kit.problems``), and a 405's
``Allow`` lists what the profile serves on the path.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

from fastapi import APIRouter, FastAPI

from site_kit import core, docs, limits, middleware, problems, spec
from site_kit.caller import CallerCache
from site_kit.dispatch import CollectionIndex
from site_kit.files.config import FilesOptions
from site_kit.files.roots import StorageRoots
from site_kit.paging import PageTokens
from site_kit.profile import SiteProfile
from site_kit.routes import register
from site_kit.seam import Storage


@dataclass(frozen=True)
class KitOptions:
    """How the kit runs one site's process (none of it changes what the API answers)."""

    #: FastAPI's title (shown nowhere the spec governs)
    title: str = "ISPyB Common API"
    #: validate every response against the spec, and answer 500 when one does not conform
    strict: bool = False
    #: secret of the page tokens' HMAC: every worker of one site must hold the same one. None: one per process
    page_token_secret: str | None = None
    #: how long a token's caller is reused before the storage is asked again (a revocation's delay)
    caller_cache_seconds: float = 10.0
    #: origins allowed to call the API from a browser (CORS); empty: CORS off, and OPTIONS answers 405
    cors_origins: tuple[str, ...] = ()
    #: responses of at least this many bytes are gzip-compressed for clients that accept it
    gzip_minimum_size: int = 1024
    #: threads running the handlers, hence the storage's calls: no more than its connection pool holds
    worker_threads: int = limits.WORKER_THREADS
    #: called once at shutdown (give the database connections back)
    on_shutdown: Callable[[], None] | None = None
    #: the `files` class (storage roots, locator): served and claimed only when given (``site_kit.files``)
    files: FilesOptions | None = None


def create_app(storage: Storage, profile: SiteProfile, options: KitOptions | None = None) -> FastAPI:
    """A FastAPI app serving ``profile``'s classes of the spec over ``storage``."""
    options = options or KitOptions()
    if options.files is None and "files" in profile.classes:  # no storage roots: the class is not served
        profile = dataclasses.replace(profile, classes=profile.classes - {"files"})
    app = FastAPI(
        title=options.title,
        version=spec.api_version(),
        docs_url=None,
        redoc_url=None,
        openapi_url=None,  # /openapi.json serves the source spec (site_kit.core)
        lifespan=limits.lifespan,
    )
    app.state.storage = storage
    app.state.profile = profile
    app.state.callers = CallerCache(ttl=options.caller_cache_seconds)
    app.state.page_tokens = tokens = PageTokens(options.page_token_secret)
    app.state.on_shutdown = options.on_shutdown
    problems.install(app, allowed=profile.allowed_methods)
    limits.install(app, threads=options.worker_threads)
    app.include_router(core.router(storage, profile))
    app.include_router(docs.router)
    docs.mount_assets(app)
    router = APIRouter()
    listers = {
        resource.collection: register(
            router, resource, storage, tokens, writes=profile.writes(resource), site_name=profile.site_name
        )
        for resource in profile.served_resources
    }
    app.include_router(router)
    # the same routes, found by their collection: in front of the resource router, behind what came before it
    fast = {resource.collection: resource for resource in profile.served_resources}
    index = CollectionIndex(router.routes, storage, fast, listers)
    app.router.routes.insert(len(app.router.routes) - 1, index)
    if "changes" in profile.classes:  # the change feed of site_kit.outbox, which the storage exposes
        from site_kit import changes

        feed = getattr(storage, "change_feed", None)
        if feed is None:
            raise ValueError("the profile serves the changes class but the storage has no change_feed")
        app.include_router(changes.router(feed, profile, tokens))
    # file content and thumbnails (site_kit.files). Without storage roots the routes still answer as the spec says
    # (401 without a token, else the 404 of a file this site does not hold), but the class is not claimed
    from site_kit.files.routes import router as files_router

    app.include_router(files_router(storage, profile, options.files or FilesOptions(StorageRoots(()))))
    middleware.install_inner(app)
    if options.strict:
        from site_kit.strict import ResponseValidationMiddleware

        app.add_middleware(ResponseValidationMiddleware)
    middleware.install_outer(app, cors_origins=options.cors_origins, gzip_minimum_size=options.gzip_minimum_size)
    return app
