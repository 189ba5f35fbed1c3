"""A request that is not HTTP/1.1 gets the API's error format too: a 400 problem document, then the connection ends.

Such a request (``Content-Length: :Z``, a space in a header name) is refused by the HTTP parser before the
application sees it; uvicorn's own answer is ``text/plain``, which a client parsing ``application/problem+json``
(and the conformance suite) cannot read. The server process is the CLI's, so these bytes meet the same
protocol layer as a user's.
"""

from __future__ import annotations

import orjson
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.reliability.conftest import Proc
from tests.server.live import RawAnswer, raw_exchange

GET = (
    b"GET /v1/proteins/00000000-0000-4000-8000-000000000000 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer demo-owner\r\n"
)


def _assert_problem(answer: RawAnswer, names: str) -> None:
    assert answer.status == 400, answer
    assert answer.headers["content-type"] == "application/problem+json"
    assert int(answer.headers["content-length"]) == len(answer.body)
    assert answer.headers["connection"] == "close" and answer.closed
    problem = orjson.loads(answer.body)
    assert problem["status"] == 400 and problem["title"] == "Bad request"
    assert problem["type"].endswith("/malformed")
    assert names in problem["detail"], problem


def test_a_malformed_content_length_is_a_problem_naming_it(live: Proc) -> None:
    # the request schemathesis sent (seed 15500): a Content-Length that is no number, a long If-None-Match
    answer = raw_exchange(live.base_url, GET + b"Content-Length: :Z\r\nIf-None-Match: " + b'"x",' * 2000 + b"\r\n\r\n")
    _assert_problem(answer, "Content-Length")
    # the server goes on: the next connection is answered as usual
    with live.client() as http:
        assert http.get("/v1/proteins", params={"limit": 1}).status_code == 200


def test_a_broken_request_line_and_a_broken_header_name_are_problems(live: Proc) -> None:
    _assert_problem(raw_exchange(live.base_url, b"GET /a b HTTP/1.1\r\nHost: x\r\n\r\n"), "HTTP/1.1")
    _assert_problem(raw_exchange(live.base_url, GET + b"Bad Header: 1\r\n\r\n"), "header")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    value=st.text(st.characters(codec="ascii", exclude_characters="\r\n"), min_size=1).filter(
        lambda v: not v.strip(" \t").isdigit()
    )
)
def test_every_content_length_that_is_no_number_is_a_problem(live: Proc, value: str) -> None:
    answer = raw_exchange(live.base_url, GET + b"Content-Length: " + value.encode() + b"\r\n\r\n")
    _assert_problem(answer, "HTTP/1.1")
