"""Render a diff as text (terminal), JSON (tools) or Markdown (a changelog entry a reviewer pastes)."""

from __future__ import annotations

import json
from enum import StrEnum

from spec_tools.diff.loading import LoadedSpec
from spec_tools.diff.model import Audience, Change, Impact, worst


class Format(StrEnum):
    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"


def summary(changes: list[Change]) -> dict[str, int]:
    return {
        "changes": len(changes),
        "breakingForClients": sum(c.client is Impact.BREAKING for c in changes),
        "breakingForServers": sum(c.server is Impact.BREAKING for c in changes),
        "documentationOnly": sum(c.client is Impact.DOCS and c.server is Impact.DOCS for c in changes),
    }


def text(old: LoadedSpec, new: LoadedSpec, changes: list[Change]) -> str:
    lines = [f"{old.label} ({old.version}) → {new.label} ({new.version})"]
    width = max((len(c.kind) for c in changes), default=0)
    for c in changes:
        lines.append(
            f"clients:{c.client.label:<10} servers:{c.server.label:<10} {c.kind:<{width}}  {c.where}: {c.message}"
        )
    s = summary(changes)
    lines.append(
        f"{s['changes']} change(s): {s['breakingForClients']} breaking for clients, "
        f"{s['breakingForServers']} breaking for servers, {s['documentationOnly']} documentation only"
    )
    return "\n".join(lines) + "\n"


def as_json(old: LoadedSpec, new: LoadedSpec, changes: list[Change]) -> str:
    data = {
        "old": {"source": old.label, "version": old.version},
        "new": {"source": new.label, "version": new.version},
        "summary": summary(changes),
        "worst": {a.value: (w.label if (w := worst(changes, a)) is not None else None) for a in Audience},
        "changes": [c.as_json() for c in changes],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _item(change: Change) -> str:
    return f"- `{change.where}`: {change.message} (`{change.kind}`)"


def markdown(old: LoadedSpec, new: LoadedSpec, changes: list[Change], title: str | None = None) -> str:
    """A changelog entry: breaking changes first (for clients, then for sites), then the rest."""
    heading = title or new.version
    lines = [f"## {heading}", ""]
    if old.doc.get("paths"):
        lines += [f"Compared with {old.version} (`{old.label}`).", ""]
    sections = [
        ("Breaking changes for clients", [c for c in changes if c.client is Impact.BREAKING]),
        (
            "Breaking changes for servers (sites must update their implementation)",
            [c for c in changes if c.server is Impact.BREAKING and c.client is not Impact.BREAKING],
        ),
        ("Compatible changes", [c for c in changes if max(c.client, c.server) is Impact.COMPATIBLE]),
        ("Documentation", [c for c in changes if max(c.client, c.server) is Impact.DOCS]),
    ]
    if not changes:
        lines += ["No change to the contract.", ""]
    for name, items in sections:
        if items:
            lines += [f"### {name}", "", *(_item(c) for c in items), ""]
    return "\n".join(lines)


def render(fmt: Format, old: LoadedSpec, new: LoadedSpec, changes: list[Change]) -> str:
    if fmt is Format.JSON:
        return as_json(old, new, changes)
    if fmt is Format.MARKDOWN:
        return markdown(old, new, changes)
    return text(old, new, changes)
