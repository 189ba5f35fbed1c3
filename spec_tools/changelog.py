"""``CHANGELOG.md`` of the spec, written from the diff so that it lists every contract change, none forgotten.

Each entry is ``diff --format markdown`` between the last release and the current spec; the first entry
(no previous release) lists the operations of the initial version instead.
"""

from __future__ import annotations

import re
from pathlib import Path

from spec_tools.diff import diff_specs
from spec_tools.diff.loading import LoadedSpec
from spec_tools.diff.operations import HTTP_METHODS
from spec_tools.diff.render import markdown

HEADER = """# Changelog of the ISPyB Common API specification

Generated from the specification by `ispyb-spec changelog` (the diff between releases); newest first.
"Breaking for clients" needs a major version; "breaking for servers" means sites must update their
implementation to claim the new version.
"""


def initial_entry(spec: LoadedSpec) -> str:
    """The first entry: every operation of the initial version, by conformance class."""
    by_class: dict[str, list[str]] = {}
    for path, item in (spec.doc.get("paths") or {}).items():
        for method in HTTP_METHODS:
            op = item.get(method)
            if isinstance(op, dict):
                line = f"- `{method.upper()} {path}` ({op.get('operationId')}): {op.get('summary', '')}"
                by_class.setdefault(str(op.get("x-conformance-class", "other")), []).append(line)
    count = sum(len(v) for v in by_class.values())
    lines = [
        f"## {spec.version}",
        "",
        f"Initial version: {count} operations in {len(by_class)} conformance classes.",
        "",
    ]
    for name, items in by_class.items():
        lines += [f"### `{name}`", "", *items, ""]
    return "\n".join(lines)


def entry(old: LoadedSpec, new: LoadedSpec) -> str:
    """The changelog entry for ``new`` (an initial entry when ``old`` has no operation)."""
    if not old.doc.get("paths"):
        return initial_entry(new)
    return markdown(old, new, diff_specs(old.doc, new.doc))


def update(path: Path, text: str, version: str) -> str:
    """Put ``text`` as the entry of ``version`` in the changelog at ``path``: replaced if present, else on top."""
    current = path.read_text(encoding="utf-8") if path.is_file() else HEADER
    sections = re.split(r"(?m)^(?=## )", current)
    head, entries = sections[0], sections[1:]
    entries = [e for e in entries if not e.startswith(f"## {version}\n")]
    body = text.rstrip() + "\n\n"
    result = head.rstrip() + "\n\n" + body + "".join(entries)
    return result.rstrip() + "\n"
