"""pytest plugin: run the conformance suite inside a site's own CI, one pytest item per check.

Registered through the `pytest11` entry point, so it loads into every pytest run of any project that installs
this package: it stays inert (adds options, collects nothing, imports nothing heavy) unless `--ispyb-base-url`
is given. With it, the suite runs once (lazily, at the first item) and each check becomes a test that passes,
fails with its findings, or is skipped with its reason (not verified checks fail: they block certification).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("ispyb-conformance", "ISPyB Common API conformance suite")
    group.addoption("--ispyb-base-url", default=None, help="Run the conformance suite against this site.")
    group.addoption("--ispyb-config", default=None, help="Site configuration (site.yaml).")
    group.addoption("--ispyb-class", action="append", default=None, help="Only this class (repeatable).")
    group.addoption("--ispyb-profile", default="certification", help="certification or explore.")
    group.addoption("--ispyb-seed", type=int, default=None, help="Seed of generated data.")
    group.addoption("--ispyb-report-dir", default=None, help="Also write the JSON/JUnit/HTML reports here.")


class _Suite:
    """Runs the suite once for the whole pytest session."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.report: Any = None

    def result(self, check_id: str) -> Any:
        if self.report is None:
            self.report = self._run()
        return next((r for r in self.report.results if r.check_id == check_id), None), self.report

    def _run(self) -> Any:
        from conformance.cli import DEFAULT_SEED
        from conformance.config import load_site_config
        from conformance.profiles import get_profile
        from conformance.reports import write_reports
        from conformance.runner import RunOptions, run_suite

        option = self.config.getoption
        config_path = option("--ispyb-config")
        if not config_path:
            raise pytest.UsageError("--ispyb-config is required with --ispyb-base-url")
        site = load_site_config(Path(config_path), option("--ispyb-base-url"))
        profile = get_profile(option("--ispyb-profile"))
        seed = option("--ispyb-seed") if option("--ispyb-seed") is not None else DEFAULT_SEED
        report = run_suite(site, RunOptions(profile, seed, option("--ispyb-class")))
        if option("--ispyb-report-dir"):
            write_reports(report, Path(option("--ispyb-report-dir")))
        return report


class ConformanceItem(pytest.Item):
    """One check of the suite as a pytest test."""

    def __init__(self, *, check_id: str, conformance_class: str, suite: _Suite, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.check_id = check_id
        self.conformance_class = conformance_class
        self.suite = suite

    def runtest(self) -> None:
        result, report = self.suite.result(self.check_id)
        verdict = next(v for v in report.verdicts if v.name == self.conformance_class)
        if result is None:
            pytest.skip(f"class {self.conformance_class}: {verdict.status} ({verdict.reason})")
        status = str(result.status)
        if status == "not applicable":
            pytest.skip(result.reason)
        if status != "passed":
            lines = [f.message for f in result.findings] or [result.reason]
            raise ConformanceFailure(f"{self.check_id} {status}: {result.requirement}\n  - " + "\n  - ".join(lines))

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, ConformanceFailure):
            return str(excinfo.value)
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[str, int, str]:
        return "ispyb-conformance", 0, self.check_id


class ConformanceFailure(Exception):
    """A check failed or could not be verified."""


def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list[pytest.Item]) -> None:
    if not config.getoption("--ispyb-base-url"):
        return
    from conformance.registry import all_checks
    from conformance.spec import SpecIndex

    suite = _Suite(config)
    chosen = config.getoption("--ispyb-class")
    for conformance_class, checks in all_checks(SpecIndex.load()).items():
        if chosen and conformance_class not in chosen:
            continue
        for check in checks:
            items.append(
                ConformanceItem.from_parent(
                    session,
                    name=check.check_id,
                    check_id=check.check_id,
                    conformance_class=conformance_class,
                    suite=suite,
                )
            )
