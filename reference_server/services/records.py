"""The rules of the API for every resource: the service between the routes and the repository.

What it guarantees, whatever the backend:

* a reader sees only what ``access.visible`` allows, and anything else is "not found";
* references are checked when their module is served here (they must exist, be visible and belong to the
  same proposal), and derived fields (proposal, beamline…) are copied from the parent and kept in step;
* PUT with a client UUID creates once: a concurrent duplicate turns into an idempotent replace;
* PATCH applies a JSON Merge Patch, validates the whole result, and writes only if the version read is still
  current (If-Match → 412; without If-Match it retries on the fresh row), so no update is ever lost.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ValidationError
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from reference_server.auth import Caller
from reference_server.repositories.records import RecordRepository
from reference_server.services import access, constraints
from reference_server.services.hooks import hooks_of
from reference_server.services.representation import column_values, etag, to_json_dict
from reference_server.tables import table
from site_kit.paging import CREATION_ORDER, Order, Position, parse_order
from site_kit.patch import if_match as _matches
from site_kit.patch import merge_patch
from site_kit.problems import FieldError, ProblemError, not_found, unresolved
from site_kit.resources import Resource, children_of, registry

MAX_RETRIES = 8
#: UUIDs under which no one may create a record (RFC 9562 Nil and Max): a PUT to one answers exactly as a PUT
#: to a UUID held by a record the caller may not see
RESERVED_UUIDS = frozenset({uuid.UUID(int=0), uuid.UUID(int=2**128 - 1)})


@dataclass(frozen=True)
class RowPage:
    items: list[Any]
    #: where the next page starts (None on the last page); the route turns it into a page token
    next_position: Position | None


class RecordService:
    def __init__(self, db: Session, caller: Caller, served: frozenset[str]) -> None:
        self.db = db
        self.caller = caller
        self.served = served
        self.repo = RecordRepository(db)

    # ------------------------------------------------------------------ reading

    def get(self, resource: Resource, record_uuid: uuid.UUID) -> Any:
        row = self.repo.get(resource, record_uuid, access.visible(resource, self.caller))
        if row is None:
            raise not_found(resource.name)
        return row

    def read(self, resource: Resource, record_uuid: uuid.UUID) -> Any:
        """``get`` for a caller that only reads: the same visibility and answer, from a Core row."""
        row = self.repo.read(resource, record_uuid, access.visible(resource, self.caller))
        if row is None:
            raise not_found(resource.name)
        return row

    def list(
        self,
        resource: Resource,
        filters: Mapping[str, Any],
        limit: int,
        order: Order | None = None,
        after: Position | None = None,
    ) -> RowPage:
        """One page of the visible records matching ``filters``, in ``order`` (creation order by default)."""
        active = {k: v for k, v in filters.items() if v is not None}
        conditions = [access.visible(resource, self.caller)]
        by_param = {f.param: f for f in resource.filters}
        for param, value in active.items():
            flt = by_param[param]
            column = getattr(table(resource), flt.column)
            if flt.op == "eq":
                conditions.append(column == value)
            elif flt.op == "in":
                conditions.append(column.in_(value))
            elif flt.op == "ge":
                conditions.append(column >= value)
            else:
                conditions.append(column < value)
        order = order or parse_order(CREATION_ORDER)
        field = resource.field_index[order.field].column if order.field else None
        rows = self.repo.page_in_order(resource, conditions, field, order.descending, after, limit)
        if len(rows) <= limit:
            return RowPage(rows, None)
        rows = rows[:limit]
        last = rows[-1]
        if field is None:
            return RowPage(rows, Position(last.id))
        value = getattr(last, field)
        return RowPage(rows, Position(last.id, value, value is not None))

    # ------------------------------------------------------------------ writing

    def create(self, resource: Resource, body: BaseModel, record_uuid: uuid.UUID | None = None) -> Any:
        access.require_write_role(resource, self.caller)
        data = body.model_dump(mode="json")
        values = self._prepare(resource, data)
        constraints.check_unique(self.db, resource, values, None)
        now = datetime.now(UTC)
        values.update(uuid=record_uuid or uuid.uuid4(), version=1, created_at=now, updated_at=now)
        if "recordedAt" in resource.field_index and resource.field_index["recordedAt"].derived:
            values["recorded_at"] = now  # the site's own record time (a processing message's)
        try:
            with self.db.begin_nested():
                row = self.repo.insert(resource, values)
        except IntegrityError as exc:
            raise _conflict(exc) from exc
        self.db.commit()
        return row

    def put(
        self,
        resource: Resource,
        record_uuid: uuid.UUID,
        body: BaseModel,
        if_match: str | None,
        if_none_match: str | None,
    ) -> tuple[Any, bool]:
        """Create under ``record_uuid`` (True) or replace the existing record (False)."""
        data = body.model_dump(mode="json")
        for _ in range(MAX_RETRIES):
            existing = self.repo.get(resource, record_uuid)
            if existing is None or not self._is_visible(resource, existing):
                # A record the caller may not see is, to them, absent: the same checks and the same answers as
                # for a free UUID, up to the insert, where it answers what a reserved UUID answers (no oracle).
                if if_match is not None and if_match.strip() != "*":
                    raise ProblemError(
                        412,
                        "If-Match was given but no record with this UUID is within your reach.",
                        slug="precondition-failed",
                    )
                if existing is not None or record_uuid in RESERVED_UUIDS:
                    self._refuse_creation(resource, data)
                try:
                    return self.create(resource, body, record_uuid), True
                except ProblemError as problem:
                    # a concurrent PUT of the same UUID won the insert: retry as a replace
                    if problem.status == 409 and self.repo.get(resource, record_uuid) is not None:
                        self.db.rollback()
                        continue
                    raise
            if if_none_match is not None:
                raise ProblemError(412, "If-None-Match: * was given and the record exists.", slug="precondition-failed")
            row = self._replace(resource, existing, data, if_match)
            if row is not None:
                return row, False
            self.db.rollback()
        raise ProblemError(409, "The record kept changing; retry the request.", slug="conflict")

    def patch(self, resource: Resource, record_uuid: uuid.UUID, patch_doc: dict[str, Any], if_match: str | None) -> Any:
        for _ in range(MAX_RETRIES):
            existing = self.get(resource, record_uuid)
            current = to_json_dict(resource, existing, writable_only=True)
            merged = merge_patch(current, patch_doc)
            try:
                body = resource.input_model.model_validate(merged)
            except ValidationError as exc:
                raise ProblemError(
                    422,
                    "The patched record would be invalid.",
                    slug="validation",
                    errors=[FieldError(["body", *err["loc"]], err["msg"]) for err in exc.errors()],
                ) from exc
            row = self._replace(resource, existing, body.model_dump(mode="json"), if_match)
            if row is not None:
                return row
            self.db.rollback()
        raise ProblemError(409, "The record kept changing; retry the request.", slug="conflict")

    def delete(self, resource: Resource, record_uuid: uuid.UUID, if_match: str | None) -> None:
        """Delete the record at the version read; a DELETE that loses a race retries on the fresh row.

        A 204 always means the record is gone: when a concurrent write moved the version on, the delete is
        tried again (scope and If-Match checked anew), like PATCH, and answers 409 if the record kept changing.
        """
        for _ in range(MAX_RETRIES):
            if self._delete_once(resource, record_uuid, if_match):
                return
            self.db.rollback()
        raise ProblemError(409, "The record kept changing; retry the request.", slug="conflict")

    def _delete_once(self, resource: Resource, record_uuid: uuid.UUID, if_match: str | None) -> bool:
        row = self.get(resource, record_uuid)
        access.require_write_role(resource, self.caller)
        self._require_scope(resource, row)
        if not _matches(if_match, etag(row)):
            raise ProblemError(412, "The record has changed since you read it.", slug="precondition-failed")
        try:
            with self.db.begin_nested():
                deleted = self.repo.delete_if_version(resource, row)
        except IntegrityError as exc:
            self.db.rollback()
            referring = self._referred_by(resource, row.uuid)
            detail = "Other records still refer to this one; delete them first"
            raise ProblemError(
                409,
                detail + (f" ({', '.join(referring)})." if referring else "."),
                slug="conflict",
                members={"referencedBy": [*referring]} if referring else None,
            ) from exc
        if not deleted:
            if if_match is not None:
                raise ProblemError(412, "The record has changed since you read it.", slug="precondition-failed")
            return False
        self.db.commit()
        return True

    # ------------------------------------------------------------------ internals

    def _require_scope(self, resource: Resource, record: Any) -> None:
        """The caller owns the scope of ``record`` (a row, or the column values of a write).

        A service token's scope is its beamlines; a record that carries no beamline but belongs to a sample
        (sample images) is in scope when that sample was measured on one of them (a data collection group).
        """
        get = record.get if isinstance(record, dict) else lambda name: getattr(record, name, None)
        access.require_write_scope(resource, self.caller, get("proposal_uuid"), get("beamline_name"))
        if self.caller.role == "SERVICE" and not resource.has_beamline:
            access.require_sample_on_beamlines(self.db, self.caller, get("sample_uuid"))

    def _refuse_creation(self, resource: Resource, data: dict[str, Any]) -> None:
        """Every check a creation makes (role, references, scope), then 404 as for a UUID no one may create."""
        access.require_write_role(resource, self.caller)
        self._prepare(resource, data)
        raise not_found(resource.name)

    def _referred_by(self, resource: Resource, record_uuid: uuid.UUID) -> tuple[str, ...]:
        """Collections served here with records that refer to ``record_uuid`` and that the caller may see.

        Only the caller's reach is searched, so a refused DELETE never reveals records of others.
        """
        found = []
        for other in registry().values():
            if other.module not in self.served:
                continue
            columns = [
                getattr(table(other), other.field_index[ref.field].column)
                for ref in other.references
                if ref.target == resource.name
            ]
            if any(
                self.repo.exists(other, [column == record_uuid, access.visible(other, self.caller)])
                for column in columns
            ):
                found.append(other.collection)
        return tuple(sorted(found))

    def _is_visible(self, resource: Resource, row: Any) -> bool:
        return self.repo.get(resource, row.uuid, access.visible(resource, self.caller)) is not None

    def _replace(self, resource: Resource, existing: Any, data: dict[str, Any], if_match: str | None) -> Any:
        """Write ``data`` over ``existing`` if it is still at the version read; None when it moved on."""
        access.require_write_role(resource, self.caller)
        self._require_scope(resource, existing)
        if not _matches(if_match, etag(existing)):
            raise ProblemError(412, "The record has changed since you read it.", slug="precondition-failed")
        constraints.check_immutable(resource, existing, column_values(resource, data))
        values = self._prepare(resource, data, existing)
        constraints.check_unique(self.db, resource, values, existing.id)
        constraints.check_bounding(self.db, resource, existing, values)
        changed = {k: v for k, v in values.items() if getattr(existing, k) != v}
        if not changed:
            return existing  # an identical replace changes nothing, not even the ETag
        changed["updated_at"] = datetime.now(UTC)
        # as read: at commit the outbox reads back a record written twice in one transaction, refreshing the instance
        version = existing.version
        try:
            with self.db.begin_nested():
                if not self.repo.update_if_version(resource, existing.id, existing.version, changed, existing):
                    if if_match is not None:
                        raise ProblemError(412, "The record has changed since you read it.", slug="precondition-failed")
                    return None
                self._cascade(resource, existing.uuid, changed)
        except IntegrityError as exc:
            raise _conflict(exc) from exc
        self.db.commit()
        # The row is what this transaction wrote (no default or trigger changes a column of an update), so it is
        # answered as written instead of read back: one SELECT less per PUT and PATCH (issue 16).
        for column, value in changed.items():
            set_committed_value(existing, column, value)
        set_committed_value(existing, "version", version + 1)
        return existing

    def _prepare(self, resource: Resource, data: dict[str, Any], existing: Any = None) -> dict[str, Any]:
        """Column values of a full write: derived fields filled, references checked, scope authorized.

        A replace (``existing``: the row as read) keeps what it does not change: a parent it keeps gives the
        copies the row already holds (cascades keep them equal to the parent's), a reference it keeps within
        the same proposal was checked when written (and a foreign key keeps it there), so neither is read
        again — one SELECT less per kept reference on every PUT and PATCH (issue 16).
        """
        values = column_values(resource, data)

        def kept(column: str) -> bool:
            return existing is not None and values.get(column) == getattr(existing, column, None)

        if resource.parent is not None:
            parent_res = registry()[resource.parent.target]
            parent_column = resource.field_index[resource.parent.field].column
            copies = [resource.field_index[name].column for name in resource.parent.copies]
            if kept(parent_column):
                values.update({column: getattr(existing, column) for column in copies})
            else:
                parent = self._referenced(parent_res, resource.parent.field, values[parent_column])
                for name, column in zip(resource.parent.copies, copies, strict=True):
                    values[column] = getattr(parent, parent_res.field_index[name].column)
        own_proposal = values.get("proposal_uuid")
        for ref in resource.references:
            field = resource.field_index[ref.field]
            value = values.get(field.column)
            if field.derived or value is None or (resource.parent and ref.field == resource.parent.field):
                continue
            if kept(field.column) and kept("proposal_uuid"):
                continue
            target = registry()[ref.target]
            if target.module not in self.served:
                continue  # lives in another service: need not resolve here
            row = self._referenced(target, ref.field, value)
            if target.has_proposal and own_proposal is not None and row.proposal_uuid != own_proposal:
                raise unresolved(["body", ref.field], f"This {ref.target} belongs to another proposal.")
        if resource.consistent_with is not None:
            self._check_consistency(resource, values)
        constraints.check_bounds(self.db, resource, values, self.served)
        hooks_of(resource.name).derive(self.repo, values)
        self._require_scope(resource, values)
        return values

    def _referenced(self, target: Resource, field: str, value: uuid.UUID) -> Any:
        row = self.repo.get(target, value, access.visible(target, self.caller))
        if row is None:
            raise unresolved(["body", field], f"No {target.name} with this UUID is within your reach.")
        return row

    def _check_consistency(self, resource: Resource, values: dict[str, Any]) -> None:
        link = resource.consistent_with
        assert link is not None
        target = registry()[link.target]
        if target.module not in self.served:
            return
        parent = self.repo.get(target, values[resource.field_index[link.field].column])
        if parent is None:
            return
        for name in link.copies:
            column = resource.field_index[name].column
            if values.get(column) != getattr(parent, target.field_index[name].column):
                raise unresolved(["body", name], f"Does not match the {name} of the referenced {target.name}.")

    def _cascade(self, resource: Resource, record_uuid: uuid.UUID, changed: Mapping[str, Any]) -> None:
        """Keep the derived fields of descendants, and what the resource's hooks maintain, in step with a change."""
        parents: Any = [record_uuid]
        self._cascade_from(resource, parents, changed)
        hooks_of(resource.name).after_change(self.repo, record_uuid, changed)

    def _cascade_from(self, resource: Resource, parents: Any, changed: Mapping[str, Any]) -> None:
        for child in children_of(resource.name):
            assert child.parent is not None
            copied = {}
            for name in child.parent.copies:
                source_column = resource.field_index[name].column if name in resource.field_index else None
                if source_column is not None and source_column in changed:
                    copied[child.field_index[name].column] = changed[source_column]
            if not copied:
                continue
            parent_column = child.field_index[child.parent.field].column
            grandparents = self.repo.uuids_where(child, parent_column, parents)
            self.repo.cascade(child, parent_column, parents, copied)
            self._cascade_from(child, grandparents, copied)


def _conflict(exc: IntegrityError) -> ProblemError:
    return ProblemError(
        409,
        "The change conflicts with existing records (a unique key is taken, or a referenced record is gone).",
        slug="conflict",
    )
