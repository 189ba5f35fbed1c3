"""The transactional outbox behind the ``changes`` class: change rows written in the record's own transaction.

Why an outbox: a change feed (and the events published from it) must hold exactly the writes a service
acknowledged. Written in the same database transaction as the record, a change row commits with it or not at
all, so a crash (``kill -9`` included) can neither lose a change nor list one that did not happen.

How a site uses it:

* ``CHANGES`` / ``STATE`` are SQLAlchemy Core tables in their own ``METADATA``: the reference server creates
  them in a migration, a mapped adapter beside the site's schema (``ensure_schema``);
* the write path calls ``note(session, Pending(...))`` after each successful statement; an ``Outbox`` installed
  on the session factory turns the notes into change rows in ``before_commit`` (reading the final version and
  the reach of each record through the site's ``Resolver``) and forgets them on rollback;
* ``ChangeFeed`` answers ``GET /v1/changes`` for a caller, and ``pending_events`` / ``mark_published`` serve the
  publisher (``site_kit.publisher``).

Order: ``append`` locks the one ``lock`` row of ``STATE`` (``SELECT … FOR UPDATE``) before inserting, so the
tails of concurrent write transactions are serialized and ``sequence`` grows in commit order on PostgreSQL and
MariaDB (SQLite serializes writers anyway). A reader that has seen sequence *n* can therefore never later
meet a smaller one, and the feed needs no gap heuristics. The cost is one row lock held from the change insert
to the commit (the commit's fsync).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    ColumnElement,
    Connection,
    DateTime,
    Engine,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    and_,
    delete,
    event,
    false,
    func,
    insert,
    or_,
    select,
    true,
    update,
)
from sqlalchemy.orm import Session, sessionmaker

from site_kit.caller import Caller
from site_kit.resources import Resource, Visibility

METADATA = MetaData()
#: modules whose records a service token reaches only on its own beamlines (when they carry a beamline)
BEAMLINE_MODULES = frozenset({"acquisition", "processing", "beamline-events"})
#: fields whose new value a change names in ``status`` (and the publisher in its routing key)
STATUS_FIELDS = ("runStatus", "processingStatus", "status")
KINDS = ("CREATED", "UPDATED", "DELETED")
_SESSION_KEY = "site_kit.outbox.pending"

CHANGES = Table(
    "common_api_change",
    METADATA,
    # BIGINT on PostgreSQL/MariaDB; INTEGER on SQLite, where only an INTEGER PRIMARY KEY is the rowid
    Column("sequence", BigInteger().with_variant(Integer(), "sqlite"), primary_key=True, autoincrement=True),
    Column("collection", String(100), nullable=False),
    Column("record_uuid", String(36), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("etag", String(200)),
    #: naive UTC (SQLite keeps no zone)
    Column("committed_at", DateTime(), nullable=False),
    #: how the reach is decided: proposal, self, person or public (``site_kit.resources.Visibility``)
    Column("visibility", String(16), nullable=False),
    #: the proposal key (proposal, self) or person key (person) of the record when the change was made
    Column("scope_key", String(64)),
    Column("beamline_name", String(45)),
    #: a service token reaches the record only when ``beamline_name`` is one of its beamlines
    Column("beamline_scoped", Boolean(), nullable=False, default=False),
    #: JSON list of the fields an UPDATED change set
    Column("changed_fields", Text()),
    Column("status", String(200)),
)
Index("ix_common_api_change_collection", CHANGES.c.collection, CHANGES.c.sequence)
Index("ix_common_api_change_committed_at", CHANGES.c.committed_at)

#: named counters: ``lock`` (the row append locks), ``pruned_through``, ``published_through``
STATE = Table(
    "common_api_change_state",
    METADATA,
    Column("name", String(32), primary_key=True),
    Column("value", BigInteger(), nullable=False),
)
STATE_ROWS = ("lock", "pruned_through", "published_through")


def ensure_schema(engine: Engine) -> None:
    """Create the outbox tables and their state rows when absent (adapters: beside the site's own schema)."""
    METADATA.create_all(engine, checkfirst=True)
    with engine.begin() as conn:
        seed_state(conn)


def seed_state(conn: Connection) -> None:
    """Insert the state rows that do not exist yet (a migration calls this too)."""
    present = set(conn.execute(select(STATE.c.name)).scalars())
    for name in STATE_ROWS:
        if name not in present:
            conn.execute(insert(STATE).values(name=name, value=0))


# --------------------------------------------------------------------------- writing


@dataclass(frozen=True)
class Pending:
    """A change the write path made in the current transaction; resolved to a ``ChangeEntry`` at commit.

    ``where`` (with ``uuid`` None) names several records at once: a bulk update of children (a cascade).
    ``scope`` carries a deleted record's reach, read before it was deleted (nothing is left to read at commit).
    """

    resource: Resource
    kind: str
    uuid: str | None = None
    changed: tuple[str, ...] = ()
    where: Any = None
    scope: Scope | None = None
    #: the change row itself, when the write path knows it already (``site_kit.mapped``)
    entry: ChangeEntry | None = None


@dataclass(frozen=True)
class Scope:
    """Who may see a record: the reach a change row keeps, whatever happens to the record afterwards."""

    visibility: str
    scope_key: str | None
    beamline_name: str | None
    beamline_scoped: bool


def scope_of(resource: Resource, *, proposal: Hashable | None, beamline: str | None, person: Hashable | None) -> Scope:
    """The reach of a record of ``resource`` (its proposal key, beamline, or person key for a Person)."""
    visibility = resource.visibility
    key: Hashable | None
    if visibility is Visibility.PERSON:
        key = person
    elif visibility is Visibility.PUBLIC:
        key = None
    else:
        key = proposal
    scoped = resource.module in BEAMLINE_MODULES and resource.has_beamline
    return Scope(visibility.value, None if key is None else str(key), beamline, scoped)


@dataclass(frozen=True)
class ChangeEntry:
    """One change row about to be written."""

    collection: str
    uuid: str
    kind: str
    etag: str | None
    scope: Scope
    changed_fields: tuple[str, ...] = ()
    status: str | None = None


def status_of(resource: Resource, changed: Iterable[str], value_of: Callable[[str], Any]) -> str | None:
    """``runStatus=SUCCESSFUL`` when the change set one of the status fields (``value_of``: field → value)."""
    fields = set(changed)
    for name in STATUS_FIELDS:
        if name in fields and name in resource.field_index:
            value = value_of(name)
            if value is not None:
                return f"{name}={value}"
    return None


def note(session: Session, pending: Pending) -> None:
    """Remember a change of this transaction (after its statement succeeded); written at commit."""
    session.info.setdefault(_SESSION_KEY, []).append(pending)


def append(conn: Connection, entries: Sequence[ChangeEntry], now: datetime | None = None) -> None:
    """Insert change rows, after locking the ``lock`` state row so that sequences follow commit order."""
    if not entries:
        return
    conn.execute(select(STATE.c.value).where(STATE.c.name == "lock").with_for_update())
    stamp = (now or datetime.now(UTC)).astimezone(UTC).replace(tzinfo=None)
    conn.execute(
        insert(CHANGES),
        [
            {
                "collection": e.collection,
                "record_uuid": e.uuid,
                "kind": e.kind,
                "etag": e.etag,
                "committed_at": stamp,
                "visibility": e.scope.visibility,
                "scope_key": e.scope.scope_key,
                "beamline_name": e.scope.beamline_name,
                "beamline_scoped": e.scope.beamline_scoped,
                "changed_fields": json.dumps(list(e.changed_fields)) if e.changed_fields else None,
                "status": e.status,
            }
            for e in entries
        ],
    )


#: the site's part: the notes of one transaction → the change rows (final ETags and reach read in ``session``)
Resolver = Callable[[Session, list[Pending]], list[ChangeEntry]]


def known_entries(session: Session, pending: list[Pending]) -> list[ChangeEntry]:
    """The resolver of a write path that notes complete entries (``Pending.entry``): nothing to read back."""
    return [p.entry for p in pending if p.entry is not None]


class Outbox:
    """Installs the outbox on a session factory: notes become change rows at commit, vanish on rollback."""

    def __init__(self, resolve: Resolver) -> None:
        self.resolve = resolve

    def install(self, factory: sessionmaker[Session]) -> None:
        event.listen(factory, "before_commit", self._before_commit)
        event.listen(factory, "after_soft_rollback", self._after_rollback)

    def _before_commit(self, session: Session) -> None:
        pending: list[Pending] | None = session.info.pop(_SESSION_KEY, None)
        if not pending:
            return
        session.flush()
        append(session.connection(), self.resolve(session, pending))

    @staticmethod
    def _after_rollback(session: Session, previous_transaction: Any) -> None:
        session.info.pop(_SESSION_KEY, None)


# --------------------------------------------------------------------------- reading


class ChangesGone(Exception):
    """The position is older than the changes kept (410)."""


@dataclass(frozen=True)
class FeedPage:
    items: list[dict[str, Any]]
    #: the position after this page: the last item's sequence, or the end of the feed as read
    position: int


def reach(caller: Caller) -> ColumnElement[bool]:
    """SQL condition: the change rows whose record was within the caller's reach when the change was made.

    Users see their proposals' records and their own person record (not the person records of co-members: the
    row keeps only the person's own key); staff see all; service tokens all but other beamlines' records.
    """
    c = CHANGES.c
    public = c.visibility == Visibility.PUBLIC.value
    if caller.role == "STAFF":
        return true()
    if caller.role == "SERVICE":
        beamlines = sorted(caller.beamlines)
        on_beamline: ColumnElement[bool] = c.beamline_name.in_(beamlines) if beamlines else false()
        return or_(public, c.beamline_scoped == false(), on_beamline)
    proposals = sorted(str(p) for p in caller.proposals)
    scoped = (
        and_(c.visibility.in_((Visibility.PROPOSAL.value, Visibility.SELF.value)), c.scope_key.in_(proposals))
        if proposals
        else false()
    )
    own: ColumnElement[bool] = c.scope_key == str(caller.person)
    person = and_(c.visibility == Visibility.PERSON.value, own) if caller.person is not None else false()
    return or_(public, scoped, person)


def _state(conn: Connection, name: str) -> int:
    value = conn.execute(select(STATE.c.value).where(STATE.c.name == name)).scalar_one_or_none()
    return int(value or 0)


def _entry(row: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "sequence": int(row.sequence),
        "collection": row.collection,
        "uuid": row.record_uuid,
        "kind": row.kind,
        "committedAt": row.committed_at.replace(tzinfo=UTC).isoformat().replace("+00:00", "Z"),
    }
    if row.etag is not None:
        doc["etag"] = row.etag
    if row.changed_fields:
        doc["changedFields"] = json.loads(row.changed_fields)
    if row.status:
        doc["status"] = row.status
    return doc


class ChangeFeed:
    """``GET /v1/changes`` over the outbox tables of one database."""

    def __init__(self, engine: Engine, retention: timedelta) -> None:
        self.engine = engine
        self.retention = retention

    def read(
        self, caller: Caller, after: int | None, collections: Sequence[str] | None, limit: int, latest: bool = False
    ) -> FeedPage:
        """The caller's changes after position ``after`` (None: from the oldest kept, or the end if ``latest``)."""
        with self.engine.connect() as conn:
            pruned = _state(conn, "pruned_through")
            head = int(conn.execute(select(func.max(CHANGES.c.sequence))).scalar_one_or_none() or 0)
            head = max(head, pruned)
            if after is not None and after < pruned:
                raise ChangesGone()
            if after is None:
                if latest:
                    return FeedPage([], head)
                after = pruned
            stmt = select(CHANGES).where(CHANGES.c.sequence > after, CHANGES.c.sequence <= head, reach(caller))
            if collections:
                stmt = stmt.where(CHANGES.c.collection.in_(sorted(set(collections))))
            rows = conn.execute(stmt.order_by(CHANGES.c.sequence).limit(limit)).all()
        items = [_entry(row) for row in rows]
        position = int(rows[-1].sequence) if len(rows) == limit else max(head, after)
        return FeedPage(items, position)

    def prune(self, now: datetime | None = None) -> int:
        """Delete the changes older than the retention; returns how many. Tokens before them then answer 410."""
        cutoff = ((now or datetime.now(UTC)) - self.retention).astimezone(UTC).replace(tzinfo=None)
        with self.engine.begin() as conn:
            last = conn.execute(
                select(func.max(CHANGES.c.sequence)).where(CHANGES.c.committed_at < cutoff)
            ).scalar_one_or_none()
            if last is None:
                return 0
            conn.execute(select(STATE.c.value).where(STATE.c.name == "lock").with_for_update())
            count = conn.execute(delete(CHANGES).where(CHANGES.c.sequence <= last)).rowcount
            conn.execute(
                update(STATE).where(STATE.c.name == "pruned_through", STATE.c.value < last).values(value=int(last))
            )
        return int(count or 0)


# --------------------------------------------------------------------------- publishing


def pending_events(engine: Engine, limit: int) -> list[Any]:
    """Change rows not yet published (after ``published_through``), oldest first."""
    with engine.connect() as conn:
        done = _state(conn, "published_through")
        stmt = select(CHANGES).where(CHANGES.c.sequence > done).order_by(CHANGES.c.sequence).limit(limit)
        return list(conn.execute(stmt).all())


def mark_published(engine: Engine, sequence: int) -> None:
    """Record that every change up to ``sequence`` reached the broker (confirmed)."""
    with engine.begin() as conn:
        conn.execute(
            update(STATE).where(STATE.c.name == "published_through", STATE.c.value < sequence).values(value=sequence)
        )


def published_through(engine: Engine) -> int:
    with engine.connect() as conn:
        return _state(conn, "published_through")


def entry_document(row: Any) -> dict[str, Any]:
    """A change row as the feed (and an event's data) shows it."""
    return _entry(row)
