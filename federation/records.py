"""Members' answers turned into the federation's: records stating their site, problems passed on as they are."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date, datetime
from enum import Enum
from typing import Any

import orjson

from federation.listing import Entry
from federation.wire import Answer
from site_kit.problems import PROBLEM_BASE, FieldError, ProblemError
from site_kit.resources import PROVENANCE
from site_kit.seam import Record

#: headers of a member's refusal worth passing on to the client
PASSED_HEADERS = ("Retry-After", "ETag", "Allow", "WWW-Authenticate")


def with_site(doc: dict[str, Any], member: str) -> bytes:
    """The record's JSON with ``site`` naming the member it came from (the member's own statement replaced)."""
    doc[PROVENANCE] = member
    return orjson.dumps(doc)


def entries(items: list[dict[str, Any]], member: str, field: str, kind: str) -> list[Entry]:
    """A member's list page as entries to merge: each record's order value, UUID and document stating ``member``."""
    out = []
    for doc in items:
        doc[PROVENANCE] = member
        out.append(Entry(sort_value(doc, field, kind), doc["uuid"], doc))
    return out


def record(response: Answer, member: str) -> Record:
    doc = orjson.loads(response.content)
    return Record(uuid.UUID(doc["uuid"]), response.headers.get("etag", '""'), with_site(doc, member))


def problem(response: Answer, member: str) -> ProblemError:
    """The member's refusal (4XX problem+json) as the federation's own, with the same status, pointers, members."""
    try:
        doc = orjson.loads(response.content)
    except orjson.JSONDecodeError:
        doc = {}
    if not isinstance(doc, dict):
        doc = {}
    errors = []
    for raw in doc.get("errors") or ():
        error = FieldError([], str(raw.get("detail", "")))
        error.pointer = str(raw.get("pointer", ""))
        errors.append(error)
    kind = str(doc.get("type", ""))
    slug = kind.removeprefix(PROBLEM_BASE) if kind.startswith(PROBLEM_BASE) else None
    extra = {k: v for k, v in doc.items() if k not in ("type", "title", "status", "detail", "instance", "errors")}
    headers = {h: response.headers[h.lower()] for h in PASSED_HEADERS if h.lower() in response.headers}
    detail = str(doc.get("detail") or f"{member} answered {response.status_code}")
    return ProblemError(response.status_code, detail, errors=errors, slug=slug, headers=headers, members=extra)


def query_value(value: Any) -> str:
    """A parsed filter value as a query string value again (what the member's own parser reads)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return str(value.value)
    return str(value)


def query_params(filters: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Filters as (name, value) pairs; a filter of several values (a tuple) repeats its name."""
    out: list[tuple[str, str]] = []
    for name, value in filters.items():
        if name == PROVENANCE or value is None:
            continue
        values = value if isinstance(value, tuple | list) else (value,)
        out.extend((name, query_value(v)) for v in values)
    return out


def sort_value(doc: Mapping[str, Any], field: str, kind: str) -> Any:
    """The value a list is ordered by, comparable across members (instants as instants); None: absent."""
    value = doc.get(field)
    if value is None:
        return None
    if kind == "datetime" and isinstance(value, str):
        try:  # RFC 3339 as Python 3.11 reads it ("Z" included)
            return datetime.fromisoformat(value).timestamp()
        except ValueError:
            return value
    if isinstance(value, bool):
        return int(value)
    return value
