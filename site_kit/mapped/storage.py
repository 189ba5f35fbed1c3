"""``MappedStorage``: ``site_kit.seam.Storage`` over a schema the site does not own, declared as a ``MappedSite``.

Each call opens one database session (one transaction for a write), runs the ``RecordService`` for the caller
and answers ``Record``s: the representation serialized once, with its strong ETag (a hash of it). Refusals are
``ProblemError``s raised by the service; the kit turns them into problem+json.
"""

from __future__ import annotations

import uuid
from typing import Any

import orjson
from pydantic import BaseModel
from sqlalchemy import Engine, text

from site_kit import changes as kit_changes
from site_kit import outbox
from site_kit.caller import Caller
from site_kit.mapped import changes
from site_kit.mapped.db import make_sessionmaker
from site_kit.mapped.fields import Mapping
from site_kit.mapped.service import RecordService, etag
from site_kit.mapped.site import MappedSite
from site_kit.mapped.tokens import resolve_token
from site_kit.mapped.uuids import UuidCodec
from site_kit.problems import not_found
from site_kit.resources import Resource
from site_kit.seam import Page, PageRequest, Preconditions, Record


def record(doc: dict[str, Any]) -> Record:
    return Record(uuid=uuid.UUID(doc["uuid"]), etag=etag(doc), body=orjson.dumps(doc))


class MappedStorage:
    """The common API's storage over ``engine`` for ``site``; ``site_name`` fixes the UUID namespace for ever."""

    def __init__(self, site: MappedSite, engine: Engine, site_name: str) -> None:
        self.site = site
        self.engine = engine
        self.site_name = site_name
        self.codec = UuidCodec(site_name)
        self.sessions = make_sessionmaker(engine)
        # the outbox beside the site's schema (site_kit.mapped.changes): every API write commits its change row
        changes.install(self.sessions)
        self.change_feed = outbox.ChangeFeed(engine, kit_changes.retention())

    def served(self) -> frozenset[str]:
        """Names of the resources this site maps (the kit serves the routes of these only)."""
        return frozenset(self.site.mappings)

    def _mapping(self, resource: Resource) -> Mapping:
        m = self.site.mappings.get(resource.name)
        if m is None:
            raise not_found(resource.name)
        return m

    def service(self, db: Any, caller: Caller) -> RecordService:
        return RecordService(db, caller, self.site, self.codec)

    # ------------------------------------------------------------------ the seam

    def resolve_caller(self, token: str) -> Caller:
        with self.sessions() as db:
            return resolve_token(db, token, self.site.membership)

    def get(self, caller: Caller, resource: Resource, uuid: uuid.UUID) -> Record:
        with self.sessions() as db:
            return record(self.service(db, caller).get(self._mapping(resource), uuid))

    def page(self, caller: Caller, resource: Resource, request: PageRequest) -> Page:
        with self.sessions() as db:
            docs, position = self.service(db, caller).page(
                self._mapping(resource), request.filters, request.limit, request.order, request.after
            )
        return Page([], position, documents=docs)  # serialized with the page: no ETag or bytes per record

    def create(self, caller: Caller, resource: Resource, body: BaseModel) -> Record:
        with self.sessions() as db:
            return record(self.service(db, caller).create(self._mapping(resource), body))

    def put(
        self, caller: Caller, resource: Resource, uuid: uuid.UUID, body: BaseModel, pre: Preconditions
    ) -> tuple[Record, bool]:
        with self.sessions() as db:
            doc, created = self.service(db, caller).put(
                self._mapping(resource), uuid, body, pre.if_match, pre.if_none_match
            )
        return record(doc), created

    def patch(
        self, caller: Caller, resource: Resource, uuid: uuid.UUID, patch: dict[str, Any], pre: Preconditions
    ) -> Record:
        with self.sessions() as db:
            return record(self.service(db, caller).patch(self._mapping(resource), uuid, patch, pre.if_match))

    def delete(self, caller: Caller, resource: Resource, uuid: uuid.UUID, pre: Preconditions) -> None:
        with self.sessions() as db:
            self.service(db, caller).delete(self._mapping(resource), uuid, pre.if_match)

    def me(self, caller: Caller) -> dict[str, Any]:
        """The ``/v1/me`` document: the caller's proposals by UUID and name, read through the Proposal mapping."""
        doc: dict[str, Any] = {"subject": caller.subject, "role": caller.role, "proposals": []}
        with self.sessions() as db:
            service = self.service(db, caller)
            proposals = self.site.mappings.get("Proposal")
            if proposals is not None and caller.proposals:
                keys = sorted(caller.proposals)  # type: ignore[type-var]
                rows = service.repo.page(proposals, [proposals.key.in_(keys)], None, len(keys))
                doc["proposals"] = [
                    {"uuid": d["uuid"], "name": d["name"]} for d in service.repo.render(proposals, rows) if "name" in d
                ]
            people = self.site.mappings.get("Person")
            if people is not None and caller.person:
                doc["personUuid"] = service.repo.uuid_of(people, int(caller.person))  # type: ignore[call-overload]
        doc["beamlines"] = sorted(caller.beamlines)
        return doc

    def healthy(self) -> bool:
        try:
            with self.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except Exception:  # the database is down: /health says so
            return False
        return True
