"""The results: a markdown table and a JSON file, with every target of issue 7 judged on the figures."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.wrk import Measurement

RSS_LIMIT_MB = 250.0
CERTIFICATION_LIMIT_S = 300.0


@dataclass(frozen=True)
class Verdict:
    target: str
    measured: str
    met: bool | None  # None: could not be measured

    def as_dict(self) -> dict[str, Any]:
        return {"target": self.target, "measured": self.measured, "met": self.met}


def verdicts(by_name: dict[str, Measurement], certification: dict[str, Any] | None) -> list[Verdict]:
    """Issue 7's targets, judged on this run's figures."""
    out: list[Verdict] = []
    ceiling, get, first, deep = (by_name.get(n) for n in ("ceiling", "get", "list", "deep"))
    if ceiling and get:
        ratio = get.rps / ceiling.rps if ceiling.rps else 0.0
        out.append(Verdict("single GET ≥ 40 % of the ceiling's req/s",
                           f"{ratio:.1%} ({get.rps:.0f} / {ceiling.rps:.0f} req/s)", ratio >= 0.4))
        out.append(Verdict("single GET p99 ≤ 25 ms", f"{get.latency_ms['p99']:.1f} ms", get.latency_ms["p99"] <= 25))
    if first:
        out.append(Verdict("filtered list page (100) p50 ≤ 15 ms", f"{first.latency_ms['p50']:.1f} ms",
                           first.latency_ms["p50"] <= 15))
    if first and deep:
        factor = deep.latency_ms["p50"] / first.latency_ms["p50"] if first.latency_ms["p50"] else 0.0
        out.append(Verdict("deep page ≤ 1.5× the first page (p50)",
                           f"{factor:.2f}× ({deep.latency_ms['p50']:.1f} vs {first.latency_ms['p50']:.1f} ms)",
                           factor <= 1.5))
    server_rss = [m.peak_rss_mb for n, m in by_name.items() if n != "ceiling" and m.peak_rss_mb is not None]
    if server_rss:
        out.append(Verdict(f"server RSS ≤ {RSS_LIMIT_MB:.0f} MB under load", f"{max(server_rss):.0f} MB peak",
                           max(server_rss) <= RSS_LIMIT_MB))
    if certification is not None:
        if certification.get("status") == "measured":
            seconds = float(certification["seconds"])
            out.append(Verdict("certification of all classes ≤ 5 min",
                               f"{seconds:.0f} s ({certification.get('verdict')})", seconds <= CERTIFICATION_LIMIT_S))
        else:
            out.append(Verdict("certification of all classes ≤ 5 min",
                               f"not measured: {certification.get('reason', '')[:200]}", None))
    return out


def _mark(met: bool | None) -> str:
    return {True: "met", False: "**missed**", None: "not measured"}[met]


def markdown(meta: dict[str, Any], results: list[Measurement], judged: list[Verdict],
             certification: dict[str, Any] | None, descriptions: dict[str, str]) -> str:
    ceiling = next((m for m in results if m.scenario == "ceiling"), None)
    lines = [f"# Benchmark {meta['started']}", "",
             f"{meta['backend']} · {meta['scale']['data_collections']:,} data collections "
             f"({meta['scale']['proposals']:,} proposals) · server `--workers {meta['workers']}` · "
             f"wrk -t{meta['load']['threads']} -c{meta['load']['connections']} -d{meta['load']['seconds']:g}s · "
             f"{meta['machine']['cpus']} CPUs, load average {meta['machine']['loadavg_before']} before the run", "",
             "| scenario | req/s | p50 ms | p99 ms | ratio to ceiling | peak server RSS MB | responses |",
             "|---|---:|---:|---:|---:|---:|---|"]
    for m in results:
        ratio = f"{m.rps / ceiling.rps:.1%}" if ceiling and ceiling.rps else "–"
        statuses = ", ".join(f"{k}: {v}" for k, v in m.counts.items()) or (
            f"non-2xx: {m.errors['status']}" if m.errors["status"] else "all 2xx")
        rss = f"{m.peak_rss_mb:.0f}" if m.peak_rss_mb is not None else "–"
        lines.append(f"| {m.scenario} | {m.rps:,.0f} | {m.latency_ms['p50']:.1f} | {m.latency_ms['p99']:.1f} | "
                     f"{ratio} | {rss} | {statuses} |")
    lines += ["", "| target | measured | verdict |", "|---|---|---|"]
    lines += [f"| {v.target} | {v.measured} | {_mark(v.met)} |" for v in judged]
    if certification is not None:
        lines += ["", f"Certification: `{certification.get('command', '')}` → {certification.get('status')}"
                  + (f", {certification['seconds']} s, exit {certification.get('exit_code')}"
                     if certification.get("status") == "measured" else f" ({certification.get('reason', '')})")]
    if meta.get("load_time"):
        load = meta["load_time"]
        lines += ["", f"Data load: {load['rows']:,} rows in {load['seconds']:.0f} s ({load['backend']}, "
                      f"{load['proposals']:,} proposals)."]
    lines += ["", "Scenarios:", *[f"- **{name}**: {text}" for name, text in descriptions.items()], ""]
    return "\n".join(lines)


def write(directory: Path, stem: str, document: dict[str, Any], text: str) -> tuple[Path, Path]:
    directory.mkdir(parents=True, exist_ok=True)
    json_path = directory / f"{stem}.json"
    md_path = directory / f"{stem}.md"
    json_path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    md_path.write_text(text)
    return md_path, json_path
