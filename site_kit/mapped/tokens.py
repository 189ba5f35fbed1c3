"""Bearer tokens in the adapter's ``CommonApiToken`` table, and the callers they identify.

A USER's reach is computed from the site's own membership tables (``Membership.proposals_of``) whenever a token
is resolved, so that a membership granted or withdrawn at the site is what the API obeys; STAFF reaches
everything; a SERVICE token lists its beamlines.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from site_kit.caller import Caller, hash_token, role_of, unauthorized
from site_kit.mapped.db import CommonApiToken
from site_kit.mapped.site import Membership


def resolve_token(db: Session, token: str, membership: Membership) -> Caller:
    """The caller of a token; 401 when the token is unknown or revoked."""
    row = db.execute(select(CommonApiToken).where(CommonApiToken.tokenSha256 == hash_token(token))).scalar()
    if row is None:
        raise unauthorized("The bearer token is unknown or has been revoked.")
    role = role_of(row.role)
    proposals: frozenset[int] = frozenset()
    if role == "USER" and row.personId:
        proposals = frozenset(int(p) for p in db.execute(membership.proposals_of(row.personId)).scalars())
    beamlines = frozenset(b for b in (row.beamlines or "").split(",") if b)
    return Caller(row.subject, role, frozenset(proposals), beamlines, row.personId)


def issue_token(
    db: Session,
    *,
    role: str,
    subject: str,
    person: int | None = None,
    beamlines: list[str] | None = None,
    prefix: str = "site_",
) -> str:
    """Mint a token (stored as its SHA-256 hash; the caller commits) and return it in clear."""
    role_of(role)
    token = prefix + secrets.token_urlsafe(32)
    db.add(
        CommonApiToken(
            tokenSha256=hash_token(token),
            role=role,
            subject=subject,
            personId=person,
            beamlines=",".join(sorted(beamlines or [])),
            createdAt=datetime.now(UTC).replace(tzinfo=None),
        )
    )
    return token
