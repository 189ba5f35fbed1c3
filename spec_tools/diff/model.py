"""What a spec diff produces: changes, each judged separately for clients and for servers.

A change can break one side only. Removing a response field breaks clients that read it, while servers
written against the old spec still conform. Adding an operation breaks no client, but a site implementing
the old spec no longer implements the whole new one. So every change carries two impacts.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import IntEnum, StrEnum
from typing import Any


class Impact(IntEnum):
    """How much a change matters to one side, ordered so that ``max()`` gives the worst."""

    DOCS = 0  # descriptions, summaries, examples: nothing on the wire changes
    COMPATIBLE = 1  # the wire contract changes, but existing code keeps working
    BREAKING = 2  # existing code built on the old spec can fail

    @property
    def label(self) -> str:
        return {0: "docs", 1: "compatible", 2: "breaking"}[int(self)]


class Audience(StrEnum):
    """Whose compatibility ``--fail-on`` and the version policy judge."""

    CLIENTS = "clients"
    SERVERS = "servers"
    BOTH = "both"


class Direction(StrEnum):
    """Which way a schema's data flows: what tightens for one direction loosens for the other."""

    REQUEST = "request"
    RESPONSE = "response"


@dataclass(frozen=True)
class Change:
    """One difference between two specs."""

    kind: str  # stable id, e.g. ``response-property-removed``
    where: str  # ``GET /v1/samples`` or ``Sample.name [response]``
    message: str
    client: Impact
    server: Impact

    def impact(self, audience: Audience) -> Impact:
        if audience is Audience.CLIENTS:
            return self.client
        if audience is Audience.SERVERS:
            return self.server
        return max(self.client, self.server)

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["client"] = self.client.label
        data["server"] = self.server.label
        return data


def worst(changes: list[Change], audience: Audience) -> Impact | None:
    """The highest impact among ``changes`` for ``audience``; None when there is no change at all."""
    return max((c.impact(audience) for c in changes), default=None)


BREAKS_CLIENTS = (Impact.BREAKING, Impact.COMPATIBLE)
BREAKS_SERVERS = (Impact.COMPATIBLE, Impact.BREAKING)
BREAKS_BOTH = (Impact.BREAKING, Impact.BREAKING)
COMPATIBLE = (Impact.COMPATIBLE, Impact.COMPATIBLE)
DOCS = (Impact.DOCS, Impact.DOCS)


def narrowing(direction: Direction) -> tuple[Impact, Impact]:
    """(client, server) impact of accepting or producing *fewer* values than before.

    In a request, fewer accepted values break clients that send the others. In a response, fewer possible
    values are a promise servers written for the old spec may not keep.
    """
    return BREAKS_CLIENTS if direction is Direction.REQUEST else BREAKS_SERVERS


def widening(direction: Direction) -> tuple[Impact, Impact]:
    """(client, server) impact of *more* values: old servers reject them, old clients do not expect them."""
    return BREAKS_SERVERS if direction is Direction.REQUEST else BREAKS_CLIENTS
