"""``ispyb-spec``: bundle, validate, generate, lint and diff the ISPyB Common API specification."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from spec_tools import client_codegen
from spec_tools import generate as gen
from spec_tools.bundle import BundleError, bundle, dumps
from spec_tools.diff.model import Audience, Impact
from spec_tools.diff.render import Format
from spec_tools.paths import CLIENT_COLLECTIONS_PATH, GENERATED_DIR, GRAPHQL_SDL_PATH, SPEC_ROOT
from spec_tools.version import BASELINE_DIR

app = typer.Typer(
    help="Tooling for the ISPyB Common API specification (spec/ is the source of truth).",
    no_args_is_help=True,
    add_completion=False,
)
console = Console(stderr=True)

SpecOption = Annotated[Path, typer.Option("--spec", help="Root document of the specification.")]


@app.command("bundle")
def bundle_cmd(
    output: Annotated[Path, typer.Option("-o", "--output", help="File to write; .json, .yaml or .yml.")],
    spec: SpecOption = SPEC_ROOT,
) -> None:
    """Write the whole specification as one self-contained document."""
    try:
        text = dumps(bundle(spec), output.suffix)
    except BundleError as exc:
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    output.write_text(text, encoding="utf-8")
    console.print(f"wrote {output}")


@app.command()
def validate(spec: SpecOption = SPEC_ROOT) -> None:
    """Validate the bundled specification as OpenAPI 3.1."""
    from openapi_spec_validator import validate as validate_spec
    from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

    try:
        validate_spec(bundle(spec))
    except (BundleError, OpenAPIValidationError) as exc:
        console.print(f"[red]invalid:[/red] {exc}")
        raise typer.Exit(1) from exc
    console.print("[green]valid OpenAPI 3.1[/green]")


@app.command()
def generate(
    check: Annotated[bool, typer.Option("--check", help="Fail when generated/ is stale; write nothing.")] = False,
    spec: SpecOption = SPEC_ROOT,
    out_dir: Annotated[Path, typer.Option("--out-dir", help="Directory of the generated package.")] = GENERATED_DIR,
    client_file: Annotated[
        Path, typer.Option("--client-file", help="The client's generated collections module.")
    ] = CLIENT_COLLECTIONS_PATH,
    sdl_file: Annotated[Path, typer.Option("--sdl-file", help="The GraphQL schema (SDL).")] = GRAPHQL_SDL_PATH,
) -> None:
    """Generate the bundle and the pydantic v2 models into generated/, the client's typed collections and the
    GraphQL schema (SDL) of the GraphQL layer."""
    # the GraphQL layer reads only the spec (no server code), so the SDL comes from the same bundle
    from graphql_layer.contract import read as read_contract
    from graphql_layer.schema import print_sdl

    outputs = gen.render(spec)
    accessors = client_codegen.render(json.loads(outputs.bundle_json))
    sdl = print_sdl(read_contract(json.loads(outputs.bundle_json)))
    if check:
        stale = gen.stale_files(outputs, out_dir)
        if not client_file.is_file() or client_file.read_text(encoding="utf-8") != accessors:
            stale.append(client_file.name)
        if not sdl_file.is_file() or sdl_file.read_text(encoding="utf-8") != sdl:
            stale.append(sdl_file.name)
        if stale:
            console.print(f"[red]generated/ is stale[/red] ({', '.join(stale)}): run `ispyb-spec generate`")
            raise typer.Exit(1)
        console.print("[green]generated/ is up to date[/green]")
        return
    gen.write(outputs, out_dir)
    client_file.write_text(accessors, encoding="utf-8")
    sdl_file.write_text(sdl, encoding="utf-8")
    console.print(f"wrote {out_dir}, {client_file} and {sdl_file}")


# --- review kit: lint, diff, version policy, changelog -----------------------------------------------------

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


@app.command()
def lint(
    file: Annotated[Path, typer.Argument(help="Root document of the specification.")] = SPEC_ROOT,
    rule: Annotated[list[str] | None, typer.Option("--rule", help="Run only this rule (repeatable).")] = None,
    list_rules: Annotated[bool, typer.Option("--list-rules", help="Print every rule and its rationale.")] = False,
) -> None:
    """Check the project's style rules; print `file:line rule message`; exit 1 on any error."""
    from spec_tools.lint import Severity, SourceError, rule_list
    from spec_tools.lint import lint as run_lint

    if list_rules:
        for item in rule_list():
            out.print(f"{item.id} ({item.severity.value}): {item.rationale}")
        return
    known = {item.id for item in rule_list()}
    if rule and (unknown := set(rule) - known):
        err.print(f"[red]error:[/red] unknown rule(s): {', '.join(sorted(unknown))}")
        raise typer.Exit(2)
    try:
        findings = run_lint(file, set(rule) if rule else None)
    except SourceError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    for finding in findings:
        out.print(finding.format(Path.cwd()), markup=False)
    errors = sum(f.severity is Severity.ERROR for f in findings)
    err.print(f"{errors} error(s), {len(findings) - errors} warning(s) in {file}")
    if errors:
        raise typer.Exit(1)


