"""A storage whose ``page`` is a coroutine giving JSON documents (what the federation does) answers every list
exactly as the same storage answering synchronously with serialized records — through the kit's fast path and
through the route alike, page after page (``site_kit.seam``: ``page`` may be ``async def``; ``Page.documents``).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from site_kit.app import KitOptions, create_app
from site_kit.caller import Caller
from site_kit.dispatch import CollectionIndex
from site_kit.profile import SiteProfile
from site_kit.resources import Resource
from site_kit.seam import Page, PageRequest

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "minimal_site"


class AsyncDocuments:
    """The example's storage with ``page`` as a coroutine that gives the records as documents."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.pages = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    async def page(self, caller: Caller, resource: Resource, request: PageRequest) -> Page:
        self.pages += 1
        page = self.inner.page(caller, resource, request)  # in memory: it never blocks
        return Page([], page.next, page.unavailable, documents=[orjson.loads(r.body) for r in page.items])


@pytest.fixture(scope="module")
def sites() -> Iterator[tuple[TestClient, TestClient, TestClient, AsyncDocuments, str]]:
    sys.path.insert(0, str(EXAMPLE))
    try:
        from serve import CLASSES, build  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(EXAMPLE))
    plain, config = build("http://testserver")
    wrapped = AsyncDocuments(plain.state.storage)
    profile = SiteProfile(site_name="Minimal example site", implementation="async documents", classes=CLASSES)
    fast = create_app(wrapped, profile, KitOptions(title="async"))
    routed: FastAPI = create_app(wrapped, profile, KitOptions(title="async, routed"))
    index = next(r for r in routed.router.routes if isinstance(r, CollectionIndex))
    index.listers = {}  # every list request through FastAPI's route
    token = config["identities"]["staff"]["token"]
    with TestClient(plain) as a, TestClient(fast) as b, TestClient(routed) as c:
        yield a, b, c, wrapped, token


def _pages(client: TestClient, url: str, token: str) -> Iterator[dict[str, Any]]:
    while url:
        response = client.get(url, headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 200, response.text
        doc = response.json()
        yield {k: v for k, v in doc.items() if k not in ("nextPageToken", "next")}
        url = doc.get("next")


@pytest.mark.parametrize("limit", [1, 2, 50])
def test_an_async_page_of_documents_lists_what_a_synchronous_page_of_records_lists(
    sites: tuple[TestClient, TestClient, TestClient, AsyncDocuments, str], limit: int
) -> None:
    plain, fast, routed, wrapped, token = sites
    landing = plain.get("/").json()
    collections = [link["href"] for link in landing["links"] if link.get("rel") == "data"]
    assert collections
    asked = wrapped.pages
    listed = 0
    for href in collections:
        expected = list(_pages(plain, f"{href}?limit={limit}", token))
        listed += sum(len(p["items"]) for p in expected)
        assert list(_pages(fast, f"{href}?limit={limit}", token)) == expected, href
        assert list(_pages(routed, f"{href}?limit={limit}", token)) == expected, href
    assert listed > len(collections)  # the demo data, listed
    assert wrapped.pages > asked  # the coroutine answered them
