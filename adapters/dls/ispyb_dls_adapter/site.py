"""Diamond's site as ``site_kit.mapped`` serves it: its mappings, hooks, clock and membership, and its profile.

USER reach comes from Diamond's own membership tables on every token resolution: ``ProposalHasPerson``, the PI
column ``Proposal.personId`` and ``Session_has_Person`` (a session member reaches that session's proposal, see
docs/site-mapping.md). Who a user may see among people (``Person`` visibility): members and PIs of the user's
proposals.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import ispyb.sqlalchemy as d
from sqlalchemy import Select, select, union

from ispyb_dls_adapter import __version__, convert
from ispyb_dls_adapter.hooks import HOOKS
from ispyb_dls_adapter.mapping import all_mappings
from site_kit.mapped import MappedSite, MappedStorage, Membership
from site_kit.profile import SiteProfile

DEFAULT_SITE = "diamond.ac.uk"
#: the six backbone classes and the change feed (an outbox table beside Diamond's schema: site_kit.mapped.changes);
#: Diamond's schema has no beamline-event tables
CLASSES = frozenset({"core", "proposals", "samples", "shipping", "acquisition", "processing", "changes"})
#: every class is written: a user-office sync writes proposals and sessions, users register shipments and samples,
#: beamlines and pipelines write acquisition and processing
WRITE_CLASSES = ("proposals", "samples", "shipping", "acquisition", "processing", "changes")
IMPLEMENTATION = f"ispyb-dls-adapter {__version__}"


def proposals_of(person: int) -> Select[Any]:
    return union(
        select(d.ProposalHasPerson.proposalId).where(d.ProposalHasPerson.personId == person),
        select(d.Proposal.proposalId).where(d.Proposal.personId == person),
        select(d.BLSession.proposalId)
        .join(d.SessionHasPerson, d.SessionHasPerson.sessionId == d.BLSession.sessionId)
        .where(d.SessionHasPerson.personId == person),
    )  # type: ignore[return-value]


def people_of(proposals: Sequence[int]) -> list[Select[Any]]:
    return [
        select(d.ProposalHasPerson.personId).where(d.ProposalHasPerson.proposalId.in_(proposals)),
        select(d.Proposal.personId).where(d.Proposal.proposalId.in_(proposals)),
    ]


#: the site as the kit serves it (and as adapters/site_mapping.py documents it)
SITE = MappedSite(
    implementation=IMPLEMENTATION,
    mappings=all_mappings(),
    clock=convert.CLOCK,
    membership=Membership(proposals_of=proposals_of, people_of=people_of),
    hooks=HOOKS,
    token_prefix="dls_",
)


def profile(site_name: str, storage: MappedStorage) -> SiteProfile:
    return SiteProfile(
        site_name=site_name,
        implementation=IMPLEMENTATION,
        classes=CLASSES,
        read_only=CLASSES - {"core", *WRITE_CLASSES},
        resources=storage.served(),
        description="ISPyB Common API over Diamond's ISPyB schema (DLS-DB 5.2.0)",
    )
