"""``site-config``: a conformance-suite configuration for this adapter (``site_kit.mapped.suite``'s format).

Proposal mx23694 (the first demo proposal) is both the sandbox for writes and the source of the fixture manifest;
mx24101 is the foreign proposal. Fresh tokens are minted for the four identities. ``writes.classes`` tells the
suite which classes it writes here: every class the adapter writes. The suite's lab contacts in the sandbox
proposal respect DLS's one ``LabContact`` per person and proposal (the spec's ``x-unique``; the sandbox reuses
its record and names a person the site holds no card for).
"""

from __future__ import annotations

from typing import Any

import ispyb.sqlalchemy as d
from sqlalchemy import Engine, select

from ispyb_dls_adapter.site import SITE, WRITE_CLASSES
from site_kit.mapped import MappedStorage
from site_kit.mapped.suite import SuiteUser, mapped_suite_config

SERVICE_BEAMLINE = "i03"


def build(engine: Engine, base_url: str, site: str) -> dict[str, Any]:
    """The site.yaml document; the owner's and the other user's tokens are their proposals' PIs' (pi0, pi1)."""
    storage = MappedStorage(SITE, engine, site)
    with storage.sessions() as db:
        own, foreign = db.execute(select(d.Proposal).order_by(d.Proposal.proposalId).limit(2)).scalars().all()
    return mapped_suite_config(
        storage,
        base_url,
        owner=SuiteUser(own.proposalId, own.personId, "pi0"),
        other_user=SuiteUser(foreign.proposalId, foreign.personId, "pi1"),
        beamline=SERVICE_BEAMLINE,
        write_classes=list(WRITE_CLASSES),
    )
