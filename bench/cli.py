"""Command line of the benchmark harness (``python -m bench generate|run``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bench.dataset import Scale

app = typer.Typer(help="ISPyB Common API benchmarks.", no_args_is_help=True, add_completion=False)

DbOption = Annotated[str, typer.Option("--db", help="SQLAlchemy URL of the benchmark database.", envvar="BENCH_DB")]
ProposalsOption = Annotated[
    int,
    typer.Option(
        "--proposals", help="Scale: 1000 = 20k sessions, 200k samples, 1M data collections.", envvar="BENCH_PROPOSALS"
    ),
]

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
    connections: Annotated[int, typer.Option(help="wrk connections of the saturated runs.")] = 8,
    paced: Annotated[int, typer.Option(help="wrk connections of the paced (latency) runs; 0: one per worker.")] = 0,
    threads: Annotated[int, typer.Option(help="wrk threads.")] = 1,
    workers: Annotated[int, typer.Option(help="uvicorn workers of both servers (the server default is 1).")] = 1,
    conformance: Annotated[bool, typer.Option(help="Time a certification run of the conformance suite.")] = True,
    floor: Annotated[bool, typer.Option(help="Measure the floor (bench/floor.py) too.")] = True,
    tune: Annotated[bool, typer.Option(help="PostgreSQL: random_page_cost=1.1 on the database (SSD setting).")] = True,
    experiment: Annotated[
        list[str] | None,
        typer.Option(help="Serve the app with an emulated server change (bench/experiments.py); repeatable."),
    ] = None,
    only: Annotated[
        list[str] | None, typer.Option(help="Only these scenarios (get, list, deep, put, patch); repeatable.")
    ] = None,
    results: ResultsOption = RESULTS,
) -> None:
    """Generate (if needed), then measure every scenario and the ceiling; write the results."""
    from bench.runner import Options, run_all

    run_all(
        Options(
            db=db,
            scale=Scale(proposals=proposals),
            duration=duration,
            connections=connections,
            paced_connections=paced,
            threads=threads,
            workers=workers,
            tune=tune,
            experiments=tuple(experiment or ()),
            only=tuple(only or ()),
            conformance=conformance,
            floor=floor,
            results=results,
        )
    )


@app.command("ab")
def ab_command(
    db: DbOption,
    experiment: Annotated[
        list[str] | None, typer.Option(help="Emulated server change(s) of the B server; repeatable.")
    ] = None,
    name: Annotated[str | None, typer.Option(help="Name of the change, in the result's file name.")] = None,
    proposals: ProposalsOption = 1000,
    scenario: Annotated[list[str] | None, typer.Option(help="Scenarios (default: get, list).")] = None,
    workers: Annotated[int, typer.Option(help="uvicorn workers of both servers.")] = 1,
    connections: Annotated[int, typer.Option(help="wrk connections.")] = 4,
    seconds: Annotated[float, typer.Option(help="Seconds per run.")] = 5.0,
    rounds: Annotated[int, typer.Option(help="Interleaved A/B rounds.")] = 4,
    results: ResultsOption = RESULTS / "ab",
    baseline_root: Annotated[
        Path | None, typer.Option(help="Source tree whose server is A (e.g. git archive of the commit before).")
    ] = None,
    candidate_root: Annotated[
        Path | None, typer.Option(help="Source tree whose server is B (default: this one).")
    ] = None,
) -> None:
    """A/B: the plain server against the same server with emulated changes, runs interleaved."""
    import json
    from datetime import UTC, datetime

    from bench.ab import ab

    out = ab(
        db,
        Scale(proposals=proposals),
        tuple(experiment or ()),
        tuple(scenario or ("get", "list")),
        workers,
        connections,
        seconds,
        rounds,
        baseline_root,
        candidate_root,
    )
    results.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H%M%S")
    label = name or "-".join(experiment or ()) or "trees"
    path = results / f"ab-{label}-{stamp}.json"
    path.write_text(json.dumps(out, indent=2) + "\n")
    print(f"wrote {path}")


@app.command("federation")
def federation_command(
    requests: Annotated[int, typer.Option(help="Requests per target (interleaved).")] = 200,
    timeout: Annotated[float, typer.Option(help="Member timeout of the federation (seconds).")] = 1.0,
    proposals: Annotated[int, typer.Option(help="Proposals of realistic data per member.")] = 8,
    results: ResultsOption = RESULTS,
) -> None:
    """Federated list page over three members vs the slowest member; a blackholed member; Redis locations."""
    import json

    from bench.federation import run as run_federation

    out = run_federation(requests=requests, timeout=timeout, proposals=proposals, results=results)
    print(json.dumps(out, indent=2))
