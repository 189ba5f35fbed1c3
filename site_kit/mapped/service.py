"""The rules of the API over a site's tables: who sees what, references, scope, ETags, idempotent PUT, patch.

The same guarantees as the reference server, for a schema the adapter does not own:

* a reader sees only what ``visible`` allows; anything else is "not found" (404, never 403);
* references must name records within the caller's reach (else 409 with the field's pointer);
* module-root records (DataCollectionGroup, EnergyScan, ProcessingJob…) carry ``proposalUuid``/``beamlineName``,
  which must equal those of their parent (``Mapping.scope_parent``); children inherit them;
* a SERVICE writes only records of its beamlines (checked on the stored and on the resulting record, inside the
  write transaction, so a write can never move a record out of the caller's reach);
* the ETag is a hash of the representation (site tables have no row version); ``If-Match`` is compared after
  re-reading the row with ``SELECT … FOR UPDATE``, so a stale write can never win;
* ``PUT`` with a client UUID creates once: the UUID is kept in ``CommonApiRecord`` with the row's key;
* a value a site column cannot hold answers 422 naming the field, never a truncation.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Mapping as MappingT
from datetime import UTC, datetime
from typing import Any

import orjson
from pydantic import BaseModel, ValidationError
from sqlalchemy import ColumnElement, delete, false, null, or_, true
from sqlalchemy.exc import DataError, IntegrityError, OperationalError
from sqlalchemy.orm import Session

from site_kit import spec
from site_kit.caller import Caller, require_write_role
from site_kit.mapped import changes
from site_kit.mapped.db import CommonApiRecord
from site_kit.mapped.fields import Mapping
from site_kit.mapped.repository import Repository, kinds
from site_kit.mapped.site import MappedSite
from site_kit.mapped.uuids import UuidCodec
from site_kit.paging import Order, Position
from site_kit.patch import if_match as matches
from site_kit.patch import merge_patch
from site_kit.problems import FieldError, ProblemError, invalid, not_found, unresolved
from site_kit.resources import registry

#: the time-range filters of the spec's lists: the field each bounds, at-or-after ("ge") or strictly before
_TIME_BOUNDS = {
    "startedAfter": ("startTime", "ge"),
    "startedBefore": ("startTime", "lt"),
    "endedAfter": ("endTime", "ge"),
}

#: the classes whose records a SERVICE token reads only for its own beamlines
BEAMLINE_MODULES = ("acquisition", "processing")


def etag(doc: dict[str, Any]) -> str:
    """A strong ETag: a hash of the representation (the site's rows have no version column)."""
    return '"' + hashlib.sha256(orjson.dumps(doc, option=orjson.OPT_SORT_KEYS)).hexdigest()[:20] + '"'


def precondition(detail: str) -> ProblemError:
    return ProblemError(412, detail, slug="precondition-failed")


class RecordService:
    """One caller's reads and writes over one database session (one request)."""

    def __init__(self, db: Session, caller: Caller, site: MappedSite, codec: UuidCodec) -> None:
        self.db = db
        self.caller = caller
        self.site = site
        self.repo = Repository(db, site, codec)

    # ------------------------------------------------------------------ authorization

    def visible(self, m: Mapping) -> ColumnElement[bool]:
        caller = self.caller
        if caller.role == "STAFF" or m.visibility == "public":
            return true()
        if caller.role == "SERVICE":
            if registry()[m.name].module in BEAMLINE_MODULES and m.beamline is not None:
                return m.beamline.in_(sorted(caller.beamlines)) if caller.beamlines else false()
            return true()
        proposals: list[Any] = sorted(caller.proposals)  # type: ignore[type-var]
        if m.visibility == "person":
            own = m.key == caller.person if caller.person else false()
            if not proposals:
                return own
            return or_(own, *(m.key.in_(people) for people in self.site.membership.people_of(proposals)))
        if m.proposal is None or not proposals:
            return false()
        return m.proposal.in_(proposals)  # type: ignore[no-any-return]

    def require_write_role(self, m: Mapping) -> None:
        resource = registry()[m.name]
        require_write_role(resource.write_roles, resource.collection, self.caller)

    def require_write_scope(self, m: Mapping, proposal: Any, beamline: Any) -> None:
        if self.caller.role == "SERVICE" and m.beamline is not None and beamline not in self.caller.beamlines:
            raise ProblemError(
                403, f"This service token writes only for beamlines {sorted(self.caller.beamlines)}.", slug="forbidden"
            )
        if self.caller.role == "USER" and m.proposal is not None and proposal not in self.caller.proposals:
            raise ProblemError(403, "Users write only records of the proposals they are members of.", slug="forbidden")

    # ------------------------------------------------------------------ reading

    def _locate(self, m: Mapping, record_uuid: uuid.UUID) -> int | None:
        found = self.repo.resolve(record_uuid)
        return found[1] if found is not None and found[0].name == m.name else None

    def get(self, m: Mapping, record_uuid: uuid.UUID) -> dict[str, Any]:
        key = self._locate(m, record_uuid)
        row = self.repo.get(m, key, self.visible(m)) if key is not None else None
        if row is None:
            raise not_found(m.name)
        return self.repo.render(m, [row])[0]

    def page(
        self, m: Mapping, filters: MappingT[str, Any], limit: int, order: Order, after: Position | None
    ) -> tuple[list[dict[str, Any]], Position | None]:
        """One page in ``order`` (site_kit.paging: (field, key), rows without the field last)."""
        conditions = [self.visible(m)]
        for param, value in filters.items():
            if value is not None:
                conditions.append(self._filter(m, param, value))
        # createdAt (order.field None) is the value shown, absent last: most site tables have no such column
        field = m.index.get(order.field or "createdAt")
        expr = field.expr if field is not None else None
        rows = self.repo.page(m, conditions, after, limit, value=expr, descending=order.descending)
        if len(rows) <= limit:
            return self.repo.render(m, rows), None
        rows = rows[:limit]
        last = rows[-1]
        if field is None or expr is None:
            return self.repo.render(m, rows), Position(last.key)
        value = last.values[field.name]
        return self.repo.render(m, rows), Position(last.key, value, value is not None)

    def _filter(self, m: Mapping, param: str, value: Any) -> ColumnElement[bool]:
        """The condition of one list filter (the spec's query parameter) on the site's expression."""
        if param == "uuid":  # a batch read: the keys the UUIDs name (records of other resources name none)
            keys = self.repo.keys_of(m.name, value)
            return m.key.in_(keys) if keys else false()  # type: ignore[no-any-return]
        f = m.index[_TIME_BOUNDS[param][0] if param in _TIME_BOUNDS else param]
        expr: Any = f.expr
        if f.ref and isinstance(value, tuple):  # a reference among several values
            keys = self.repo.keys_of(f.ref, value)
            return expr.in_(keys) if keys else false()  # type: ignore[no-any-return]
        if param in _TIME_BOUNDS:
            bound = self.site.clock.instant_in(value.isoformat(), utc=f.utc)
            return expr >= bound if _TIME_BOUNDS[param][1] == "ge" else expr < bound  # type: ignore[no-any-return]
        condition: Any
        if f.ref:
            key = self.repo.key_of(f.ref, value)
            condition = expr == key if key is not None else false()
        elif f.vocab is not None:
            values = f.vocab.site_values(value)
            condition = expr.in_(values) if values else false()
        elif isinstance(value, bool):
            condition = expr == (1 if value else 0)
        elif isinstance(value, str) and not f.computed:
            condition = expr.collate("utf8mb4_bin") == value  # the site's collations ignore case
        else:
            condition = expr == value
        return condition  # type: ignore[no-any-return]

    # ------------------------------------------------------------------ writing

    def create(self, m: Mapping, body: BaseModel, record_uuid: uuid.UUID | None = None) -> dict[str, Any]:
        self.require_write_role(m)
        data = body.model_dump(mode="json")
        try:
            key = self._write(m, data, None)
            now = datetime.now(UTC).replace(tzinfo=None)
            self.db.add(
                CommonApiRecord(
                    tableName=m.table_name,
                    rowKey=key,
                    uuid=str(record_uuid) if record_uuid else None,
                    createdAt=now,
                    updatedAt=now,
                )
            )
            self.db.flush()
            doc = self._current(m, key)
            changes.note_write(self.db, m, self.repo.get(m, key), doc, etag(doc), None)  # the outbox row, at commit
            self.db.commit()
        except BaseException:
            self.db.rollback()
            raise
        return doc

    def put(
        self, m: Mapping, record_uuid: uuid.UUID, body: BaseModel, if_match: str | None, if_none_match: str | None
    ) -> tuple[dict[str, Any], bool]:
        found = self.repo.resolve(record_uuid)
        if found is None:
            if if_match is not None and if_match.strip() != "*":
                raise precondition("If-Match was given but the record does not exist.")
            if self.repo.codec.decode(record_uuid) is not None:
                raise ProblemError(409, "UUIDs of this form are minted by the site; choose another.", slug="conflict")
            try:
                return self.create(m, body, record_uuid), True
            except ProblemError as problem:
                if problem.status == 409 and self.repo.resolve(record_uuid) is not None:
                    return self.put(m, record_uuid, body, if_match, if_none_match)  # a concurrent PUT won: replace
                raise
        if found[0].name != m.name or self.repo.get(m, found[1], self.visible(m)) is None:
            raise not_found(m.name)
        if if_none_match is not None:
            raise precondition("If-None-Match: * was given and the record exists.")
        return self._replace(m, found[1], body.model_dump(mode="json"), if_match), False

    def patch(self, m: Mapping, record_uuid: uuid.UUID, patch: dict[str, Any], if_match: str | None) -> dict[str, Any]:
        current = self.get(m, record_uuid)
        key = self._locate(m, record_uuid)
        assert key is not None
        input_props = spec.schema(f"{m.name}Input").get("properties", {})
        writable = {k: v for k, v in current.items() if k in input_props}
        merged = merge_patch(writable, patch)
        try:
            body = registry()[m.name].input_model.model_validate(merged)
        except ValidationError as exc:
            raise ProblemError(
                422,
                "The patched record would be invalid.",
                slug="validation",
                errors=[FieldError(["body", *err["loc"]], err["msg"]) for err in exc.errors()],
            ) from exc
        return self._replace(m, key, body.model_dump(mode="json"), if_match)

    def delete(self, m: Mapping, record_uuid: uuid.UUID, if_match: str | None) -> None:
        key = self._locate(m, record_uuid)
        if key is None or self.repo.get(m, key, self.visible(m)) is None:
            raise not_found(m.name)
        self.require_write_role(m)
        hooks = self.site.hooks_of(m.name)
        try:
            row = self.repo.get(m, key, lock=True)
            assert row is not None
            self.require_write_scope(m, row.proposal, row.beamline)
            if not matches(if_match, etag(self.repo.render(m, [row])[0])):
                raise precondition("The record has changed since you read it.")
            stored = self.db.get(m.table, m.identity(key))
            hooks.before_delete(self.repo, key)
            self.db.delete(stored)
            self.db.flush()
            hooks.after_delete(self.repo, key, stored)
            self.db.execute(
                delete(CommonApiRecord).where(CommonApiRecord.tableName == m.table_name, CommonApiRecord.rowKey == key)
            )
            changes.note_delete(self.db, m, row, str(record_uuid))
            self.db.commit()
        except IntegrityError as exc:
            self.db.rollback()
            referring = self._referred_by(m, key)
            raise ProblemError(
                409,
                "Other records still refer to this one; delete them first"
                + (f" ({', '.join(referring)})." if referring else "."),
                slug="conflict",
                members={"referencedBy": referring} if referring else None,
            ) from exc
        except BaseException:
            self.db.rollback()
            raise

    # ------------------------------------------------------------------ internals

    def _referred_by(self, m: Mapping, key: int) -> list[str]:
        """Collections whose records visible to the caller refer to row ``key`` of ``m`` (a refused DELETE's
        ``referencedBy``: records out of the caller's reach are never revealed)."""
        found = set()
        for other in self.site.mappings.values():
            for f in other.fields:
                expr: Any = f.expr
                if (
                    f.ref == m.name
                    and expr is not None
                    and self.repo.page(other, [expr == key, self.visible(other)], None, 0)
                ):
                    found.add(registry()[other.name].collection)
        return sorted(found)

    def _current(self, m: Mapping, key: int) -> dict[str, Any]:
        row = self.repo.get(m, key)
        if row is None:  # the write made the row unservable (a required field lost its value)
            raise ProblemError(422, "The record cannot be represented after this write.", slug="validation")
        return self.repo.render(m, [row])[0]

    def _replace(self, m: Mapping, key: int, data: dict[str, Any], if_match: str | None) -> dict[str, Any]:
        self.require_write_role(m)
        try:
            row = self.repo.get(m, key, lock=True)
            if row is None:
                raise not_found(m.name)
            self.require_write_scope(m, row.proposal, row.beamline)
            before = self.repo.render(m, [row])[0]
            if not matches(if_match, etag(before)):
                raise precondition("The record has changed since you read it.")
            self._write(m, data, key)
            after = self._current(m, key)
            if {k: v for k, v in after.items() if k != "updatedAt"} == {
                k: v for k, v in before.items() if k != "updatedAt"
            }:
                self.db.rollback()
                return before  # an identical replace changes nothing, not even the ETag
            now = datetime.now(UTC).replace(tzinfo=None)
            rec = self.repo.meta([(m.table_name, key)]).get((m.table_name, key))
            if rec is None:
                created = datetime.fromisoformat(before["createdAt"].replace("Z", "+00:00")).replace(tzinfo=None)
                self.db.add(CommonApiRecord(tableName=m.table_name, rowKey=key, createdAt=created, updatedAt=now))
            else:
                rec.updatedAt = now
            self.db.flush()
            doc = self._current(m, key)
            changes.note_write(self.db, m, self.repo.get(m, key), doc, etag(doc), before)
            self.db.commit()
            return doc
        except BaseException:
            self.db.rollback()
            raise

    def _write(self, m: Mapping, data: dict[str, Any], key: int | None) -> int:
        """Insert (key None) or update the main row from a full body; other tables through hooks. Returns the key."""
        current = self.db.get(m.table, m.identity(key)) if key is not None else None
        self._check_references(m, data)
        self._check_scope_copies(m, data)
        values: dict[str, Any] = {}
        field_kinds = kinds(m.name)
        for f in m.fields:
            if f.column is None:
                continue
            value = data.get(f.name)
            if f.ref and value is not None:
                value = self.repo.key_of(f.ref, value)
            elif f.write is not None:
                value = f.write(value)
            elif f.vocab is not None and value is not None:
                stored = getattr(current, f.column) if current is not None else None
                if f.vocab.read(stored) == value:
                    value = stored
                elif value in f.vocab.write_map:
                    value = f.vocab.write(value)
                else:  # a value of the spec the site has no string for
                    raise invalid(["body", f.name], f"{m.table_name}.{f.column} at this site has no value for {value}.")
            elif field_kinds.get(f.name) == "datetime":
                value = self.site.clock.instant_in(value, utc=f.utc)
            elif isinstance(value, bool):
                value = int(value)
            values[f.column] = value
        hooks = self.site.hooks_of(m.name)
        hooks.before_write(self.repo, data, values, key)
        try:
            with self.db.begin_nested():
                columns = m.table.__table__.c  # type: ignore[attr-defined]
                if current is None:
                    # an absent field is NULL, not the column's server default (a PUT must read back as sent)
                    current = m.table(
                        **{
                            k: (null() if v is None and columns[k].nullable else v)
                            for k, v in values.items()
                            if v is not None or columns[k].nullable
                        }
                    )
                    self.db.add(current)
                else:
                    for column, value in values.items():
                        if value is not None or columns[column].nullable:
                            setattr(current, column, value)
                self.db.flush()
        except (DataError, OperationalError) as exc:
            raise self._data_problem(m, exc) from exc
        except IntegrityError as exc:
            raise ProblemError(
                409, "The change conflicts with existing records (a unique key is taken).", slug="conflict"
            ) from exc
        new_key = m.key_of_row(current)
        try:
            with self.db.begin_nested():
                hooks.after_write(self.repo, data, new_key)
                self.db.flush()
        except (DataError, OperationalError) as exc:
            raise self._data_problem(m, exc) from exc
        row = self.repo.get(m, new_key)
        if row is None:
            raise ProblemError(422, "The record cannot be represented after this write.", slug="validation")
        self.require_write_scope(m, row.proposal, row.beamline)
        return new_key

    def _data_problem(self, m: Mapping, exc: Exception) -> ProblemError:
        """A value the site's column cannot hold (too long, out of range): 422 naming the field."""
        text = str(getattr(exc, "orig", exc))
        pointer = ["body"]
        for f in m.fields:
            if f.column and f"'{f.column}'" in text:
                pointer = ["body", f.name]
                break
        return ProblemError(
            422,
            "1 field is invalid",
            slug="validation",
            errors=[FieldError(pointer, "The value does not fit the site's column: " + text[:200])],
        )

    def _check_references(self, m: Mapping, data: dict[str, Any]) -> None:
        for f in m.fields:
            value = data.get(f.name)
            if not f.ref or value is None or (f.name == "proposalUuid" and f.column is None):
                continue
            target = self.site.mappings[f.ref]
            key = self.repo.key_of(f.ref, value)
            if key is None or self.repo.get(target, key, self.visible(target)) is None:
                raise unresolved(["body", f.name], f"No {f.ref} with this UUID is within your reach.")

    def _check_scope_copies(self, m: Mapping, data: dict[str, Any]) -> None:
        """Module roots: the proposalUuid/beamlineName sent must be those of the parent."""
        if m.scope_parent is None:
            return
        field, target = m.scope_parent
        key = self.repo.key_of(target, data[field])
        parent = self.repo.get(self.site.mappings[target], key) if key is not None else None
        if parent is None:
            raise unresolved(["body", field], f"No {target} with this UUID is within your reach.")
        proposal_uuid = self.repo.uuid_of(self.site.mappings["Proposal"], int(parent.proposal))  # type: ignore[arg-type]
        if str(data.get("proposalUuid")) != proposal_uuid:
            raise unresolved(["body", "proposalUuid"], f"Does not match the proposalUuid of the referenced {target}.")
        if data.get("beamlineName") != parent.beamline:
            raise unresolved(["body", "beamlineName"], f"Does not match the beamlineName of the referenced {target}.")
