"""JSON Merge Patch and the entity-tag comparisons of conditional requests (RFC 7396, RFC 9110 §13.1)."""

from __future__ import annotations

from typing import Any


def merge_patch(target: Any, patch: Any) -> Any:
    """RFC 7396: objects merge recursively, null deletes, anything else replaces."""
    if not isinstance(patch, dict):
        return patch
    result = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


def if_match(header: str | None, current: str) -> bool:
    """Whether a write conditioned by ``If-Match: header`` may go ahead on a record tagged ``current``.

    No header: yes. ``*``: yes (the record exists). Otherwise a strong comparison (RFC 9110 §13.1.1): a weak
    tag ``W/"…"`` never matches, since a weak tag does not name the exact representation the client read.
    """
    if header is None:
        return True
    if header.strip() == "*":
        return True
    return current in [t.strip() for t in header.split(",")]


def none_match(if_none_match: str, current: str) -> bool:
    """RFC 9110 §13.1.2: ``If-None-Match`` matches by weak comparison (``W/"3"`` matches ``"3"``), or ``*``."""
    if if_none_match.strip() == "*":
        return True
    opaque = current.removeprefix("W/")
    return any(tag.strip().removeprefix("W/") == opaque for tag in if_none_match.split(","))
