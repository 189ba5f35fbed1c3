"""``GET /v1/changes``: the ``changes`` class, over a site's ``site_kit.outbox.ChangeFeed``.

The position is carried in a page token of the kit (HMAC-authenticated, bound to the ``collections`` filter), so
a client cannot forge a position or reuse one with another filter. Every page carries ``nextPageToken``, even an
empty one: a client polls with it. The retention and visibility bound are the spec's (``x-change-feed``).
"""

# No `from __future__ import annotations`: FastAPI reads these annotations at runtime.

from datetime import timedelta
from typing import Annotated, Any, Literal, Protocol

import orjson
from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from site_kit import spec
from site_kit.outbox import ChangeFeed, ChangesGone
from site_kit.paging import PageTokens, Position
from site_kit.problems import FieldError, ProblemError, invalid
from site_kit.profile import SiteProfile
from site_kit.routes import CurrentCaller

PATH = "/v1/changes"
CLASS = "changes"
#: what a spec without the changes class implies (the outbox still records; nothing serves it)
DEFAULT_RULES = {"retentionSeconds": 604800, "visibilitySeconds": 10}


class HasChangeFeed(Protocol):
    """A storage serving the ``changes`` class exposes its feed."""

    change_feed: ChangeFeed


def feed_rules() -> dict[str, Any]:
    """The spec's ``x-change-feed`` of ``listChanges``: ``retentionSeconds``, ``visibilitySeconds``."""
    operation = spec.bundle()["paths"].get(PATH, {}).get("get", {})
    rules: dict[str, Any] = operation.get("x-change-feed", DEFAULT_RULES)
    return rules


def retention() -> timedelta:
    return timedelta(seconds=int(feed_rules()["retentionSeconds"]))


def gone() -> ProblemError:
    detail = (
        f"This token names a position older than the changes kept (at least {feed_rules()['retentionSeconds']} s); "
        "read the collections again and restart with startAt=LATEST."
    )
    return ProblemError(410, detail, slug="changes-gone", errors=[FieldError(["query", "pageToken"], detail)])


def router(feed: ChangeFeed, profile: SiteProfile, tokens: PageTokens) -> APIRouter:
    """The route of the change feed for the collections ``profile`` serves."""
    served = {r.collection for r in profile.served_resources}
    api = APIRouter()

    @api.get(PATH, operation_id="listChanges", response_class=Response)
    async def list_changes(
        request: Request,
        caller: CurrentCaller,
        limit: Annotated[int, Query(ge=1, le=1000)] = 50,
        pageToken: Annotated[str | None, Query(min_length=1, max_length=1024, pattern=r"^[A-Za-z0-9_-]+$")] = None,
        collections: Annotated[str | None, Query(max_length=2000, pattern=r"^[a-z][a-z-]*(,[a-z][a-z-]*)*$")] = None,
        startAt: Annotated[Literal["OLDEST", "LATEST"] | None, Query()] = None,
    ) -> Response:
        names = sorted(set(collections.split(","))) if collections else []
        unknown = [n for n in names if n not in served]
        if unknown:
            raise invalid(["query", "collections"], f"not served here: {', '.join(unknown)}")
        filters = {"collections": ",".join(names)}
        after = tokens.read(pageToken, PATH, filters, "sequence").last_id if pageToken else None
        try:
            page = await run_in_threadpool(feed.read, caller, after, names or None, limit, startAt == "LATEST")
        except ChangesGone:
            raise gone() from None
        token = tokens.issue(PATH, filters, "sequence", Position(page.position))
        query = f"limit={limit}" + (f"&collections={','.join(names)}" if names else "")
        link = f"{PATH}?{query}&pageToken={token}"
        body = orjson.dumps({"items": page.items, "nextPageToken": token, "next": link})
        return Response(body, media_type="application/json", headers={"Link": f'<{link}>; rel="next"'})

    return api
