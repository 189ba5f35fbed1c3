"""How one common resource is read from, and written to, tables a site does not own.

A ``Mapping`` says which table holds the record, how its integer key is formed (``key``), which joins reach its
proposal and beamline, and, field by field, the SQL expression read and the column written. Everything else —
paging, filters, visibility, ETags, writes — is generic (``repository.py``, ``service.py``): a site declares
mappings, it does not write queries for each operation.

Numbers are read as the column holds them: a single-precision ``FLOAT`` is read as DOUBLE and printed as the
shortest decimal that is the same float32 (MariaDB's text protocol would send only 6 significant digits); a
``DOUBLE`` that the site's models declare ``asdecimal`` is read as the double stored (SQLAlchemy would round it
to 10 decimal places: 2.2e-16 read 0.0).
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import TIMESTAMP, Double, Float, cast, type_coerce

from site_kit.mapped.vocabulary import Vocabulary

#: an SQL expression (a column, a CASE, a correlated scalar subquery…)
Expr = Any


@dataclass(frozen=True)
class Field:
    """One API field: the SQL expression it is read from and, when writable, the main-table column it fills.

    ``read`` turns the selected value into JSON (default: by the field's kind in the spec); ``vocab`` maps site
    strings; ``ref`` names the resource a ``…Uuid`` field points at (the expression then yields that row's key);
    ``computed`` means the expression already yields the common value (a CASE over site columns); ``utc`` says
    the column holds UTC (a TIMESTAMP) rather than the site's local time. ``expr`` None: the field is read and
    written by the resource's hooks (``ResourceHooks.read_extras`` / ``after_write``).
    """

    name: str
    expr: Expr | None
    column: str | None = None
    ref: str | None = None
    vocab: Vocabulary | None = None
    read: Callable[[Any], Any] | None = None
    write: Callable[[Any], Any] | None = None
    computed: bool = False
    utc: bool = False


@dataclass(frozen=True)
class Mapping:
    """One common resource over the site's tables (``name`` is the spec's schema name).

    ``table_code`` is the resource's code inside its UUIDs (``UuidCodec``): fixed for ever once records are
    served. ``visibility``: ``proposal`` (the record's proposal is one of the caller's), ``self`` (the record is
    a proposal), ``person`` (the caller or a member of the caller's proposals, through ``Membership``) or
    ``public``. ``created``/``updated``: the site's own stamps, first non-NULL wins, each with "is UTC".
    ``served``: conditions a row must meet to be represented at all (required fields present…).
    ``scope_parent``: for records that carry ``proposalUuid``/``beamlineName`` themselves, the field naming the
    parent they must agree with. ``unheld``: spec fields the site's schema has no place for → why (stated here,
    held against the spec by the implementation's spec-vs-storage test).
    """

    name: str
    #: the site's ORM class of the main table
    table: Any
    table_code: int
    key: Expr
    fields: tuple[Field, ...]
    joins: tuple[tuple[Any, Expr], ...] = ()
    proposal: Expr | None = None
    beamline: Expr | None = None
    visibility: str = "proposal"  # proposal | self | person | public
    created: tuple[tuple[Expr, bool], ...] = ()
    updated: tuple[tuple[Expr, bool], ...] = ()
    served: tuple[Expr, ...] = ()
    scope_parent: tuple[str, str] | None = None
    unheld: tuple[tuple[str, str], ...] = ()
    #: a primary key of two columns (DLS ``Session_has_Person``: sessionId, personId), whose ``key`` must then be
    #: ``first << 32 | second``; None: ``key`` is the main table's one primary-key column
    pair: tuple[Any, Any] | None = None
    index: dict[str, Field] = field(default_factory=dict, compare=False, hash=False)

    @property
    def table_name(self) -> str:
        return str(self.table.__tablename__)

    def identity(self, key: int) -> Any:
        """The primary-key identity of row ``key``, as ``Session.get`` takes it."""
        return (key >> 32, key & 0xFFFFFFFF) if self.pair else key

    def key_of_row(self, row: Any) -> int:
        """The integer key of an ORM row of the main table (what ``key`` selects for it)."""
        if self.pair:
            first, second = self.pair
            return (int(getattr(row, first.key)) << 32) | int(getattr(row, second.key))
        return int(getattr(row, self.key.key))


def is_utc(column: Any) -> bool:
    """TIMESTAMP columns hold UTC (connections use ``time_zone = '+00:00'``); DATETIME ones local time.

    The generic ``sqlalchemy.TIMESTAMP`` is tested (ispyb.models declares it; the MySQL dialect's subclasses it).
    """
    return isinstance(getattr(column, "type", None), TIMESTAMP)


def stamp(column: Any) -> tuple[Expr, bool]:
    """A creation or modification stamp candidate for ``Mapping.created`` / ``updated``."""
    return (column, is_utc(column))


def _numeric(column: Any, read: Callable[[Any], Any] | None) -> tuple[Expr, Callable[[Any], Any] | None]:
    """The expression to select for a column and how to read it, so that a number reads as the value stored."""
    kind = getattr(column, "type", None)
    if isinstance(kind, Float) and not isinstance(kind, Double):
        return cast(column, Double), (float32 if read is None else lambda v: read(float32(v)))
    if isinstance(kind, Double) and kind.asdecimal:
        return type_coerce(column, Double(asdecimal=False)), read
    return column, read


def col(name: str, column: Any, **kw: Any) -> Field:
    """A field stored in a column of the main table (written back to it); ``kw`` as ``Field``'s options."""
    expr, read = _numeric(column, kw.pop("read", None))
    kw.setdefault("utc", is_utc(column))
    return Field(name, expr, column=column.key, read=read, **kw)


def ref(name: str, column: Any, target: str, *, writable: bool = True) -> Field:
    """A ``…Uuid`` field: ``column`` yields the key of a ``target`` row (written back when ``writable``)."""
    return Field(name, column, column=column.key if writable else None, ref=target)


def derived(name: str, expr: Expr, **kw: Any) -> Field:
    """Read-only: computed from other columns or tables (never written through this field)."""
    selected, read = _numeric(expr, kw.pop("read", None))
    return Field(name, selected, read=read, **kw)


def float32(value: Any) -> float | None:
    """The shortest decimal that is the same single-precision float as ``value`` (a FLOAT column's value)."""
    if value is None:
        return None
    stored = struct.unpack("f", struct.pack("f", float(value)))[0]
    for digits in range(6, 10):
        text = f"{stored:.{digits}g}"
        if struct.unpack("f", struct.pack("f", float(text)))[0] == stored:
            return float(text)
    return float(stored)


def as_bool(value: Any) -> bool | None:
    """TINYINT flags as booleans."""
    return None if value is None else bool(value)
