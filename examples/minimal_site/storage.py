"""A complete ``site_kit.seam.Storage``, in memory: the smallest site that certifies ``core`` + ``proposals``.

Everything HTTP (routes, body validation, list queries, page tokens, ETag/304, problem+json) is the kit's.
What is left is what only a site knows: its records, who may see them, and the rules a write must keep. The
rules are read from the registry (``site_kit.resources``: references, unique sets, immutable fields, parents),
so they hold for any resource; a site over its own database replaces the dicts below with its queries.
"""

from __future__ import annotations

import itertools
import threading
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import orjson
from pydantic import BaseModel, ValidationError

from site_kit.body import field_errors_problem
from site_kit.caller import Caller, require_write_role, unauthorized
from site_kit.paging import Position
from site_kit.patch import if_match, merge_patch
from site_kit.problems import FieldError, ProblemError, not_found, unresolved
from site_kit.resources import Resource, Visibility, registry
from site_kit.seam import Page, PageRequest, Preconditions, Record

RESERVED = frozenset({uuid.UUID(int=0), uuid.UUID(int=2**128 - 1)})  # no one may create a record under these
#: the time-range filters of the spec's lists and the field each bounds
_TIME_FIELDS = {"startedAfter": "startTime", "startedBefore": "startTime", "endedAfter": "endTime"}


@dataclass
class Row:
    """One stored record: the document (Python values: UUIDs, UTC datetimes), its version and insertion id."""

    id: int
    version: int
    doc: dict[str, Any]


def _typed(resource: Resource, data: dict[str, Any]) -> dict[str, Any]:
    """The writable fields of a JSON-mode body as stored: UUIDs as UUIDs, instants in UTC, absent ones dropped."""
    out: dict[str, Any] = {}
    for f in resource.writable:
        value = data.get(f.name)
        if value is not None and f.kind == "uuid":
            value = uuid.UUID(value)
        elif value is not None and f.kind == "datetime":
            value = datetime.fromisoformat(value).astimezone(UTC)
        if value is not None:
            out[f.name] = value
    return out


def _stale() -> ProblemError:
    return ProblemError(412, "The record has changed since you read it.", slug="precondition-failed")


def _conflict(detail: str, fields: list[str]) -> ProblemError:
    return ProblemError(409, detail, slug="conflict", errors=[FieldError(["body", f], detail) for f in fields])


