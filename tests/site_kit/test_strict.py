"""Strict mode (``serve --strict``): a response that breaks the spec never leaves the server as it is.

``site_kit.strict.ResponseValidationMiddleware`` around a bare ASGI app that answers ``GET /v1/proposals`` with a
body no list of the spec has: the client gets a 500 problem naming what broke, not the bad body. In-process.
"""

from __future__ import annotations

from fastapi.testclient import TestClient
from starlette.types import Receive, Scope, Send

from site_kit.strict import ResponseValidationMiddleware


async def _wrong_list(scope: Scope, receive: Receive, send: Send) -> None:
    body = b'{"items": "not a list"}'
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def test_a_response_that_breaks_the_spec_becomes_a_500_problem_naming_the_break() -> None:
    answer = TestClient(ResponseValidationMiddleware(_wrong_list)).get("/v1/proposals")
    assert answer.status_code == 500
    assert answer.headers["content-type"] == "application/problem+json"
    assert int(answer.headers["content-length"]) == len(answer.content)
    problem = answer.json()
    assert problem["type"] == "https://ispyb.org/common-api/problems/response-validation"
    assert problem["title"] == "Internal server error" and problem["status"] == 500
    assert problem["detail"].startswith("The server produced a response that violates the spec: items: ")
    assert set(problem) == {"type", "title", "status", "detail"}  # the bad body itself is not sent
