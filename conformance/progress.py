"""Live terminal progress (rich): a bar over all checks to run and one line per finished check."""

from __future__ import annotations

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from conformance.registry import Check
from conformance.results import CheckResult, RunReport
from conformance.runner import Listener

COLOURS = {
    "passed": "green",
    "failed": "red",
    "not verified": "yellow",
    "not applicable": "dim",
    "not claimed": "dim",
    "not selected": "dim",
}


class LiveProgress:
    """Adapts runner callbacks to a rich progress bar."""

    def __init__(self, console: Console, selected: list[str] | None) -> None:
        self.console = console
        self.selected = selected
        self.progress = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        )
        self.task: TaskID | None = None

    def listener(self) -> Listener:
        return Listener(on_plan=self.on_plan, on_check_start=self.on_start, on_check_end=self.on_end)

    def on_plan(self, plan: dict[str, list[Check]], claimed: list[str]) -> None:
        total = sum(
            len(c) for name, c in plan.items() if name in claimed and (not self.selected or name in self.selected)
        )
        self.console.print(f"site claims: {', '.join(claimed) or '(nothing)'}")
        self.progress.start()
        self.task = self.progress.add_task("checks", total=total)

    def on_start(self, check: Check) -> None:
        if self.task is not None:
            self.progress.update(self.task, description=check.check_id)

    def on_end(self, check: Check, result: CheckResult) -> None:
        colour = COLOURS.get(str(result.status), "white")
        reason = f" — {result.reason[:100]}" if result.reason else ""
        self.progress.console.print(
            f"[{colour}]{result.status!s:>14}[/{colour}]  {check.check_id:<22} {result.duration_s:5.1f}s{reason}",
            highlight=False,
            markup=True,
        )
        if self.task is not None:
            self.progress.advance(self.task)

    def stop(self) -> None:
        self.progress.stop()


def summary_table(report: RunReport) -> Table:
    table = Table(title="Conformance classes")
    for column in ("class", "claimed", "verdict", "why"):
        table.add_column(column)
    for verdict in report.verdicts:
        colour = COLOURS.get(str(verdict.status), "white")
        table.add_row(
            verdict.name,
            "yes" if verdict.claimed else "no",
            f"[{colour}]{verdict.status}[/{colour}]",
            verdict.reason[:90],
        )
    return table
