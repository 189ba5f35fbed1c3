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
    #: measure the floor (bench/floor.py) beside the server on get, list, put and patch
    floor: bool = True
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


#: scenarios the floor (bench/floor.py) also serves, measured right after the server under the same load
FLOOR_SCENARIOS = ("get", "list", "put", "patch")
#: run numbers of the floor's runs start here, so that its PUTs never reuse the server's fresh UUIDs
FLOOR_RUNS = 50


def _one_run(
    name: str,
    label: str,
    scenario: Scenario,
    base_url: str,
    load: wrk.Load,
    server: Started,
    warmup: float,
    run: int,
) -> wrk.Measurement:
    """One measured wrk run (after an unrecorded warm-up), with the serving process tree's RSS and CPU."""
    kind = scenario.kind
    if warmup > 0:
        brief = wrk.Load(load.threads, load.connections, warmup)
        wrk.run(f"{name}-warmup", base_url, kind, scenario.for_run(run), brief)
    with RssSampler(server.pid) as rss:
        measured = wrk.run(name, base_url, kind, scenario.for_run(run + 1), load)
    measured.peak_rss_mb = round(rss.peak / 2**20, 1)
    measured.server_cpu_ms_per_request = round(1000 * rss.cpu / measured.requests, 3) if measured.requests else None
    print(
        f"{name:<12} {label:<9} c={load.connections:<3} {measured.rps:>8,.0f} req/s  "
        f"p50 {measured.latency_ms['p50']:7.2f} ms  p99 {measured.latency_ms['p99']:7.2f} ms  "
        f"rss {measured.peak_rss_mb:5.0f} MB  cpu/req {measured.server_cpu_ms_per_request} ms  "
        f"{measured.counts or ''}"
        f"{' non-2xx ' + str(measured.errors['status']) if measured.errors['status'] else ''}",
        flush=True,
    )
    return measured


def _measure(
    scenario: Scenario,
    base_url: str,
    loads: tuple[wrk.Load, wrk.Load],
    server: Started,
    warmup: float,
    floor: tuple[str, Started] | None = None,
) -> tuple[wrk.Result, wrk.Result | None]:
    """A saturating run (throughput) then a paced one (latency without queueing), each after a warm-up.

    With ``floor`` (its URL and process), each run of the server is followed at once by the same run against
    the floor, so that the two see the same machine load (it drifts by ±25 % within minutes).
    """
    runs: list[wrk.Measurement] = []
    floor_runs: list[wrk.Measurement] = []
    for i, (label, load) in enumerate(zip(("saturated", "paced"), loads, strict=True)):
        runs.append(_one_run(scenario.name, label, scenario, base_url, load, server, warmup, 2 * i + 1))
        if floor is not None:
            floor_url, floor_process = floor
            name = f"floor-{scenario.name}"
            floor_runs.append(
                _one_run(name, label, scenario, floor_url, load, floor_process, warmup, FLOOR_RUNS + 2 * i + 1)
            )
    ours = wrk.Result(scenario.name, runs[0], runs[1])
    return ours, wrk.Result(f"floor-{scenario.name}", floor_runs[0], floor_runs[1]) if floor_runs else None


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
    floors: list[wrk.Result] = []
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
    env = {"PYTHONPATH": f"{ROOT}:{ROOT / 'generated'}"}  # this tree's server, even beside an editable install
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
            results.append(_measure(bare, ceiling_url, loads, ceiling, options.warmup)[0])
        floor_port = free_port()
        floor_url = f"http://127.0.0.1:{floor_port}"
        floor_cmd = [
            venv_command("python"),
            "-m",
            "bench.floor",
            "--db",
            options.db,
            "--port",
            str(floor_port),
            "--workers",
            str(options.workers),
        ]
        with serving(floor_cmd, floor_url + "/v1/proposals", workdir / "floor.log", env) as floor:
            for scenario in scenarios:
                if options.only and scenario.name not in options.only:
                    continue
                pair = (floor_url, floor) if options.floor and scenario.name in FLOOR_SCENARIOS else None
                ours, floor_result = _measure(scenario, server_url, loads, server, options.warmup, pair)
                results.append(ours)
                if floor_result is not None:
                    floors.append(floor_result)
    certification = certify.certification(workdir / "conformance", options.workers) if options.conformance else None
    if certification is not None:
        print(
            f"certification: {certification.get('status')} {certification.get('seconds', '')} s "
            f"{certification.get('verdict') or certification.get('reason', '')}",
            flush=True,
        )
    return _write(options, meta, results, certification, scenarios, floors)


def _write(
    options: Options,
    meta: dict[str, Any],
    results: list[wrk.Result],
    certification: dict[str, Any] | None,
    scenarios: list[Scenario],
    floors: list[wrk.Result],
) -> dict[str, Any]:
    by_name = {m.scenario: m for m in results}
    floor_of = {f.scenario.removeprefix("floor-"): f for f in floors}
    judged = report.verdicts(by_name, certification) + report.floor_verdicts(by_name, floor_of)
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
        "floor": [{**f.as_dict(), **report.floor_ratio(by_name[name], f)} for name, f in floor_of.items()],
        "targets": [v.as_dict() for v in judged],
        "certification": certification,
    }
    label = "-".join(("bench", meta["backend"], str(options.scale.proposals), *options.experiments))
    stem = f"{label}-{meta['started'][:19].replace(':', '')}"
    text = report.markdown(meta, results, judged, certification, descriptions, floor_of)
    md_path, json_path = report.write(options.results, stem, document, text)
    if not options.experiments:
        report.write(options.results, f"latest-{meta['backend']}", document, text)
    print(text)
    print(f"wrote {md_path} and {json_path}")
    return document
