"""The constraints the spec states as data, checked before a write: ``x-immutable``, ``x-unique``, ``x-maximum-from``.

Each check reads only what :mod:`site_kit.resources` took from the spec, so a constraint added to the
spec is enforced without code; each refusal is a 409 problem whose ``errors`` name the fields, answered before
the database would raise (the database's own UNIQUE constraints stay as the guard against races).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from reference_server.tables import table
from site_kit.problems import FieldError, ProblemError
from site_kit.resources import Resource, registry


def check_immutable(resource: Resource, existing: Any, values: dict[str, Any]) -> None:
    """A replace (PUT, or PATCH after merging) may repeat an ``x-immutable`` field's value, never change it."""
    errors = [
        FieldError(["body", name], "Set when the record was created; it cannot change (x-immutable).")
        for name in resource.immutable
        if (column := resource.field_index[name].column) in values and values[column] != getattr(existing, column)
    ]
    if errors:
        raise ProblemError(409, "A field fixed at creation would change.", slug="conflict", errors=errors)


def check_unique(db: Session, resource: Resource, values: dict[str, Any], own_id: int | None) -> None:
    """No other record of the collection holds the same values of an ``x-unique`` field set (NULL never collides).

    Uniqueness is collection-wide, whatever the caller may read: the answer names the fields, not the record.
    """
    for names in resource.unique:
        columns = [resource.field_index[name].column for name in names]
        if any(values.get(column) is None for column in columns):
            continue
        stmt = select(table(resource).id).limit(1)
        for column in columns:
            stmt = stmt.where(getattr(table(resource), column) == values[column])
        if own_id is not None:
            stmt = stmt.where(table(resource).id != own_id)
        if db.execute(stmt).first() is not None:
            together = ", ".join(names)
            raise ProblemError(
                409,
                f"Another {resource.name} already has these values of ({together}), which are unique (x-unique).",
                slug="conflict",
                errors=[FieldError(["body", name], f"Unique together with ({together}): taken.") for name in names],
            )


def check_bounds(db: Session, resource: Resource, values: dict[str, Any], served: frozenset[str]) -> None:
    """``x-maximum-from``: e.g. a sample's ``location`` at most its container's ``capacity``.

    Checked when the referenced record is served here (a reference into another service cannot be read).
    """
    for bound in resource.bounds:
        value = values.get(resource.field_index[bound.field].column)
        ref = values.get(resource.field_index[bound.reference].column)
        target = registry()[bound.target]
        if value is None or ref is None or target.module not in served:
            continue
        limit = db.execute(
            select(getattr(table(target), target.field_index[bound.property].column)).where(table(target).uuid == ref)
        ).scalar_one_or_none()
        if limit is not None and value > limit:
            raise ProblemError(
                409,
                f"{bound.field} exceeds the {bound.property} of the referenced {target.name} ({limit}).",
                slug="conflict",
                errors=[FieldError(["body", bound.field], f"At most the {target.name}'s {bound.property}: {limit}.")],
            )


def check_bounding(db: Session, resource: Resource, existing: Any, values: dict[str, Any]) -> None:
    """The other side of ``x-maximum-from``: a container's ``capacity`` cannot drop below a sample's ``location``."""
    for other in registry().values():
        for bound in other.bounds:
            if bound.target != resource.name:
                continue
            column = resource.field_index[bound.property].column
            limit = values.get(column)
            if limit is None or limit == getattr(existing, column):
                continue
            field = getattr(table(other), other.field_index[bound.field].column)
            reference = getattr(table(other), other.field_index[bound.reference].column)
            stmt = select(table(other).id).where(reference == existing.uuid, field > limit).limit(1)
            if db.execute(stmt).first() is not None:
                raise ProblemError(
                    409,
                    f"A {other.name} refers to this record with a {bound.field} above the new {bound.property}.",
                    slug="conflict",
                    errors=[FieldError(["body", bound.property], f"At least the {bound.field} of every {other.name}.")],
                )
