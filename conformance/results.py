"""What a run produces: per-check results with evidence, per-class verdicts, and the run as a whole.

Statuses are deliberately more than pass/fail (as Inferno and the GA4GH testbed do): a check that could not run
is `not verified` and blocks its class; a write check in read-only mode is `not applicable` and does not;
a class the site does not claim is `not claimed`. Nothing that did not run is ever shown as passed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class CheckStatus(StrEnum):
    PASSED = "passed"
    FAILED = "failed"
    NOT_VERIFIED = "not verified"
    NOT_APPLICABLE = "not applicable"


class ClassStatus(StrEnum):
    PASSED = "passed"
    FAILED = "failed"
    NOT_VERIFIED = "not verified"
    NOT_CLAIMED = "not claimed"
    NOT_SELECTED = "not selected"


@dataclass
class Exchange:
    """One HTTP request and its response, with secrets masked; the evidence behind a verdict."""

    identity: str
    method: str
    url: str
    request_headers: dict[str, str]
    request_body: Any
    status: int | None
    response_headers: dict[str, str]
    response_body: Any
    elapsed_ms: float
    error: str | None = None

    def summary(self) -> str:
        return f"{self.method} {self.url} as {self.identity} → {self.status if self.status is not None else self.error}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "identity": self.identity,
            "request": {
                "method": self.method,
                "url": self.url,
                "headers": self.request_headers,
                "body": self.request_body,
            },
            "response": None
            if self.status is None
            else {"status": self.status, "headers": self.response_headers, "body": self.response_body},
            "error": self.error,
            "elapsedMs": round(self.elapsed_ms, 1),
        }


@dataclass
class Finding:
    """One violated requirement, with the exchange that shows it (when there is one)."""

    message: str
    exchange: Exchange | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"message": self.message, "exchange": self.exchange.to_dict() if self.exchange else None}


@dataclass
class CheckResult:
    """The outcome of one check against one site."""

    check_id: str
    conformance_class: str
    title: str
    requirement: str
    status: CheckStatus
    reason: str = ""
    findings: list[Finding] = field(default_factory=list)
    evidence: list[Exchange] = field(default_factory=list)
    requests: int = 0
    duration_s: float = 0.0
    details: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.check_id,
            "class": self.conformance_class,
            "title": self.title,
            "requirement": self.requirement,
            "status": str(self.status),
            "reason": self.reason,
            "findings": [f.to_dict() for f in self.findings],
            "evidence": [e.to_dict() for e in self.evidence],
            "requests": self.requests,
            "durationSeconds": round(self.duration_s, 3),
            "details": self.details,
        }


@dataclass
class ClassVerdict:
    """The verdict on one conformance class, from the results of its required checks."""

    name: str
    claimed: bool
    status: ClassStatus
    reason: str = ""
    counts: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "claimed": self.claimed,
            "status": str(self.status),
            "reason": self.reason,
            "checks": self.counts,
        }


def class_verdict(name: str, claimed: bool, selected: bool, results: list[CheckResult]) -> ClassVerdict:
    """A class passes only when it is claimed and every one of its required checks ran and passed."""
    counts: dict[str, int] = {}
    for result in results:
        counts[str(result.status)] = counts.get(str(result.status), 0) + 1
    if not claimed:
        return ClassVerdict(name, False, ClassStatus.NOT_CLAIMED, "the site does not list it at /conformance", counts)
    if not selected:
        return ClassVerdict(name, True, ClassStatus.NOT_SELECTED, "not selected with --class", counts)
    failed = [r.check_id for r in results if r.status == CheckStatus.FAILED]
    if failed:
        return ClassVerdict(name, True, ClassStatus.FAILED, "failed: " + ", ".join(failed), counts)
    unverified = [r.check_id for r in results if r.status == CheckStatus.NOT_VERIFIED]
    if unverified:
        return ClassVerdict(name, True, ClassStatus.NOT_VERIFIED, "not verified: " + ", ".join(unverified), counts)
    if not any(r.status == CheckStatus.PASSED for r in results):
        return ClassVerdict(name, True, ClassStatus.NOT_VERIFIED, "no check ran", counts)
    return ClassVerdict(name, True, ClassStatus.PASSED, "all required checks passed", counts)


@dataclass
class RunReport:
    """Everything one run found, as written to the JSON, JUnit and HTML reports."""

    meta: dict[str, Any]
    verdicts: list[ClassVerdict]
    results: list[CheckResult]

    @property
    def certified(self) -> bool:
        """True when every claimed (and selected) class passed and the profile may certify."""
        claimed = [v for v in self.verdicts if v.claimed]
        return (
            bool(claimed)
            and all(v.status == ClassStatus.PASSED for v in claimed)
            and self.meta.get("profile") == "certification"
        )

    @property
    def all_claimed_passed(self) -> bool:
        claimed = [v for v in self.verdicts if v.claimed and v.status != ClassStatus.NOT_SELECTED]
        return bool(claimed) and all(v.status == ClassStatus.PASSED for v in claimed)

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.meta,
            "certified": self.certified,
            "classes": [v.to_dict() for v in self.verdicts],
            "checks": [r.to_dict() for r in self.results],
        }
