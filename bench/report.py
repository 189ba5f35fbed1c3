"""The results: a markdown table and a JSON file, with every target of issue 7 judged on the figures."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.wrk import Result

RSS_LIMIT_MB = 250.0
CERTIFICATION_LIMIT_S = 300.0


@dataclass(frozen=True)
class Verdict:
    target: str
    measured: str
    met: bool | None  # None: could not be measured

    def as_dict(self) -> dict[str, Any]:
        return {"target": self.target, "measured": self.measured, "met": self.met}


def verdicts(by_name: dict[str, Result], certification: dict[str, Any] | None) -> list[Verdict]:
    """Issue 7's targets, judged on this run's figures: req/s on the saturated runs, latency on the paced ones."""
    out: list[Verdict] = []
    ceiling, get, first, deep = (by_name.get(n) for n in ("ceiling", "get", "list", "deep"))
    if ceiling and get:
        ratio = get.saturated.rps / ceiling.saturated.rps if ceiling.saturated.rps else 0.0
        out.append(
            Verdict(
                "single GET ≥ 40 % of the ceiling's req/s",
                f"{ratio:.1%} ({get.saturated.rps:.0f} / {ceiling.saturated.rps:.0f} req/s)",
                ratio >= 0.4,
            )
        )
        p99 = get.paced.latency_ms["p99"]
        out.append(Verdict("single GET p99 ≤ 25 ms (paced)", f"{p99:.1f} ms", p99 <= 25))
    if first:
        p50 = first.paced.latency_ms["p50"]
        out.append(Verdict("filtered list page (100) p50 ≤ 15 ms (paced)", f"{p50:.1f} ms", p50 <= 15))
    if first and deep:
        deep_p50, first_p50 = deep.paced.latency_ms["p50"], first.paced.latency_ms["p50"]
        factor = deep_p50 / first_p50 if first_p50 else 0.0
        out.append(
            Verdict(
                "deep page ≤ 1.5× the first page (paced p50)",
                f"{factor:.2f}× ({deep_p50:.1f} vs {first_p50:.1f} ms)",
                factor <= 1.5,
            )
        )
    server_rss = [r.peak_rss_mb for n, r in by_name.items() if n != "ceiling" and r.peak_rss_mb is not None]
    if server_rss:
        out.append(
            Verdict(
                f"server RSS ≤ {RSS_LIMIT_MB:.0f} MB under load",
                f"{max(server_rss):.0f} MB peak",
                max(server_rss) <= RSS_LIMIT_MB,
            )
        )
    if certification is not None:
        if certification.get("status") == "measured":
            seconds = float(certification["seconds"])
            out.append(
                Verdict(
                    "certification of all classes ≤ 5 min",
                    f"{seconds:.0f} s ({certification.get('verdict')})",
                    seconds <= CERTIFICATION_LIMIT_S,
                )
            )
        else:
            out.append(
                Verdict(
                    "certification of all classes ≤ 5 min",
                    f"not measured: {certification.get('reason', '')[:200]}",
                    None,
                )
            )
    return out


#: issue 16: req/s at c=8 of the server over the floor's, per scenario, at least
FLOOR_TARGETS = {"get": 0.5, "list": 0.5, "put": 0.4, "patch": 0.4}
PACED_GET_P99_MS = 10.0


def floor_ratio(ours: Result, floor: Result) -> dict[str, Any]:
    """Server / floor: req/s of the saturated runs, and server CPU per request (paced runs) of each."""
    rps = ours.saturated.rps / floor.saturated.rps if floor.saturated.rps else None
    cpu, floor_cpu = ours.paced.server_cpu_ms_per_request, floor.paced.server_cpu_ms_per_request
    return {
        "rps_ratio": round(rps, 3) if rps is not None else None,
        "cpu_ms_per_request": cpu,
        "floor_cpu_ms_per_request": floor_cpu,
        "cpu_ratio": round(cpu / floor_cpu, 3) if cpu and floor_cpu else None,
    }


def floor_verdicts(by_name: dict[str, Result], floors: dict[str, Result]) -> list[Verdict]:
    """Issue 16's targets: each scenario's req/s against its floor's, and the paced GET's p99."""
    out = []
    for name, minimum in FLOOR_TARGETS.items():
        ours, floor = by_name.get(name), floors.get(name)
        if ours is None or floor is None:
            continue
        ratio = floor_ratio(ours, floor)["rps_ratio"] or 0.0
        out.append(
            Verdict(
                f"{name} ≥ {minimum:g} × floor (req/s, c={ours.saturated_connections})",
                f"{ratio:.2f}× ({ours.saturated.rps:,.0f} / {floor.saturated.rps:,.0f} req/s)",
                ratio >= minimum,
            )
        )
    get = by_name.get("get")
    if get is not None:
        p99 = get.paced.latency_ms["p99"]
        out.append(Verdict(f"paced GET p99 ≤ {PACED_GET_P99_MS:g} ms", f"{p99:.1f} ms", p99 <= PACED_GET_P99_MS))
    return out


def floor_table(results: list[Result], floors: dict[str, Result]) -> list[str]:
    """The server beside its floor, scenario by scenario (markdown lines)."""
    if not floors:
        return []
    lines = [
        "",
        "Server against the floor (`bench/floor.py`: the same work by hand, same database, same uvicorn settings; "
        "each server run followed at once by the floor's):",
        "",
        "| scenario | ours req/s | floor req/s | ours / floor | ours CPU ms/req | floor CPU ms/req | CPU ratio | "
        "ours p99 paced ms | floor p99 paced ms |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        floor = floors.get(r.scenario)
        if floor is None:
            continue
        ratio = floor_ratio(r, floor)
        lines.append(
            f"| {r.scenario} | {r.saturated.rps:,.0f} | {floor.saturated.rps:,.0f} | {ratio['rps_ratio']:.2f}× | "
            f"{ratio['cpu_ms_per_request']:.2f} | {ratio['floor_cpu_ms_per_request']:.2f} | "
            f"{ratio['cpu_ratio']:.2f}× | {r.paced.latency_ms['p99']:.1f} | {floor.paced.latency_ms['p99']:.1f} |"
        )
    return lines


def _mark(met: bool | None) -> str:
    return {True: "met", False: "**missed**", None: "not measured"}[met]


def _responses(result: Result) -> str:
    counts: dict[str, int] = {}
    for run in (result.saturated, result.paced):
        for key, value in run.counts.items():
            counts[key] = counts.get(key, 0) + value
    if counts:
        return ", ".join(f"{k}: {v}" for k, v in sorted(counts.items()))
    bad = result.saturated.errors["status"] + result.paced.errors["status"]
    return f"non-2xx: {bad}" if bad else "all 2xx"


def markdown(
    meta: dict[str, Any],
    results: list[Result],
    judged: list[Verdict],
    certification: dict[str, Any] | None,
    descriptions: dict[str, str],
    floors: dict[str, Result] | None = None,
) -> str:
    ceiling = next((r for r in results if r.scenario == "ceiling"), None)
    load = meta["load"]
    settings = ", ".join(f"{k}={v}" for k, v in meta.get("database_settings", {}).items()) or "defaults"
    lines = [
        f"# Benchmark {meta['started']}",
        "",
        f"{meta['backend']} ({settings}) · {meta['scale']['data_collections']:,} data collections "
        f"({meta['scale']['proposals']:,} proposals) · server `--workers {meta['workers']}`"
        + (f" · experiments: {', '.join(meta['experiments'])}" if meta.get("experiments") else "")
        + f" · wrk -t{load['threads']} -d{load['seconds']:g}s, saturated c={load['connections']}, "
        f"paced c={load['paced_connections']} · {meta['machine']['cpus']} CPUs, load average "
        f"{meta['machine']['loadavg_before']} before the run",
        "",
        f"| scenario | req/s (c={load['connections']}) | ratio to ceiling | "
        f"p50 / p99 ms (c={load['connections']}) | p50 / p99 ms (c={load['paced_connections']}) | "
        "server CPU ms/req | peak server RSS MB | responses |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        sat, paced = r.saturated, r.paced
        ratio = f"{sat.rps / ceiling.saturated.rps:.1%}" if ceiling and ceiling.saturated.rps else "–"
        rss = f"{r.peak_rss_mb:.0f}" if r.peak_rss_mb is not None else "–"
        cpu = f"{paced.server_cpu_ms_per_request:.2f}" if paced.server_cpu_ms_per_request is not None else "–"
        lines.append(
            f"| {r.scenario} | {sat.rps:,.0f} | {ratio} | {sat.latency_ms['p50']:.1f} / "
            f"{sat.latency_ms['p99']:.1f} | {paced.latency_ms['p50']:.1f} / {paced.latency_ms['p99']:.1f} | "
            f"{cpu} | {rss} | {_responses(r)} |"
        )
    lines += floor_table(results, floors or {})
    lines += ["", "| target | measured | verdict |", "|---|---|---|"]
    lines += [f"| {v.target} | {v.measured} | {_mark(v.met)} |" for v in judged]
    if certification is not None:
        lines += [
            "",
            f"Certification: `{certification.get('command', '')}` → {certification.get('status')}"
            + (
                f", {certification['seconds']} s, exit {certification.get('exit_code')}"
                if certification.get("status") == "measured"
                else f" ({certification.get('reason', '')})"
            ),
        ]
    if meta.get("load_time"):
        data_load = meta["load_time"]
        lines += [
            "",
            f"Data load: {data_load['rows']:,} rows in {data_load['seconds']:.0f} s "
            f"({data_load['backend']}, {data_load['proposals']:,} proposals).",
        ]
    lines += [
        "",
        "Latency targets are judged on the paced runs (one connection per worker), req/s on the saturated "
        "ones. Other jobs share this machine: server CPU per request (paced run) is the figure least "
        "affected by them; compare two runs on it, or use `python -m bench ab`.",
        "",
        "Scenarios:",
        *[f"- **{name}**: {text}" for name, text in descriptions.items()],
        "",
    ]
    return "\n".join(lines)


def write(directory: Path, stem: str, document: dict[str, Any], text: str) -> tuple[Path, Path]:
    directory.mkdir(parents=True, exist_ok=True)
    json_path = directory / f"{stem}.json"
    md_path = directory / f"{stem}.md"
    json_path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    md_path.write_text(text)
    return md_path, json_path
