"""The site.yaml document of the conformance suite, built the same way by every implementation.

Each implementation finds its own fixtures and issues its own tokens; the shape of the document the suite reads
(``conformance/schemas/site.schema.json``) is written once, here.
"""

from __future__ import annotations

from typing import Any

from site_kit import spec


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
        # only classes with write operations of their own: `changes` and `files` show the others' writes
        writable = {op.conformance_class for op in spec.operations() if op.method != "get"}
        writes["classes"] = [name for name in write_classes if name in writable]
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
