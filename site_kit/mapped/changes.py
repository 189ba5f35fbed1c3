"""The change feed of a mapped site: an outbox table beside the site's own schema (``site_kit.outbox``).

A mapped adapter writes the site's tables (Diamond's, ESRF's) through ``RecordService``; each write also notes
its change (the record's UUID, new ETag and reach, known at that point), and the ``Outbox`` installed on the
adapter's sessions writes the change row in the same transaction, just before COMMIT. So every write made
through the API is in the feed exactly when it is committed, on the site's own database.

What it does not see: rows that other systems write straight into the site's tables (GDA, SynchWeb, the
site's own pipelines) never pass through here. A site that needs those in the feed adds database triggers
that insert into ``common_api_change`` (the columns are plain) or a poller of its timestamp columns; neither is
part of the kit. Records that a hook changes on the side (other tables than the mapping's) are not listed.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from site_kit.mapped.fields import Mapping
from site_kit.mapped.repository import Row
from site_kit.outbox import ChangeEntry, Outbox, Pending, Scope, known_entries, note, scope_of, status_of
from site_kit.resources import Visibility, registry

OUTBOX = Outbox(known_entries)


def install(sessions: sessionmaker[Session]) -> None:
    OUTBOX.install(sessions)


def row_scope(m: Mapping, row: Row) -> Scope:
    resource = registry()[m.name]
    proposal = row.key if resource.visibility is Visibility.SELF else row.proposal
    return scope_of(resource, proposal=proposal, beamline=row.beamline, person=row.key)


def note_write(
    db: Session, m: Mapping, row: Row | None, doc: dict[str, Any], etag: str, before: dict[str, Any] | None
) -> None:
    """Note a created (``before`` None) or updated record whose new representation is ``doc``."""
    resource = registry()[m.name]
    changed: tuple[str, ...] = ()
    if row is None:  # the write made the row unservable: RecordService refuses it (422) and rolls back
        return
    if before is None:
        kind = "CREATED"
        set_now = tuple(k for k in doc if k in resource.field_index)
    else:
        kind = "UPDATED"
        changed = tuple(k for k in doc if k in resource.field_index and doc.get(k) != before.get(k))
        changed += tuple(k for k in before if k in resource.field_index and k not in doc)
        set_now = changed
    status = status_of(resource, set_now, doc.get)
    entry = ChangeEntry(resource.collection, doc["uuid"], kind, etag, row_scope(m, row), changed, status)
    note(db, Pending(resource, kind, doc["uuid"], entry=entry))


def note_delete(db: Session, m: Mapping, row: Row, record_uuid: str) -> None:
    resource = registry()[m.name]
    entry = ChangeEntry(resource.collection, record_uuid, "DELETED", None, row_scope(m, row))
    note(db, Pending(resource, "DELETED", record_uuid, entry=entry))
