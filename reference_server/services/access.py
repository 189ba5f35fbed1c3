"""Who may read and write what: the authorization rules of the spec, as SQL clauses and checks.

Reading: USER sees the records of the proposals they are a member of; STAFF sees everything; SERVICE
reads the proposals, samples and shipping modules and only its own beamlines' acquisition and processing
records. Facility reference data (laboratories, detectors, beamline setups) is visible to every caller.
A record outside these rules is reported as not found, never as forbidden.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, false, or_, select, true
from sqlalchemy.orm import Session

from reference_server.auth import Caller
from reference_server.db.models import ProposalMember
from reference_server.tables import table
from site_kit.problems import ProblemError
from site_kit.resources import Resource, Visibility

BEAMLINE_MODULES = ("acquisition", "processing", "beamline-events")


def visible(resource: Resource, caller: Caller) -> ColumnElement[bool]:
    """SQL condition selecting the rows of ``resource`` the caller may read."""
    orm = table(resource)
    if caller.role == "STAFF" or resource.visibility is Visibility.PUBLIC:
        return true()
    if caller.role == "SERVICE":
        if resource.module in BEAMLINE_MODULES and resource.has_beamline:
            return orm.beamline_name.in_(sorted(caller.beamlines)) if caller.beamlines else false()
        return true()
    # USER
    proposals = sorted(caller.proposals, key=str)
    if resource.visibility is Visibility.SELF:
        return orm.uuid.in_(proposals) if proposals else false()
    if resource.visibility is Visibility.PERSON:
        members = select(ProposalMember.person_uuid).where(ProposalMember.proposal_uuid.in_(proposals))
        own = orm.uuid == caller.person if caller.person else false()
        return or_(own, orm.uuid.in_(members)) if proposals else own
    return orm.proposal_uuid.in_(proposals) if proposals else false()


def require_write_role(resource: Resource, caller: Caller) -> None:
    if caller.role not in resource.write_roles:
        allowed = ", ".join(sorted(resource.write_roles))
        raise ProblemError(
            403, f"Role {caller.role} may not write {resource.collection} (allowed: {allowed}).", slug="forbidden"
        )


def require_write_scope(resource: Resource, caller: Caller, proposal: object, beamline: object) -> None:
    """A writer must own the scope of the record it writes (after the role check)."""
    if caller.role == "SERVICE" and resource.has_beamline and beamline not in caller.beamlines:
        raise ProblemError(
            403, f"This service token writes only for beamlines {sorted(caller.beamlines)}.", slug="forbidden"
        )
    if caller.role == "USER" and resource.has_proposal and proposal not in caller.proposals:
        raise ProblemError(403, "Users write only records of the proposals they are members of.", slug="forbidden")


def require_sample_on_beamlines(db: Session, caller: Caller, sample_uuid: object) -> None:
    """A service token writes a record without a beamline (a sample image) only through the sample's beamlines.

    The record is in scope when a data collection group of its sample ran on one of the token's beamlines;
    a record with no sample, or a sample never measured there, is out of scope (403).
    """
    from reference_server.db.models import DataCollectionGroup

    if sample_uuid is not None and caller.beamlines:
        found = db.execute(
            select(DataCollectionGroup.id)
            .where(
                DataCollectionGroup.sample_uuid == sample_uuid,
                DataCollectionGroup.beamline_name.in_(sorted(caller.beamlines)),
            )
            .limit(1)
        ).first()
        if found is not None:
            return
    raise ProblemError(
        403,
        f"This service token writes only for beamlines {sorted(caller.beamlines)}: this sample was not measured there.",
        slug="forbidden",
    )
