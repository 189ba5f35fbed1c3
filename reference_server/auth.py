"""Bearer tokens and the caller they identify.

A token maps to a role (USER, STAFF, SERVICE), a subject and, for users, a person whose proposal
memberships decide what they see; a service token lists the beamlines it writes for. Tokens are stored
hashed (SHA-256), may expire (``expires_at``) and are revoked by ``ispyb-server token revoke``.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Hashable
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from reference_server.db.models import ApiToken, Proposal, ProposalMember
from site_kit.caller import ROLES, Caller, CallerCache, bearer_token, hash_token, role_of, unauthorized

__all__ = ["ROLES", "Caller", "CallerCache", "bearer_token", "hash_token", "issue", "resolve", "revoke", "unauthorized"]


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
        role=role_of(row.role),
        person=row.person_uuid,
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


def proposal_names(db: Session, proposals: frozenset[Hashable]) -> list[tuple[uuid.UUID, str]]:
    if not proposals:
        return []
    rows = db.execute(select(Proposal.uuid, Proposal.name).where(Proposal.uuid.in_(proposals)).order_by(Proposal.id))
    return [(r.uuid, r.name or "") for r in rows]
