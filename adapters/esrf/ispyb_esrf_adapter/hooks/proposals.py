"""Proposals, samples and shipping: a PI for every proposal, memberships by the PI column, sample changer flags."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import ispyb.models as e
from sqlalchemy import select

from ispyb_esrf_adapter import vocabularies as v
from ispyb_esrf_adapter.side import SideHooks
from site_kit.mapped import Repository, ResourceHooks
from site_kit.problems import invalid, unresolved


class ProposalHooks(ResourceHooks):
    def before_write(self, repo: Repository, body: dict[str, Any], values: dict[str, Any], key: int | None) -> None:
        if values.get("personId") is not None:
            return
        current = repo.db.get(e.Proposal, key) if key is not None else None
        if current is None or current.personId != 0:
            raise invalid(
                ["body", "principalInvestigatorUuid"],
                "ESRF requires a principal investigator: Proposal.personId is NOT NULL and refers to a Person.",
            )
        values["personId"] = 0  # a proposal ESRF stored without one (0) may stay so


class ProposalMemberHooks(ResourceHooks):
    def before_write(self, repo: Repository, body: dict[str, Any], values: dict[str, Any], key: int | None) -> None:
        php = e.ProposalHasPerson
        proposal = repo.db.get(e.Proposal, values["proposalId"])
        is_pi = proposal is not None and proposal.personId == values["personId"]
        if body["role"] != ("PRINCIPAL_INVESTIGATOR" if is_pi else "CO_INVESTIGATOR"):
            raise invalid(
                ["body", "role"],
                "ESRF's ProposalHasPerson has no role: a member is the proposal's principal investigator "
                "(Proposal.personId) or a co-investigator, "
                + ("and this person is its PI." if is_pi else "and this person is not its PI."),
            )
        taken = repo.db.execute(
            select(php.proposalHasPersonId).where(
                php.proposalId == values["proposalId"],
                php.personId == values["personId"],
                php.proposalHasPersonId != (key or 0),
            )
        ).first()
        if taken is not None:
            raise unresolved(["body", "personUuid"], "This person is already a member of the proposal.")


class SessionMemberHooks(SideHooks):
    def before_write(self, repo: Repository, body: dict[str, Any], values: dict[str, Any], key: int | None) -> None:
        super().before_write(repo, body, values, key)
        if key is None:
            return
        for field, column, stored in (
            ("sessionUuid", "sessionId", key >> 32),
            ("personUuid", "personId", key & 0xFFFFFFFF),
        ):
            if values.get(column) != stored:
                raise unresolved(
                    ["body", field],
                    "ESRF keys a session member by its session and person: neither can change "
                    "(delete the membership and create another).",
                )


class LabContactHooks(ResourceHooks):
    def before_write(self, repo: Repository, body: dict[str, Any], values: dict[str, Any], key: int | None) -> None:
        if values.get("dewarAvgCustomsValue") is None:
            values["dewarAvgCustomsValue"] = 0


class SampleHooks(ResourceHooks):
    def before_write(self, repo: Repository, body: dict[str, Any], values: dict[str, Any], key: int | None) -> None:
        current = repo.db.get(e.BLSample, key) if key is not None else None
        if body.get("status") == "IN_SAMPLE_CHANGER":
            values["isInSampleChanger"] = 1
            values["blSampleStatus"] = current.blSampleStatus if current is not None else None
        elif current is not None and current.isInSampleChanger == 1:
            values["isInSampleChanger"] = 0


class ShipmentHooks(ResourceHooks):
    def before_write(self, repo: Repository, body: dict[str, Any], values: dict[str, Any], key: int | None) -> None:
        if key is None:
            values["creationDate"] = datetime.now(v.CLOCK.tz).replace(tzinfo=None, microsecond=0)


class DewarHooks(SideHooks):
    def before_write(self, repo: Repository, body: dict[str, Any], values: dict[str, Any], key: int | None) -> None:
        super().before_write(repo, body, values, key)
        if values.get("type") is None:
            values["type"] = "Dewar"
