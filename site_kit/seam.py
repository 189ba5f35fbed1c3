"""The seam: the one protocol a site implements to serve the ISPyB Common API over its own database.

The kit (``site_kit.app.create_app``) does everything the spec says about HTTP: it routes the spec's
operations, parses and validates bodies with the generated models, parses list queries, issues and verifies
page tokens, answers ``304``/``ETag``/``Location``/``Allow``, and turns every ``ProblemError`` into
problem+json. What only the site can answer — who a token is, which records exist, who may see and change
them — it asks a ``Storage``:

=================  ==================================================================================
method             answers
=================  ==================================================================================
``resolve_caller`` the ``Caller`` behind a bearer token (401 ``ProblemError`` when unknown or expired)
``get``            one record the caller may read (404 when absent *or* out of the caller's reach)
``page``           one page of the readable records matching ``PageRequest`` (filters, order, keyset)
``create``         POST: a new record from a validated ``<Name>Input`` body (403/409/422 refusals)
``put``            PUT: create under the client's UUID (True) or replace (False); honours preconditions
``patch``          PATCH: apply a JSON Merge Patch (``site_kit.patch.merge_patch``), validate, write
``delete``         DELETE: remove the record (412 on a stale If-Match, 409 while others refer to it)
``me``             the ``/v1/me`` document of the caller (``Caller`` schema of the spec)
``healthy``        whether the database answers (``/health``: 200 or 503)
=================  ==================================================================================

Every method is synchronous: the kit calls it in a worker thread, never on the event loop, so a storage may
block on its database. One exception: ``page`` may be a coroutine function (``async def``), which the kit awaits
on the event loop instead — for a storage that only waits on other servers, as a federation does on its members
(no worker thread per list request, no hop between threads); such a ``page`` must never block. A storage
refuses by raising ``site_kit.problems.ProblemError`` (``not_found``, ``unresolved``, ``invalid``…).
``Record.body`` is the representation already serialized (the kit never re-encodes it: a list page is the
records' bytes joined), and ``Record.etag`` its strong entity tag.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from pydantic import BaseModel

from site_kit.caller import Caller
from site_kit.paging import Order, Position
from site_kit.resources import Resource

__all__ = ["Caller", "Page", "PageRequest", "Preconditions", "Record", "Storage"]


@dataclass(frozen=True)
class Record:
    """One record as the client receives it: its UUID, strong ETag (``"…"``, quotes included) and JSON body."""

    uuid: uuid.UUID
    etag: str
    #: the spec's representation of the record (``<Name>`` schema), serialized as JSON
    body: bytes


@dataclass(frozen=True)
class PageRequest:
    """A parsed list request: the declared filters in effect, the order, the page size, where to resume."""

    #: query parameter name (the spec's, e.g. ``sessionUuid``, ``startedAfter``) → parsed value; absent ones omitted
    filters: Mapping[str, Any]
    #: one of the orders the list operation declares (``orderBy``), the default when the client gave none
    order: Order
    limit: int
    #: where the previous page ended, read back from a verified page token; None for the first page
    after: Position | None


@dataclass(frozen=True)
class Page:
    """One page of records and, unless it is the last, where the next one starts (the kit makes it a token).

    The records come serialized (``items``, as ``get`` returns them) or, from a storage that holds them as JSON
    documents rather than bytes (a federation, reading its members' answers), as ``documents``: the spec's
    representations as dicts, which the kit serializes with the page in one call (half what a federated page
    costs record by record, ``bench/results/ab.md``). Give one of the two; ``items`` is empty with ``documents``.
    """

    items: list[Record]
    next: Position | None
    #: a federation's members whose records the page lacks (``UnavailableSite`` of the spec: site, reason, detail)
    unavailable: tuple[Mapping[str, Any], ...] = ()
    #: the records as JSON documents instead of ``items`` (None: the records are ``items``)
    documents: list[dict[str, Any]] | None = None


@dataclass(frozen=True)
class Preconditions:
    """The conditional headers of a write, as sent (``site_kit.patch.if_match`` compares them)."""

    if_match: str | None = None
    #: only ``*`` on PUT: create, never replace (412 when the record exists)
    if_none_match: str | None = None


class Storage(Protocol):
    """What a site answers for the kit. See the module docstring for each method's contract.

    The ``site`` list filter (provenance) never reaches a single site's storage: the kit answers it from the
    profile's ``site_name``. A storage holding several sites' records (a federation) sets a class attribute
    ``states_sites = True`` and receives it in ``PageRequest.filters``.
    """

    def resolve_caller(self, token: str) -> Caller:
        """The caller behind ``token``; raise a 401 ``ProblemError`` (``site_kit.caller.unauthorized``) if none."""
        ...

    def get(self, caller: Caller, resource: Resource, uuid: uuid.UUID) -> Record:
        """The record, or 404 when it does not exist or the caller may not read it (never 403: no oracle)."""
        ...

    def page(self, caller: Caller, resource: Resource, request: PageRequest) -> Page | Awaitable[Page]:
        """The next page of the records the caller may read, in ``request.order``, after ``request.after``.

        Synchronous (a worker thread runs it) or ``async def`` (awaited on the event loop; see the module)."""
        ...

    def create(self, caller: Caller, resource: Resource, body: BaseModel) -> Record:
        """Store a new record from ``body`` (an instance of ``resource.input_model``) under a new UUID."""
        ...

    def put(
        self, caller: Caller, resource: Resource, uuid: uuid.UUID, body: BaseModel, pre: Preconditions
    ) -> tuple[Record, bool]:
        """Create the record under ``uuid`` (True: 201) or replace it (False: 200); idempotent."""
        ...

    def patch(
        self, caller: Caller, resource: Resource, uuid: uuid.UUID, patch: dict[str, Any], pre: Preconditions
    ) -> Record:
        """Merge ``patch`` (the members sent, JSON values; null deletes) into the record and store the result."""
        ...

    def delete(self, caller: Caller, resource: Resource, uuid: uuid.UUID, pre: Preconditions) -> None:
        """Remove the record (404 when out of reach, 412 on a stale If-Match, 409 while others refer to it)."""
        ...

    def me(self, caller: Caller) -> dict[str, Any]:
        """The ``/v1/me`` document: subject, role, proposals (uuid + name), beamlines, personUuid if any."""
        ...

    def healthy(self) -> bool:
        """Whether the database answers now (a cheap query); False makes ``/health`` answer 503."""
        ...
