"""The suite certifies the reference server over real HTTP, in write mode and in read-only mode."""

from __future__ import annotations

from pathlib import Path

import pytest

from conformance.spec import SpecIndex
from tests.conformance.conftest import request_log, run_cli

pytestmark = pytest.mark.long

#: every class of the spec: the reference server implements them all (`files` once it is given storage roots:
#: certified over the demo's file set by tests/files/test_suite.py)
CLASSES = set(SpecIndex.load().classes()) - {"files"}
UNCLAIMED = {"files": "not claimed"}
WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")


def test_certifies_the_reference_server_in_write_mode_within_five_minutes(site_factory, tmp_path: Path) -> None:
    site = site_factory()
    code, report, elapsed, output = run_cli(site, tmp_path / "reports")
    verdicts = {c["name"]: c["status"] for c in report["classes"]}
    assert verdicts == {**dict.fromkeys(CLASSES, "passed"), **UNCLAIMED}, output[-3000:]
    assert code == 0 and report["certified"] is True
    assert elapsed < 300
    assert report["writeRequests"] > 0 and report["specSha256"] and report["seed"] == 20260101
    assert {"schemathesis", "hypothesis"} <= set(report["libraries"])
    assert (tmp_path / "reports" / "conformance-junit.xml").exists()
    html = (tmp_path / "reports" / "conformance-report.html").read_text()
    assert "CERTIFIED" in html
    for path in (tmp_path / "reports").iterdir():
        text = path.read_text()
        for identity in site.config["identities"].values():
            assert identity["token"] not in text, f"a token leaked into {path.name}"


def test_read_only_mode_certifies_the_demo_data_and_sends_no_write(site_factory, tmp_path: Path) -> None:
    site = site_factory(read_only=True, request_log=True)
    code, report, _, output = run_cli(site, tmp_path / "reports")
    verdicts = {c["name"]: c["status"] for c in report["classes"]}
    assert verdicts == {**dict.fromkeys(CLASSES, "passed"), **UNCLAIMED}, output[-3000:]
    assert code == 0
    assert report["writeRequests"] == 0
    seen = request_log(site)
    assert len(seen) > 100
    assert [r for r in seen if r["method"] in WRITE_METHODS] == []
    statuses = {c["id"]: c["status"] for c in report["checks"]}
    assert statuses["SHIP-LIFECYCLE-01"] == "not applicable"
    assert statuses["PROC-RECORDS-01"] == "passed"


def test_pytest_plugin_runs_the_suite_one_test_per_check(site_factory, tmp_path: Path) -> None:
    import subprocess
    import sys

    site = site_factory()
    (tmp_path / "empty").mkdir()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            str(tmp_path / "empty"),
            "--ispyb-base-url",
            site.base_url,
            "--ispyb-config",
            str(site.config_path),
            "--ispyb-class",
            "core",
            "--ispyb-report-dir",
            str(tmp_path / "reports"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stdout[-2000:]
    assert "6 passed" in done.stdout
    assert (tmp_path / "reports" / "conformance-junit.xml").exists()
