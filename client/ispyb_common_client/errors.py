"""Typed exceptions built from RFC 9457 problem details (``application/problem+json``).

Every refusal of a site is a problem document; the client turns it into an exception whose class is chosen by
the status, so a script catches ``NotFound`` or ``PreconditionFailed`` instead of comparing numbers, and reads
``errors`` (the spec's field pointers, e.g. ``/body/visitNumber``) to show which field was wrong.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import httpx


@dataclass(frozen=True)
class FieldProblem:
    """One offending field of a validation problem: its JSON pointer into the request and why."""

    pointer: str
    detail: str


class ClientError(Exception):
    """Base of every error this client raises."""


class UnservedClass(ClientError):
    """The site does not declare, at ``/conformance``, the conformance class an operation belongs to.

    Raised before any request is sent for that operation, so that a script pointed at a partial site (e.g. a
    processing-only service) fails with the reason instead of a 404 from an unknown path.
    """

    def __init__(self, *, collection: str, conformance_class: str, base_url: str, served: tuple[str, ...]) -> None:
        self.collection = collection
        self.conformance_class = conformance_class
        self.base_url = base_url
        self.served = served
        super().__init__(
            f"{base_url} does not serve the conformance class {conformance_class!r}, which {collection} belongs "
            f"to (urn:ispyb:common-api:1:conf:{conformance_class}); its /conformance declares: "
            f"{', '.join(served) or 'nothing'}"
        )


class ApiError(ClientError):
    """A problem+json answer (or any error status) from the site.

    ``status``, ``type``, ``title`` and ``detail`` are the problem's members; ``errors`` its field pointers;
    ``problem`` the whole document as sent (e.g. ``referencedBy`` of a refused DELETE).
    """

    status: int

    def __init__(self, response: httpx.Response) -> None:
        self.response = response
        self.status = response.status_code
        self.problem: dict[str, Any] = _problem_of(response)
        self.type: str = str(self.problem.get("type", "about:blank"))
        self.title: str = str(self.problem.get("title", response.reason_phrase))
        self.detail: str | None = self.problem.get("detail")
        self.errors: tuple[FieldProblem, ...] = tuple(
            FieldProblem(pointer=str(item.get("pointer", "")), detail=str(item.get("detail", "")))
            for item in self.problem.get("errors", ())
            if isinstance(item, dict)
        )
        request = response.request
        where = f"{request.method} {request.url.path}"
        text = f"{self.status} {self.title} ({where})"
        if self.detail:
            text += f": {self.detail}"
        if self.errors:
            text += "; " + "; ".join(f"{e.pointer}: {e.detail}" for e in self.errors)
        super().__init__(text)

    @property
    def pointers(self) -> tuple[str, ...]:
        """The JSON pointers of the offending fields, e.g. ``("/body/visitNumber",)``."""
        return tuple(e.pointer for e in self.errors)


class BadRequest(ApiError):
    """400: malformed request (unknown query parameter, page token used with other filters…)."""


class Unauthorized(ApiError):
    """401: no token, or a token the site does not know (or no longer: revoked, expired)."""


class Forbidden(ApiError):
    """403: the caller's role may not do this (e.g. a user token writing)."""


class NotFound(ApiError):
    """404: no such record, or one outside the caller's reach (the spec does not tell them apart)."""


class MethodNotAllowed(ApiError):
    """405: the site serves this collection read-only."""


class Conflict(ApiError):
    """409: a constraint of the spec refused the write (``x-unique``, ``x-references``, ``x-immutable``…)."""


class PreconditionFailed(ApiError):
    """412: the record changed since the ETag sent as If-Match was read (or exists, with If-None-Match: *)."""


class PayloadTooLarge(ApiError):
    """413: the body exceeds the site's ``x-limits.maxBodyBytes``."""


class UnprocessableContent(ApiError):
    """422: values outside the spec's schemas; ``errors`` names every offending field."""


class TooManyRequests(ApiError):
    """429: the site asks the client to slow down (raised once the retries are spent, or at once for POST)."""


class ServiceUnavailable(ApiError):
    """503: overloaded or database unreachable (raised once the retries are spent, or at once for POST)."""


class ServerError(ApiError):
    """Any other 5xx."""


_BY_STATUS: dict[int, type[ApiError]] = {
    400: BadRequest,
    401: Unauthorized,
    403: Forbidden,
    404: NotFound,
    405: MethodNotAllowed,
    409: Conflict,
    412: PreconditionFailed,
    413: PayloadTooLarge,
    422: UnprocessableContent,
    429: TooManyRequests,
    503: ServiceUnavailable,
}


def error_for(response: httpx.Response) -> ApiError:
    """The exception for an error ``response``: its class by status, its members from the problem body."""
    cls = _BY_STATUS.get(response.status_code)
    if cls is None:
        cls = ServerError if response.status_code >= 500 else ApiError
    return cls(response)


def _problem_of(response: httpx.Response) -> dict[str, Any]:
    """The problem document of ``response``; a synthetic one when the body is not JSON (a proxy's HTML page)."""
    try:
        body = json.loads(response.content) if response.content else None
    except ValueError:
        body = None
    if isinstance(body, dict):
        return body
    return {"type": "about:blank", "title": response.reason_phrase, "status": response.status_code}
