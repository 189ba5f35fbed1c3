"""What one GraphQL request carries: the contract, the site as this caller sees it, and its loaders.

Loaders live exactly as long as the request (a cache across requests would mix callers' reach).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from graphql_layer.contract import Collection, Contract
from graphql_layer.loader import DataLoader
from graphql_layer.resolvers import Key, Record, record_loader, relation_loader
from graphql_layer.upstream import Params, Upstream


@dataclass
class RequestContext:
    contract: Contract
    upstream: Upstream
    _records: dict[str, DataLoader[str, Record | None]] = field(default_factory=dict)
    _relations: dict[tuple[str, str, tuple[tuple[str, str], ...]], DataLoader[Key, Record]] = field(
        default_factory=dict
    )

    def records(self, record: str) -> DataLoader[str, Record | None]:
        if record not in self._records:
            self._records[record] = record_loader(self, self.contract.collections[record])
        return self._records[record]

    def relations(self, c: Collection, via: str, params: Params) -> DataLoader[Key, Record]:
        key = (c.record, via, tuple(params))
        if key not in self._relations:
            self._relations[key] = relation_loader(self, c, via, params)
        return self._relations[key]

    def prime(self, c: Collection, items: Sequence[dict[str, Any]]) -> None:
        """Records met in a list: a later link to one of them costs no request."""
        loader = self.records(c.record)
        for item in items:
            if item.get("uuid") is not None:
                loader.prime(str(item["uuid"]), item)