class FailOn(StrEnum):
    BREAKING = "breaking"
    ANY = "any"


@app.command("diff")
def diff_cmd(
    old: Annotated[str, typer.Argument(help="Old spec: a root yaml, a bundled json/yaml, a git ref, or `none`.")],
    new: Annotated[str, typer.Argument(help="New spec: a root yaml, a bundled json/yaml, or a git ref.")],
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.TEXT,
    fail_on: Annotated[
        FailOn, typer.Option("--fail-on", help="Exit 1 on a change at or above this level.")
    ] = FailOn.BREAKING,
    audience: Annotated[Audience, typer.Option("--for", help="Whose breakage --fail-on counts.")] = Audience.CLIENTS,
) -> None:
    """Classify every change between two specs as breaking or not, for clients and for servers."""
    from spec_tools.diff import diff_specs, worst
    from spec_tools.diff.loading import SpecLoadError, load
    from spec_tools.diff.render import render

    try:
        old_spec, new_spec = load(old), load(new)
    except SpecLoadError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    changes = diff_specs(old_spec.doc, new_spec.doc)
    sys.stdout.write(render(fmt, old_spec, new_spec, changes))
    level = worst(changes, audience)
    threshold = Impact.BREAKING if fail_on is FailOn.BREAKING else Impact.DOCS
    if level is not None and level >= threshold:
        raise typer.Exit(1)


@app.command()
def baseline(
    spec: SpecOption = SPEC_ROOT,
    directory: Annotated[Path, typer.Option("--dir", help="Where baselines live.")] = BASELINE_DIR,
    force: Annotated[bool, typer.Option("--force", help="Overwrite a different baseline of the same version.")] = False,
) -> None:
    """Record the current spec as the released baseline `openapi-<info.version>.json` (for check-version)."""
    doc = bundle(spec)
    target = directory / f"openapi-{doc['info']['version']}.json"
    text = dumps(doc, ".json")
    if target.is_file() and target.read_text(encoding="utf-8") != text and not force:
        err.print(
            f"[red]error:[/red] {target} exists and differs: a released version is immutable "
            "(bump info.version, or --force)"
        )
        raise typer.Exit(1)
    directory.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    err.print(f"wrote {target}")


@app.command("check-version")
def check_version(
    spec: SpecOption = SPEC_ROOT,
    against: Annotated[
        str | None,
        typer.Option(
            "--against",
            help="Release to compare with (file or git ref); default: the last vX.Y.Z tag or spec/baseline file.",
        ),
    ] = None,
    audience: Annotated[Audience, typer.Option("--for", help="Whose breakage needs a major bump.")] = Audience.CLIENTS,
) -> None:
    """Fail when the spec breaks the last release without a major bump of info.version."""
    from spec_tools.diff.loading import LoadedSpec, SpecLoadError, load, load_file
    from spec_tools.version import check, last_release

    try:
        current = LoadedSpec(str(spec), load_file(spec))
        if against is not None:
            release = load(against)
        else:
            found = last_release()
            if found is None:
                err.print("no release tag nor baseline: nothing to check against (run `ispyb-spec baseline`)")
                return
            release = found.load()
    except SpecLoadError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    verdict = check(release, current, audience)
    for change in verdict.breaking:
        out.print(f"breaking: {change.where}: {change.message} ({change.kind})", markup=False)
    for message in verdict.messages:
        err.print(message if verdict.ok else f"[red]error:[/red] {message}")
    if not verdict.ok:
        raise typer.Exit(1)


@app.command()
def changelog(
    since: Annotated[
        str | None,
        typer.Option(
            "--from", help="Previous release (file, git ref or `none`); default: the last release, else `none`."
        ),
    ] = None,
    spec: SpecOption = SPEC_ROOT,
    write: Annotated[
        Path | None,
        typer.Option(
            "--write", help="Update this changelog file in place (e.g. CHANGELOG.md) instead of printing the entry."
        ),
    ] = None,
) -> None:
    """Print (or write into CHANGELOG.md) the changelog entry of the current spec, produced by the diff."""
    from spec_tools import changelog as cl
    from spec_tools.diff.loading import EMPTY, LoadedSpec, SpecLoadError, load, load_file
    from spec_tools.version import last_release

    try:
        current = LoadedSpec(str(spec), load_file(spec))
        if since is None:
            found = last_release()
            previous = found.load() if found is not None and found.version < _semver(current.version) else load(EMPTY)
        else:
            previous = load(since)
    except SpecLoadError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    text = cl.entry(previous, current)
    if write is None:
        sys.stdout.write(text)
        return
    write.write_text(cl.update(write, text, current.version), encoding="utf-8")
    err.print(f"wrote {write}")


def _semver(version: str) -> tuple[int, int, int]:
    from spec_tools.version import parse

    try:
        return parse(version)
    except ValueError:
        return (0, 0, 0)
