"""The GraphiQL page renders and runs a query in headless Chromium, from assets the layer serves itself.

Chromium's resolver fails every host but 127.0.0.1, so the page can only work if it needs nothing from
outside; ``?query=…&run=1`` runs the query once the page is up, ``#token=`` gives the bearer token.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

import httpx
import pytest

from tests.graphql.conftest import World

CHROMIUM = shutil.which("chromium")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)"),
]


def _dump_dom(url: str, profile: Path) -> str:
    assert CHROMIUM is not None
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        f"--user-data-dir={profile}",
        "--virtual-time-budget=20000",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
        "--dump-dom",
        url,
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def test_graphiql_renders_and_runs_a_query(world: World, layer: str, tmp_path: Path) -> None:
    query = (
        f'{{ session(uuid: "{world.session}") {{ name visitNumber '
        "dataCollections(first: 2) { nodes { imagePrefix } } } }"
    )
    url = f"{layer}/graphql?query={quote(query)}&run=1#token=demo-owner"
    dom = _dump_dom(url, tmp_path / "profile")
    assert "graphiql-container" in dom, dom[:2000]
    assert "graphiql-execute-button" in dom
    text = re.sub(r"<[^>]+>", "", dom)
    # the answer is in the result pane: the session's visit number and its first data collection
    assert "9150" in text, text[-3000:]
    assert re.search(r"gql-\d\d", text), text[-3000:]


def test_the_page_loads_only_from_the_layer(layer: str) -> None:
    page = httpx.get(f"{layer}/graphql", headers={"Accept": "text/html"}, timeout=30)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assets = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert {a.rsplit("/", 1)[-1] for a in assets} >= {"graphiql.min.js", "graphiql.min.css", "react.production.min.js"}
    for asset in assets:
        absolute = urljoin(f"{layer}/graphql", asset)
        assert urlsplit(absolute).netloc == urlsplit(layer).netloc
        assert httpx.get(absolute, timeout=30).status_code == 200, asset
