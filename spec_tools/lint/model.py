"""Findings and rules: every rule has an id, a severity and a one-line rationale a reviewer can read."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from spec_tools.lint.source import Loc, SourceSet


class Severity(StrEnum):
    """``error`` fails the lint (exit 1); ``warning`` is printed only."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    """One violation, located in the source YAML."""

    rule: str
    severity: Severity
    file: Path
    line: int
    message: str

    def format(self, base: Path | None = None) -> str:
        """``file:line rule message``, the file relative to ``base`` when it lies under it."""
        shown = self.file
        if base is not None:
            try:
                shown = self.file.resolve().relative_to(base.resolve())
            except ValueError:
                shown = self.file
        prefix = "" if self.severity is Severity.ERROR else "warning: "
        return f"{shown}:{self.line} {self.rule} {prefix}{self.message}"


@dataclass
class Context:
    """What a rule sees: the sources, and a way to report at a location."""

    sources: SourceSet
    findings: list[Finding] = field(default_factory=list)

    def report(self, rule: Rule, loc: Loc, message: str) -> None:
        self.findings.append(Finding(rule.id, rule.severity, loc.file, self.sources.line(loc), message))


Check = Callable[["Rule", Context], None]


@dataclass(frozen=True)
class Rule:
    """A lint rule: ``id`` names it in findings and in ``x-lint-ignore``; ``rationale`` says why it exists."""

    id: str
    rationale: str
    check: Check
    severity: Severity = Severity.ERROR

    def run(self, ctx: Context) -> None:
        self.check(self, ctx)


RULES: list[Rule] = []


def rule(rule_id: str, rationale: str, severity: Severity = Severity.ERROR) -> Callable[[Check], Check]:
    """Register a check function as a rule (the decorator keeps the function usable on its own)."""

    def register(check: Check) -> Check:
        RULES.append(Rule(rule_id, rationale, check, severity))
        return check

    return register


def all_rules() -> Iterator[Rule]:
    """Every registered rule, after importing the rule modules (which register themselves)."""
    importlib.import_module("spec_tools.lint.rules")  # registers the rules as a side effect

    yield from RULES
