"""Rows to JSON documents and back, by the mechanical camelCase ↔ snake_case mapping of the registry.

Absent values are omitted, never ``null``: the spec says an absent field is unknown to the site.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

import orjson

from reference_server.services.hooks import hooks_of
from site_kit.resources import Resource


def etag(row: Any) -> str:
    return f'"{row.version}"'


def to_json_dict(resource: Resource, row: Any, *, writable_only: bool = False) -> dict[str, Any]:
    """The record as a document; UUIDs and instants stay Python objects (orjson writes them without copies)."""
    doc: dict[str, Any] = {} if writable_only else {"uuid": row.uuid}
    for field in resource.fields:
        if writable_only and field.derived:
            continue
        value = getattr(row, field.column)
        if value is None:
            continue
        doc[field.name] = value
    if not writable_only:
        doc["createdAt"] = row.created_at
        doc["updatedAt"] = row.updated_at
        hooks_of(resource.name).present(doc)
    return doc


#: instants are UTC (``UtcDateTime``): orjson writes them as RFC 3339 with ``Z``
_JSON_OPTIONS = orjson.OPT_UTC_Z


def render(resource: Resource, row: Any) -> bytes:
    return orjson.dumps(to_json_dict(resource, row), option=_JSON_OPTIONS)


def render_page(resource: Resource, rows: list[Any], next_token: str | None, next_link: str | None) -> bytes:
    page: dict[str, Any] = {"items": [to_json_dict(resource, row) for row in rows]}
    if next_token:
        page["nextPageToken"] = next_token
        page["next"] = next_link
    return orjson.dumps(page, option=_JSON_OPTIONS)


def column_values(resource: Resource, data: dict[str, Any]) -> dict[str, Any]:
    """Column values for a full write from a JSON-mode dump of the input model (absent fields become NULL)."""
    values: dict[str, Any] = {}
    for field in resource.fields:
        if field.derived:
            continue
        value = data.get(field.name)
        if value is not None:
            if field.kind == "uuid":
                value = uuid.UUID(value)
            elif field.kind == "datetime":
                value = datetime.fromisoformat(value).astimezone(UTC)
            elif field.kind == "date":
                value = date.fromisoformat(value)
        values[field.column] = value
    return values
