"""The conformance suite's site.yaml for a mapped site: tokens, sandbox and fixture manifest from its own rows.

Every adapter certifies itself the same way (``<adapter> site-config``): four fresh tokens, a sandbox proposal
and session, and one record of each served resource as the fixture manifest. What differs is the site's choice
— which proposal is the owner's and which is foreign, the token subjects, the service beamline, the classes the
suite may write — and that stays in the adapter (``SuiteUser``, the arguments of ``mapped_suite_config``); the
rest is read through the site's mappings, so it is written once, here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from site_kit.caller import Caller
from site_kit.mapped.fields import Mapping
from site_kit.mapped.service import RecordService
from site_kit.mapped.storage import MappedStorage
from site_kit.mapped.tokens import issue_token
from site_kit.suite_config import suite_config

__all__ = ["SuiteUser", "mapped_suite_config"]


@dataclass(frozen=True)
class SuiteUser:
    """A user identity of the suite: a proposal (its key) and the person (key) whose USER token reaches it."""

    proposal: int
    person: int
    subject: str


def mapped_suite_config(
    storage: MappedStorage,
    base_url: str,
    *,
    owner: SuiteUser,
    other_user: SuiteUser,
    beamline: str,
    write_classes: Sequence[str],
) -> dict[str, Any]:
    """The site.yaml document (``site_kit.suite_config``) for ``storage``, served at ``base_url``.

    ``owner.proposal`` is the sandbox of the suite's writes and the source of the fixtures; the sandbox session
    is one of its sessions on ``beamline`` (the service token's), ``foreignBeamlineSession`` one on another.
    ``sessionWithDataCollections`` and ``dataCollectionWithProcessing`` are read from the owner's first data
    collection and first processing program, as the suite's schema defines them. Tokens are minted (and
    committed) with the site's prefix.
    """
    site = storage.site
    mappings = site.mappings
    codec = storage.codec
    prefix = site.token_prefix
    with storage.sessions() as db:
        tokens = {
            "owner": issue_token(db, role="USER", subject=owner.subject, person=owner.person, prefix=prefix),
            "otherUser": issue_token(
                db, role="USER", subject=other_user.subject, person=other_user.person, prefix=prefix
            ),
            "staff": issue_token(db, role="STAFF", subject="conformance-staff", prefix=prefix),
            "service": issue_token(
                db, role="SERVICE", subject="conformance-service", beamlines=[beamline], prefix=prefix
            ),
        }
        db.commit()
        service = storage.service(db, Caller("site-config", "STAFF", frozenset(), frozenset()))
        firsts: dict[str, dict[str, Any]] = {}
        for name, m in mappings.items():
            own = [m.proposal == owner.proposal] if m.visibility == "proposal" or name == "Proposal" else []
            first = _first(service, m, own)
            if first is not None:
                firsts[name] = first
        sessions = mappings["Session"]
        assert sessions.proposal is not None and sessions.beamline is not None
        in_owner = sessions.proposal == owner.proposal
        sandbox = _first(service, sessions, [in_owner, sessions.beamline == beamline])
        other_beamline = _first(service, sessions, [in_owner, sessions.beamline != beamline])
        assert sandbox and other_beamline and "DataCollection" in firsts and "ProcessingProgram" in firsts, (
            f"the owner's proposal has no session on {beamline}, none on another beamline, no data collection or "
            "no processing program: are the demo rows loaded?"
        )
    fixtures = {name[0].lower() + name[1:]: doc["uuid"] for name, doc in firsts.items()}
    fixtures.update(
        proposal=str(codec.encode(mappings["Proposal"].table_code, owner.proposal)),
        session=sandbox["uuid"],
        person=str(codec.encode(mappings["Person"].table_code, owner.person)),
        foreignProposal=str(codec.encode(mappings["Proposal"].table_code, other_user.proposal)),
        foreignBeamlineSession=other_beamline["uuid"],
        sessionWithDataCollections=firsts["DataCollection"]["sessionUuid"],
        dataCollectionWithProcessing=firsts["ProcessingProgram"]["dataCollectionUuid"],
    )
    return suite_config(
        base_url,
        tokens,
        beamline=beamline,
        sandbox_proposal=fixtures["proposal"],
        sandbox_session=sandbox["uuid"],
        fixtures=fixtures,
        write_classes=list(write_classes),
    )


def _first(service: RecordService, m: Mapping, conditions: list[Any]) -> dict[str, Any] | None:
    """The document of the first row (by key) of ``m`` meeting ``conditions``, or None."""
    rows = service.repo.page(m, [service.visible(m), *conditions], None, 1)
    return service.repo.render(m, rows[:1])[0] if rows else None
