"""Reading the change feed over HTTP, as any client would: every page from a token to the end."""

from __future__ import annotations

from typing import Any

import httpx


def head(client: httpx.Client, collections: str | None = None) -> str:
    """The token of the feed's current end (``startAt=LATEST``)."""
    params = {"startAt": "LATEST", **({"collections": collections} if collections else {})}
    answer = client.get("/v1/changes", params=params)
    assert answer.status_code == 200, answer.text
    token: str = answer.json()["nextPageToken"]
    return token


def read_all(
    client: httpx.Client, token: str | None, collections: str | None = None
) -> tuple[list[dict[str, Any]], str]:
    """Every change after ``token`` (None: from the oldest kept), and the token after the last one."""
    items: list[dict[str, Any]] = []
    while True:
        params: dict[str, Any] = {"limit": 1000}
        if token:
            params["pageToken"] = token
        if collections:
            params["collections"] = collections
        answer = client.get("/v1/changes", params=params)
        assert answer.status_code == 200, answer.text
        page = answer.json()
        items += page["items"]
        if page["nextPageToken"] == token or not page["items"]:
            return items, page["nextPageToken"]
        token = page["nextPageToken"]
