"""``ispyb-spec diff``: every change between two versions of the spec, classified for clients and servers.

oasdiff is not installable here and Optic needs Node and misses tightened request constraints, so the
engine is Python: :mod:`operations` walks operations, :mod:`schemas` compares schemas in the direction their
data flows, :mod:`model` holds the verdicts and :mod:`render` prints them.
"""

from __future__ import annotations

from typing import Any

from spec_tools.diff.model import Audience, Change, Direction, Impact, worst
from spec_tools.diff.operations import OperationDiff

__all__ = ["Audience", "Change", "Direction", "Impact", "diff_specs", "worst"]


def diff_specs(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """Every change from ``old`` to ``new`` (two bundled documents), in a stable order."""
    return OperationDiff(old, new).run()
