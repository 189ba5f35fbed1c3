"""Per-resource behaviour of the reference server's storage: what one resource does beyond the generic rules.

The generic service (``services/records.py``) knows fields, references, parents and scope from the registry;
what is particular to one resource — a name the server composes, a change that must ripple to other records —
is one hooks object per resource here, looked up by name, instead of ``if resource.name == …`` in generic code.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from reference_server.tables import table
from site_kit.resources import registry

if TYPE_CHECKING:
    from reference_server.repositories.records import RecordRepository


class ResourceHooks:
    """No particular behaviour (the default for every resource)."""

    def derive(self, repo: RecordRepository, values: dict[str, Any]) -> None:
        """Fill the stored values the server computes (``values``: column → value about to be written)."""

    def after_change(self, repo: RecordRepository, record_uuid: uuid.UUID, changed: Mapping[str, Any]) -> None:
        """Keep other records in step with a change (inside the write's transaction; ``changed``: columns)."""

    def present(self, doc: dict[str, Any]) -> None:
        """Adjust the representation of a stored row (``doc``: the fields as read, before serialization)."""


class ProposalHooks(ResourceHooks):
    """A proposal's name is its code and number as users type them (``MX12345``); its sessions' names follow."""

    def derive(self, repo: RecordRepository, values: dict[str, Any]) -> None:
        values["name"] = f"{values['proposal_code']}{values['proposal_number']}"

    def after_change(self, repo: RecordRepository, record_uuid: uuid.UUID, changed: Mapping[str, Any]) -> None:
        if "name" not in changed:
            return
        sessions = registry()["Session"]
        for session in repo.page(sessions, [table(sessions).proposal_uuid == record_uuid], None, 10**9):
            repo.update_if_version(
                sessions, session.id, session.version, {"name": f"{changed['name']}-{session.visit_number}"}
            )


class SessionHooks(ResourceHooks):
    """A session's name is its proposal's and its visit number (``MX12345-1``)."""

    def derive(self, repo: RecordRepository, values: dict[str, Any]) -> None:
        proposal = repo.get(registry()["Proposal"], values["proposal_uuid"])
        values["name"] = f"{proposal.name}-{values['visit_number']}" if proposal else None


class ScreeningHooks(ResourceHooks):
    """Strategies are stored in order, best first: the order is the ranking, shown as each one's ``rank``."""

    def present(self, doc: dict[str, Any]) -> None:
        if "strategies" in doc:
            doc["strategies"] = [{**item, "rank": rank} for rank, item in enumerate(doc["strategies"], start=1)]


_DEFAULT = ResourceHooks()
HOOKS: dict[str, ResourceHooks] = {
    "Proposal": ProposalHooks(),
    "Session": SessionHooks(),
    "Screening": ScreeningHooks(),
}


def hooks_of(name: str) -> ResourceHooks:
    return HOOKS.get(name, _DEFAULT)