class MemoryStorage:
    """Records of the served resources in dicts, behind one lock (every write is then serializable)."""

    def __init__(self, served: frozenset[str], tokens: dict[str, Caller]) -> None:
        self.served = served
        self.tokens = tokens  # token → caller; a USER's proposals are computed from ProposalMember records
        self.rows: dict[str, dict[uuid.UUID, Row]] = {name: {} for name in registry()}
        self.ids = itertools.count(1)
        self.lock = threading.RLock()

    # ------------------------------------------------------------------ who may see what

    def resolve_caller(self, token: str) -> Caller:
        caller = self.tokens.get(token)
        if caller is None:
            raise unauthorized("The bearer token is unknown.")
        if caller.role != "USER":
            return caller
        members = self.rows["ProposalMember"].values()
        proposals = frozenset(r.doc["proposalUuid"] for r in members if r.doc["personUuid"] == caller.person)
        return Caller(caller.subject, caller.role, proposals, caller.beamlines, caller.person)

    def _visible(self, caller: Caller, resource: Resource, row: Row) -> bool:
        if caller.role == "STAFF" or resource.visibility is Visibility.PUBLIC:
            return True
        if caller.role == "SERVICE":  # reads every class here (none is beamline-bound)
            return True
        doc = row.doc
        if resource.visibility is Visibility.SELF:
            return doc["uuid"] in caller.proposals
        if resource.visibility is Visibility.PERSON:
            members = self.rows["ProposalMember"].values()
            reach = {r.doc["personUuid"] for r in members if r.doc["proposalUuid"] in caller.proposals}
            return doc["uuid"] == caller.person or doc["uuid"] in reach
        return doc.get("proposalUuid") in caller.proposals

    def _find(self, caller: Caller, resource: Resource, key: uuid.UUID) -> Row | None:
        row = self.rows[resource.name].get(key)
        return row if row is not None and self._visible(caller, resource, row) else None

    def _reach(self, caller: Caller, resource: Resource, key: uuid.UUID) -> Row:
        """The record, or 404 whether it is absent or out of the caller's reach (no oracle)."""
        row = self._find(caller, resource, key)
        if row is None:
            raise not_found(resource.name)
        return row

    # ------------------------------------------------------------------ reading

    def get(self, caller: Caller, resource: Resource, uuid: uuid.UUID) -> Record:
        return self._record(self._reach(caller, resource, uuid))

    def page(self, caller: Caller, resource: Resource, request: PageRequest) -> Page:
        def keep(row: Row) -> bool:
            for name, value in request.filters.items():
                got = row.doc.get(_TIME_FIELDS.get(name, name))
                if name in ("startedAfter", "endedAfter") and (got is None or got < value):
                    return False
                if name == "startedBefore" and (got is None or got >= value):
                    return False
                if isinstance(value, tuple):  # several values (``uuid``, the references): any of them
                    if got not in value:
                        return False
                elif name not in _TIME_FIELDS and got != value:
                    return False
            return self._visible(caller, resource, row)

        field, desc, after = request.order.field, request.order.descending, request.after

        def position(row: Row) -> tuple[Any, ...]:  # (segment, key): rows with the order's field first, by value
            value = row.doc.get(field) if field else None
            return (0, (value, row.id)) if value is not None else (1, (row.id,))

        def beyond(row: Row) -> bool:
            if after is None:
                return True
            seg, key = position(row)
            at = (0, (after.value, after.last_id)) if after.has_value else (1, (after.last_id,))
            return bool(seg > at[0] if seg != at[0] else (key < at[1] if desc else key > at[1]))

        with self.lock:
            rows = [r for r in self.rows[resource.name].values() if keep(r) and beyond(r)]
        rows.sort(key=lambda r: position(r)[1], reverse=desc)
        rows.sort(key=lambda r: position(r)[0])  # stable: the segments in order, each sorted in the direction
        items, nxt = rows[: request.limit], None
        if len(rows) > request.limit:  # where the next page starts: the last row's id and, in a field order, value
            seg, key = position(items[-1])
            nxt = Position(items[-1].id, key[0], True) if seg == 0 else Position(items[-1].id)
        return Page([self._record(r) for r in items], nxt)

    def me(self, caller: Caller) -> dict[str, Any]:
        names = {k: r.doc.get("name", "") for k, r in self.rows["Proposal"].items() if k in caller.proposals}
        doc: dict[str, Any] = {"subject": caller.subject, "role": caller.role, "beamlines": sorted(caller.beamlines)}
        doc["proposals"] = [{"uuid": str(k), "name": n} for k, n in names.items()]
        if caller.person is not None:
            doc["personUuid"] = str(caller.person)
        return doc

    def healthy(self) -> bool:
        return True

    # ------------------------------------------------------------------ writing

    def create(self, caller: Caller, resource: Resource, body: BaseModel) -> Record:
        return self.put(caller, resource, uuid.uuid4(), body, Preconditions(if_none_match="*"))[0]

    def put(
        self, caller: Caller, resource: Resource, uuid: uuid.UUID, body: BaseModel, pre: Preconditions
    ) -> tuple[Record, bool]:
        with self.lock:
            doc = self._prepare(caller, resource, _typed(resource, body.model_dump(mode="json")))
            existing = self._find(caller, resource, uuid)
            if existing is None:  # absent, or out of the caller's reach: the same answers
                if pre.if_match is not None and pre.if_match.strip() != "*":
                    raise ProblemError(
                        412, "If-Match was given but no such record is within your reach.", slug="precondition-failed"
                    )
                if uuid in RESERVED or uuid in self.rows[resource.name]:
                    raise not_found(resource.name)
                self._check_unique(resource, doc, None)
                now = datetime.now(UTC)
                row = Row(next(self.ids), 1, {"uuid": uuid, **doc, "createdAt": now, "updatedAt": now})
                self.rows[resource.name][uuid] = row
                return self._record(row), True
            if pre.if_none_match is not None:
                raise ProblemError(412, "If-None-Match: * was given and the record exists.", slug="precondition-failed")
            return self._replace(resource, existing, doc, pre), False

    def patch(
        self, caller: Caller, resource: Resource, uuid: uuid.UUID, patch: dict[str, Any], pre: Preconditions
    ) -> Record:
        with self.lock:
            row = self._reach(caller, resource, uuid)
            current = {f.name: row.doc[f.name] for f in resource.writable if f.name in row.doc}
            merged = merge_patch(orjson.loads(orjson.dumps(current, option=orjson.OPT_UTC_Z)), patch)
            try:
                body = resource.input_model.model_validate(merged)
            except ValidationError as exc:
                raise field_errors_problem(exc) from exc
            doc = self._prepare(caller, resource, _typed(resource, body.model_dump(mode="json")))
            return self._replace(resource, row, doc, pre)

    def delete(self, caller: Caller, resource: Resource, uuid: uuid.UUID, pre: Preconditions) -> None:
        with self.lock:
            row = self._reach(caller, resource, uuid)
            require_write_role(resource.write_roles, resource.collection, caller)
            self._require_scope(caller, resource, row.doc)
            if not if_match(pre.if_match, self._etag(row)):
                raise _stale()
            referring = sorted(
                {
                    other.collection
                    for other in registry().values()
                    if other.module in self.served
                    for ref in other.references
                    if ref.target == resource.name
                    for r in self.rows[other.name].values()
                    if r.doc.get(ref.field) == uuid
                }
            )
            if referring:
                raise ProblemError(
                    409,
                    f"Other records still refer to this one ({', '.join(referring)}).",
                    slug="conflict",
                    members={"referencedBy": referring},
                )
            del self.rows[resource.name][uuid]

    # ------------------------------------------------------------------ the rules of a write

    def _prepare(self, caller: Caller, resource: Resource, doc: dict[str, Any]) -> dict[str, Any]:
        """Role, references (exist, in reach, same proposal), copies from the parent, derived names, scope."""
        require_write_role(resource.write_roles, resource.collection, caller)
        for ref in resource.references:
            target = registry()[ref.target]
            if doc.get(ref.field) is None or target.module not in self.served:
                continue
            found = self._find(caller, target, doc[ref.field])
            if found is None:
                raise unresolved(["body", ref.field], f"No {target.name} with this UUID is within your reach.")
            if resource.parent is not None and ref.field == resource.parent.field:
                doc.update({name: found.doc.get(name) for name in resource.parent.copies})
        for ref in resource.references:  # after the copies: the proposal a record belongs to is now known
            target_row = self.rows[ref.target].get(doc[ref.field]) if doc.get(ref.field) else None
            proposal = target_row.doc.get("proposalUuid") if target_row else None
            if proposal is not None and doc.get("proposalUuid") not in (None, proposal):
                raise unresolved(["body", ref.field], f"This {ref.target} belongs to another proposal.")
        if resource.name == "Proposal":  # names as users type them: MX12345, MX12345-1
            doc["name"] = f"{doc['proposalCode']}{doc['proposalNumber']}"
        elif resource.name == "Session":
            doc["name"] = f"{self.rows['Proposal'][doc['proposalUuid']].doc['name']}-{doc['visitNumber']}"
        self._require_scope(caller, resource, doc)
        return doc

    def _require_scope(self, caller: Caller, resource: Resource, doc: dict[str, Any]) -> None:
        if caller.role == "USER" and resource.has_proposal and doc.get("proposalUuid") not in caller.proposals:
            raise ProblemError(403, "Users write only records of the proposals they are members of.", slug="forbidden")
        if caller.role == "SERVICE" and resource.has_beamline and doc.get("beamlineName") not in caller.beamlines:
            # a service writes sessions (x-roles) only of the beamlines its token covers
            detail = f"This service token writes only for beamlines {sorted(caller.beamlines)}."
            raise ProblemError(403, detail, slug="forbidden")

    def _check_unique(self, resource: Resource, doc: dict[str, Any], own: Row | None) -> None:
        for names in resource.unique:
            if any(doc.get(n) is None for n in names):
                continue
            for row in self.rows[resource.name].values():
                if row is not own and all(row.doc.get(n) == doc[n] for n in names):
                    raise _conflict(f"Unique together with ({', '.join(names)}): taken (x-unique).", list(names))

    def _replace(self, resource: Resource, row: Row, doc: dict[str, Any], pre: Preconditions) -> Record:
        if not if_match(pre.if_match, self._etag(row)):
            raise _stale()
        changed = [n for n in resource.immutable if n in doc and doc[n] != row.doc.get(n)]
        if changed:
            raise _conflict("Set when the record was created; it cannot change (x-immutable).", changed)
        self._check_unique(resource, doc, row)
        fields = {f.name for f in resource.fields}
        new = {"uuid": row.doc["uuid"], **doc, "createdAt": row.doc["createdAt"], "updatedAt": row.doc["updatedAt"]}
        if {k: v for k, v in new.items() if k in fields} != {k: v for k, v in row.doc.items() if k in fields}:
            row.doc, row.version = {**new, "updatedAt": datetime.now(UTC)}, row.version + 1
            if resource.name == "Proposal":  # its sessions' names follow its own
                for session in self.rows["Session"].values():
                    if session.doc["proposalUuid"] == row.doc["uuid"]:
                        session.doc["name"] = f"{row.doc['name']}-{session.doc['visitNumber']}"
                        session.version += 1
        return self._record(row)

    @staticmethod
    def _etag(row: Row) -> str:
        return f'"{row.version}"'

    def _record(self, row: Row) -> Record:
        return Record(row.doc["uuid"], self._etag(row), orjson.dumps(row.doc, option=orjson.OPT_UTC_Z))
