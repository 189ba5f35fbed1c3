"""Report writers: JSON (machine-readable, the record of a run), JUnit XML (CI), one self-contained HTML page."""

from __future__ import annotations

from pathlib import Path

from conformance.reports.html import write_html
from conformance.reports.json_report import write_json
from conformance.reports.junit import write_junit
from conformance.results import RunReport


def write_reports(report: RunReport, directory: Path) -> dict[str, Path]:
    """Write all three reports into `directory`; returns their paths by kind."""
    directory.mkdir(parents=True, exist_ok=True)
    return {
        "json": write_json(report, directory / "conformance-report.json"),
        "junit": write_junit(report, directory / "conformance-junit.xml"),
        "html": write_html(report, directory / "conformance-report.html"),
    }


__all__ = ["write_html", "write_json", "write_junit", "write_reports"]
