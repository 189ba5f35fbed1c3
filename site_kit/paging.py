"""Keyset pages in any declared order, and the authenticated page tokens that carry their position.

A list operation's ``orderBy`` values come from its spec enum (``createdAt``, ``startTime desc``…). A page is
read in the order (field, id): ties are broken by the record's stable position (its internal id, which is also
the creation sequence), and records lacking the field come after all others in both directions. The position
after a page — the last row's field value and id — goes into the page token.

Tokens are opaque to clients but authenticated: HMAC-SHA256 with the server secret over the position and a
fingerprint of the listing (collection, filters, order). A token the server did not issue, an altered one, or
one sent with other filters or another order is refused with 400 naming ``/query/pageToken``, instead of
silently listing from some other place. The secret must be shared by every worker of one server (and kept
across restarts, or tokens issued before a restart are refused): see ``Settings.page_token_secret``.

This module is shared with the DLS adapter (``adapters/dls``), which pages its own tables with it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import struct
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, or_

from site_kit.problems import FieldError, ProblemError

CREATION_ORDER = "createdAt"
_VERSION = 1
_MAC_BYTES = 16
_FINGERPRINT_BYTES = 8
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
#: value kinds in a token: no value (creation order), the null segment, then one per kind of column value
#: (a site's naive DATETIME, e.g. Diamond's local times, stays naive so that it compares with its column)
_KIND_NONE, _KIND_NULL, _KIND_DATETIME, _KIND_INT, _KIND_FLOAT, _KIND_STR, _KIND_BOOL, _KIND_NAIVE = range(8)


# --------------------------------------------------------------------------- orders


@dataclass(frozen=True)
class Order:
    """One ``orderBy`` value: a field (None for the creation sequence) and a direction."""

    value: str
    field: str | None
    descending: bool


def parse_order(value: str) -> Order:
    """``"startTime desc"`` → Order("startTime desc", "startTime", True); ``createdAt`` is the creation sequence."""
    name, _, direction = value.strip().partition(" ")
    if direction not in ("", "asc", "desc"):
        raise ValueError(f"orderBy value {value!r}: the direction must be 'asc' or 'desc'")
    return Order(value, None if name == CREATION_ORDER else name, direction == "desc")


def declared_orders(parameters: Sequence[Mapping[str, Any]]) -> tuple[Order, ...]:
    """The orders a list operation declares (its ``orderBy`` enum); the first is the default.

    An operation without ``orderBy`` lists in creation order only.
    """
    for param in parameters:
        if param.get("name") == "orderBy" and param.get("in") == "query":
            return tuple(parse_order(v) for v in param["schema"]["enum"])
    return (parse_order(CREATION_ORDER),)


# --------------------------------------------------------------------------- positions


@dataclass(frozen=True)
class Position:
    """Where a page ended: the last row's id and, in a field order, its value (None: in the null segment)."""

    last_id: int
    value: Any = None
    has_value: bool = False


def keyset(
    stmt: Select[Any],
    value: ColumnElement[Any] | None,
    row_id: ColumnElement[Any],
    descending: bool,
    after: Position | None,
) -> list[Select[Any]]:
    """The statements that read the page after ``after``, in order; run them until the page is full.

    In a field order there are two segments: rows with a value, ordered by (value, id), then rows without,
    ordered by id; both in the order's direction. Each statement seeks with conditions an index on
    (value, id) or (id) serves on SQLite, PostgreSQL and MariaDB alike (no NULLS LAST, no row values).
    """

    def after_id(last: int) -> ColumnElement[bool]:
        return row_id < last if descending else row_id > last

    def by_id(s: Select[Any]) -> Select[Any]:
        return s.order_by(row_id.desc() if descending else row_id)

    if value is None:
        return [by_id(stmt.where(after_id(after.last_id)) if after else stmt)]
    nulls = by_id(stmt.where(value.is_(None)))
    if after is not None and not after.has_value:  # inside the null segment already
        return [nulls.where(after_id(after.last_id))]
    valued = stmt.where(value.is_not(None))
    if after is not None:
        v = after.value
        beyond = value < v if descending else value > v
        at_or_beyond = value <= v if descending else value >= v
        valued = valued.where(and_(at_or_beyond, or_(beyond, after_id(after.last_id))))
    ordered = valued.order_by(value.desc(), row_id.desc()) if descending else valued.order_by(value, row_id)
    return [ordered, nulls]


# --------------------------------------------------------------------------- tokens


def _canonical(value: Any) -> str:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat(timespec="microseconds")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, tuple | list):  # a filter of several values: the same set whatever their order
        return ",".join(sorted({_canonical(v) for v in value}))
    return str(getattr(value, "value", value))  # enums by their value


