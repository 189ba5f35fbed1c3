"""``site-config``: a conformance-suite configuration for this adapter (``site_kit.suite_config``'s format).

Proposal mx2532 (the first demo proposal) is both the sandbox for writes and the source of the fixture manifest;
mx2601 is the foreign proposal. Fresh tokens are minted for the four identities. ``writes.classes`` tells the
suite which classes it writes here: every class the adapter writes but ``proposals`` (see ``SUITE_READ_ONLY``).
"""

from __future__ import annotations

from typing import Any

import ispyb.models as e
from sqlalchemy import Engine, func, select

from ispyb_esrf_adapter.site import DEFAULT_SITE, WRITE_CLASSES, storage
from site_kit.caller import Caller
from site_kit.mapped import issue_token
from site_kit.suite_config import suite_config

#: classes the adapter writes that the suite certifies read-only, and why. The only proposals-class record the
#: suite writes is a lab contact of the owner (proposals, sessions, people and laboratories have no DELETE, and
#: memberships are never written), several at once; ESRF holds one ``LabContact`` per person and proposal
#: (unique key ``personAndProposal``), so the second is a 409. tests/sites/test_same_write_same_read.py writes
#: a person, a proposal and a session through the API.
SUITE_READ_ONLY = {"proposals": "ESRF's schema keeps one LabContact per person and proposal (personAndProposal)"}

SERVICE_BEAMLINE = "id23-1"


def build(db_url: str, base_url: str, site: str = DEFAULT_SITE, engine: Engine | None = None) -> dict[str, Any]:
    store = storage(db_url, site)
    try:
        return _build(store, base_url)
    finally:
        store.engine.dispose()


def _build(store: Any, base_url: str) -> dict[str, Any]:
    with store.sessions() as db:
        proposals = db.execute(select(e.Proposal).order_by(e.Proposal.proposalId)).scalars().all()
        own, foreign = proposals[0], proposals[1]
        tokens = {
            "owner": issue_token(
                db, role="USER", subject=own.proposalCode + own.proposalNumber, person=own.personId, prefix="esrf_"
            ),
            "otherUser": issue_token(
                db,
                role="USER",
                subject=foreign.proposalCode + foreign.proposalNumber,
                person=foreign.personId,
                prefix="esrf_",
            ),
            "staff": issue_token(db, role="STAFF", subject="conformance-staff", prefix="esrf_"),
            "service": issue_token(
                db, role="SERVICE", subject="conformance-service", beamlines=[SERVICE_BEAMLINE], prefix="esrf_"
            ),
        }
        db.commit()
        service = store.service(db, Caller("site-config", "STAFF", frozenset(), frozenset()))
        repo = service.repo
        mappings = store.site.mappings
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
            select(e.DataCollectionGroup.sessionId)
            .join(e.BLSession, e.BLSession.sessionId == e.DataCollectionGroup.sessionId)
            .where(e.BLSession.proposalId == own.proposalId)
            .order_by(e.DataCollectionGroup.sessionId)
            .limit(1)
        ).scalar()
        with_processing = db.execute(
            select(func.min(e.AutoProcProgram.dataCollectionId))
            .join(e.DataCollection, e.DataCollection.dataCollectionId == e.AutoProcProgram.dataCollectionId)
            .join(
                e.DataCollectionGroup,
                e.DataCollectionGroup.dataCollectionGroupId == e.DataCollection.dataCollectionGroupId,
            )
            .join(e.BLSession, e.BLSession.sessionId == e.DataCollectionGroup.sessionId)
            .where(e.BLSession.proposalId == own.proposalId)
        ).scalar()
        codec = store.codec
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
