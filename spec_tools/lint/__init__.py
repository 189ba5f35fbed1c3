"""``ispyb-spec lint``: the project's style rules, reported against the source YAML files.

Spectral would need Node in CI; these rules are few, specific to this API and easier to read as Python. Each
rule has an id and a one-line rationale (``ispyb-spec lint --list-rules``) and lives in a small module under
``spec_tools/lint/rules``. A node may waive one rule with ``x-lint-ignore: {rule-id: "reason"}``.
"""

from __future__ import annotations

from pathlib import Path

from spec_tools.lint.model import Context, Finding, Rule, Severity, all_rules
from spec_tools.lint.source import SourceError, SourceSet

__all__ = ["Finding", "Rule", "Severity", "SourceError", "lint", "rule_list"]


def rule_list() -> list[Rule]:
    """Every rule, in registration order."""
    return list(all_rules())


def lint(root: Path, only: set[str] | None = None) -> list[Finding]:
    """Run every rule (or those in ``only``) over the spec rooted at ``root``; findings sorted by place."""
    ctx = Context(SourceSet(root))
    for item in rule_list():
        if only is None or item.id in only:
            item.run(ctx)
    return sorted(set(ctx.findings), key=lambda f: (str(f.file), f.line, f.rule, f.message))
