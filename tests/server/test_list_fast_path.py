"""The kit's fast path for plain list requests answers exactly what the list route answers, for any query.

Two apps over one demo database and one page-token secret: the reference server as it runs, and the same app
with the fast path switched off (every list request through FastAPI's route). Hypothesis sends both the same
list requests — valid and invalid limits, orders, filters of one or several values, page tokens real and forged,
parameters repeated or empty — and the status, body, ``Link`` and content type must be the same.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st

from reference_server.app import create_app
from reference_server.db.engine import make_engine
from reference_server.demo import prepare
from reference_server.settings import Settings
from site_kit.dispatch import CollectionIndex
from tests.server.bodies import TOKENS

SECRET = "fast-path-test"


@pytest.fixture(scope="module")
def apps(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, TestClient, dict[str, list[str]]]]:
    db: Path = tmp_path_factory.mktemp("fast-list") / "ispyb.sqlite"
    url = f"sqlite:///{db}"
    engine = make_engine(url)
    prepare(engine)
    engine.dispose()
    fast = create_app(Settings(db_url=url, page_token_secret=SECRET))
    routed = create_app(Settings(db_url=url, page_token_secret=SECRET))
    index = next(r for r in routed.router.routes if isinstance(r, CollectionIndex))
    index.listers = {}  # every list request through the route
    with TestClient(fast) as a, TestClient(routed) as b:
        staff = {"Authorization": f"Bearer {TOKENS['staff']}"}
        known = {
            "sessionUuid": [s["uuid"] for s in a.get("/v1/sessions?limit=3", headers=staff).json()["items"]],
            "pageToken": [a.get("/v1/data-collections?limit=2", headers=staff).json()["nextPageToken"]],
        }
        yield a, b, known


def _queries(known: dict[str, list[str]]) -> st.SearchStrategy[list[tuple[str, str]]]:
    uuids = st.sampled_from(known["sessionUuid"]) | st.uuids().map(str) | st.just("not-a-uuid")
    one = st.one_of(
        st.tuples(st.just("limit"), st.sampled_from(["1", "2", "50", "1000", "0", "1001", "x", "", " 5", "1e2"])),
        st.tuples(st.just("orderBy"), st.sampled_from(["createdAt", "startTime desc", "startTime", "bogus", ""])),
        st.tuples(st.just("sessionUuid"), uuids),
        st.tuples(st.just("beamlineName"), st.sampled_from(["i03", "bad name!", "I04-1"])),
        st.tuples(st.just("runStatus"), st.sampled_from(["SUCCESSFUL", "FAILED", "done"])),
        st.tuples(
            st.just("startedAfter"),
            st.sampled_from(["2020-01-01T00:00:00Z", "2020-01-01", "2020-01-01T00:00:00 01:00", "yesterday"]),
        ),
        st.tuples(st.just("pageToken"), st.sampled_from([*known["pageToken"], "forged", "A" * 30])),
        st.tuples(st.just("site"), st.sampled_from(["", "elsewhere"])),
    )
    return st.lists(one, max_size=5)


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_a_list_answers_the_same_through_the_fast_path_and_the_route(
    apps: tuple[TestClient, TestClient, dict[str, list[str]]], data: st.DataObject
) -> None:
    fast, routed, known = apps
    query = data.draw(_queries(known), label="query")
    who = data.draw(st.sampled_from(["staff", "owner", "other"]), label="caller")
    collection = data.draw(st.sampled_from(["data-collections", "data-collections", "sessions"]), label="collection")
    if collection == "sessions":  # the sessions list has its own filters: keep the shared parameters only
        query = [(k, v) for k, v in query if k in ("limit", "pageToken", "site")]
    headers = {"Authorization": f"Bearer {TOKENS[who]}"}
    a = fast.get(f"/v1/{collection}", params=query, headers=headers)
    b = routed.get(f"/v1/{collection}", params=query, headers=headers)
    assert (a.status_code, a.headers.get("content-type")) == (b.status_code, b.headers.get("content-type")), query
    assert a.content == b.content, query
    assert a.headers.get("link") == b.headers.get("link")


def test_the_fast_path_is_the_one_taken(apps: tuple[TestClient, TestClient, dict[str, list[str]]]) -> None:
    """Guard of the test above: without it both apps could be answering through the route."""
    fast, _, known = apps
    index = next(r for r in fast.app.router.routes if isinstance(r, CollectionIndex))
    taken: list[bool] = []
    original = index._list

    async def spy(*args: Any) -> bool:
        taken.append(await original(*args))
        return taken[-1]

    index._list = spy  # type: ignore[method-assign]
    try:
        staff = {"Authorization": f"Bearer {TOKENS['staff']}"}
        several = [("limit", "2"), ("sessionUuid", known["sessionUuid"][0]), ("sessionUuid", str(uuid.uuid4()))]
        assert fast.get("/v1/data-collections", params=several, headers=staff).status_code == 200
        assert fast.get("/v1/data-collections", params=[("limit", "0")], headers=staff).status_code == 422
    finally:
        del index._list
    assert taken == [True, False]  # the 422 is the route's
