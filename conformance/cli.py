"""``ispyb-conformance``: certify a site (`run`), check that it certifies for many seeds (`sweep`), and list
what is tested (`classes`).

Exit codes: 0 when every class the site claims (and that was selected) passed; 1 when one failed or was not
verified; 2 for a bad configuration or an unreachable site. The explore profile never certifies, so it exits 0
only when nothing failed and says it is not a certification.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from conformance.config import SiteConfig, SiteConfigError, load_site_config
from conformance.profiles import PROFILES, get_profile
from conformance.registry import all_checks
from conformance.reports import write_reports
from conformance.results import RunReport
from conformance.runner import RunOptions, run_suite
from conformance.spec import SpecError, SpecIndex

app = typer.Typer(help="ISPyB Common API conformance suite.", no_args_is_help=True, add_completion=False)
console = Console()
DEFAULT_SEED = 20260101


def _load_site(
    config: Path, base_url: str | None, spec: Path | None, classes: list[str] | None
) -> tuple[SiteConfig, SpecIndex]:
    """The site's configuration, checked against the spec's classes; exit 2 on a configuration or spec error."""
    try:
        site = load_site_config(config, base_url)
        index = SpecIndex.load(spec)
    except (SiteConfigError, SpecError) as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from exc
    unknown = sorted(set(classes or []) - set(index.classes()))
    if unknown:
        raise typer.BadParameter(f"unknown class(es) {unknown}; known: {index.classes()}", param_hint="--class")
    return site, index


@app.command()
def run(
    config: Annotated[Path, typer.Option("--config", "-c", help="Site configuration (site.yaml).")],
    base_url: Annotated[
        str | None, typer.Option("--base-url", help="Root URL of the site (overrides baseUrl).")
    ] = None,
    classes: Annotated[list[str] | None, typer.Option("--class", help="Only this class (repeatable).")] = None,
    profile: Annotated[str, typer.Option(help="certification (deterministic, bounded) or explore.")] = "certification",
    seed: Annotated[int | None, typer.Option(help="Seed of generated data (certification default: fixed).")] = None,
    max_examples: Annotated[
        int | None, typer.Option("--max-examples", help="Examples per generated operation.")
    ] = None,
    report_dir: Annotated[Path, typer.Option("--report-dir", help="Where to write the reports.")] = Path("reports"),
    spec: Annotated[Path | None, typer.Option(help="Spec file (default: the bundled openapi.json).")] = None,
) -> None:
    """Run the suite against a site and write JSON, JUnit XML and HTML reports."""
    from conformance.progress import LiveProgress, summary_table

    if profile not in PROFILES:
        raise typer.BadParameter(f"choose one of {', '.join(PROFILES)}", param_hint="--profile")
    site, index = _load_site(config, base_url, spec, classes)
    chosen = get_profile(profile, max_examples)
    run_seed = seed if seed is not None else (DEFAULT_SEED if chosen.deterministic else secrets.randbits(31))
    mode = "write" if site.writes.allowed else "read-only"
    console.print(
        f"[bold]ispyb-conformance[/bold] {site.base_url}  profile={chosen.name} seed={run_seed} "
        f"mode={mode} spec={index.version} ({index.sha256[:12]})"
    )
    live = LiveProgress(console, classes)
    try:
        report = run_suite(site, RunOptions(chosen, run_seed, classes, spec), live.listener())
    finally:
        live.stop()
    paths = write_reports(report, report_dir)
    console.print(summary_table(report))
    for kind, path in paths.items():
        console.print(f"{kind:>5} report: {path}")
    console.print(
        f"{report.meta['requests']} requests ({report.meta['writeRequests']} writes) in "
        f"{report.meta['durationSeconds']} s"
    )
    if report.meta.get("claimError"):
        console.print(f"[red]{report.meta['claimError']}[/red]")
        raise typer.Exit(2)
    if report.all_claimed_passed:
        colour = "green" if report.certified else "yellow"
        console.print(f"[{colour}]{verdict(report)}[/{colour}]")
        raise typer.Exit(0)
    console.print("[red]NOT CERTIFIED[/red]")
    raise typer.Exit(1)


def verdict(report: RunReport) -> str:
    """What a run with every claimed class passing may call itself: only a full certification-profile run of
    every claimed class is CERTIFIED; a run of some classes (``--class``) or of the explore profile is not."""
    if report.certified:
        return "CERTIFIED"
    if report.meta.get("profile") != "certification":
        return "all claimed classes passed (explore profile: not a certification)"
    return "selected classes passed (not a certification: it runs every claimed class)"


def parse_seeds(text: str) -> list[int]:
    """`1-20`, `3,7,11` or a mix (`1-5,9`) as a list of seeds, in order, without repeats."""
    seeds: list[int] = []
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        low, sep, high = part.partition("-")
        try:
            values = range(int(low), int(high) + 1) if sep else [int(low)]
        except ValueError as exc:
            raise typer.BadParameter(f"{part!r} is not a seed or a range like 1-20", param_hint="--seeds") from exc
        seeds += [v for v in values if v not in seeds]
    if not seeds:
        raise typer.BadParameter("no seed given", param_hint="--seeds")
    return seeds


@app.command()
def sweep(
    config: Annotated[Path, typer.Option("--config", "-c", help="Site configuration (site.yaml).")],
    seeds: Annotated[str, typer.Option(help="Seeds to run: a range (1-20), a list (3,7) or both.")] = "1-20",
    base_url: Annotated[
        str | None, typer.Option("--base-url", help="Root URL of the site (overrides baseUrl).")
    ] = None,
    classes: Annotated[list[str] | None, typer.Option("--class", help="Only this class (repeatable).")] = None,
    max_examples: Annotated[
        int | None, typer.Option("--max-examples", help="Examples per generated operation.")
    ] = None,
    report_dir: Annotated[
        Path | None, typer.Option("--report-dir", help="Also write each seed's reports to DIR/seed-N/.")
    ] = None,
    spec: Annotated[Path | None, typer.Option(help="Spec file (default: the bundled openapi.json).")] = None,
) -> None:
    """Certify the site once per seed (certification profile) and print seed → verdict, time, failed checks.

    One certified seed proves little: a sweep shows whether the verdict holds for every seed. The runs go one
    after the other against the same site, so each also shows that a run leaves the site fit for the next.
    Exit code 0 only when every seed certified.
    """
    from rich.table import Table

    site, _ = _load_site(config, base_url, spec, classes)
    chosen = get_profile("certification", max_examples)
    table = Table(title=f"Seed sweep of {site.base_url} (max-examples {chosen.schemathesis_examples})")
    for column in ("seed", "verdict", "seconds", "requests", "failed or not verified"):
        table.add_column(column)
    all_certified = True
    for run_seed in parse_seeds(seeds):
        report = run_suite(site, RunOptions(chosen, run_seed, classes, spec))
        if report_dir is not None:
            write_reports(report, report_dir / f"seed-{run_seed}")
        if report.meta.get("claimError"):
            console.print(f"[red]{report.meta['claimError']}[/red]")
            raise typer.Exit(2)
        passed = report.all_claimed_passed
        all_certified &= passed
        bad = [f"{r.check_id} ({r.status})" for r in report.results if str(r.status) in ("failed", "not verified")]
        colour = "green" if report.certified else "yellow" if passed else "red"
        row = (str(run_seed), f"[{colour}]{verdict(report)}[/{colour}]", f"{report.meta['durationSeconds']:.1f}")
        table.add_row(*row, str(report.meta["requests"]), ", ".join(bad) or "-")
        console.print(f"seed {run_seed}: {verdict(report)} {', '.join(bad)}")
    console.print(table)
    raise typer.Exit(0 if all_certified else 1)


@app.command("classes")
def list_classes(
    spec: Annotated[Path | None, typer.Option(help="Spec file (default: the bundled openapi.json).")] = None,
) -> None:
    """List the conformance classes, their operations, and their checks with the requirement each verifies."""
    index = SpecIndex.load(spec)
    for name, checks in all_checks(index).items():
        operations = index.operations_of(name)
        console.print(f"\n[bold]{name}[/bold]  ({len(operations)} operations, uri {index.class_uris[name]})")
        for check in checks:
            writes = " [dim](write mode only)[/dim]" if check.needs_writes else ""
            console.print(f"  [cyan]{check.check_id}[/cyan] {check.title}{writes}")
            console.print(f"      {check.requirement}", highlight=False)


@app.command("audit")
def audit_cmd(
    services: Annotated[Path, typer.Option("--services", help="services.yaml: name, baseUrl, token of each service.")],
    state: Annotated[
        Path | None, typer.Option("--state", help="Keep the index here; later runs follow the change feeds.")
    ] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the JSON report here.")] = None,
    spec: Annotated[Path | None, typer.Option(help="Spec file (default: the bundled openapi.json).")] = None,
) -> None:
    """Walk every reference field (x-references) across granular services and report dangling UUIDs (JSON).

    Exit code 0 when none dangles, 1 when some do, 2 when a service cannot be read.
    """
    import json

    import httpx

    from conformance.audit import audit

    try:
        report = audit(services, state, spec)
    except (httpx.HTTPError, ValueError, KeyError) as exc:
        console.print(f"[red]audit failed: {exc}[/red]")
        raise typer.Exit(2) from exc
    text = json.dumps(report, indent=2)
    if output is not None:
        output.write_text(text + "\n")
    print(text)
    raise typer.Exit(1 if report["dangling"] else 0)


if __name__ == "__main__":  # pragma: no cover
    app()
