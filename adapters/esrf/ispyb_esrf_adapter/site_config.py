"""``site-config``: a conformance-suite configuration for this adapter (``site_kit.mapped.suite``'s format).

Proposal mx2532 (the first demo proposal) is both the sandbox for writes and the source of the fixture manifest;
mx2601 is the foreign proposal. Fresh tokens are minted for the four identities. ``writes.classes`` tells the
suite which classes it writes here: every class the adapter writes. The suite's lab contacts in the sandbox
proposal respect ESRF's one ``LabContact`` per person and proposal (the spec's ``x-unique``; the sandbox reuses
its record and names a person the site holds no card for).
"""

from __future__ import annotations

from typing import Any

import ispyb.models as e
from sqlalchemy import Engine, select

from ispyb_esrf_adapter.site import DEFAULT_SITE, WRITE_CLASSES, esrf_site
from site_kit.mapped import MappedStorage
from site_kit.mapped.suite import SuiteUser, mapped_suite_config

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
        write_classes=list(WRITE_CLASSES),
    )
