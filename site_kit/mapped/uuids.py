"""Record UUIDs: reversible UUIDv8 (RFC 9562 §5.8) carrying a table code and the integer primary key.

Why v8 and not v5: a v5 UUID is a one-way hash, so ``GET /v1/x/{uuid}`` would need a stored index of every row's
UUID (an extra column per site table, or a cache to keep in step). A v8 UUID decodes back to (table, key) with no
storage at all, is stable for ever (it is a pure function of site, table and key) and still reveals nothing a
client can use: the key bits are masked with a per-site value.

Layout (128 bits, big-endian)::

    site tag 32 | table code 16 | version 4 (=8) | key high 12 | variant 2 (=0b10) | key low 62

The 74 key bits hold any site key: one ``int unsigned`` (32 bits) or the composite key of DLS's ``Session_has_Person``
(sessionId << 32 | personId, 64 bits). UUIDs chosen by clients (``PUT``) are not of this form; they are kept in
the adapter's own ``CommonApiRecord`` table (``site_kit.mapped.db``).
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass

KEY_BITS = 74
_LOW_BITS = 62


@dataclass(frozen=True)
class Decoded:
    table_code: int
    key: int


class UuidCodec:
    """Encodes and decodes the UUIDs of one site (the site name fixes the tag and the key mask)."""

    def __init__(self, site: str) -> None:
        digest = hashlib.sha256(f"ispyb-common-api:{site}".encode()).digest()
        self.tag = int.from_bytes(digest[:4], "big")
        self.mask = int.from_bytes(digest[4:14], "big") & ((1 << KEY_BITS) - 1)

    def encode(self, table_code: int, key: int) -> uuid.UUID:
        if not 0 <= key < (1 << KEY_BITS) or not 0 <= table_code < (1 << 16):
            raise ValueError(f"key {key} or table code {table_code} out of range")
        masked = key ^ self.mask
        high, low = masked >> _LOW_BITS, masked & ((1 << _LOW_BITS) - 1)
        value = (self.tag << 96) | (table_code << 80) | (0x8 << 76) | (high << 64) | (0b10 << 62) | low
        return uuid.UUID(int=value)

    def decode(self, value: uuid.UUID) -> Decoded | None:
        """(table code, key) of a UUID minted here; None for any other UUID (client-chosen, foreign, v4…)."""
        n = value.int
        if n >> 96 != self.tag or (n >> 76) & 0xF != 0x8 or (n >> 62) & 0b11 != 0b10:
            return None
        high = (n >> 64) & 0xFFF
        low = n & ((1 << _LOW_BITS) - 1)
        return Decoded((n >> 80) & 0xFFFF, ((high << _LOW_BITS) | low) ^ self.mask)
