"""``site-config``: a conformance-suite configuration for this adapter (``site_kit.mapped.suite``'s format).

Proposal mx2532 (the first demo proposal) is both the sandbox for writes and the source of the fixture manifest;
mx2601 is the foreign proposal. Fresh tokens are minted for the four identities. ``writes.classes`` tells the
suite which classes it writes here: every class the adapter writes but ``proposals`` (see ``SUITE_READ_ONLY``).
"""

from __future__ import annotations

from typing import Any

import ispyb.models as e
from sqlalchemy import Engine, select

from ispyb_esrf_adapter.site import DEFAULT_SITE, WRITE_CLASSES, esrf_site
from site_kit.mapped import MappedStorage
from site_kit.mapped.suite import SuiteUser, mapped_suite_config

#: classes the adapter writes that the suite certifies read-only, and why. The only proposals-class record the
#: suite writes is a lab contact of the owner (proposals, sessions, people and laboratories have no DELETE, and
#: memberships are never written), several at once; ESRF holds one ``LabContact`` per person and proposal
#: (unique key ``personAndProposal``), so the second is a 409. tests/sites/test_same_write_same_read.py writes
#: a person, a proposal and a session through the API.
SUITE_READ_ONLY = {"proposals": "ESRF's schema keeps one LabContact per person and proposal (personAndProposal)"}

SERVICE_BEAMLINE = "id23-1"


def build(engine: Engine, base_url: str, site: str = DEFAULT_SITE) -> dict[str, Any]:
    """The site.yaml document; each user token's subject is its proposal's name (mx2532, mx2601)."""
    storage = MappedStorage(esrf_site(), engine, site)
    with storage.sessions() as db:
        own, foreign = db.execute(select(e.Proposal).order_by(e.Proposal.proposalId).limit(2)).scalars().all()
    return mapped_suite_config(
        storage,
        base_url,
        owner=SuiteUser(own.proposalId, own.personId, own.proposalCode + own.proposalNumber),
        other_user=SuiteUser(foreign.proposalId, foreign.personId, foreign.proposalCode + foreign.proposalNumber),
        beamline=SERVICE_BEAMLINE,
        write_classes=[name for name in WRITE_CLASSES if name not in SUITE_READ_ONLY],
    )
