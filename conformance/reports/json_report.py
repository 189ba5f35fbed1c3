"""The JSON report: suite version, spec SHA-256, seed, library versions, verdicts, checks with evidence."""

from __future__ import annotations

import json
from pathlib import Path

from conformance.results import RunReport

REPORT_FORMAT = "urn:ispyb:common-api:conformance-report:1"


def write_json(report: RunReport, path: Path) -> Path:
    data = {"format": REPORT_FORMAT, **report.to_dict()}
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False, default=str), encoding="utf-8")
    return path
