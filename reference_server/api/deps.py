"""Per-request dependencies: a database session and the authenticated caller's service."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from reference_server.auth import Caller, resolve, unauthorized
from reference_server.problems import ProblemError
from reference_server.services.records import RecordService

bearer = HTTPBearer(auto_error=False, description="Bearer token issued by the site.")


def db_session(request: Request) -> Iterator[Session]:
    db: Session = request.app.state.sessionmaker()
    try:
        yield db
    finally:
        db.close()


def current_caller(
    db: Annotated[Session, Depends(db_session)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Caller:
    if credentials is None or not credentials.credentials:
        raise unauthorized("A bearer token is required (Authorization: Bearer <token>).")
    return resolve(db, credentials.credentials)


def record_service(
    request: Request,
    db: Annotated[Session, Depends(db_session)],
    caller: Annotated[Caller, Depends(current_caller)],
) -> RecordService:
    return RecordService(db, caller, request.app.state.settings.modules)


def require_json(request: Request) -> None:
    """Bodies must be JSON (PATCH also takes application/merge-patch+json); anything else is 415."""
    content_type = request.headers.get("content-type", "")
    media = content_type.split(";")[0].strip().lower()
    if media == "application/json" or (media.startswith("application/") and media.endswith("+json")):
        if request.method != "PATCH" and media not in ("application/json",):
            raise ProblemError(415, f"{request.method} takes application/json, not {media}.",
                               slug="unsupported-media-type")
        return
    raise ProblemError(415, f"Unsupported request media type {media or '(none)'}; send application/json.",
                       slug="unsupported-media-type")
