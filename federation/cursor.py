"""The composite position of a federated list: each member's own page token and how far into that page.

The kit signs the federation's page tokens (``site_kit.paging.PageTokens``) from the ``Position`` a storage
returns; a composite position travels in its string value: JSON of one entry per member, in the members
file's order — ``0`` when the member is exhausted, else ``[token, last, skip, taken]``: re-read the member's page
from its ``token`` (None: its first page) and drop what was already listed, through the record ``last`` (its
UUID) or, when that record is gone, the first ``skip`` records; ``taken``, how many records of the page that
issued the token came from this member, sizes what the next page asks it for (``sizing.shares``). A
fingerprint of the member names refuses a token issued before the members file changed. The member tokens are
opaque: each member checks its own.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

import orjson

from site_kit.paging import Position, bad_token

_VERSION = 1


@dataclass(frozen=True)
class MemberCursor:
    token: str | None = None
    last: str | None = None
    skip: int = 0
    #: records this member gave the page that issued the token (None: no page yet, or a token without it)
    taken: int | None = None


START = MemberCursor()
#: a member whose records were all listed
DONE: None = None
Cursors = dict[str, MemberCursor | None]


def fingerprint(names: Sequence[str]) -> str:
    return hashlib.sha256("\n".join(names).encode()).hexdigest()[:12]


def encode(names: Sequence[str], cursors: Cursors) -> Position:
    entries: list[object] = []
    for name in names:
        c = cursors.get(name, START)
        entries.append(0 if c is DONE else [c.token, c.last, c.skip, c.taken])
    value = orjson.dumps({"v": _VERSION, "f": fingerprint(names), "m": entries}).decode()
    return Position(0, value, True)


def decode(names: Sequence[str], position: Position | None) -> Cursors:
    """Each member's cursor; a 400 problem when the token was not issued for these members."""
    if position is None:
        return {name: START for name in names}
    try:
        doc = orjson.loads(str(position.value))
        if doc.get("v") != _VERSION:
            raise ValueError("version")
        entries = doc["m"]
    except (ValueError, TypeError, KeyError, AttributeError):
        raise bad_token("this federation did not issue it; start the listing again without pageToken.") from None
    if doc.get("f") != fingerprint(names) or len(entries) != len(names):
        raise bad_token("the federation's members changed since it was issued; start the listing again.")
    out: Cursors = {}
    for name, entry in zip(names, entries, strict=True):
        if entry == 0:
            out[name] = DONE
        else:
            token, last, skip, *taken = entry  # tokens issued before ``taken`` existed have three entries
            out[name] = MemberCursor(token, last, int(skip), int(taken[0]) if taken and taken[0] is not None else None)
    return out
