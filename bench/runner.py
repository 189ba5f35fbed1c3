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
    paced_connections: int = 0  # 0: as many as server workers
    threads: int = 1
    workers: int = 1
    tune: bool = True
    experiments: tuple[str, ...] = ()
    only: tuple[str, ...] = ()  # scenario names to run (default: all)
    conformance: bool = True
    results: Path = Path("bench/results")
    warmup: float = WARMUP_SECONDS


def staff_token(db: str) -> str:
    """``ispyb-server token create --role staff``: the token is on the last line."""
    done = subprocess.run(
        [venv_command("ispyb-server"), "token", "create", "--db", db, "--role", "staff", "--subject", "bench"],
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout.strip().splitlines()[-1]


def _measure(
    scenario: Scenario, base_url: str, loads: tuple[wrk.Load, wrk.Load], server: Started, warmup: float
) -> wrk.Result:
    """A saturating run (throughput) then a paced one (latency without queueing), each after a warm-up."""
    runs: list[wrk.Measurement] = []
    name, kind = scenario.name, scenario.kind
    for i, (label, load) in enumerate(zip(("saturated", "paced"), loads, strict=True)):
        if warmup > 0:
            wrk.run(
                f"{name}-warmup",
                base_url,
                kind,
                scenario.for_run(2 * i + 1),
                wrk.Load(load.threads, load.connections, warmup),
            )
        with RssSampler(server.pid) as rss:
            measured = wrk.run(name, base_url, kind, scenario.for_run(2 * i + 2), load)
        measured.peak_rss_mb = round(rss.peak / 2**20, 1)
        measured.server_cpu_ms_per_request = round(1000 * rss.cpu / measured.requests, 3) if measured.requests else None
        runs.append(measured)
        print(
            f"{name:<8} {label:<9} c={load.connections:<3} {measured.rps:>8,.0f} req/s  "
            f"p50 {measured.latency_ms['p50']:7.2f} ms  p99 {measured.latency_ms['p99']:7.2f} ms  "
            f"rss {measured.peak_rss_mb:5.0f} MB  cpu/req {measured.server_cpu_ms_per_request} ms  "
            f"{measured.counts or ''}"
            f"{' non-2xx ' + str(measured.errors['status']) if measured.errors['status'] else ''}",
            flush=True,
        )
    return wrk.Result(name, runs[0], runs[1])


def _git_commit() -> str | None:
    done = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
    )
    return done.stdout.strip() or None


def run_all(options: Options) -> dict[str, Any]:
    """Everything, in order; returns the JSON document also written to ``options.results``."""
    wrk.wrk_path()  # fail early, before minutes of loading, when wrk is missing
    started = datetime.now(UTC)
    meta: dict[str, Any] = {
        "started": started.isoformat(timespec="seconds"),
        "git_commit": _git_commit(),
        "backend": make_url(options.db).get_backend_name(),
        "scale": {
            "proposals": options.scale.proposals,
            "sessions": options.scale.sessions,
            "samples": options.scale.samples,
            "data_collections": options.scale.data_collections,
        },
        "workers": options.workers,
        "experiments": list(options.experiments),
        "load": {
            "threads": options.threads,
            "connections": options.connections,
            "seconds": options.duration,
            "warmup_seconds": options.warmup,
        },
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "loadavg_before": " ".join(f"{x:.1f}" for x in os.getloadavg()),
        },
    }
    meta["load_time"] = loader.record(
        options.results, options.db, options.scale, loader.load(options.db, options.scale)
    )
    token = staff_token(options.db)
    paced = options.paced_connections or options.workers
    loads = (
        wrk.Load(options.threads, options.connections, options.duration),
        wrk.Load(min(options.threads, paced), paced, options.duration),
    )
    meta["load"]["paced_connections"] = paced
    meta["database_settings"] = loader.tune(options.db) if options.tune else {}
    results: list[wrk.Result] = []
    workdir = Path(tempfile.mkdtemp(prefix="ispyb-bench-"))
    port, ceiling_port = free_port(), free_port()
    server_url, ceiling_url = f"http://127.0.0.1:{port}", f"http://127.0.0.1:{ceiling_port}"
    server_cmd = [
        venv_command("ispyb-server"),
        "serve",
        "--db",
        options.db,
        "--port",
        str(port),
        "--workers",
        str(options.workers),
    ]
    env = {"PYTHONPATH": str(ROOT)}
    if options.experiments:  # the same app with the recommended server changes emulated (bench/experiments.py)
        server_cmd = [
            venv_command("python"),
            "-m",
            "bench.experiments",
            "--db",
            options.db,
            "--port",
            str(port),
            "--workers",
            str(options.workers),
            "--apply",
            ",".join(options.experiments),
        ]
    with serving(server_cmd, server_url + "/v1/proposals", workdir / "server.log", env) as server:
        scenarios, body, facts = prepare(server_url, token, options.scale, options.threads)
        meta["targets"] = facts
        body_file = workdir / "ceiling-body.json"
        body_file.write_bytes(body)
        ceiling_cmd = [
            venv_command("python"),
            "-m",
            "bench.ceiling",
            "--port",
            str(ceiling_port),
            "--workers",
            str(options.workers),
            "--body",
            str(body_file),
        ]
        with serving(ceiling_cmd, ceiling_url + "/", workdir / "ceiling.log", env) as ceiling:
            bare = Scenario("ceiling", "get", {"token": token, "paths": ["/ceiling"]}, "")
            results.append(_measure(bare, ceiling_url, loads, ceiling, options.warmup))
        for scenario in scenarios:
            if options.only and scenario.name not in options.only:
                continue
            results.append(_measure(scenario, server_url, loads, server, options.warmup))
    certification = certify.certification(workdir / "conformance", options.workers) if options.conformance else None
    if certification is not None:
        print(
            f"certification: {certification.get('status')} {certification.get('seconds', '')} s "
            f"{certification.get('verdict') or certification.get('reason', '')}",
            flush=True,
        )
    return _write(options, meta, results, certification, scenarios)


def _write(
    options: Options,
    meta: dict[str, Any],
    results: list[wrk.Result],
    certification: dict[str, Any] | None,
    scenarios: list[Scenario],
) -> dict[str, Any]:
    by_name = {m.scenario: m for m in results}
    judged = report.verdicts(by_name, certification)
    descriptions = {
        "ceiling": "bare Starlette endpoint returning the single GET's bytes from memory, same uvicorn settings",
        **{s.name: s.description for s in scenarios},
    }
    ceiling = by_name.get("ceiling")
    document = {
        "meta": meta,
        "scenarios": [
            {
                **m.as_dict(),
                "ratio_to_ceiling": round(m.saturated.rps / ceiling.saturated.rps, 4)
                if ceiling and ceiling.saturated.rps
                else None,
                "description": descriptions.get(m.scenario),
            }
            for m in results
        ],
        "targets": [v.as_dict() for v in judged],
        "certification": certification,
    }
    label = "-".join(("bench", meta["backend"], str(options.scale.proposals), *options.experiments))
    stem = f"{label}-{meta['started'][:19].replace(':', '')}"
    text = report.markdown(meta, results, judged, certification, descriptions)
    md_path, json_path = report.write(options.results, stem, document, text)
    if not options.experiments:
        report.write(options.results, f"latest-{meta['backend']}", document, text)
    print(text)
    print(f"wrote {md_path} and {json_path}")
    return document
