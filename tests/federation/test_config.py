"""The members file (federation tokens by hash only, credentials never in a repr) and what members are asked."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from federation.config import parse, token_sha256
from federation.sizing import FirstPages, shares


def _doc(**extra: object) -> dict:
    return {
        "members": [{"name": "a", "url": "http://127.0.0.1:1"}],
        "callers": [
            {"tokenSha256": token_sha256("t0k"), "subject": "pi", "role": "USER", "credentials": {"a": "s3cret"}}
        ],
        **extra,
    }


def test_callers_are_keyed_by_the_tokens_hash_and_hide_credentials() -> None:
    config = parse(_doc())
    identity = config.callers[token_sha256("t0k")]
    assert identity.credentials == {"a": "s3cret"}
    assert "s3cret" not in repr(identity) and "s3cret" not in repr(config)
    assert "t0k" not in repr(config)


def test_bad_members_files_are_refused() -> None:
    with pytest.raises(ValueError, match="tokenSha256"):
        parse({**_doc(), "callers": [{"tokenSha256": "t0k", "role": "USER"}]})
    with pytest.raises(ValueError, match="unknown members"):
        parse({**_doc(), "callers": [{"tokenSha256": token_sha256("x"), "role": "USER", "credentials": {"b": "y"}}]})
    with pytest.raises(ValueError, match="unique"):
        parse({**_doc(), "members": [{"name": "a", "url": "http://x"}, {"name": "a", "url": "http://y"}]})


def test_compress_is_a_flag() -> None:
    with pytest.raises(ValueError, match="compress"):
        parse({**_doc(), "members": [{"name": "a", "url": "http://a", "compress": "yes"}]})


@given(
    limit=st.integers(1, 1000),
    taken=st.lists(st.one_of(st.none(), st.integers(0, 1000)), min_size=1, max_size=15),
)
def test_each_member_is_asked_for_at_least_its_part_of_the_last_page_and_never_past_the_limit(
    limit: int, taken: list[int | None]
) -> None:
    sizes = shares(limit, taken)
    assert len(sizes) == len(taken)
    assert all(min(limit, 2) <= size <= limit for size in sizes)
    if len(taken) > 1 and None not in taken and sum(taken):  # t of the total T: at least that part of the limit
        total = sum(t or 0 for t in taken)
        assert all(size >= min(limit, limit * (t or 0) / total) for size, t in zip(sizes, taken, strict=True))
    else:  # no history: an even split, at least 1/k of the page each
        assert all(size >= min(limit, limit / len(taken)) for size in sizes)


def test_a_first_page_listed_again_asks_each_member_for_its_part_and_one_more_once_the_parts_hold_still() -> None:
    memory = FirstPages()
    key = ("caller", "data-collections")
    asked = []
    for _ in range(8):
        seen = memory.get(key)
        asked.append(shares(100, list(seen.taken), seen.spread) if seen else shares(100, [None] * 3))
        memory.note(key, 100, [34, 33, 33], seen)
    assert asked[0] == [40, 40, 40]  # never seen: an even split and one standard deviation
    assert asked[-1] == [35, 34, 34]  # parts that do not move: the part and one record
    assert all(sum(a) >= sum(b) for a, b in pairwise(asked))
    # a part that moves widens its own margin again
    memory.note(key, 100, [60, 20, 20], memory.get(key))
    wide = shares(100, list(memory.get(key).taken), memory.get(key).spread)  # type: ignore[union-attr]
    assert wide[0] > 60 + 10 and wide[1] > 20 + 5
    assert memory.get(("another caller", "data-collections")) is None


def test_first_pages_remembers_a_bounded_number_of_listings() -> None:
    memory = FirstPages(size=3)
    for i in range(5):
        memory.note(i, 10, [5, 5], None)
    assert [memory.get(i) is not None for i in range(5)] == [False, False, True, True, True]
    memory.note(7, 10, [0, 0], None)  # an empty page says nothing about the parts
    assert memory.get(7) is None
