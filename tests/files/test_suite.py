"""`ispyb-conformance run` certifies the files class on the reference server (the CLIs, as a site would)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.files.conftest import FilesServer
from tests.server.live import run_cli


def test_the_suite_certifies_files(files_server: FilesServer, tmp_path: Path) -> None:
    site = tmp_path / "site.yaml"
    roots = [arg for root in files_server.roots for arg in ("--files-root", root)]
    run_cli("site-config", "--base-url", files_server.base_url, "--db", files_server.db_url, "-o", str(site), *roots)
    suite = Path(sys.executable).with_name("ispyb-conformance")
    options = ["--class", "files", "--seed", "1", "--max-examples", "3", "--report-dir", str(tmp_path)]
    result = subprocess.run(
        [str(suite), "run", "--config", str(site), *options],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    report = json.loads((tmp_path / "conformance-report.json").read_text())
    statuses = {r["id"]: r["status"] for r in report["checks"] if r["id"].startswith("FILE-")}
    assert statuses == {
        check: "passed"
        for check in (
            "FILE-SCHEMA-01",
            "FILE-CONTENT-01",
            "FILE-RANGE-01",
            "FILE-CONDITIONAL-01",
            "FILE-REACH-01",
            "FILE-MISSING-01",
            "FILE-TRAVERSAL-01",
            "FILE-THUMBNAIL-01",
        )
    }, statuses
