"""The reference server's part of the outbox (``site_kit.outbox``): what its change rows say.

The repository notes every successful insert, versioned update, cascade and delete (``RecordRepository``);
at commit the ``Outbox`` asks ``resolve`` here for the change rows: each record's final ETag (its version, as a
GET would answer just after), its reach (proposal, beamline, or the person itself) and the fields the change
set. Several notes of one record in one transaction become one change (a create then a hook's update is one
CREATED), in the order the records were first written. A versioned update of one row notes its change row
complete (``updated_entry``: the row as read, the values written, the version after): when nothing else in the
transaction touched that record, the commit writes it without reading the row back (issue 16).
"""

from __future__ import annotations

import uuid as uuid_module
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from reference_server.services.representation import etag
from reference_server.tables import table
from site_kit.outbox import ChangeEntry, ChangeFeed, Outbox, Pending, Scope, scope_of, status_of
from site_kit.resources import Resource, Visibility


def row_scope(resource: Resource, row: Any) -> Scope:
    """The reach of a stored row (read before a delete, or at commit)."""
    proposal = row.uuid if resource.visibility is Visibility.SELF else getattr(row, "proposal_uuid", None)
    return scope_of(
        resource, proposal=proposal, beamline=getattr(row, "beamline_name", None), person=getattr(row, "uuid", None)
    )


def _fields(resource: Resource, columns: tuple[str, ...]) -> tuple[str, ...]:
    by_column = {f.column: f.name for f in resource.fields}
    return tuple(dict.fromkeys(by_column[c] for c in columns if c in by_column))


class _Written:
    """A row as read, seen through the values an UPDATE wrote over it."""

    def __init__(self, row: Any, values: Mapping[str, Any]) -> None:
        self._row, self._values = row, values

    def __getattr__(self, column: str) -> Any:
        return self._values[column] if column in self._values else getattr(self._row, column)


def updated_entry(resource: Resource, row: Any, values: Mapping[str, Any]) -> ChangeEntry:
    """The change row of a versioned UPDATE of ``row`` (as read) that wrote ``values`` (version included)."""
    after = _Written(row, values)
    fields = _fields(resource, tuple(values))
    status = status_of(resource, fields, lambda name: getattr(after, resource.field_index[name].column))
    return ChangeEntry(
        resource.collection, str(row.uuid), "UPDATED", etag(after), row_scope(resource, after), fields, status
    )


def resolve(session: Session, pending: list[Pending]) -> list[ChangeEntry]:
    """The change rows of one transaction's notes: one per record, with its final version and reach."""
    order: list[tuple[str, str]] = []
    merged: dict[tuple[str, str], dict[str, Any]] = {}

    def add(
        resource: Resource,
        uuid: str,
        kind: str,
        changed: tuple[str, ...],
        scope: Scope | None,
        known: ChangeEntry | None = None,
    ) -> None:
        key = (resource.name, uuid)
        if key not in merged:
            order.append(key)
            merged[key] = {"resource": resource, "kind": kind, "changed": changed, "scope": scope, "known": known}
            return
        entry = merged[key]
        entry["known"] = None  # written more than once: read what the transaction left
        if kind == "DELETED":
            entry.update(kind="DELETED", scope=scope)
        elif entry["kind"] != "CREATED":
            entry.update(kind=kind, changed=entry["changed"] + changed)

    for note in pending:
        if note.where is not None:
            for uuid in session.execute(select(table(note.resource).uuid).where(note.where)).scalars():
                add(note.resource, str(uuid), note.kind, note.changed, None)
        elif note.uuid is not None:
            add(note.resource, note.uuid, note.kind, note.changed, note.scope, note.entry)
    out = []
    for name, uuid in order:
        entry = merged[(name, uuid)]
        if entry["known"] is not None:
            out.append(entry["known"])
            continue
        resource: Resource = entry["resource"]
        if entry["kind"] == "DELETED":
            out.append(ChangeEntry(resource.collection, uuid, "DELETED", None, entry["scope"]))
            continue
        orm = table(resource)
        stmt = select(orm).where(orm.uuid == uuid_module.UUID(uuid)).execution_options(populate_existing=True)
        row = session.execute(stmt).scalar_one_or_none()
        if row is None:  # created and deleted in one transaction: nothing to list
            continue
        fields = _fields(resource, entry["changed"]) if entry["kind"] == "UPDATED" else ()
        values = {f.name: getattr(row, f.column) for f in resource.fields}
        set_now = tuple(n for n, v in values.items() if v is not None) if entry["kind"] == "CREATED" else fields
        status = status_of(resource, set_now, values.get)
        scope = row_scope(resource, row)
        out.append(ChangeEntry(resource.collection, uuid, entry["kind"], etag(row), scope, fields, status))
    return out


OUTBOX = Outbox(resolve)


def install(sessions: sessionmaker[Session]) -> None:
    """Make every commit of ``sessions`` write the change rows of what it changed."""
    OUTBOX.install(sessions)


def feed(engine: Any, retention: timedelta) -> ChangeFeed:
    return ChangeFeed(engine, retention)
