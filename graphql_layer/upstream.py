"""The site's REST API, as the GraphQL layer calls it: GET only, the caller's bearer token forwarded, counted.

A refusal of the site (any status but 200) becomes ``UpstreamError`` with the problem+json the site answered
(status, type, title, detail, ``errors`` with their JSON pointers), which the resolvers turn into a GraphQL
error naming the argument the pointer designates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import httpx

Params = list[tuple[str, str]]


class UpstreamError(Exception):
    """The site refused a request, or could not be reached (status 502 then)."""

    def __init__(self, status: int, problem: dict[str, Any], request: str) -> None:
        self.status = status
        self.problem = problem
        self.request = request
        super().__init__(f"{request}: {status} {problem.get('title', '')} {problem.get('detail', '')}".strip())


@dataclass
class Upstream:
    """One GraphQL request's view of the site: its HTTP client, the caller's Authorization, a request count."""

    client: httpx.AsyncClient
    authorization: str | None
    requests: int = 0
    log: list[str] = field(default_factory=list)

    async def get(self, path: str, params: Params) -> dict[str, Any]:
        """GET ``path`` (a list or one record) as JSON; any other status than 200 raises ``UpstreamError``."""
        headers = {"Accept": "application/json"}
        if self.authorization:
            headers["Authorization"] = self.authorization
        self.requests += 1
        what = f"GET {path}"
        self.log.append(what)
        try:
            response = await self.client.get(
                path, params=httpx.QueryParams(list[tuple[str, Any]](params)), headers=headers
            )
        except httpx.HTTPError as exc:
            problem = {"title": "Bad Gateway", "status": 502, "detail": f"the site did not answer: {exc}"}
            raise UpstreamError(502, problem, what) from exc
        if response.status_code != 200:
            try:
                problem = response.json()
            except ValueError:
                problem = {}
            if not isinstance(problem, dict):
                problem = {}
            problem.setdefault("status", response.status_code)
            problem.setdefault("title", response.reason_phrase)
            raise UpstreamError(response.status_code, problem, what)
        body = response.json()
        return body if isinstance(body, dict) else {}
