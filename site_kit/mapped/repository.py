"""SQL over the site's tables for every mapping: keyset pages, single rows, UUID resolution, rendering.

It knows nothing of callers or HTTP: the service passes the visibility condition. Rendering turns selected rows
into API documents in one pass per page (one extra query for the UUIDs and instants kept in ``CommonApiRecord``,
and whatever the resource's hooks read for nested fields).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, Select, select, tuple_
from sqlalchemy.orm import Session

from site_kit import spec
from site_kit.mapped.db import CommonApiRecord
from site_kit.mapped.fields import Mapping
from site_kit.mapped.site import MappedSite
from site_kit.mapped.uuids import UuidCodec
from site_kit.paging import Position, keyset
from site_kit.resources import registry

#: Instant reported when a site row has no stamp at all (DLS Detector): the spec requires createdAt/updatedAt.
UNKNOWN_INSTANT = "1970-01-01T00:00:00Z"


@dataclass
class Row:
    """One selected row: its key, scope and values by field name (raw site values)."""

    key: int
    proposal: int | None
    beamline: str | None
    values: dict[str, Any]
    created: list[tuple[Any, bool]]
    updated: list[tuple[Any, bool]]


@cache
def kinds(name: str) -> dict[str, str]:
    """Field kinds of a resource, from the spec."""
    return {f.name: f.kind for f in registry()[name].fields}


@cache
def required(name: str) -> frozenset[str]:
    return frozenset(spec.schema(name).get("required", ()))


class Repository:
    def __init__(self, db: Session, site: MappedSite, codec: UuidCodec) -> None:
        self.db = db
        self.site = site
        self.codec = codec

    # ------------------------------------------------------------------ selecting

    def statement(self, m: Mapping) -> Select[Any]:
        columns = [
            m.key.label("_key"),
            (m.proposal if m.proposal is not None else m.key * 0).label("_proposal"),
        ]
        if m.beamline is not None:
            columns.append(m.beamline.label("_beamline"))
        columns += [f.expr.label(f"f_{f.name}") for f in m.fields if f.expr is not None]
        columns += [expr.label(f"c_{i}") for i, (expr, _) in enumerate(m.created)]
        columns += [expr.label(f"u_{i}") for i, (expr, _) in enumerate(m.updated)]
        stmt = select(*columns).select_from(m.table)
        for target, onclause in m.joins:
            stmt = stmt.outerjoin(target, onclause)
        for condition in m.served:
            stmt = stmt.where(condition)
        return stmt

    def _row(self, m: Mapping, r: Any) -> Row:
        data = r._mapping
        return Row(
            key=int(data["_key"]),
            proposal=data["_proposal"],
            beamline=data.get("_beamline"),
            values={f.name: data[f"f_{f.name}"] for f in m.fields if f.expr is not None},
            created=[(data[f"c_{i}"], utc) for i, (_, utc) in enumerate(m.created)],
            updated=[(data[f"u_{i}"], utc) for i, (_, utc) in enumerate(m.updated)],
        )

    def page(
        self,
        m: Mapping,
        conditions: Sequence[ColumnElement[bool]],
        after: Position | None,
        limit: int,
        *,
        value: ColumnElement[Any] | None = None,
        descending: bool = False,
    ) -> list[Row]:
        """Up to ``limit + 1`` rows after ``after`` in the order (value, key), rows without a value last."""
        stmt = self.statement(m)
        for condition in conditions:
            stmt = stmt.where(condition)
        rows: list[Row] = []
        for segment in keyset(stmt, value, m.key, descending, after):
            rows += [self._row(m, r) for r in self.db.execute(segment.limit(limit + 1 - len(rows)))]
            if len(rows) > limit:
                break
        return rows

    def get(self, m: Mapping, key: int, where: ColumnElement[bool] | None = None, *, lock: bool = False) -> Row | None:
        stmt = self.statement(m).where(m.key == key)
        if where is not None:
            stmt = stmt.where(where)
        if lock:
            stmt = stmt.with_for_update(of=m.table)
        r = self.db.execute(stmt).first()
        return self._row(m, r) if r is not None else None

    # ------------------------------------------------------------------ identities

    def resolve(self, record_uuid: uuid.UUID) -> tuple[Mapping, int] | None:
        """The mapping and key a UUID names: decoded when minted here, else looked up among client UUIDs."""
        decoded = self.codec.decode(record_uuid)
        if decoded is not None:
            m = self.site.by_code.get(decoded.table_code)
            return (m, decoded.key) if m is not None else None
        rec = self.db.execute(select(CommonApiRecord).where(CommonApiRecord.uuid == str(record_uuid))).scalar()
        if rec is None:
            return None
        m = self.site.by_table.get(rec.tableName)
        return (m, rec.rowKey) if m is not None else None

    def key_of(self, target: str, record_uuid: uuid.UUID | str) -> int | None:
        """The key of a ``target`` record named by a UUID, or None."""
        found = self.resolve(uuid.UUID(str(record_uuid)))
        if found is None or found[0].name != target:
            return None
        return found[1]

    def keys_of(self, target: str, record_uuids: Iterable[uuid.UUID]) -> list[int]:
        """The keys of the ``target`` records the UUIDs name (a batch: one query for the client-chosen ones)."""
        keys: list[int] = []
        stored: list[str] = []
        for record_uuid in record_uuids:
            decoded = self.codec.decode(record_uuid)
            if decoded is None:
                stored.append(str(record_uuid))
            elif (m := self.site.by_code.get(decoded.table_code)) is not None and m.name == target:
                keys.append(decoded.key)
        if stored:
            stmt = select(CommonApiRecord).where(CommonApiRecord.uuid.in_(stored))
            for rec in self.db.execute(stmt).scalars():
                m = self.site.by_table.get(rec.tableName)
                if m is not None and m.name == target:
                    keys.append(rec.rowKey)
        return keys

    def meta(self, pairs: Iterable[tuple[str, int]]) -> dict[tuple[str, int], CommonApiRecord]:
        wanted = sorted(set(pairs))
        if not wanted:
            return {}
        found: dict[tuple[str, int], CommonApiRecord] = {}
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            stmt = select(CommonApiRecord).where(tuple_(CommonApiRecord.tableName, CommonApiRecord.rowKey).in_(chunk))
            for rec in self.db.execute(stmt).scalars():
                found[(rec.tableName, rec.rowKey)] = rec
        return found

    def uuid_of(self, m: Mapping, key: int, meta: dict[tuple[str, int], CommonApiRecord] | None = None) -> str:
        """The UUID of row ``key`` of ``m``: the one a client chose, else the computed one."""
        if meta is None:
            meta = self.meta([(m.table_name, key)])
        rec = meta.get((m.table_name, key))
        return rec.uuid if rec is not None and rec.uuid else str(self.codec.encode(m.table_code, key))

    # ------------------------------------------------------------------ rendering

    def render(self, m: Mapping, rows: list[Row]) -> list[dict[str, Any]]:
        """API documents of ``rows`` (absent values omitted, never null)."""
        all_maps = self.site.mappings
        clock = self.site.clock
        pairs = [(m.table_name, r.key) for r in rows]
        for r in rows:
            for f in m.fields:
                if f.ref and r.values.get(f.name) is not None:
                    pairs.append((all_maps[f.ref].table_name, int(r.values[f.name])))
        meta = self.meta(pairs)
        field_kinds = kinds(m.name)
        extras = self.site.hooks_of(m.name).read_extras(self, [r.key for r in rows], meta) if rows else {}
        docs = []
        for r in rows:
            doc: dict[str, Any] = {"uuid": self.uuid_of(m, r.key, meta)}
            for f in m.fields:
                if f.expr is None:
                    continue
                value = r.values.get(f.name)
                if value is None:
                    continue
                kind = field_kinds.get(f.name)
                if f.ref:
                    value = self.uuid_of(all_maps[f.ref], int(value), meta)
                elif f.read is not None:
                    value = f.read(value)
                elif f.vocab is not None:
                    value = f.vocab.read(value)
                elif kind == "datetime":
                    value = clock.instant_out(value, utc=f.utc)
                elif kind == "integer":
                    value = int(value)
                elif kind == "number":
                    value = float(value)
                elif kind == "boolean":
                    value = bool(value)
                if value is not None:
                    doc[f.name] = value
            doc.update(extras.get(r.key, {}))
            own = meta.get((m.table_name, r.key))
            created = self._first(r.created)
            updated = self._first(r.updated)
            if own is not None:
                created = _utc(own.createdAt)
                updated = _utc(own.updatedAt)
            created = created or (UNKNOWN_INSTANT if "createdAt" in required(m.name) else None)
            updated = updated or created
            if created:
                doc["createdAt"] = created
            if updated:
                doc["updatedAt"] = updated
            docs.append(doc)
        return docs

    def _first(self, candidates: list[tuple[Any, bool]]) -> str | None:
        for value, utc in candidates:
            if value is not None:
                return self.site.clock.instant_out(value, utc=utc)
        return None


def _utc(value: datetime) -> str:
    return value.replace(tzinfo=UTC).isoformat().replace("+00:00", "Z")
