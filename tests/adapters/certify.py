"""An adapter certified as a site would do it: its own commands, over HTTP, then ``ispyb-conformance sweep``.

``certify`` runs ``<adapter> site-config`` (tokens and fixture manifest), ``<adapter> serve --strict`` (response
validation on) in a subprocess, waits for ``/health`` and sweeps the given seeds one after the other on the same
database; ``assert_certified`` asserts what each adapter's test expects of every seed's report. Only the
adapters' command lines and the suite's are run: the test shares no code with either.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from tests.ports import free_port as _free_port

BIN = Path(sys.executable).parent
#: what every written class must pass, besides its verdict
WRITE_CHECKS = ("LIFECYCLE-01", "ROUNDTRIP-01", "IDEMPOTENT-01")


@dataclass(frozen=True)
class Certification:
    """The sweep's reports by seed, its output and exit code, and how long it took (seconds)."""

    reports: dict[int, dict[str, Any]]
    stdout: str
    returncode: int
    elapsed: float


def _wait_healthy(base: str, server: subprocess.Popen[bytes], log: Path) -> None:
    for _ in range(150):
        try:
            if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            if server.poll() is not None:
                break
            time.sleep(0.2)
    raise AssertionError(f"the adapter did not answer /health: {log.read_text()[-3000:]}")


def certify(
    adapter: str, db_url: str, tmp_path: Path, seeds: Sequence[int], *, max_examples: int = 2, timeout: int = 560
) -> Certification:
    """Serve the database at ``db_url`` with the ``adapter`` command and sweep ``seeds`` over it."""
    base = f"http://127.0.0.1:{_free_port()}"
    site = tmp_path / "site.yaml"
    cli = str(BIN / adapter)
    subprocess.run([cli, "site-config", "--db", db_url, "--base-url", base, "-o", str(site)], check=True, timeout=120)
    log = tmp_path / "server.log"
    server = subprocess.Popen(
        [cli, "serve", "--db", db_url, "--port", base.rsplit(":", 1)[1], "--strict"],
        stdout=subprocess.DEVNULL,
        stderr=log.open("w"),
    )
    try:
        _wait_healthy(base, server, log)
        # schemathesis is two thirds of a run: 2 examples per operation keep the test in the CI budget
        return sweep(site, seeds, tmp_path / "report", max_examples=max_examples, timeout=timeout)
    finally:
        server.terminate()
        server.wait(timeout=10)


def sweep(site: Path, seeds: Sequence[int], report_dir: Path, *, max_examples: int, timeout: float) -> Certification:
    """``ispyb-conformance sweep`` of ``seeds`` against the site configuration ``site``: its reports by seed."""
    started = time.monotonic()
    run = subprocess.run(
        [
            *(str(BIN / "ispyb-conformance"), "sweep", "-c", str(site), "--seeds", ",".join(map(str, seeds))),
            *("--max-examples", str(max_examples), "--report-dir", str(report_dir)),
        ],
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    elapsed = time.monotonic() - started
    reports = {}
    for seed in seeds:
        path = report_dir / f"seed-{seed}" / "conformance-report.json"
        if path.exists():
            reports[seed] = json.loads(path.read_text())
    return Certification(reports, run.stdout, run.returncode, elapsed)


def assert_certified(
    result: Certification,
    read_only: Sequence[str],
    written: Sequence[str],
    prefixes: Sequence[str],
    checks: Sequence[str] = WRITE_CHECKS,
) -> None:
    """Every seed claimed exactly ``read_only + written``, passed each, passed ``checks`` of each written
    class's check prefix (``ACQ``, ``PROC``…) and was certified; the sweep exited 0."""
    for seed, report in result.reports.items():
        verdicts = {c["name"]: c["status"] for c in report["classes"]}
        assert report["claimedClasses"] == [*read_only, *written], report["claimError"]
        for name in (*read_only, *written):
            assert verdicts[name] == "passed", (seed, name, result.stdout[-3000:])
        passed = {c["id"] for c in report["checks"] if c["status"] == "passed"}
        for prefix in prefixes:
            assert {f"{prefix}-{check}" for check in checks} <= passed, (seed, prefix)
        assert report["certified"] is True, seed
    assert result.returncode == 0, result.stdout[-3000:]
