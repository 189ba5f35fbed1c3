"""The reference server's ``site_kit.seam.Storage``: its own SQLAlchemy schema, through ``RecordService``.

Each call opens one session and closes it before returning, in the worker thread the kit runs it in (closing
a session that read rolls its transaction back: a round trip that must never happen on the event loop). Rows
are serialized here, once, straight from column values; the ETag is the row's version column.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel
from sqlalchemy import text
from sqlalchemy.orm import Session

from reference_server.auth import proposal_names, resolve
from reference_server.oidc import OidcVerifier, looks_like_jwt
from reference_server.services.records import RecordService
from reference_server.services.representation import etag, render
from site_kit.caller import Caller
from site_kit.outbox import ChangeFeed
from site_kit.resources import Resource
from site_kit.seam import Page, PageRequest, Preconditions, Record


def _record(resource: Resource, row: Any) -> Record:
    return Record(uuid=row.uuid, etag=etag(row), body=render(resource, row))


class ReferenceStorage:
    """Storage over the reference server's tables, for the conformance classes in ``served``."""

    def __init__(
        self, sessions: Callable[[], Session], served: frozenset[str], oidc: OidcVerifier | None = None
    ) -> None:
        self.sessions = sessions
        self.served = served
        self.oidc = oidc
        #: the outbox's feed (``GET /v1/changes``), set by the app factory
        self.change_feed: ChangeFeed | None = None

    def resolve_caller(self, token: str) -> Caller:
        """A site-issued token, or (OIDC mode) a JWT of the identity provider, verified against its keys."""
        with self.sessions() as db:
            if self.oidc is not None and looks_like_jwt(token):
                return self.oidc.resolve(db, token)
            return resolve(db, token)

    def get(self, caller: Caller, resource: Resource, uuid: uuid.UUID) -> Record:
        with self.sessions() as db:
            return _record(resource, RecordService(db, caller, self.served).read(resource, uuid))

    def page(self, caller: Caller, resource: Resource, request: PageRequest) -> Page:
        with self.sessions() as db:
            rows = RecordService(db, caller, self.served).list(
                resource, request.filters, request.limit, request.order, request.after
            )
            return Page([_record(resource, row) for row in rows.items], rows.next_position)

    def create(self, caller: Caller, resource: Resource, body: BaseModel) -> Record:
        with self.sessions() as db:
            return _record(resource, RecordService(db, caller, self.served).create(resource, body))

    def put(
        self, caller: Caller, resource: Resource, uuid: uuid.UUID, body: BaseModel, pre: Preconditions
    ) -> tuple[Record, bool]:
        with self.sessions() as db:
            service = RecordService(db, caller, self.served)
            row, created = service.put(resource, uuid, body, pre.if_match, pre.if_none_match)
            return _record(resource, row), created

    def patch(
        self, caller: Caller, resource: Resource, uuid: uuid.UUID, patch: dict[str, Any], pre: Preconditions
    ) -> Record:
        with self.sessions() as db:
            return _record(resource, RecordService(db, caller, self.served).patch(resource, uuid, patch, pre.if_match))

    def delete(self, caller: Caller, resource: Resource, uuid: uuid.UUID, pre: Preconditions) -> None:
        with self.sessions() as db:
            RecordService(db, caller, self.served).delete(resource, uuid, pre.if_match)

    def me(self, caller: Caller) -> dict[str, Any]:
        with self.sessions() as db:
            proposals = proposal_names(db, caller.proposals)
        doc: dict[str, Any] = {
            "subject": caller.subject,
            "role": caller.role,
            "proposals": [{"uuid": str(u), "name": n} for u, n in proposals],
            "beamlines": sorted(caller.beamlines),
        }
        if caller.person:
            doc["personUuid"] = str(caller.person)
        return doc

    def healthy(self) -> bool:
        try:
            with self.sessions() as db:
                db.execute(text("SELECT 1"))
        except Exception:  # the database is down: /health says so
            return False
        return True
