"""One self-contained HTML page (inline CSS, no scripts or external assets), readable offline and archivable.

It shows the run's identity (suite version, spec hash, seed), the class verdicts, and every check with its
requirement, findings and the recorded exchanges (tokens already masked by the HTTP layer).
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path
from typing import Any

from conformance.results import CheckResult, Exchange, RunReport

STYLE = """
body{font-family:system-ui,sans-serif;margin:2rem;color:#1b1b1b;max-width:1200px}
h1{margin-bottom:.2rem} table{border-collapse:collapse;margin:1rem 0} td,th{border:1px solid #ccc;padding:.3rem .6rem;
text-align:left;vertical-align:top} .passed{background:#dff5e1}.failed{background:#fbdcdc}
.not-verified{background:#fff1c9}.not-claimed,.not-selected,.not-applicable{background:#eee}
details{margin:.3rem 0} pre{background:#f6f6f6;padding:.5rem;overflow-x:auto;white-space:pre-wrap;font-size:.8rem}
.badge{display:inline-block;padding:.1rem .5rem;border-radius:.3rem;font-weight:600}
"""


def _css(status: str) -> str:
    return status.replace(" ", "-")


def _badge(status: str) -> str:
    return f'<span class="badge {_css(status)}">{escape(status)}</span>'


def _exchange(exchange: Exchange) -> str:
    data = exchange.to_dict()
    text = json.dumps(data, indent=2, ensure_ascii=False, default=str)
    return f"<details><summary>{escape(exchange.summary())}</summary><pre>{escape(text)}</pre></details>"


def _check(result: CheckResult) -> str:
    findings = "".join(
        f"<li>{escape(f.message)}{_exchange(f.exchange) if f.exchange else ''}</li>" for f in result.findings
    )
    evidence = "".join(_exchange(e) for e in result.evidence)
    details = escape(json.dumps(result.details, indent=2, default=str)) if result.details else ""
    return (
        f'<details class="{_css(str(result.status))}"><summary><b>{escape(result.check_id)}</b> '
        f"{_badge(str(result.status))} {escape(result.title)} "
        f"<small>({result.requests} requests, {result.duration_s:.1f} s)</small></summary>"
        f"<p><b>Requirement.</b> {escape(result.requirement)}</p>"
        + (f"<p><b>Reason.</b> {escape(result.reason)}</p>" if result.reason else "")
        + (f"<p><b>Findings</b></p><ol>{findings}</ol>" if findings else "")
        + (f"<p><b>Evidence (first exchanges)</b></p>{evidence}" if evidence else "")
        + (f"<pre>{details}</pre>" if details else "")
        + "</details>"
    )


def render_html(report: RunReport) -> str:
    meta: dict[str, Any] = report.meta
    verdict = (
        "CERTIFIED"
        if report.certified
        else (
            "all claimed classes passed (explore profile: not a certification)"
            if report.all_claimed_passed
            else "NOT CERTIFIED"
        )
    )
    rows = "".join(
        f"<tr class='{_css(str(v.status))}'><td>{escape(v.name)}</td><td>{'yes' if v.claimed else 'no'}</td>"
        f"<td>{_badge(str(v.status))}</td><td>{escape(v.reason)}</td></tr>"
        for v in report.verdicts
    )
    facts = "".join(
        f"<tr><th>{escape(k)}</th><td>{escape(str(meta.get(k)))}</td></tr>"
        for k in (
            "baseUrl",
            "profile",
            "seed",
            "writesAllowed",
            "suiteVersion",
            "specVersion",
            "specSha256",
            "libraries",
            "startedAt",
            "durationSeconds",
            "requests",
            "writeRequests",
            "claimedClasses",
        )
    )
    sections = ""
    for v in report.verdicts:
        checks = [r for r in report.results if r.conformance_class == v.name]
        if checks:
            sections += f"<h3>{escape(v.name)} {_badge(str(v.status))}</h3>" + "".join(_check(r) for r in checks)
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>ISPyB Common API conformance report"
        f"</title><style>{STYLE}</style></head><body><h1>ISPyB Common API conformance</h1>"
        f"<p><b>{escape(verdict)}</b> — {escape(str(meta.get('baseUrl')))}</p><table>{facts}</table>"
        f"<h2>Classes</h2><table><tr><th>Class</th><th>Claimed</th><th>Verdict</th><th>Why</th></tr>{rows}</table>"
        f"<h2>Checks</h2>{sections}</body></html>"
    )


def write_html(report: RunReport, path: Path) -> Path:
    path.write_text(render_html(report), encoding="utf-8")
    return path
