"""How many records each member is asked for first: a member's part of the page, and a margin.

Only the cost of a page depends on it, never its content: a member that runs dry before the page is full is
asked for its next page (``listing.merge``). Asking too little costs a second round trip to that member —
over the internet far more than a few records —, asking too much costs the member records nobody shows.

* **A page after another** is sized from the previous one, whose part of each member the cursor carries.
* **A first page** is sized from what this replica saw the last time the same caller listed the same thing
  (``FirstPages``): a UI polling its latest records sends the same first page again and again, the commonest
  federated request. A listing never seen before is split evenly.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from federation.lru import Lru

#: a margin narrower than this is none: the weighted spread of a part that holds still only tends to zero
HALF_RECORD = 0.5
EPSILON = 1e-9


def shares(limit: int, taken: Sequence[int | None], spread: Sequence[float] | None = None) -> list[int]:
    """How many records to ask each member for first, from what each gave the previous page.

    A member's part of the next page is about ``limit × p``, with ``p`` its part of the previous page (an even
    split when there is none, or when a member has not answered yet); it is asked for ``limit × p`` plus a
    margin and one record more. The margin is ``spread``, how far that member's part was seen to move, when
    known; else one standard deviation of the count (binomial: ``√(limit p (1-p))``), which makes a second
    round trip rare while each member serves little more than what the page shows. The record more: the merge
    must see a member's next record before anything that sorts after it, so at least two records each. Asking
    every member for the whole ``limit`` would be exact too, at k times the members' work.
    """
    members = len(taken)
    if members <= 1:
        return [limit] * members
    known = [t for t in taken if t is not None]
    total = sum(known)
    even = len(known) < members or total == 0
    parts = [1 / members] * members if even else [(t or 0) / total for t in taken]
    margins = (
        [math.sqrt(limit * p * (1 - p)) for p in parts]
        if even or spread is None
        else [m if m >= HALF_RECORD else 0.0 for m in spread]  # a part that stopped moving: no margin left
    )
    # ``- EPSILON``: a part of exactly 34 records computed as 34.000000000000004 is 34 records, not 35
    return [min(limit, max(2, math.ceil(limit * p + m - EPSILON) + 1)) for p, m in zip(parts, margins, strict=True)]


@dataclass(frozen=True)
class Seen:
    """A listing's last first page: what each member gave it, and how far each member's part moves."""

    taken: tuple[int, ...]
    spread: tuple[float, ...]


class FirstPages:
    """Per replica, each listing's last first page (a cache: losing it costs one evenly split page).

    ``spread`` is an exponentially weighted mean of how far each member's part was from the part expected from
    the page before, starting from the binomial standard deviation: a part that does not move narrows its margin
    to nothing in a few pages (the member is asked for its part and one record more), a part that moves keeps a
    margin as wide as its moves. The key names the caller, so that one caller's listing never sizes another's;
    at most ``size`` listings are kept, the least recently listed dropped first.
    """

    #: the weight of the newest page in ``spread``
    WEIGHT = 0.5

    def __init__(self, size: int = 4096) -> None:
        self._seen: Lru[Hashable, Seen] = Lru(size)

    def get(self, key: Hashable) -> Seen | None:
        return self._seen.get(key)

    def note(self, key: Hashable, limit: int, taken: Sequence[int], before: Seen | None) -> None:
        """Remember what each member gave a first page of ``limit`` (``before``: what ``get`` gave for it)."""
        total = sum(taken)
        if total == 0:
            return
        if before is None or len(before.taken) != len(taken) or sum(before.taken) == 0:
            spread = tuple(math.sqrt(limit * (t / total) * (1 - t / total)) for t in taken)
        else:
            expected = [limit * t / sum(before.taken) for t in before.taken]
            spread = tuple(
                self.WEIGHT * abs(t - e) + (1 - self.WEIGHT) * s
                for t, e, s in zip(taken, expected, before.spread, strict=True)
            )
        self._seen.put(key, Seen(tuple(taken), spread))
