"""RFC 9457 problem details: every error of the server leaves through here.

Handlers turn FastAPI's validation errors into problems whose ``errors`` name each field by JSON pointer
(``/body/visitNumber``, ``/query/limit``…), and make sure nothing a client sends can surface as a 500.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import orjson
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_BASE = "https://ispyb.org/common-api/problems/"
log = logging.getLogger("site_kit")

TITLES = {
    400: "Bad request",
    401: "Authentication required",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    406: "Not acceptable",
    408: "Request timeout",
    409: "Conflict",
    412: "Precondition failed",
    413: "Payload too large",
    415: "Unsupported media type",
    416: "Range not satisfiable",
    422: "Request validation failed",
    500: "Internal server error",
    503: "Service unavailable",
}


def pointer(location: Iterable[Any]) -> str:
    """JSON pointer (RFC 6901) of a validation error location such as ``("body", "cellA")``."""
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in location)


class FieldError(Exception):
    """One invalid field, for ``Problem.errors``."""

    def __init__(self, location: Sequence[Any], detail: str) -> None:
        super().__init__(detail)
        self.pointer = pointer(location)
        self.detail = detail


class ProblemError(Exception):
    """Raise anywhere below the routes to answer with a problem."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        errors: Sequence[FieldError] = (),
        slug: str | None = None,
        headers: dict[str, str] | None = None,
        members: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.errors = list(errors)
        self.slug = slug
        self.headers = headers or {}
        #: further members of the problem document (e.g. ``referencedBy`` of a refused DELETE)
        self.members = members or {}


def not_found(resource: str) -> ProblemError:
    return ProblemError(404, f"No {resource} with this UUID is within your reach.", slug="not-found")


def invalid(location: Sequence[Any], detail: str) -> ProblemError:
    return ProblemError(422, "1 field is invalid", errors=[FieldError(location, detail)], slug="validation")


def unresolved(location: Sequence[Any], detail: str) -> ProblemError:
    """A well-formed field whose value conflicts with the stored state (a reference to a missing record…)."""
    return ProblemError(409, detail, errors=[FieldError(location, detail)], slug="reference")


def document(
    status: int,
    detail: str | None = None,
    *,
    slug: str | None = None,
    instance: str | None = None,
    errors: Sequence[FieldError] = (),
    members: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The problem document itself: ``problem_response``'s body, and the body of every error answered below the
    routes (the HTTP protocol's 400, the body limits' 408/413, the unknown-parameter 400, strict mode's 500, the
    503 of ``/health``), so that every layer sends one shape with the same titles."""
    body: dict[str, Any] = {
        "type": PROBLEM_BASE + slug if slug else "about:blank",
        "title": TITLES.get(status, "Error"),
        "status": status,
    }
    if instance:
        body["instance"] = instance
    if detail:
        body["detail"] = detail
    if errors:
        body["errors"] = [{"pointer": e.pointer, "detail": e.detail} for e in errors]
    body.update(members or {})
    return body


def problem_response(
    request: Request,
    status: int,
    detail: str | None = None,
    *,
    errors: Sequence[FieldError] = (),
    slug: str | None = None,
    headers: dict[str, str] | None = None,
    members: dict[str, Any] | None = None,
) -> Response:
    # the path as sent (percent-encoded), so that it is a valid URI reference whatever the client sent
    instance = request.scope.get("raw_path", b"").decode("latin-1") or request.url.path
    body = document(status, detail, slug=slug, instance=instance, errors=errors, members=members)
    return Response(orjson.dumps(body), status_code=status, media_type=PROBLEM_MEDIA_TYPE, headers=headers)


def _validation_errors(exc: RequestValidationError) -> tuple[int, list[FieldError]]:
    errors = []
    status = 422
    for err in exc.errors():
        loc = list(err.get("loc", ()))
        if err.get("type") == "json_invalid":
            status = 400
            loc = ["body"]
        if loc and loc[0] == "header":
            loc[1:] = [str(part).title() for part in loc[1:]]
        errors.append(FieldError(loc, str(err.get("msg", "invalid"))))
    return status, errors


def install(app: FastAPI, allowed: Callable[[str], Iterable[str] | None] | None = None) -> None:
    """Register the handlers that make every error a problem.

    ``allowed(path)``: the methods served on a path, for the ``Allow`` of a 405 (default: the spec's methods);
    a site serving a class read-only passes its own, so that ``Allow`` never lists a method it refuses.
    """

    @app.exception_handler(ProblemError)
    async def _problem(request: Request, exc: ProblemError) -> Response:
        return problem_response(
            request, exc.status, exc.detail, errors=exc.errors, slug=exc.slug, headers=exc.headers, members=exc.members
        )

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> Response:
        status, errors = _validation_errors(exc)
        if status == 400:
            return problem_response(request, 400, "The request body is not valid JSON.", slug="malformed")
        noun = "field is" if len(errors) == 1 else "fields are"
        return problem_response(request, 422, f"{len(errors)} {noun} invalid", errors=errors, slug="validation")

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            from site_kit import spec

            methods = (allowed or spec.allowed_methods)(request.url.path)
            if methods is not None:
                headers["Allow"] = ", ".join(sorted(methods))
        return problem_response(request, exc.status_code, str(exc.detail) if exc.detail else None, headers=headers)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        # the connection's state is unknown after an unexpected error: say that it ends (uvicorn then closes it)
        return problem_response(
            request, 500, "An unexpected error occurred; it has been logged.", headers={"Connection": "close"}
        )
