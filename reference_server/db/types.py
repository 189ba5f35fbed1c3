"""Column types that behave the same on SQLite, PostgreSQL and MariaDB."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, String, Text
from sqlalchemy.dialects import mysql
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

_NUL = "\x00"


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace(_NUL, "\\0")


def _unescape(value: str) -> str:
    if "\\" not in value:
        return value  # nothing was escaped: the common case, kept off the per-character loop
    out, i = [], 0
    while i < len(value):
        ch = value[i]
        if ch == "\\" and i + 1 < len(value):
            nxt = value[i + 1]
            out.append(_NUL if nxt == "0" else nxt)
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


class SafeString(TypeDecorator[str]):
    """A string column that stores any JSON string, U+0000 included.

    PostgreSQL refuses NUL in text, yet the contract allows any Unicode string; on PostgreSQL only, the value is
    escaped reversibly (so equality filters, which bind through the same escaping, still match). The escaping
    lengthens a string by up to twice (45 backslashes become 90 characters), so on PostgreSQL the column is
    TEXT, whose length is unbounded at the same cost as VARCHAR: the spec's ``maxLength``, checked on every
    request, is the bound (issue 11: valid strings answered 500 there). SQLite and MariaDB store the value as
    sent, in a column of the declared length.
    """

    impl = String
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> Any:
        if dialect.name == "postgresql":
            return dialect.type_descriptor(Text())
        return dialect.type_descriptor(self.impl_instance)

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        if value is not None and dialect.name == "postgresql":
            return _escape(value)
        return value

    def process_result_value(self, value: str | None, dialect: Dialect) -> str | None:
        if value is not None and dialect.name == "postgresql":
            return _unescape(value)
        return value


class SafeText(SafeString):
    """Long text: MEDIUMTEXT on MariaDB (TEXT holds only 64 KiB of bytes, too little for 64 Ki characters)."""

    impl = Text
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> Any:
        if dialect.name in ("mysql", "mariadb"):
            return dialect.type_descriptor(mysql.MEDIUMTEXT())
        return dialect.type_descriptor(Text())


class UtcDateTime(TypeDecorator[datetime]):
    """An aware UTC instant with microseconds on every backend.

    SQLite and MariaDB keep no time zone, so values are normalised to UTC on the way in and marked UTC on the
    way out; MariaDB needs DATETIME(6) or it drops the microseconds a client sent.
    """

    impl = DateTime
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> Any:
        if dialect.name in ("mysql", "mariadb"):
            return dialect.type_descriptor(mysql.DATETIME(fsp=6))
        if dialect.name == "postgresql":
            return dialect.type_descriptor(DateTime(timezone=True))
        return dialect.type_descriptor(DateTime())

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        value = value.astimezone(UTC)
        return value if dialect.name == "postgresql" else value.replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
