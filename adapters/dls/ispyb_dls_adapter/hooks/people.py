"""Proposals, people and memberships written as a facility's user-office sync writes them into DLS's tables.

* Proposal: ``personId`` is NOT NULL at DLS and refers to ``Person``, so a proposal needs a principal
  investigator (422 without one); rows DLS holds with 0 ("none", read back as absent) may keep it.
* Person: DLS-DB 5.2.0 has no ORCID column, so an ``orcid`` sent is refused (422) rather than dropped.
* ProposalMember: ``ProposalHasPerson`` has no unique key on (proposal, person), the spec has (``x-unique``).
* SessionMember: ``Session_has_Person`` is keyed by (session, person) itself, so neither can change on a
  replace (delete the membership and create another).
* LabContact: ``dewarAvgCustomsValue`` is NOT NULL (DLS's default 0), so an absent value is written as 0.
"""

from __future__ import annotations

from typing import Any

import ispyb.sqlalchemy as d
from sqlalchemy import select

from site_kit.mapped import Repository, ResourceHooks
from site_kit.problems import invalid, unresolved


class ProposalHooks(ResourceHooks):
    def before_write(self, repo: Repository, body: dict[str, Any], values: dict[str, Any], key: int | None) -> None:
        if values.get("personId") is not None:
            return
        current = repo.db.get(d.Proposal, key) if key is not None else None
        if current is None or current.personId != 0:
            raise invalid(
                ["body", "principalInvestigatorUuid"],
                "DLS-DB requires a principal investigator: Proposal.personId is NOT NULL and refers to a Person.",
            )
        values["personId"] = 0  # a proposal DLS stored without one (0) may stay so


class PersonHooks(ResourceHooks):
    def before_write(self, repo: Repository, body: dict[str, Any], values: dict[str, Any], key: int | None) -> None:
        if body.get("orcid") is not None:
            raise invalid(["body", "orcid"], "DLS-DB 5.2.0 Person has no ORCID column: it cannot hold an ORCID iD.")


class ProposalMemberHooks(ResourceHooks):
    def before_write(self, repo: Repository, body: dict[str, Any], values: dict[str, Any], key: int | None) -> None:
        php = d.ProposalHasPerson
        taken = repo.db.execute(
            select(php.proposalHasPersonId).where(
                php.proposalId == values["proposalId"],
                php.personId == values["personId"],
                php.proposalHasPersonId != (key or 0),
            )
        ).first()
        if taken is not None:
            raise unresolved(["body", "personUuid"], "This person is already a member of the proposal.")


class SessionMemberHooks(ResourceHooks):
    def before_write(self, repo: Repository, body: dict[str, Any], values: dict[str, Any], key: int | None) -> None:
        if key is None:
            return
        session, person = key >> 32, key & 0xFFFFFFFF
        for field, column, stored in (("sessionUuid", "sessionId", session), ("personUuid", "personId", person)):
            if values.get(column) != stored:
                raise unresolved(
                    ["body", field],
                    "DLS keys a session member by its session and person: neither can change "
                    "(delete the membership and create another).",
                )


class LabContactHooks(ResourceHooks):
    def before_write(self, repo: Repository, body: dict[str, Any], values: dict[str, Any], key: int | None) -> None:
        if values.get("dewarAvgCustomsValue") is None:
            values["dewarAvgCustomsValue"] = 0
