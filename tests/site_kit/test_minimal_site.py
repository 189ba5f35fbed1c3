"""The README's minimal worked example is a real site: started as a process, certified over HTTP by the suite.

``examples/minimal_site`` implements ``site_kit.seam.Storage`` in memory for ``core`` + ``proposals``; if the
kit or the seam changed in a way a site outside this repository would feel, this test fails. Cost: ~20 s.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.conformance.conftest import free_port

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
SERVE = ROOT / "examples" / "minimal_site" / "serve.py"


def _start(port: int, config: Path) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        [sys.executable, str(SERVE), "--port", str(port), "--site-config", str(config)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stderr.read().decode() if process.stderr else "exited"
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).status_code == 200:
                return process
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    process.kill()
    raise AssertionError("the minimal site did not become healthy")


def test_the_minimal_site_declares_core_and_proposals_and_is_certified_for_them(tmp_path: Path) -> None:
    port = free_port()
    process = _start(port, tmp_path / "site.yaml")
    try:
        base = f"http://127.0.0.1:{port}"
        declared = httpx.get(f"{base}/conformance").json()
        assert [c["name"] for c in declared["classes"]] == ["core", "proposals"]
        assert (
            httpx.get(f"{base}/openapi.json").content
            == (ROOT / "generated/ispyb_common_models/openapi.json").read_bytes()
        )
        done = subprocess.run(
            [
                str(BIN / "ispyb-conformance"),
                "run",
                "--config",
                str(tmp_path / "site.yaml"),
                "--class",
                "core",
                "--class",
                "proposals",
                "--report-dir",
                str(tmp_path / "reports"),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=tmp_path,
        )
        report = json.loads((tmp_path / "reports" / "conformance-report.json").read_text())
        verdicts = {c["name"]: c["status"] for c in report["classes"] if c["status"] != "not claimed"}
        assert verdicts == {"core": "passed", "proposals": "passed"}, done.stdout[-3000:]
        assert done.returncode == 0 and report["certified"] is True and report["writeRequests"] > 0
        assert "CERTIFIED" in done.stdout
    finally:
        process.terminate()
        process.wait(timeout=10)
