"""SQL for every resource: one generic repository, since every table has the same shape of keys.

It knows nothing of callers or HTTP; the service passes it the visibility clause to apply. Pages are keyset
pages on the internal ``id`` (stable, index-only seek, no OFFSET); updates are conditional on ``version`` so
that two writers can never both win.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, Select, bindparam, delete, select, update
from sqlalchemy.orm import Session

from reference_server.changes import row_scope, updated_entry
from reference_server.tables import table
from site_kit import outbox
from site_kit.paging import Position, keyset
from site_kit.resources import Resource, registry


@cache
def _read_statement(resource_name: str) -> Select[Any]:
    """``SELECT <all columns> WHERE uuid = :record_uuid`` of a resource, built once (its SQL is compiled once)."""
    columns = table(registry()[resource_name]).__table__
    return select(columns).where(columns.c.uuid == bindparam("record_uuid"))


class RecordRepository:
    def __init__(self, db: Session) -> None:
        self.db = db

    def get(self, resource: Resource, record_uuid: uuid.UUID, where: ColumnElement[bool] | None = None) -> Any:
        stmt = select(table(resource)).where(table(resource).uuid == record_uuid)
        if where is not None:
            stmt = stmt.where(where)
        return self.db.execute(stmt).scalar_one_or_none()

    def read(self, resource: Resource, record_uuid: uuid.UUID, where: ColumnElement[bool] | None = None) -> Any:
        """The row of a record for reading only: a Core row (named by column), no ORM instance built or tracked.

        Hydrating an ORM instance (identity map, instance state, attribute instrumentation) cost more than the
        query itself on SQLite; a read that writes nothing back needs none of it (issue 16).
        """
        stmt = _read_statement(resource.name)
        if where is not None:
            stmt = stmt.where(where)
        return self.db.execute(stmt, {"record_uuid": record_uuid}).first()

    def page(
        self, resource: Resource, conditions: Sequence[ColumnElement[bool]], after_id: int | None, limit: int
    ) -> list[Any]:
        """Up to ``limit + 1`` rows after ``after_id`` in id order (the extra row says whether a next page exists)."""
        stmt = select(table(resource))
        for condition in conditions:
            stmt = stmt.where(condition)
        if after_id is not None:
            stmt = stmt.where(table(resource).id > after_id)
        stmt = stmt.order_by(table(resource).id).limit(limit + 1)
        return list(self.db.execute(stmt).scalars())

    def page_in_order(
        self,
        resource: Resource,
        conditions: Sequence[ColumnElement[bool]],
        column: str | None,
        descending: bool,
        after: Position | None,
        limit: int,
    ) -> list[Any]:
        """Up to ``limit + 1`` rows after ``after`` in the order (column, id), records without a value last.

        ``column`` None is the creation order (id alone). The extra row says whether a next page exists.
        """
        stmt = select(table(resource).__table__)  # Core rows: a page is read, never written back (see read)
        for condition in conditions:
            stmt = stmt.where(condition)
        value = getattr(table(resource), column) if column else None
        rows: list[Any] = []
        for segment in keyset(stmt, value, table(resource).id, descending, after):
            rows += self.db.execute(segment.limit(limit + 1 - len(rows))).all()
            if len(rows) > limit:
                break
        return rows

    def exists(self, resource: Resource, conditions: Sequence[ColumnElement[bool]]) -> bool:
        stmt = select(table(resource).id)
        for condition in conditions:
            stmt = stmt.where(condition)
        return self.db.execute(stmt.limit(1)).first() is not None

    def insert(self, resource: Resource, values: Mapping[str, Any]) -> Any:
        row = table(resource)(**values)
        self.db.add(row)
        self.db.flush()
        outbox.note(self.db, outbox.Pending(resource, "CREATED", str(row.uuid)))  # change row written at commit
        return row

    def update_if_version(
        self, resource: Resource, row_id: int, version: int, values: Mapping[str, Any], row: Any = None
    ) -> bool:
        """Apply ``values`` only if the row is still at ``version``; False when another writer got there first.

        ``row``: the row as read at ``version``, when the caller has it: its change row is then known at once
        (``changes.updated_entry``) instead of read back at commit.
        """
        stmt = (
            update(table(resource))
            .where(table(resource).id == row_id, table(resource).version == version)
            .values(**values, version=version + 1)
            .execution_options(synchronize_session=False)
        )
        result = self.db.execute(stmt)
        if result.rowcount != 1:  # type: ignore[attr-defined]
            return False
        if row is not None:
            entry = updated_entry(resource, row, {**values, "version": version + 1})
            outbox.note(self.db, outbox.Pending(resource, "UPDATED", str(row.uuid), tuple(values), entry=entry))
            return True
        where = table(resource).id == row_id
        outbox.note(self.db, outbox.Pending(resource, "UPDATED", changed=tuple(values), where=where))
        return True

    def delete_if_version(self, resource: Resource, row: Any) -> bool:
        """Delete ``row`` if it is still at the version it was read at.

        The record's reach goes into its change row from ``row`` itself: the version guard makes it the row
        deleted. No SELECT comes first: on SQLite a read before the write pins a snapshot, and the DELETE then
        fails at once ("database is locked") instead of waiting for a concurrent writer.
        """
        orm = table(resource)
        stmt = delete(orm).where(orm.id == row.id, orm.version == row.version)
        result = self.db.execute(stmt.execution_options(synchronize_session=False))
        if result.rowcount != 1:  # type: ignore[attr-defined]
            return False
        scope = row_scope(resource, row)
        outbox.note(self.db, outbox.Pending(resource, "DELETED", str(row.uuid), scope=scope))
        return True

    def cascade(self, resource: Resource, parent_column: str, parent_uuids: Any, values: Mapping[str, Any]) -> None:
        """Copy changed derived fields to the children of the given parents (bumping their version)."""
        orm = table(resource)
        stmt = (
            update(orm)
            .where(getattr(orm, parent_column).in_(parent_uuids))
            .values(**values, version=orm.version + 1)
            .execution_options(synchronize_session=False)
        )
        self.db.execute(stmt)
        where = getattr(orm, parent_column).in_(parent_uuids)
        outbox.note(self.db, outbox.Pending(resource, "UPDATED", changed=tuple(values), where=where))

    def uuids_where(self, resource: Resource, column: str, parent_uuids: Any) -> Any:
        """A subquery of the uuids of ``resource`` rows whose ``column`` is among ``parent_uuids``."""
        return select(table(resource).uuid).where(getattr(table(resource), column).in_(parent_uuids)).scalar_subquery()
