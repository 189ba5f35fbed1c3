"""A federated list page: each member's part as a stream, merged in one documented stable order.

**The order.** Every member lists in the requested ``orderBy`` (the spec's keyset order). The federation
merges their sequences: at each step it takes, among the members' next records, the one whose order value
comes first (instants compared as instants; records lacking the value last, in both directions), ties going to
the member listed first in the members file. So each member's own order is kept, the merged list is sorted
whenever the members' orders agree on values, and the result is the same on every replica.

**Exactness.** A page holds exactly ``limit`` records unless the listing ends. Each member is first asked for
its share of the page (``federation.sizing``); a member that runs dry is asked for its next page before the
merge goes on, so the merge never guesses past a record it has not seen: the share only decides what a page
costs. The next position keeps, for every member, its own token and how far into that page the listing went
(``federation.cursor``): no record is listed twice, none is skipped, whatever the members' page sizes.

**Partial failure.** A member that does not answer keeps its position unchanged: the page carries the others'
records and names it in ``unavailableSites``; when it answers again, its records are listed from where it
stopped (they may then come after records of others that sort later: completeness over order).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from federation.cursor import DONE, MemberCursor
from federation.members import Unavailable

MAX_LIMIT = 1000


class Entry(NamedTuple):
    """One record of a member's page, ready to merge: its order value, UUID and JSON document as served here.

    Entries are made as the member's answer is read, so that the work overlaps the wait for slower members;
    the merge only compares ``key``s, and the page's documents are serialized once, together
    (``site_kit.seam.Page.documents``). A named tuple: a page makes a hundred of them.
    """

    key: Any
    uuid: str
    document: dict[str, Any]


#: a member's page: its entries and its nextPageToken
MemberPage = tuple[list[Entry], str | None]
#: ask a member for a page (its page token, a limit)
Begin = Callable[[str | None, int], Awaitable[MemberPage]]


@dataclass
class Stream:
    """One member's records for this page, read from its cursor."""

    name: str
    index: int
    begin: Begin
    cursor: MemberCursor
    buffer: list[Entry] = field(default_factory=list)
    #: the next entry of ``buffer`` to merge
    pos: int = 0
    page_token: str | None = None
    page_next: str | None = None
    #: records of the current member page already listed (dropped or taken)
    offset: int = 0
    last: str | None = None
    failed: Unavailable | None = None
    loaded: bool = False
    #: records of this stream the page took
    taken: int = 0

    async def load(self, limit: int) -> None:
        """Read the member's page at its cursor, less what earlier federated pages already listed."""
        c = self.cursor
        items, nxt = await self.begin(c.token, min(MAX_LIMIT, c.skip + limit))
        drop = min(c.skip, len(items))
        if c.last is not None:
            for i, entry in enumerate(items):
                if entry.uuid == c.last:
                    drop = i + 1
                    break
        self.page_token, self.page_next, self.offset, self.last = c.token, nxt, drop, c.last
        self.buffer, self.pos = items, drop
        self.loaded = True

    async def refill(self, limit: int) -> None:
        token = self.page_next
        items, nxt = await self.begin(token, min(MAX_LIMIT, limit))
        self.page_token, self.page_next, self.offset, self.last = token, nxt, 0, None
        self.buffer, self.pos = items, 0

    @property
    def ready(self) -> bool:
        """Whether an entry waits to be merged."""
        return self.pos < len(self.buffer)

    @property
    def has_more(self) -> bool:
        return self.failed is None and not self.ready and self.page_next is not None

    def take(self) -> Entry:
        entry = self.buffer[self.pos]
        self.pos += 1
        self.offset += 1
        self.taken += 1
        self.last = entry.uuid
        return entry

    def cursor_after(self) -> MemberCursor | None:
        if not self.loaded:
            return self.cursor  # never answered: its position unchanged
        if self.ready:
            return MemberCursor(self.page_token, self.last, self.offset, self.taken)
        return DONE if self.page_next is None else MemberCursor(self.page_next, None, 0, self.taken)


def _before(a: Any, b: Any, descending: bool) -> bool | None:
    """Whether order value ``a`` comes strictly before ``b``; None when they tie."""
    if a is None or b is None:
        return None if a is b else b is None
    if a == b:
        return None
    try:
        return bool(a > b) if descending else bool(a < b)
    except TypeError:  # values of different kinds from different members: compare their text
        return (str(a) > str(b)) if descending else (str(a) < str(b))


async def merge(streams: list[Stream], limit: int, descending: bool) -> list[dict[str, Any]]:
    """Up to ``limit`` records in the federation's order (see the module docstring), refilling dry members."""
    out: list[dict[str, Any]] = []
    while len(out) < limit:
        for s in streams:  # a member that ran dry but has more is read before anything sorts past its next record
            while s.has_more:
                try:
                    await s.refill(limit - len(out))
                except Unavailable as exc:
                    s.failed = exc
        live = [s for s in streams if s.ready]
        if not live:
            break
        # take records until one of the live members runs dry (then refill, or drop it, above)
        while len(out) < limit:
            best = live[0]
            best_key = best.buffer[best.pos].key
            for s in live[1:]:
                key = s.buffer[s.pos].key
                if _before(key, best_key, descending):
                    best, best_key = s, key
            out.append(best.take().document)
            if not best.ready:
                break
    return out
