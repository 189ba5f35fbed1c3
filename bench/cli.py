"""Command line of the benchmark harness (``python -m bench generate|run``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bench.dataset import Scale

app = typer.Typer(help="ISPyB Common API benchmarks.", no_args_is_help=True, add_completion=False)

DbOption = Annotated[str, typer.Option("--db", help="SQLAlchemy URL of the benchmark database.",
                                       envvar="BENCH_DB")]
ProposalsOption = Annotated[int, typer.Option("--proposals", help="Scale: 1000 = 20k sessions, 200k samples, "
                                                                  "1M data collections.", envvar="BENCH_PROPOSALS")]

ResultsOption = Annotated[Path, typer.Option(help="Directory of the markdown and JSON results.")]
RESULTS = Path(__file__).resolve().parent / "results"


@app.command()
def generate(db: DbOption, proposals: ProposalsOption = 1000, results: ResultsOption = RESULTS) -> None:
    """Migrate the database with the server's migrations and bulk-load the data set."""
    from bench.loader import load, record

    scale = Scale(proposals=proposals)
    record(results, db, scale, load(db, scale))


@app.command()
def run(
    db: DbOption,
    proposals: ProposalsOption = 1000,
    duration: Annotated[float, typer.Option(help="Seconds of load per scenario.")] = 15.0,
    connections: Annotated[int, typer.Option(help="wrk connections.")] = 8,
    threads: Annotated[int, typer.Option(help="wrk threads.")] = 1,
    workers: Annotated[int, typer.Option(help="uvicorn workers of both servers.")] = 2,
    conformance: Annotated[bool, typer.Option(help="Time a certification run of the conformance suite.")] = True,
    results: ResultsOption = RESULTS,
) -> None:
    """Generate (if needed), then measure every scenario and the ceiling; write the results."""
    from bench.runner import Options, run_all

    run_all(Options(db=db, scale=Scale(proposals=proposals), duration=duration, connections=connections,
                    threads=threads, workers=workers, conformance=conformance, results=results))
