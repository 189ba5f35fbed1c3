"""Time of a full certification run of the conformance suite against the reference server.

The suite certifies against a site configuration written by the server (``ispyb-server site-config``) over
a demo-seeded SQLite database, as a site developer would run it. The time is only reported when the suite
actually ran to a report; otherwise the result says "not measured" and why, never a made-up number.
"""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path
from typing import Any

from bench.procs import free_port, serving, venv_command

TIMEOUT = 1800.0


def _summary(report: dict[str, Any]) -> dict[str, Any]:
    """The few facts of a conformance report worth keeping next to its duration."""
    meta = report.get("meta", {})
    out: dict[str, Any] = {
        key: meta[key] for key in ("requests", "writeRequests", "durationSeconds", "profile", "seed") if key in meta
    }
    for key in ("certified", "allClaimedPassed"):
        if key in report:
            out[key] = report[key]
    classes = report.get("classes")
    if isinstance(classes, list):
        out["classes"] = {
            str(c.get("id") or c.get("name")): c.get("verdict") or c.get("status")
            for c in classes
            if isinstance(c, dict)
        }
    elif isinstance(classes, dict):
        out["classes"] = {
            name: (c.get("verdict") or c.get("status")) if isinstance(c, dict) else c for name, c in classes.items()
        }
    return out


def certification(workdir: Path, workers: int) -> dict[str, Any]:
    """Serve a demo SQLite database, write its site config, and time ``ispyb-conformance run``."""
    workdir.mkdir(parents=True, exist_ok=True)
    database = workdir / "conformance.db"
    for stale in workdir.glob("conformance.db*"):
        stale.unlink()
    db_url = f"sqlite:///{database}"
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    command = [
        venv_command("ispyb-conformance"),
        "run",
        "--base-url",
        base_url,
        "--config",
        str(workdir / "site.yaml"),
        "--profile",
        "certification",
        "--report-dir",
        str(workdir / "reports"),
    ]
    result: dict[str, Any] = {"command": " ".join(command[1:]), "server_workers": workers}
    server = [
        venv_command("ispyb-server"),
        "serve",
        "--db",
        db_url,
        "--port",
        str(port),
        "--demo",
        "--workers",
        str(workers),
    ]
    try:
        with serving(server, base_url + "/v1/proposals", workdir / "server.log"):
            subprocess.run(
                [
                    venv_command("ispyb-server"),
                    "site-config",
                    "--base-url",
                    base_url,
                    "--db",
                    db_url,
                    "-o",
                    str(workdir / "site.yaml"),
                ],
                check=True,
                capture_output=True,
                timeout=300,
            )
            start = time.perf_counter()
            done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=False)
            seconds = time.perf_counter() - start
    except (OSError, subprocess.SubprocessError, RuntimeError) as exc:
        return {**result, "status": "not measured", "reason": f"{type(exc).__name__}: {exc}"[:1000]}
    (workdir / "conformance.log").write_text(done.stdout + done.stderr)
    report_file = workdir / "reports" / "conformance-report.json"
    if not report_file.exists():
        tail = (done.stdout + done.stderr).strip().splitlines()[-15:]
        return {
            **result,
            "status": "not measured",
            "exit_code": done.returncode,
            "reason": "ispyb-conformance run wrote no report: " + " | ".join(tail),
        }
    report = json.loads(report_file.read_text())
    return {
        **result,
        "status": "measured",
        "seconds": round(seconds, 1),
        "exit_code": done.returncode,
        "verdict": {0: "certified", 1: "not certified", 2: "configuration error"}.get(done.returncode),
        "report": _summary(report),
    }
