"""Bearer tokens (the adapter's ``CommonApiToken`` table) and the caller they identify.

USER reach is computed from Diamond's own membership tables on every request: ``ProposalHasPerson``, the PI
column ``Proposal.personId``, and ``Session_has_Person`` (a session member reaches that session's proposal, see
docs/site-mapping.md). STAFF sees everything; SERVICE tokens list their beamlines.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime

import ispyb.sqlalchemy as d
from sqlalchemy import select, union
from sqlalchemy.orm import Session

from ispyb_dls_adapter.db import CommonApiToken
from site_kit.problems import ProblemError

ROLES = ("USER", "STAFF", "SERVICE")


@dataclass(frozen=True)
class Caller:
    subject: str
    role: str
    person_id: int | None = None
    proposals: frozenset[int] = field(default_factory=frozenset)
    beamlines: frozenset[str] = field(default_factory=frozenset)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def unauthorized(detail: str) -> ProblemError:
    return ProblemError(401, detail, slug="unauthorized", headers={"WWW-Authenticate": 'Bearer realm="ispyb"'})


def proposals_of(db: Session, person_id: int) -> frozenset[int]:
    stmt = union(
        select(d.ProposalHasPerson.proposalId).where(d.ProposalHasPerson.personId == person_id),
        select(d.Proposal.proposalId).where(d.Proposal.personId == person_id),
        select(d.BLSession.proposalId)
        .join(d.SessionHasPerson, d.SessionHasPerson.sessionId == d.BLSession.sessionId)
        .where(d.SessionHasPerson.personId == person_id),
    )
    return frozenset(int(p) for p in db.execute(stmt).scalars())


def resolve(db: Session, token: str) -> Caller:
    row = db.execute(select(CommonApiToken).where(CommonApiToken.tokenSha256 == hash_token(token))).scalar()
    if row is None:
        raise unauthorized("The bearer token is unknown or has been revoked.")
    proposals = proposals_of(db, row.personId) if row.role == "USER" and row.personId else frozenset()
    beamlines = frozenset(b for b in (row.beamlines or "").split(",") if b)
    return Caller(row.subject, row.role, row.personId, proposals, beamlines)


def issue(
    db: Session, *, role: str, subject: str, person_id: int | None = None, beamlines: list[str] | None = None
) -> str:
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    token = "dls_" + secrets.token_urlsafe(32)
    db.add(
        CommonApiToken(
            tokenSha256=hash_token(token),
            role=role,
            subject=subject,
            personId=person_id,
            beamlines=",".join(sorted(beamlines or [])),
            createdAt=datetime.now(UTC).replace(tzinfo=None),
        )
    )
    return token
