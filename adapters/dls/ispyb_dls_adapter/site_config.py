"""``site-config``: a conformance-suite configuration for this adapter (same format as ``ispyb-server site-config``).

Proposal mx23694 (the first demo proposal) is both the sandbox for writes and the source of the fixture manifest;
mx24101 is the foreign proposal. Fresh tokens are minted for the four identities. ``writes.classes`` tells the
suite which classes it writes here: every class the adapter writes but ``proposals`` (see ``SUITE_READ_ONLY``).
"""

from __future__ import annotations

from typing import Any

import ispyb.sqlalchemy as d
from sqlalchemy import Engine, func, select

from ispyb_dls_adapter.auth import issue
from ispyb_dls_adapter.site import SITE, WRITE_CLASSES
from site_kit.caller import Caller
from site_kit.mapped import MappedStorage
from site_kit.suite_config import suite_config

SERVICE_BEAMLINE = "i03"
#: classes the adapter writes that the suite certifies read-only, and why. The only proposals-class record the
#: suite writes is a lab contact of the owner (proposals, sessions, people and laboratories have no DELETE, and
#: memberships are never written), several at once; DLS holds one ``LabContact`` per person and proposal
#: (unique key ``personAndProposal``), so the second is a 409. Proposal, session, person and membership writes
#: are exercised by tests/adapters/dls/test_writes.py and tests/sites/test_same_write_same_read.py.
SUITE_READ_ONLY = {"proposals": "DLS-DB keeps one LabContact per person and proposal (personAndProposal)"}


def build(engine: Engine, base_url: str, site: str) -> dict[str, Any]:
    storage = MappedStorage(SITE, engine, site)
    codec = storage.codec
    mappings = storage.site.mappings
    with storage.sessions() as db:
        proposals = db.execute(select(d.Proposal).order_by(d.Proposal.proposalId)).scalars().all()
        own, foreign = proposals[0], proposals[1]
        tokens = {
            "owner": issue(db, role="USER", subject="pi0", person_id=own.personId),
            "otherUser": issue(db, role="USER", subject="pi1", person_id=foreign.personId),
            "staff": issue(db, role="STAFF", subject="conformance-staff"),
            "service": issue(db, role="SERVICE", subject="conformance-service", beamlines=[SERVICE_BEAMLINE]),
        }
        db.commit()
        service = storage.service(db, Caller("site-config", "STAFF"))
        repo = service.repo
        fixtures: dict[str, str] = {}
        for name, m in mappings.items():
            conditions = [m.proposal == own.proposalId] if m.visibility == "proposal" or name == "Proposal" else []
            rows = repo.page(m, [service.visible(m), *conditions], None, 1)
            if rows:
                fixtures[name[0].lower() + name[1:]] = repo.render(m, rows[:1])[0]["uuid"]
        sessions = mappings["Session"]
        s = sessions.table
        sandbox = repo.page(sessions, [s.proposalId == own.proposalId, s.beamLineName == SERVICE_BEAMLINE], None, 1)
        other_bl = repo.page(sessions, [s.proposalId == own.proposalId, s.beamLineName != SERVICE_BEAMLINE], None, 1)
        with_dc = db.execute(
            select(d.DataCollectionGroup.sessionId)
            .join(d.BLSession, d.BLSession.sessionId == d.DataCollectionGroup.sessionId)
            .where(d.BLSession.proposalId == own.proposalId)
            .order_by(d.DataCollectionGroup.sessionId)
            .limit(1)
        ).scalar()
        with_processing = db.execute(
            select(func.min(d.ProcessingJob.dataCollectionId))
            .join(d.DataCollection, d.DataCollection.dataCollectionId == d.ProcessingJob.dataCollectionId)
            .join(
                d.DataCollectionGroup,
                d.DataCollectionGroup.dataCollectionGroupId == d.DataCollection.dataCollectionGroupId,
            )
            .join(d.BLSession, d.BLSession.sessionId == d.DataCollectionGroup.sessionId)
            .where(d.BLSession.proposalId == own.proposalId)
        ).scalar()
        assert with_dc is not None and with_processing is not None, "the demo rows are not loaded"
        session_uuid = repo.render(sessions, sandbox)[0]["uuid"]
        fixtures.update(
            proposal=str(codec.encode(mappings["Proposal"].table_code, own.proposalId)),
            session=session_uuid,
            person=str(codec.encode(mappings["Person"].table_code, own.personId)),
            foreignProposal=str(codec.encode(mappings["Proposal"].table_code, foreign.proposalId)),
            foreignBeamlineSession=repo.render(sessions, other_bl)[0]["uuid"],
            sessionWithDataCollections=str(codec.encode(sessions.table_code, with_dc)),
            dataCollectionWithProcessing=str(codec.encode(mappings["DataCollection"].table_code, with_processing)),
        )
    return suite_config(
        base_url,
        tokens,
        beamline=SERVICE_BEAMLINE,
        sandbox_proposal=fixtures["proposal"],
        sandbox_session=session_uuid,
        fixtures=fixtures,
        write_classes=[name for name in WRITE_CLASSES if name not in SUITE_READ_ONLY],
    )
