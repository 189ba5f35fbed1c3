"""One benchmark run: data, server, ceiling, every scenario, certification, results.

Order matters: the ceiling is measured in the same run and with the same uvicorn settings as the server,
so the ratio compares like with like on a machine whose other load is not under our control; each scenario
gets a short unrecorded warm-up (connection pools, caches, lazy imports) before the measured run.
"""

from __future__ import annotations

import os
import platform
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

from bench import certify, loader, report, wrk
from bench.dataset import Scale
from bench.procs import RssSampler, Started, free_port, serving, venv_command
from bench.scenarios import Scenario, prepare

ROOT = Path(__file__).resolve().parent.parent
WARMUP_SECONDS = 2.0


@dataclass(frozen=True)
class Options:
    db: str
    scale: Scale
    duration: float = 15.0
    connections: int = 8
    threads: int = 1
    workers: int = 2
    conformance: bool = True
    results: Path = Path("bench/results")
    warmup: float = WARMUP_SECONDS


def staff_token(db: str) -> str:
    """``ispyb-server token create --role staff``: the token is on the last line."""
    done = subprocess.run([venv_command("ispyb-server"), "token", "create", "--db", db, "--role", "staff",
                           "--subject", "bench"], check=True, capture_output=True, text=True)
    return done.stdout.strip().splitlines()[-1]


def _measure(name: str, base_url: str, kind: str, data: dict[str, Any], load: wrk.Load, server: Started,
             warmup: float, warmup_data: dict[str, Any] | None = None) -> wrk.Measurement:
    if warmup > 0:
        wrk.run(f"{name}-warmup", base_url, kind, warmup_data or data,
                wrk.Load(load.threads, load.connections, warmup))
    with RssSampler(server.pid) as rss:
        measured = wrk.run(name, base_url, kind, data, load)
    measured.peak_rss_mb = round(rss.peak / 2**20, 1)
    print(f"{name:<8} {measured.rps:>8,.0f} req/s  p50 {measured.latency_ms['p50']:7.2f} ms  "
          f"p99 {measured.latency_ms['p99']:7.2f} ms  rss {measured.peak_rss_mb:6.0f} MB  {measured.counts or ''}"
          f"{' non-2xx ' + str(measured.errors['status']) if measured.errors['status'] else ''}", flush=True)
    return measured


def _git_commit() -> str | None:
    done = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                          check=False)
    return done.stdout.strip() or None


def run_all(options: Options) -> dict[str, Any]:
    """Everything, in order; returns the JSON document also written to ``options.results``."""
    wrk.wrk_path()  # fail early, before minutes of loading, when wrk is missing
    started = datetime.now(UTC)
    meta: dict[str, Any] = {
        "started": started.isoformat(timespec="seconds"),
        "git_commit": _git_commit(),
        "backend": make_url(options.db).get_backend_name(),
        "scale": {"proposals": options.scale.proposals, "sessions": options.scale.sessions,
                  "samples": options.scale.samples, "data_collections": options.scale.data_collections},
        "workers": options.workers,
        "load": {"threads": options.threads, "connections": options.connections, "seconds": options.duration,
                 "warmup_seconds": options.warmup},
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "loadavg_before": " ".join(f"{x:.1f}" for x in os.getloadavg())},
    }
    meta["load_time"] = loader.record(options.results, options.db, options.scale,
                                      loader.load(options.db, options.scale))
    token = staff_token(options.db)
    load = wrk.Load(options.threads, options.connections, options.duration)
    results: list[wrk.Measurement] = []
    workdir = Path(tempfile.mkdtemp(prefix="ispyb-bench-"))
    port, ceiling_port = free_port(), free_port()
    server_url, ceiling_url = f"http://127.0.0.1:{port}", f"http://127.0.0.1:{ceiling_port}"
    server_cmd = [venv_command("ispyb-server"), "serve", "--db", options.db, "--port", str(port),
                  "--workers", str(options.workers)]
    with serving(server_cmd, server_url + "/v1/proposals", workdir / "server.log") as server:
        scenarios, body, facts = prepare(server_url, token, options.scale, options.threads)
        meta["targets"] = facts
        body_file = workdir / "ceiling-body.json"
        body_file.write_bytes(body)
        ceiling_cmd = [venv_command("python"), "-m", "bench.ceiling", "--port", str(ceiling_port),
                       "--workers", str(options.workers), "--body", str(body_file)]
        env = {"PYTHONPATH": str(ROOT)}
        with serving(ceiling_cmd, ceiling_url + "/", workdir / "ceiling.log", env) as ceiling:
            results.append(_measure("ceiling", ceiling_url, "get", {"token": token, "paths": ["/ceiling"]}, load,
                                    ceiling, options.warmup))
        for scenario in scenarios:
            results.append(_measure(scenario.name, server_url, scenario.kind, scenario.data, load, server,
                                    options.warmup, scenario.warmup))
    certification = certify.certification(workdir / "conformance", options.workers) if options.conformance \
        else None
    if certification is not None:
        print(f"certification: {certification.get('status')} {certification.get('seconds', '')} s "
              f"{certification.get('verdict') or certification.get('reason', '')}", flush=True)
    return _write(options, meta, results, certification, scenarios)


def _write(options: Options, meta: dict[str, Any], results: list[wrk.Measurement],
           certification: dict[str, Any] | None, scenarios: list[Scenario]) -> dict[str, Any]:
    by_name = {m.scenario: m for m in results}
    judged = report.verdicts(by_name, certification)
    descriptions = {"ceiling": "bare Starlette endpoint returning the single GET's bytes from memory, same uvicorn "
                               "settings", **{s.name: s.description for s in scenarios}}
    ceiling = by_name.get("ceiling")
    document = {
        "meta": meta,
        "scenarios": [{**m.as_dict(), "ratio_to_ceiling": round(m.rps / ceiling.rps, 4) if ceiling and ceiling.rps
                       else None, "description": descriptions.get(m.scenario)} for m in results],
        "targets": [v.as_dict() for v in judged],
        "certification": certification,
    }
    stem = f"bench-{meta['backend']}-{options.scale.proposals}-{meta['started'][:19].replace(':', '')}"
    text = report.markdown(meta, results, judged, certification, descriptions)
    md_path, json_path = report.write(options.results, stem, document, text)
    report.write(options.results, f"latest-{meta['backend']}", document, text)
    print(text)
    print(f"wrote {md_path} and {json_path}")
    return document
