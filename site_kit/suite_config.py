"""The site.yaml document of the conformance suite, built the same way by every implementation.

Each implementation finds its own fixtures and issues its own tokens; the shape of the document the suite reads
(``conformance/schemas/site.schema.json``) is written once, here.
"""

from __future__ import annotations

from typing import Any


def suite_config(
    base_url: str,
    tokens: dict[str, str],
    *,
    beamline: str,
    sandbox_proposal: str,
    sandbox_session: str,
    fixtures: dict[str, str],
    write_classes: list[str] | None = None,
) -> dict[str, Any]:
    """The site.yaml document of the conformance suite (conformance/schemas/site.schema.json)."""
    writes: dict[str, Any] = {"allowed": True}
    if write_classes is not None:
        writes["classes"] = write_classes
    writes.update(
        sandboxProposalUuid=sandbox_proposal, sandboxSessionUuid=sandbox_session, beamline=beamline, cleanup=True
    )
    return {
        "baseUrl": base_url,
        "identities": {
            "owner": {"token": tokens["owner"]},
            "otherUser": {"token": tokens["otherUser"]},
            "staff": {"token": tokens["staff"]},
            "service": {"token": tokens["service"], "beamlines": [beamline]},
        },
        "writes": writes,
        "fixtures": fixtures,
    }
