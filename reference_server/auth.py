"""Bearer tokens and the caller they identify.

A token maps to a role (USER, STAFF, SERVICE), a subject and, for users, a person whose proposal
memberships decide what they see; a service token lists the beamlines it writes for. Tokens are stored
hashed (SHA-256), may expire (``expires_at``) and are revoked by ``ispyb-server token revoke``.
"""

from __future__ import annotations

import hashlib
import secrets
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from reference_server.db.models import ApiToken, Proposal, ProposalMember
from reference_server.problems import ProblemError

ROLES = ("USER", "STAFF", "SERVICE")


@dataclass(frozen=True)
class Caller:
    subject: str
    role: str
    person_uuid: uuid.UUID | None = None
    proposals: frozenset[uuid.UUID] = field(default_factory=frozenset)
    beamlines: frozenset[str] = field(default_factory=frozenset)
    expires_at: datetime | None = None

    @property
    def is_staff(self) -> bool:
        return self.role == "STAFF"


class CallerCache:
    """Callers of recently seen tokens, for a few seconds.

    Resolving a token costs one or two queries on every request (15 % of a GET's CPU); caching the answer for
    ``ttl`` seconds removes them. The price: a revoked token, or a membership granted or withdrawn, takes effect
    up to ``ttl`` seconds later. Unknown tokens are never cached.
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


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def unauthorized(detail: str) -> ProblemError:
    return ProblemError(401, detail, slug="unauthorized", headers={"WWW-Authenticate": 'Bearer realm="ispyb"'})


def bearer_token(authorization: str | None) -> str:
    if not authorization:
        raise unauthorized("A bearer token is required (Authorization: Bearer <token>).")
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise unauthorized("The Authorization header must be 'Bearer <token>'.")
    return token.strip()


def resolve(db: Session, token: str) -> Caller:
    """The caller behind ``token``; 401 when it is unknown."""
    row = db.execute(select(ApiToken).where(ApiToken.token_sha256 == hash_token(token))).scalar_one_or_none()
    if row is None or row.revoked_at is not None:
        raise unauthorized("The bearer token is unknown or has been revoked.")
    if row.expires_at is not None and row.expires_at <= datetime.now(UTC):
        raise unauthorized("The bearer token has expired.")
    proposals = frozenset(uuid.UUID(p) for p in row.proposals or ())
    if row.role == "USER" and row.person_uuid is not None:
        proposals |= frozenset(
            db.execute(
                select(ProposalMember.proposal_uuid).where(ProposalMember.person_uuid == row.person_uuid)
            ).scalars()
        )
    return Caller(
        subject=row.subject,
        role=row.role,
        person_uuid=row.person_uuid,
        proposals=proposals,
        beamlines=frozenset(row.beamlines or ()),
        expires_at=row.expires_at,
    )


def issue(
    db: Session,
    *,
    role: str,
    subject: str,
    person_uuid: uuid.UUID | None = None,
    beamlines: list[str] | None = None,
    proposals: list[uuid.UUID] | None = None,
    token: str | None = None,
    expires_at: datetime | None = None,
) -> str:
    """Store a new token (or register a given one, to share it between services) and return it."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    token = token or "ispyb_" + secrets.token_urlsafe(32)
    db.add(
        ApiToken(
            token_sha256=hash_token(token),
            role=role,
            subject=subject,
            person_uuid=person_uuid,
            beamlines=sorted(beamlines or []),
            proposals=sorted(str(p) for p in proposals or []),
            created_at=datetime.now(UTC),
            expires_at=expires_at,
        )
    )
    return token


def revoke(db: Session, *, token: str | None = None, subject: str | None = None) -> list[str]:
    """Mark a token (by value), or every live token of a subject, revoked; the hashes revoked are returned.

    Another server process keeps serving a revoked token from its caller cache for at most its ``ttl``
    (``Settings.caller_cache_seconds``, 10 s by default); a process that is handed the hashes (``CallerCache.forget``)
    refuses it at once.
    """
    if (token is None) == (subject is None):
        raise ValueError("give exactly one of token and subject")
    query = select(ApiToken).where(ApiToken.revoked_at.is_(None))
    query = (
        query.where(ApiToken.token_sha256 == hash_token(token)) if token else query.where(ApiToken.subject == subject)
    )
    now = datetime.now(UTC)
    revoked = []
    for row in db.execute(query).scalars():
        row.revoked_at = now
        revoked.append(row.token_sha256)
    return revoked


def proposal_names(db: Session, proposals: frozenset[uuid.UUID]) -> list[tuple[uuid.UUID, str]]:
    if not proposals:
        return []
    rows = db.execute(select(Proposal.uuid, Proposal.name).where(Proposal.uuid.in_(proposals)).order_by(Proposal.id))
    return [(r.uuid, r.name or "") for r in rows]
