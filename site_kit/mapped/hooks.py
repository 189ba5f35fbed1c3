"""Per-resource behaviour the column mapping cannot express: one hooks object per resource, never a name test.

A record that spans several site tables (DLS: a data collection's SSX rows, a job's parameters, a screening's
strategies) declares a ``ResourceHooks`` subclass and the site passes it by resource name
(``MappedSite(hooks={"ProcessingJob": JobHooks(), …})``). Every method is called inside the write transaction
(the storage rolls back on any exception) with the ``Repository`` of that transaction; the defaults do nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from site_kit.mapped.db import CommonApiRecord
    from site_kit.mapped.repository import Repository

#: the adapter's bookkeeping rows of a page, by (table name, row key)
Meta = dict[tuple[str, int], "CommonApiRecord"]


class ResourceHooks:
    """What one resource does beyond its main row. Override only what the resource needs."""

    def read_extras(self, repo: Repository, keys: list[int], meta: Meta) -> dict[int, dict[str, Any]]:
        """Fields read from other tables (``Field(name, None)``), by row key, for a page of rows."""
        return {}

    def before_write(self, repo: Repository, body: dict[str, Any], values: dict[str, Any], key: int | None) -> None:
        """Fill main-table ``values`` that come from other tables, before the main row is written.

        ``body`` is the full representation sent (JSON), ``key`` None for an insert.
        """

    def after_write(self, repo: Repository, body: dict[str, Any], key: int) -> None:
        """Write the rows of the other tables the record spans, once its main row (``key``) exists."""

    def before_delete(self, repo: Repository, key: int) -> None:
        """Remove the rows that refer to the main row, before it is deleted."""

    def after_delete(self, repo: Repository, key: int, row: Any) -> None:
        """Remove helper rows only the deleted record used (``row``: the deleted ORM object)."""


NO_HOOKS = ResourceHooks()
