"""Bearer tokens of the DLS adapter (``CommonApiToken``, ``site_kit.mapped.tokens``), minted with a ``dls_`` prefix.

A USER token names a DLS ``Person.personId``; its proposals come from Diamond's membership tables whenever the
token is resolved (``site.proposals_of``). STAFF sees everything; SERVICE tokens list their beamlines.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from site_kit.caller import ROLES
from site_kit.mapped import issue_token

__all__ = ["ROLES", "issue"]


def issue(
    db: Session, *, role: str, subject: str, person_id: int | None = None, beamlines: list[str] | None = None
) -> str:
    """A new token (the caller commits)."""
    return issue_token(db, role=role, subject=subject, person=person_id, beamlines=beamlines, prefix="dls_")
