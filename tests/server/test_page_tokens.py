"""Page tokens for all positions and listings (hypothesis, in process: the HTTP tests cover the wiring).

* a token reads back as exactly the position it was issued for, whatever the value kind (instants aware or
  naive, numbers, strings), and it is URL-safe and within the spec's 1024 characters;
* any other listing (collection, filter value, order), any altered character, or another server's secret
  answers 400 naming ``/query/pageToken``.
"""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from site_kit import spec
from site_kit.paging import PageTokens, Position
from site_kit.problems import ProblemError

SETTINGS = settings(max_examples=200, deadline=None)
PATTERN = re.compile(spec.schema("PageToken")["pattern"])
MAX_LENGTH = spec.schema("PageToken")["maxLength"]

instants = st.datetimes(min_value=datetime(1970, 1, 2), max_value=datetime(2200, 1, 1))
values = st.one_of(
    instants.map(lambda d: d.replace(tzinfo=UTC)),
    instants,
    st.integers(-(2**63), 2**63 - 1),
    st.floats(allow_nan=False),
    st.text(max_size=200),
    st.booleans(),
)
positions = st.one_of(
    st.builds(Position, st.integers(0, 2**63 - 1)),
    st.builds(lambda i, v: Position(i, v, True), st.integers(0, 2**63 - 1), values),
)
filters = st.dictionaries(
    st.sampled_from(["beamlineName", "sessionUuid", "runStatus", "startedAfter"]),
    st.one_of(st.text(max_size=20), st.uuids(), instants.map(lambda d: d.replace(tzinfo=UTC))),
    max_size=3,
)
ORDERS = ["createdAt", "createdAt desc", "startTime", "startTime desc"]


def _refused(tokens: PageTokens, token: str, *listing: Any) -> None:
    with pytest.raises(ProblemError) as caught:
        tokens.read(token, *listing)
    assert caught.value.status == 400
    assert [e.pointer for e in caught.value.errors] == ["/query/pageToken"]


@SETTINGS
@given(position=positions, flt=filters, order=st.sampled_from(ORDERS))
def test_a_token_reads_back_as_its_position(position: Position, flt: dict[str, Any], order: str) -> None:
    tokens = PageTokens("secret")
    token = tokens.issue("/v1/data-collections", flt, order, position)
    assert PATTERN.match(token) and len(token) <= MAX_LENGTH
    back = tokens.read(token, "/v1/data-collections", flt, order)
    assert (back.last_id, back.has_value) == (position.last_id, position.has_value)
    if position.has_value:
        assert back.value == position.value and type(back.value) is type(position.value)
        if isinstance(position.value, datetime):
            assert (back.value.tzinfo is None) == (position.value.tzinfo is None)


@SETTINGS
@given(position=positions, flt=filters, order=st.sampled_from(ORDERS), data=st.data())
def test_a_token_is_refused_for_any_other_listing_or_secret(
    position: Position, flt: dict[str, Any], order: str, data: st.DataObject
) -> None:
    tokens = PageTokens("secret")
    token = tokens.issue("/v1/sessions", flt, order, position)
    _refused(tokens, token, "/v1/data-collections", flt, order)
    _refused(tokens, token, "/v1/sessions", flt, data.draw(st.sampled_from([o for o in ORDERS if o != order])))
    _refused(tokens, token, "/v1/sessions", {**flt, "proposalUuid": uuid.uuid4()}, order)
    _refused(PageTokens("another secret"), token, "/v1/sessions", flt, order)
    _refused(PageTokens(), token, "/v1/sessions", flt, order)
    i = data.draw(st.integers(0, len(token) - 1))
    replacement = data.draw(st.sampled_from([c for c in "AQgw_-9z" if c != token[i]]))
    _refused(tokens, token[:i] + replacement + token[i + 1 :], "/v1/sessions", flt, order)
    _refused(tokens, token[:i], "/v1/sessions", flt, order)
