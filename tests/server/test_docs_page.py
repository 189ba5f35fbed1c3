"""The documentation page really renders the API in a browser, from assets the server serves itself.

``ispyb-server serve --demo`` runs on a temporary SQLite file; headless Debian Chromium loads ``/docs``,
dumps the DOM that Swagger UI built and takes a screenshot. Chromium's resolver is told to fail every host
but 127.0.0.1, so the page can only render if it needs nothing from outside the server.
"""

from __future__ import annotations

import re
import struct
import zlib
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx
import pytest

from tests.browser import chromium, requires_chromium
from tests.server.live import LiveServer, serve, sqlite_url

DEEP_LINK = "#/Data%20collections/listDataCollections"  # Swagger UI deep link: expands that tag and operation

pytestmark = [pytest.mark.browser, requires_chromium]


@pytest.fixture(scope="module")
def docs_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    tmp = tmp_path_factory.mktemp("docs")
    with serve(sqlite_url(tmp / "demo.sqlite"), tmp / "logs", demo=True) as server:
        yield server


class _Assets(HTMLParser):
    """Every URL an HTML page loads by itself: script src, link href, img/iframe/source src."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = {
            "script": "src",
            "link": "href",
            "img": "src",
            "iframe": "src",
            "source": "src",
            "embed": "src",
            "object": "data",
        }.get(tag)
        for name, value in attrs:
            if name == wanted and value:
                self.urls.append(value)


def _assets(html: str) -> list[str]:
    parser = _Assets()
    parser.feed(html)
    return parser.urls


def _png_rows(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and the (filtered) scanlines of a non-interlaced PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, header = 8, b"", b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", header[:10])
    channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[colour]
    stride = 1 + (width * channels * depth + 7) // 8
    raw = zlib.decompress(idat)
    return width, height, [raw[i : i + stride] for i in range(0, len(raw), stride)]


@pytest.fixture(scope="module")
def rendered(docs_server: LiveServer, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """The DOM Swagger UI builds for a deep link to an operation, and a screenshot of /docs (in parallel)."""
    tmp = tmp_path_factory.mktemp("chromium")
    shot = tmp / "docs.png"
    with ThreadPoolExecutor(2) as pool:
        dom = pool.submit(chromium, tmp / "profile-dom", "--dump-dom", f"{docs_server.base_url}/docs{DEEP_LINK}")
        png = pool.submit(
            chromium,
            tmp / "profile-shot",
            f"--screenshot={shot}",
            "--window-size=1280,2000",
            f"{docs_server.base_url}/docs",
        )
        png.result()
        return dom.result().stdout, shot


def test_docs_page_renders_the_operations(rendered: tuple[str, Path]) -> None:
    dom, _ = rendered
    assert "Unable to render this definition" not in dom
    assert "Failed to load API definition" not in dom
    assert 'id="swagger-ui"' in dom
    assert re.search(r'class="title"[^>]*>ISPyB Common API', dom), "the API title is not rendered"
    # every tag of the spec is listed, and the deep-linked tag shows its operations
    assert dom.count('class="opblock-tag-section') >= 20
    assert 'id="operations-tag-Data_collections"' in dom
    methods = set(re.findall(r'class="opblock opblock-(get|post|put|patch|delete)', dom))
    assert methods == {"get", "post", "put", "patch", "delete"}
    paths = re.findall(r'class="opblock-summary-path"[^>]*data-path="([^"]+)"', dom)
    assert "/v1/data-collections" in paths
    assert "/v1/data-collections/{uuid}" in paths
    # the deep-linked operation is open, with its query parameters rendered
    assert 'id="operations-Data_collections-listDataCollections"' in dom
    assert "sessionUuid" in dom


def test_docs_screenshot_shows_a_rendered_page(rendered: tuple[str, Path]) -> None:
    _, shot = rendered
    data = shot.read_bytes()
    assert len(data) > 0
    width, height, rows = _png_rows(data)
    assert (width, height) == (1280, 2000)
    # a blank (or single-colour) page has identical scanlines; the rendered API has hundreds of distinct ones
    assert len(set(rows)) > 200, f"the screenshot looks blank ({len(set(rows))} distinct rows)"


def test_docs_page_pulls_every_asset_from_the_server(docs_server: LiveServer, rendered: tuple[str, Path]) -> None:
    page = httpx.get(f"{docs_server.base_url}/docs", timeout=10)
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    origin = urlsplit(docs_server.base_url)
    spec_url = re.search(r'url:\s*"([^"]+)"', page.text)
    assert spec_url is not None, "the page names no spec URL"
    urls = [*_assets(page.text), spec_url.group(1)]
    assert any(u.endswith("swagger-ui-bundle.js") for u in urls)
    for url in urls:
        absolute = urlsplit(urljoin(f"{docs_server.base_url}/docs", url))
        assert (absolute.scheme, absolute.netloc) == (origin.scheme, origin.netloc), f"{url} is not on the server"
        fetched = httpx.get(absolute.geturl(), timeout=10)
        assert fetched.status_code == 200, f"{url} -> {fetched.status_code}"
    # what Swagger UI added to the page at run time comes from the server too
    dom, _ = rendered
    for url in _assets(dom):
        if url.startswith("data:"):
            continue
        absolute = urlsplit(urljoin(f"{docs_server.base_url}/docs", url))
        assert (absolute.scheme, absolute.netloc) == (origin.scheme, origin.netloc), f"{url} is not on the server"
