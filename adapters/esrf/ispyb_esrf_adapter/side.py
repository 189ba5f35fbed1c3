"""Values the common API writes that an ESRF column cannot hold, kept beside the row in ``CommonApiValue``.

ESRF's schema is narrower than the spec in places: ENUM columns with fewer values (experiment types, attachment
types, robot action types), ``TIMESTAMP`` columns that hold 1970–2038 only, ``MEDIUMINT`` image numbers, and
fields with no column at all (``GridInfo`` has no ``dataCollectionId`` nor ``snaked``, ``Workflow`` no session).
A write must still read back as written (the suite's round trip), and ESRF's own readers must still see what
ESRF can hold. So a field declared here with ``beside(…)`` reads the kept value first, else the ESRF column; on
write the ESRF column gets the value when it can hold it (else NULL, or the nearest instant a TIMESTAMP holds)
and the exact value is kept beside only when the column could not take it, or when there is no column.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import TIMESTAMP, DateTime, Integer, and_, cast, delete, func
from sqlalchemy.dialects.mysql import DATETIME
from sqlalchemy.orm import aliased

from ispyb_esrf_adapter.db import CommonApiValue
from site_kit.mapped import Field, Repository, ResourceHooks, Vocabulary

Expr = Any
TIMESTAMP_MIN = datetime(1970, 1, 1, 0, 0, 1)
TIMESTAMP_MAX = datetime(2038, 1, 19, 3, 14, 7)


@dataclass(frozen=True)
class Beside:
    """How one field is kept beside its row: ``kind`` text|instant|ref|number|integer|boolean; ``column``: the
    ESRF column written too (None: ESRF has none); ``holds(value)``: whether that column can hold the value."""

    name: str
    kind: str
    column: Any = None
    vocab: Vocabulary | None = None
    utc: bool = False

    def holds(self, value: Any) -> bool:
        if self.column is None or value is None:
            return self.column is not None
        kind = self.column.type
        enums = getattr(kind, "enums", None)
        if enums:
            return value in enums
        if isinstance(kind, TIMESTAMP):
            return TIMESTAMP_MIN <= value <= TIMESTAMP_MAX
        if getattr(kind, "__visit_name__", "") == "MEDIUMINT":
            return -(2**23) <= int(value) < 2**23
        return True

    def fallback(self, value: Any) -> Any:
        """What the ESRF column gets when it cannot hold ``value``."""
        if isinstance(self.column.type, TIMESTAMP) and isinstance(value, datetime):
            return min(max(value, TIMESTAMP_MIN), TIMESTAMP_MAX)
        return None


def beside(table_name: str, key: Expr, spec: Beside, native: Expr | None = None) -> tuple[Field, tuple[Any, Expr]]:
    """The field (read: the kept value, else ``native`` or the ESRF column) and the join that reads the kept value.

    ``native`` overrides what is read when nothing is kept (a derivation, e.g. a workflow's session from its
    groups); by default it is the ESRF column itself.
    """
    side = aliased(CommonApiValue)
    join = (side, and_(side.tableName == table_name, side.rowKey == key, side.field == spec.name))
    base = native if native is not None else spec.column
    column = spec.column.key if spec.column is not None else None
    read: Callable[[Any], Any] | None = None
    if spec.kind == "instant":
        kept: Expr = side.instant
        if base is not None and isinstance(getattr(spec.column, "type", None), TIMESTAMP):
            base = func.if_(base > datetime(1970, 1, 1), base, None)  # ESRF's zero dates read as absent
        expr = func.coalesce(kept, cast(base, DATETIME(fsp=6))) if base is not None else kept
        expr = cast(expr, DateTime)
        return Field(spec.name, expr, column=column, utc=spec.utc), join
    if spec.kind == "ref":
        expr = cast(side.text, Integer) if base is None else func.coalesce(cast(side.text, Integer), base)
        return Field(spec.name, expr, column=column, ref=_target(spec)), join
    expr = side.text if base is None else func.coalesce(side.text, base)
    if spec.kind == "number":
        read = _number
    elif spec.kind == "integer":
        read = _integer
    elif spec.kind == "boolean":
        read = _boolean
    return Field(spec.name, expr, column=column, vocab=spec.vocab, read=read), join


def _target(spec: Beside) -> str:
    return REF_TARGETS[spec.name]


#: the resource a kept reference names, by field
REF_TARGETS = {
    "sessionUuid": "Session",
    "dataCollectionUuid": "DataCollection",
    "processingJobUuid": "ProcessingJob",
    "processingProgramUuid": "ProcessingProgram",
    "detectorUuid": "Detector",
}


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def _integer(value: Any) -> int | None:
    return None if value is None else int(float(value))


def _boolean(value: Any) -> bool | None:
    return None if value is None else str(value) in ("1", "True", "true")


class SideHooks(ResourceHooks):
    """Writes and removes the kept values of a resource's ``Beside`` fields; resource hooks extend it."""

    def __init__(self, table_name: str, fields: tuple[Beside, ...] = ()) -> None:
        self.table_name = table_name
        self.fields = fields

    def before_write(self, repo: Repository, body: dict[str, Any], values: dict[str, Any], key: int | None) -> None:
        for spec in self.fields:
            if spec.column is not None and spec.column.key in values:
                value = values[spec.column.key]
                if value is not None and not spec.holds(value):
                    values[spec.column.key] = spec.fallback(value)

    def after_write(self, repo: Repository, body: dict[str, Any], key: int) -> None:
        self._clear(repo, key)
        for spec in self.fields:
            value = body.get(spec.name)
            if value is None:
                continue
            stored = self._site_value(repo, spec, value)
            if spec.column is not None and spec.holds(stored):
                continue
            row = CommonApiValue(tableName=self.table_name, rowKey=key, field=spec.name)
            if spec.kind == "instant":
                row.instant = stored
            else:
                row.text = str(stored)
            repo.db.add(row)
        repo.db.flush()

    def before_delete(self, repo: Repository, key: int) -> None:
        self._clear(repo, key)

    def _clear(self, repo: Repository, key: int) -> None:
        if self.fields:
            repo.db.execute(
                delete(CommonApiValue).where(CommonApiValue.tableName == self.table_name, CommonApiValue.rowKey == key)
            )

    @staticmethod
    def _site_value(repo: Repository, spec: Beside, value: Any) -> Any:
        """The body's value as the ESRF column would take it (and as it is kept)."""
        if spec.kind == "instant":
            return repo.site.clock.instant_in(value, utc=spec.utc)
        if spec.kind == "ref":
            return repo.key_of(REF_TARGETS[spec.name], value)
        if spec.vocab is not None:
            return spec.vocab.write(value)
        if spec.kind == "boolean":
            return 1 if value else 0
        return value
