"""``ispyb-spec``: bundle, validate and generate from the ISPyB Common API specification."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from spec_tools import generate as gen
from spec_tools.bundle import BundleError, bundle, dumps
from spec_tools.paths import GENERATED_DIR, SPEC_ROOT

app = typer.Typer(help="Tooling for the ISPyB Common API specification (spec/ is the source of truth).",
                  no_args_is_help=True, add_completion=False)
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
) -> None:
    """Generate the bundle and the pydantic v2 models into generated/."""
    outputs = gen.render(spec)
    if check:
        stale = gen.stale_files(outputs, out_dir)
        if stale:
            console.print(f"[red]generated/ is stale[/red] ({', '.join(stale)}): run `ispyb-spec generate`")
            raise typer.Exit(1)
        console.print("[green]generated/ is up to date[/green]")
        return
    gen.write(outputs, out_dir)
    console.print(f"wrote {out_dir}")
