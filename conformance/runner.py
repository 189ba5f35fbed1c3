"""Runs the suite: reads the site's claims, runs each claimed class's checks, and builds the verdicts.

Per class, in write mode, a small set of records is created in the sandbox first (so read checks have subjects
even without fixtures) and everything created is removed when the class ends. A check's exceptions map onto
statuses: a missing prerequisite is "not verified", never "passed". The runner knows no individual check: it
runs a class's checks in the order the registry computes and shares state with them only through the typed
`ClassState` of `conformance.context`.
"""

from __future__ import annotations

import contextlib
import platform
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import httpx

import conformance
from conformance.config import SiteConfig
from conformance.context import CheckAborted, CheckContext, ClassState, NotApplicable, NotVerified, RunContext
from conformance.http import ReadOnlyViolation, SuiteClient, UnownedWrite
from conformance.profiles import Profile
from conformance.registry import Check, checks_for
from conformance.results import CheckResult, CheckStatus, RunReport, class_verdict
from conformance.sandbox import SetupFailed
from conformance.spec import SpecIndex
from conformance.validation import SchemaValidator

EVIDENCE_SAMPLE = 6


@dataclass
class RunOptions:
    """What the caller chose for this run."""

    profile: Profile
    seed: int
    classes: list[str] | None = None
    spec_path: Path | None = None
    transport: httpx.BaseTransport | None = None


@dataclass
class Listener:
    """Progress callbacks (the CLI's live display; no-ops by default)."""

    on_plan: Callable[[dict[str, list[Check]], list[str]], None] = field(default=lambda plan, claimed: None)
    on_check_start: Callable[[Check], None] = field(default=lambda check: None)
    on_check_end: Callable[[Check, CheckResult], None] = field(default=lambda check, result: None)


def library_versions() -> dict[str, str]:
    versions = {"python": platform.python_version()}
    for name in ("schemathesis", "hypothesis", "httpx", "jsonschema"):
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "absent"
    return versions


def discover_claims(run: RunContext) -> tuple[list[str], str]:
    """The classes the site lists at /conformance (names, or URIs ending in `:conf:<name>`)."""
    try:
        response, _ = run.client.request("GET", "/conformance", identity=None)
    except httpx.HTTPError as exc:
        return [], f"/conformance could not be read: {exc}"
    if response.status_code != 200:
        return [], f"/conformance answered {response.status_code}"
    try:
        body = response.json()
    except ValueError:
        return [], "/conformance is not JSON"
    names = {str(c.get("name")) for c in body.get("classes", []) if isinstance(c, dict)}
    names |= {str(uri).rsplit(":", 1)[-1] for uri in body.get("conformsTo", []) if ":conf:" in str(uri)}
    return [c for c in run.spec.classes() if c in names], ""


def identify_callers(run: RunContext) -> None:
    """Ask /v1/me who each token is (the owner's person UUID is needed for some writes)."""
    for name in run.config.identities:
        try:
            response, _ = run.client.request("GET", "/v1/me", identity=name)
        except httpx.HTTPError:
            continue
        if response.status_code == 200:
            with contextlib.suppress(ValueError):
                run.callers[name] = response.json()


