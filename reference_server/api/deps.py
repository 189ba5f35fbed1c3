"""Per-request dependencies: a database session and the authenticated caller's service."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Annotated

import anyio
from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from reference_server.auth import Caller, CallerCache, resolve, unauthorized
from reference_server.oidc import OidcVerifier, looks_like_jwt
from reference_server.services.records import RecordService

bearer = HTTPBearer(auto_error=False, description="Bearer token issued by the site.")


async def db_session(request: Request) -> AsyncIterator[Session]:
    """A session per request; it connects lazily, on the first query, inside the handler's thread.

    The dependency is ``async`` on purpose (a sync dependency costs a thread-pool hop each), so it must never do
    I/O on the event loop: a session that holds a connection at the end (a read leaves its transaction open) is
    closed in a worker thread, because returning the connection rolls back, a round trip to the database.
    """
    db: Session = request.app.state.sessionmaker()
    try:
        yield db
    finally:
        if db.in_transaction():
            # a limiter of its own: a connection must never wait for a thread busy with a request that itself
            # waits for a connection
            await anyio.to_thread.run_sync(db.close, limiter=getattr(request.app.state, "closers", None))
        else:
            db.close()  # no connection was ever checked out (or it went back at commit): no I/O


def _resolve_fresh(sessions: Callable[[], Session], token: str, oidc: OidcVerifier | None) -> Caller:
    """Look a token up with a session of its own, closed before the handler starts (and before the body is read).

    In OIDC mode a JWT is verified against the identity provider's keys (fetched over HTTP, hence here too, off
    the event loop); any other token is looked up among the site-issued ones.
    """
    with sessions() as db:
        if oidc is not None and looks_like_jwt(token):
            return oidc.resolve(db, token)
        return resolve(db, token)


async def current_caller(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Caller:
    """The caller of the request: from the cache, else resolved in a worker thread (never on the event loop).

    A cache miss queries the database; doing that on the loop would block every other request while the pool is
    busy (issue 11: a 30 s freeze). The lookup's connection goes back to the pool as soon as the caller is known.
    """
    if credentials is None or not credentials.credentials:
        raise unauthorized("A bearer token is required (Authorization: Bearer <token>).")
    cache: CallerCache = request.app.state.callers
    token = credentials.credentials
    caller = cache.get(token)
    if caller is None:
        caller = await run_in_threadpool(_resolve_fresh, request.app.state.sessionmaker, token, request.app.state.oidc)
        cache.put(token, caller)
    return caller


async def record_service(
    request: Request,
    db: Annotated[Session, Depends(db_session)],
    caller: Annotated[Caller, Depends(current_caller)],
) -> RecordService:
    return RecordService(db, caller, request.app.state.settings.modules)
