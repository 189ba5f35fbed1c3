"""The load driver: wrk (Debian's ``wrk`` package) with Lua scenario scripts, on loopback.

wrk is an event-loop C client, so the client costs little of the 2 cores the server shares with it, and its
latency histogram is exact per request. A scenario script is ``common.lua`` (status counters, a JSON summary
line) plus the scenario's own ``request``/``response`` hooks, preceded by the scenario's data as a Lua table.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

LUA = Path(__file__).resolve().parent / "lua"
MARK = "BENCH_JSON "


class WrkMissingError(RuntimeError):
    """wrk is not installed (``apt-get install -y wrk``)."""


def wrk_path() -> str:
    path = shutil.which("wrk")
    if path is None:
        raise WrkMissingError("wrk is not installed: apt-get install -y wrk")
    return path


def to_lua(value: Any) -> str:
    """A Python value (str, int, float, bool, list, dict) as a Lua literal."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)  # JSON string escapes are valid Lua escapes for these (\", \\, \n, \uXXXX aside)
    if isinstance(value, list | tuple):
        return "{" + ", ".join(to_lua(v) for v in value) + "}"
    if isinstance(value, dict):
        return "{" + ", ".join(f"[{to_lua(k)}] = {to_lua(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"no Lua literal for {type(value).__name__}")


@dataclass(frozen=True)
class Load:
    """How hard and how long to drive: wrk threads, open connections, seconds."""

    threads: int = 1
    connections: int = 8
    seconds: float = 15.0


@dataclass
class Measurement:
    """One wrk run: throughput, latency percentiles (ms), errors and per-status counts."""

    scenario: str
    requests: int
    seconds: float
    rps: float
    latency_ms: dict[str, float]
    errors: dict[str, int]
    counts: dict[str, int] = field(default_factory=dict)
    connections: int | None = None
    peak_rss_mb: float | None = None
    #: server CPU (all its processes, user + system) per request: robust to other jobs on the machine
    server_cpu_ms_per_request: float | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Result:
    """A scenario's two runs: saturated (throughput, and latency with queueing) and paced (latency alone)."""

    scenario: str
    saturated: Measurement
    paced: Measurement

    @property
    def saturated_connections(self) -> int | None:
        return self.saturated.connections

    @property
    def peak_rss_mb(self) -> float | None:
        values = [m.peak_rss_mb for m in (self.saturated, self.paced) if m.peak_rss_mb is not None]
        return max(values) if values else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario,
            "peak_rss_mb": self.peak_rss_mb,
            "saturated": self.saturated.as_dict(),
            "paced": self.paced.as_dict(),
        }


def script(kind: str, data: dict[str, Any]) -> str:
    """The Lua script of a scenario kind (``get``, ``put``, ``patch``) with its data."""
    assert "\\u" not in json.dumps(data), "non-ASCII scenario data would need Lua escapes"
    return f"DATA = {to_lua(data)}\n" + (LUA / "common.lua").read_text() + "\n" + (LUA / f"{kind}.lua").read_text()


def run(name: str, base_url: str, kind: str, data: dict[str, Any], load: Load) -> Measurement:
    """Drive ``base_url`` with the scenario for ``load.seconds`` and parse wrk's summary."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", prefix=f"bench-{name}-", delete=False) as handle:
        handle.write(script(kind, data))
        path = handle.name
    try:
        done = subprocess.run(
            [
                wrk_path(),
                "-t",
                str(load.threads),
                "-c",
                str(load.connections),
                "-d",
                f"{max(1, round(load.seconds))}s",
                "--timeout",
                "10s",
                "-s",
                path,
                base_url,
            ],
            capture_output=True,
            text=True,
            timeout=load.seconds + 120,
            check=False,
        )
    finally:
        Path(path).unlink(missing_ok=True)
    line = next((ln for ln in done.stdout.splitlines() if ln.startswith(MARK)), None)
    if done.returncode != 0 or line is None:
        raise RuntimeError(f"wrk failed for {name} ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    raw = json.loads(line.removeprefix(MARK))
    seconds = raw["duration_us"] / 1e6
    latency = {k: round(v / 1000, 3) for k, v in raw["latency_us"].items()}
    return Measurement(
        scenario=name,
        requests=raw["requests"],
        seconds=round(seconds, 3),
        rps=round(raw["requests"] / seconds, 1) if seconds else 0.0,
        latency_ms=latency,
        errors=raw["errors"],
        counts=dict(sorted(raw["counts"].items())),
        connections=load.connections,
    )
