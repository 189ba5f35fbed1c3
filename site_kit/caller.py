"""The caller of a request and the roles contract, the same for every implementation.

The spec knows three roles (``x-roles`` on each operation): USER reads and writes within the proposals they
belong to, STAFF everything, SERVICE (a beamline's or a pipeline's token) writes for its beamlines. What a
proposal key or a person is belongs to the site (the reference server keys proposals by UUID, the DLS and ESRF
adapters by ``proposalId``), so those are opaque ``Hashable`` values here: the kit only carries them from
``Storage.resolve_caller`` back to the storage.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Hashable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal

from site_kit.problems import ProblemError

Role = Literal["USER", "STAFF", "SERVICE"]
ROLES: tuple[Role, ...] = ("USER", "STAFF", "SERVICE")


@dataclass(frozen=True)
class Caller:
    """Who sent a request, resolved from its bearer token by the site's storage."""

    subject: str
    role: Role
    #: the proposals a USER reaches (site-defined keys); ignored for STAFF
    proposals: frozenset[Hashable] = field(default_factory=frozenset)
    #: the beamlines a SERVICE writes (and reads acquisition/processing records) for
    beamlines: frozenset[str] = field(default_factory=frozenset)
    #: the site's key of the person behind a USER token (who they are, for Person visibility)
    person: Hashable | None = None
    #: when the token stops being valid (a cache never serves it past this instant)
    expires_at: datetime | None = None

    @property
    def is_staff(self) -> bool:
        return self.role == "STAFF"


def role_of(value: str) -> Role:
    """A role name as stored or claimed, checked: ValueError for anything outside the spec's three roles."""
    for role in ROLES:
        if value == role:
            return role
    raise ValueError(f"unknown role {value!r} (known: {', '.join(ROLES)})")


def hash_token(token: str) -> str:
    """SHA-256 of a token: tokens are stored, cached and revoked by hash, never in clear."""
    return hashlib.sha256(token.encode()).hexdigest()


class CallerCache:
    """Callers of recently seen tokens, for a few seconds.

    Resolving a token costs one or two queries on every request (15 % of a GET's CPU in the reference server);
    caching the answer for ``ttl`` seconds removes them. The price: a revoked token, or a membership granted or
    withdrawn, takes effect up to ``ttl`` seconds later. Unknown tokens are never cached.
    """

    def __init__(self, ttl: float = 10.0, size: int = 10_000) -> None:
        self.ttl = ttl
        self.size = size
        self._entries: dict[str, tuple[float, Caller]] = {}

    def get(self, token: str) -> Caller | None:
        entry = self._entries.get(hash_token(token))
        if entry is None or entry[0] < time.monotonic():
            return None
        return entry[1]

    def put(self, token: str, caller: Caller) -> None:
        if len(self._entries) >= self.size:
            self._entries.clear()  # crude but bounded: a burst of distinct tokens cannot grow memory
        ttl = self.ttl
        if caller.expires_at is not None:  # never serve a token from the cache past its expiry
            ttl = min(ttl, (caller.expires_at - datetime.now(UTC)).total_seconds())
        self._entries[hash_token(token)] = (time.monotonic() + ttl, caller)

    def forget(self, token_sha256: str | None = None) -> None:
        """Drop one token's entry (by its hash), or every entry: a revocation takes effect at once here."""
        if token_sha256 is None:
            self._entries.clear()
        else:
            self._entries.pop(token_sha256, None)


def unauthorized(detail: str) -> ProblemError:
    """401 with the challenge the spec's bearer scheme names."""
    return ProblemError(401, detail, slug="unauthorized", headers={"WWW-Authenticate": 'Bearer realm="ispyb"'})


def bearer_token(authorization: str | None) -> str:
    """The token of an ``Authorization: Bearer <token>`` header; 401 when absent or of another scheme."""
    if not authorization:
        raise unauthorized("A bearer token is required (Authorization: Bearer <token>).")
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise unauthorized("The Authorization header must be 'Bearer <token>'.")
    return token.strip()


def require_write_role(write_roles: frozenset[str], collection: str, caller: Caller) -> None:
    """403 unless the caller's role may write the collection (the operation's ``x-roles``)."""
    if caller.role not in write_roles:
        allowed = ", ".join(sorted(write_roles))
        raise ProblemError(
            403, f"Role {caller.role} may not write {collection} (allowed: {allowed}).", slug="forbidden"
        )