def listing_identity(collection: str, filters: Mapping[str, Any], order: str) -> bytes:
    """The identity of a listing, as bytes: what a token is bound to (not the limit: pages may vary in size)."""
    parts = [collection, order] + [f"{k}={_canonical(v)}" for k, v in sorted(filters.items()) if v is not None]
    return "\n".join(p.replace("\\", "\\\\").replace("\n", "\\n") for p in parts).encode()


def _pack_value(value: Any) -> tuple[int, bytes]:
    if isinstance(value, datetime):
        naive = value.tzinfo is None
        delta = (value.replace(tzinfo=UTC) if naive else value.astimezone(UTC)) - _EPOCH
        micros = (delta.days * 86400 + delta.seconds) * 1_000_000 + delta.microseconds
        return (_KIND_NAIVE if naive else _KIND_DATETIME), struct.pack(">q", micros)
    if isinstance(value, bool):
        return _KIND_BOOL, b"\1" if value else b"\0"
    if isinstance(value, int):
        return _KIND_INT, struct.pack(">q", value)
    if isinstance(value, float):
        return _KIND_FLOAT, struct.pack(">d", value)
    return _KIND_STR, str(value).encode()


def _unpack_value(kind: int, raw: bytes) -> Any:
    if kind in (_KIND_DATETIME, _KIND_NAIVE):
        instant = _EPOCH + timedelta(microseconds=struct.unpack(">q", raw)[0])
        return instant.replace(tzinfo=None) if kind == _KIND_NAIVE else instant
    if kind == _KIND_BOOL:
        return raw == b"\1"
    if kind == _KIND_INT:
        return struct.unpack(">q", raw)[0]
    if kind == _KIND_FLOAT:
        return struct.unpack(">d", raw)[0]
    return raw.decode()


def bad_token(detail: str) -> ProblemError:
    return ProblemError(
        400,
        "The page token cannot be used: " + detail,
        slug="invalid-page-token",
        errors=[FieldError(["query", "pageToken"], detail)],
    )


class PageTokens:
    """Issue and check page tokens with one secret (every worker of a server must hold the same one)."""

    def __init__(self, secret: str | bytes | None = None) -> None:
        raw = secret.encode() if isinstance(secret, str) else secret
        #: without a configured secret, one for this process only (tokens die with it)
        self.ephemeral = raw is None
        self._key = hashlib.sha256(b"ispyb-page-token\0" + (raw or secrets.token_bytes(32))).digest()

    def _mac(self, data: bytes) -> bytes:
        return hmac.new(self._key, data, hashlib.sha256).digest()

    def issue(self, collection: str, filters: Mapping[str, Any], order: str, position: Position) -> str:
        if position.has_value:
            kind, packed = _pack_value(position.value)
        else:
            kind, packed = (_KIND_NULL if order_has_field(order) else _KIND_NONE), b""
        fingerprint = self._mac(b"listing\0" + listing_identity(collection, filters, order))[:_FINGERPRINT_BYTES]
        body = struct.pack(">BBq", _VERSION, kind, position.last_id) + fingerprint + packed
        token = body + self._mac(b"token\0" + body)[:_MAC_BYTES]
        return base64.urlsafe_b64encode(token).decode().rstrip("=")

    def read(self, token: str, collection: str, filters: Mapping[str, Any], order: str) -> Position:
        """The position a token names, or a 400 problem saying why it cannot be used."""
        try:
            raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        except ValueError:
            raw = b""
        if base64.urlsafe_b64encode(raw).decode().rstrip("=") != token:
            raw = b""  # not the canonical spelling of any byte string (altered padding bits): not ours
        header = struct.calcsize(">BBq") + _FINGERPRINT_BYTES
        if len(raw) < header + _MAC_BYTES:
            raise bad_token("this server did not issue it; start the listing again without pageToken.")
        body, mac = raw[:-_MAC_BYTES], raw[-_MAC_BYTES:]
        if not hmac.compare_digest(mac, self._mac(b"token\0" + body)[:_MAC_BYTES]) or body[0] != _VERSION:
            raise bad_token(
                "this server did not issue it, it was altered, or the server's secret changed since; "
                "start the listing again without pageToken."
            )
        kind, last_id = struct.unpack(">BBq", body[: struct.calcsize(">BBq")])[1:]
        fingerprint = body[struct.calcsize(">BBq") : header]
        expected = self._mac(b"listing\0" + listing_identity(collection, filters, order))[:_FINGERPRINT_BYTES]
        if not hmac.compare_digest(fingerprint, expected):
            raise bad_token(
                "it was issued for other filters or another orderBy; send the same query parameters as the page "
                "it came from (only limit may change)."
            )
        if kind in (_KIND_NONE, _KIND_NULL):
            return Position(last_id)
        return Position(last_id, _unpack_value(kind, body[header:]), True)


def order_has_field(order: str) -> bool:
    return parse_order(order).field is not None
