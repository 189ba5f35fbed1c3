"""A/B measurement of an emulated server change: both servers up at once, runs interleaved, medians compared.

The benchmark machine is shared, so its speed drifts by a factor of two within minutes (the ceiling alone
moved from 12.6k to 4.9k req/s between two runs). Interleaving short runs of the baseline and the
experiment, and comparing medians of each, cancels that drift far better than two separate full runs.
"""

from __future__ import annotations

import statistics
import tempfile
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from bench import wrk
from bench.dataset import Scale
from bench.procs import RssSampler, free_port, serving, venv_command
from bench.runner import ROOT, staff_token
from bench.scenarios import prepare


def ab(
    db: str,
    scale: Scale,
    experiments: tuple[str, ...],
    scenario_names: tuple[str, ...],
    workers: int,
    connections: int,
    seconds: float,
    rounds: int,
    baseline_root: Path | None = None,
    candidate_root: Path | None = None,
) -> dict[str, Any]:
    """Median req/s and latency of each scenario on the plain server (A) and with ``experiments`` (B).

    ``baseline_root`` / ``candidate_root``: A / B run the reference server of that source tree (e.g. ``git
    archive`` of two commits), so that a real change, not an emulated one, is compared with what it replaced.
    """
    token = staff_token(db)
    workdir = Path(tempfile.mkdtemp(prefix="ispyb-ab-"))
    env = {"PYTHONPATH": f"{ROOT}:{ROOT / 'generated'}"}
    roots = {"A": baseline_root or ROOT, "B": candidate_root or ROOT}
    envs = {key: {"PYTHONPATH": f"{root}:{root / 'generated'}"} if root != ROOT else env for key, root in roots.items()}
    ports = {"A": free_port(), "B": free_port()}
    commands = {
        "A": [
            venv_command("python"),
            "-m",
            "bench.experiments",
            "--db",
            db,
            "--port",
            str(ports["A"]),
            "--workers",
            str(workers),
            "--apply",
            "",
        ],
        "B": [
            venv_command("python"),
            "-m",
            "bench.experiments",
            "--db",
            db,
            "--port",
            str(ports["B"]),
            "--workers",
            str(workers),
            "--apply",
            ",".join(experiments),
        ],
    }
    urls = {k: f"http://127.0.0.1:{p}" for k, p in ports.items()}
    out: dict[str, Any] = {
        "roots": {key: str(root) for key, root in roots.items()},
        "experiments": list(experiments),
        "workers": workers,
        "connections": connections,
        "seconds": seconds,
        "rounds": rounds,
        "scenarios": {},
    }
    with ExitStack() as stack:
        servers = {
            key: stack.enter_context(
                serving(commands[key], urls[key] + "/v1/proposals", workdir / f"{key}.log", envs[key], roots[key])
            )
            for key in ("A", "B")
        }
        scenarios, _, _ = prepare(urls["A"], token, scale, 1)
        load = wrk.Load(1, connections, seconds)
        for scenario in scenarios:
            if scenario.name not in scenario_names:
                continue
            runs: dict[str, list[wrk.Measurement]] = {"A": [], "B": []}
            n = 0
            for _ in range(rounds):
                for key in ("A", "B"):
                    n += 1
                    with RssSampler(servers[key].pid) as sampler:
                        measured = wrk.run(scenario.name, urls[key], scenario.kind, scenario.for_run(n), load)
                    measured.server_cpu_ms_per_request = round(1000 * sampler.cpu / max(measured.requests, 1), 3)
                    runs[key].append(measured)
            rps = {key: statistics.median(m.rps for m in ms) for key, ms in runs.items()}
            cpu = {key: statistics.median(m.server_cpu_ms_per_request or 0.0 for m in ms) for key, ms in runs.items()}
            summary = {
                key: {
                    "rps": rps[key],
                    "cpu_ms_per_request": cpu[key],
                    "p50_ms": statistics.median(m.latency_ms["p50"] for m in ms),
                    "p99_ms": statistics.median(m.latency_ms["p99"] for m in ms),
                    "rps_runs": [m.rps for m in ms],
                    "cpu_ms_runs": [m.server_cpu_ms_per_request for m in ms],
                }
                for key, ms in runs.items()
            }
            gain = rps["B"] / rps["A"] - 1 if rps["A"] else 0.0
            saved = 1 - cpu["B"] / cpu["A"] if cpu["A"] else 0.0
            out["scenarios"][scenario.name] = {**summary, "rps_gain": round(gain, 3), "cpu_saved": round(saved, 3)}
            print(
                f"{scenario.name:<6} A {rps['A']:7.0f} req/s {cpu['A']:6.2f} cpu-ms/req | "
                f"B {rps['B']:7.0f} req/s {cpu['B']:6.2f} cpu-ms/req | req/s {gain:+.1%}, server CPU/req "
                f"{-saved:+.1%}",
                flush=True,
            )
    return out