def execute_check(run: RunContext, check: Check) -> CheckResult:
    """Run one check and turn its outcome into a result with evidence."""
    ctx = CheckContext(run, check.check_id, check.conformance_class)
    result = CheckResult(check.check_id, check.conformance_class, check.title, check.requirement, CheckStatus.PASSED)
    started = time.perf_counter()
    before = run.client.total_requests
    with run.client.capture() as exchanges:
        try:
            if check.needs_writes and not run.writes_allowed:
                raise NotApplicable("read-only mode: the site allows no writes")
            if check.needs_writes and not run.writes_allowed_in(check.conformance_class):
                raise NotApplicable(f"the site serves {check.conformance_class} read-only (writes.classes)")
            check.family.function(ctx)
        except NotVerified as exc:
            result.status, result.reason = CheckStatus.NOT_VERIFIED, str(exc)
        except NotApplicable as exc:
            result.status, result.reason = CheckStatus.NOT_APPLICABLE, str(exc)
        except CheckAborted:
            pass
        except SetupFailed as exc:
            result.status, result.reason = CheckStatus.NOT_VERIFIED, f"setup failed: {exc}"
        except (ReadOnlyViolation, UnownedWrite) as exc:
            result.status, result.reason = CheckStatus.NOT_VERIFIED, f"suite refused a write: {exc}"
        except httpx.HTTPError as exc:
            ctx.fail(f"the site did not answer: {type(exc).__name__}: {exc}")
        except Exception as exc:  # a suite defect must not pass a class: report it as not verified
            result.status = CheckStatus.NOT_VERIFIED
            result.reason = f"suite error: {type(exc).__name__}: {exc}"
            result.details["traceback"] = traceback.format_exc()[-3000:]
    run.current.exchanges.extend(exchanges)
    if ctx.findings:
        result.status = CheckStatus.FAILED
        result.reason = ctx.findings[0].message
    result.findings = ctx.findings
    result.evidence = exchanges[:EVIDENCE_SAMPLE]
    result.requests = run.client.total_requests - before
    result.duration_s = time.perf_counter() - started
    result.details.update(ctx.details)
    return result


def begin_class(run: RunContext, conformance_class: str) -> ClassState:
    """A fresh class state; in write mode, two records of each sandboxable collection as subjects for reads."""
    state = run.begin_class(conformance_class)
    if run.writes_allowed_in(conformance_class):
        state.world, state.world_errors = state.sandbox.populate(run.spec.collections_of(conformance_class))
    return state


def run_suite(config: SiteConfig, options: RunOptions, listener: Listener | None = None) -> RunReport:
    """Run every selected, claimed class and return the report."""
    listener = listener or Listener()
    spec = SpecIndex.load(options.spec_path)
    client = SuiteClient(
        config.base_url,
        {n: i.token for n, i in config.identities.items()},
        allow_writes=config.writes.allowed,
        transport=options.transport,
    )
    run = RunContext(config, spec, client, options.profile, options.seed, SchemaValidator(spec))
    started = datetime.now(UTC)
    clock = time.perf_counter()
    claimed, claim_error = discover_claims(run)
    run.claimed = claimed
    identify_callers(run)
    if "changes" in claimed:
        from conformance.checks.changes import record_heads

        record_heads(run)  # before any write: the feed's end, to read every write of the run after it
    plan = {c: checks_for(c, spec) for c in spec.classes()}
    listener.on_plan(plan, claimed)
    results: list[CheckResult] = []
    verdicts = []
    leftovers: list[str] = []
    for conformance_class, checks in plan.items():
        selected = options.classes is None or conformance_class in options.classes
        class_results: list[CheckResult] = []
        if conformance_class in claimed and selected:
            state = begin_class(run, conformance_class)
            for check in checks:
                listener.on_check_start(check)
                result = execute_check(run, check)
                listener.on_check_end(check, result)
                class_results.append(result)
            leftovers += state.sandbox.cleanup()
            run.state = None
        results += class_results
        verdicts.append(class_verdict(conformance_class, conformance_class in claimed, selected, class_results))
    client.close()
    meta: dict[str, Any] = {
        "suite": "ispyb-conformance",
        "suiteVersion": conformance.__version__,
        "specVersion": spec.version,
        "specSha256": spec.sha256,
        "baseUrl": config.base_url,
        "profile": options.profile.name,
        "seed": options.seed,
        "writesAllowed": config.writes.allowed,
        "writeClasses": list(config.writes.classes) if config.writes.classes is not None else None,
        "libraries": library_versions(),
        "startedAt": started.isoformat(),
        "durationSeconds": round(time.perf_counter() - clock, 2),
        "claimedClasses": claimed,
        "claimError": claim_error,
        "selectedClasses": options.classes,
        "requests": client.total_requests,
        "writeRequests": client.write_requests,
        "cleanupLeftovers": leftovers,
    }
    return RunReport(meta, verdicts, results)
