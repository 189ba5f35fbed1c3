"""``ispyb-graphql``: serve the GraphQL layer over a site, fetch GraphiQL's assets, print the SDL."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from graphql_layer import assets
from graphql_layer.contract import bundled
from graphql_layer.limits import Limits

app = typer.Typer(
    help="The GraphQL read layer of the ISPyB Common API, over any site's REST API.", no_args_is_help=True
)


@app.command()
def serve(
    upstream: Annotated[str, typer.Option(help="The site's base URL (reference server, adapter or federation).")],
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8010,
    max_depth: Annotated[int, typer.Option(help="Deepest query accepted (nested fields).")] = Limits.max_depth,
    max_cost: Annotated[int, typer.Option(help="Most records a query may fetch (connections × first).")] = (
        Limits.max_cost
    ),
    timeout: Annotated[float, typer.Option(help="Seconds to wait for the site on each request.")] = 30.0,
) -> None:
    """Serve POST /graphql (and GraphiQL at GET /graphql), forwarding each caller's bearer token upstream."""
    import uvicorn

    from graphql_layer.app import standalone_app

    application = standalone_app(upstream, limits=Limits(max_depth, max_cost), timeout=timeout)
    typer.echo(f"GraphQL over {upstream}: http://{host}:{port}/graphql (GraphiQL in a browser)")
    if not assets.present():
        typer.echo(assets.MISSING, err=True)
    uvicorn.run(application, host=host, port=port, log_level="warning")


@app.command("assets")
def fetch_assets(
    directory: Annotated[Path, typer.Option(help="Where to put them.")] = assets.DEFAULT_DIR,
    force: Annotated[bool, typer.Option(help="Fetch again even when present.")] = False,
) -> None:
    """Fetch GraphiQL's assets from the npm registry (npm pack, pinned versions)."""
    if assets.present(directory) and not force:
        typer.echo(f"GraphiQL assets present in {directory}")
        return
    for path in assets.fetch(directory):
        typer.echo(f"wrote {path}")


@app.command()
def sdl() -> None:
    """Print the schema (SDL) generated from the bundled spec."""
    from graphql_layer.schema import print_sdl

    typer.echo(print_sdl(bundled()), nl=False)
