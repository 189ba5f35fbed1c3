"""A site declared as data: its mappings, its hooks, its clock and who its people reach.

``MappedSite`` is everything ``MappedStorage`` needs to know about one site's schema; nothing in the kit names a
site table. It adds ``createdAt`` to every mapping (the instant the adapter recorded for rows written through
the API, else the first of the site's own stamps in UTC) so that ``orderBy=createdAt`` sorts by the value shown.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Select, and_, cast, func
from sqlalchemy.dialects.mysql import DATETIME
from sqlalchemy.orm import aliased

from site_kit.mapped.db import CommonApiRecord
from site_kit.mapped.fields import Field, Mapping
from site_kit.mapped.hooks import NO_HOOKS, ResourceHooks
from site_kit.mapped.vocabulary import SiteClock


@dataclass(frozen=True)
class Membership:
    """Who a USER reaches, in the site's own membership tables.

    ``proposals_of(person)``: a SELECT of the proposal keys a person reaches (member, principal investigator,
    session member…); evaluated when a token is resolved. ``people_of(proposals)``: SELECTs of the person keys
    a caller with these proposals may read (resources with ``visibility="person"``), OR-ed together.
    """

    proposals_of: Callable[[Any], Select[Any]]
    people_of: Callable[[Sequence[Any]], Iterable[Select[Any]]]


class MappedSite:
    """One site's schema as the kit serves it.

    ``implementation`` names the software on the landing page (``"ispyb-dls-adapter 0.2.0"``);
    ``token_prefix`` starts every token minted (``"dls_"``) so that a leaked one says where it belongs.
    """

    def __init__(
        self,
        *,
        implementation: str,
        mappings: Iterable[Mapping],
        clock: SiteClock,
        membership: Membership,
        hooks: dict[str, ResourceHooks] | None = None,
        token_prefix: str = "site_",
    ) -> None:
        self.implementation = implementation
        self.clock = clock
        self.membership = membership
        self.token_prefix = token_prefix
        self.mappings: dict[str, Mapping] = {}
        for m in mappings:
            m = self._with_created_at(m)
            m.index.update({f.name: f for f in m.fields})
            if m.name in self.mappings:
                raise ValueError(f"{m.name} is mapped twice")
            self.mappings[m.name] = m
        self.by_code: dict[int, Mapping] = {m.table_code: m for m in self.mappings.values()}
        if len(self.by_code) != len(self.mappings):
            raise ValueError("two mappings share a table code (their UUIDs would collide)")
        # CommonApiRecord keys client UUIDs and instants by (table, row): one resource per table
        self.by_table: dict[str, Mapping] = {m.table_name: m for m in self.mappings.values()}
        if len(self.by_table) != len(self.mappings):
            raise ValueError("two mappings share a main table (their CommonApiRecord rows would collide)")
        self.hooks: dict[str, ResourceHooks] = dict(hooks or {})
        unknown = set(self.hooks) - set(self.mappings)
        if unknown:
            raise ValueError(f"hooks for resources that are not mapped: {sorted(unknown)}")

    def hooks_of(self, name: str) -> ResourceHooks:
        return self.hooks.get(name, NO_HOOKS)

    def _with_created_at(self, m: Mapping) -> Mapping:
        """``createdAt`` as an SQL expression: CommonApiRecord's instant, else the site's stamps in UTC, else NULL
        (absent, listed last); ``Repository.render`` shows the same value."""
        record = aliased(CommonApiRecord)
        stamps = [expr if utc else self.clock.local_to_utc(expr) for expr, utc in m.created]
        expr = func.coalesce(record.createdAt, *stamps) if stamps else record.createdAt
        created = Field("createdAt", cast(expr, DATETIME(fsp=6)), utc=True)
        join = (record, and_(record.tableName == m.table_name, record.rowKey == m.key))
        return replace(m, fields=(*m.fields, created), joins=(*m.joins, join))
