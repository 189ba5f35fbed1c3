"""``ispyb-dls-adapter``: serve the common API over a DLS database, load the demo rows, write a site config."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
import yaml

from ispyb_dls_adapter.app import DEFAULT_SITE

app = typer.Typer(help="The ISPyB Common API over Diamond's ISPyB schema (ispyb.sqlalchemy, DLS-DB 5.2.0).")
DbOption = Annotated[str, typer.Option("--db", help="Database URL, e.g. mysql://root@127.0.0.1:3306/dls_dev")]
SiteOption = Annotated[str, typer.Option("--site", help="Site name: fixes the UUID namespace for ever.")]


@app.command()
def serve(
    db: DbOption,
    host: Annotated[str, typer.Option()] = "127.0.0.1",
    port: Annotated[int, typer.Option()] = 8000,
    site: SiteOption = DEFAULT_SITE,
    strict: Annotated[bool, typer.Option(help="Validate every response against the spec.")] = False,
) -> None:
    """Serve the API (uvicorn)."""
    import uvicorn

    from ispyb_dls_adapter.app import create_app

    uvicorn.run(create_app(db, site=site, strict=strict), host=host, port=port, log_level="warning")


@app.command("load-demo")
def load_demo(db: DbOption) -> None:
    """Create Diamond's schema from ispyb.sqlalchemy (and the adapter's two tables) and load demo rows."""
    from ispyb_dls_adapter.db import make_engine
    from ispyb_dls_adapter.demo import load

    engine = make_engine(db)
    load(engine)
    engine.dispose()
    typer.echo("Diamond schema created and demo data loaded (proposals mx23694, mx24101).")


@app.command("site-config")
def site_config(
    db: DbOption,
    base_url: Annotated[str, typer.Option("--base-url", help="URL the adapter is served at.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Where to write site.yaml.")],
    site: SiteOption = DEFAULT_SITE,
) -> None:
    """Mint tokens and write a conformance-suite configuration (tokens, sandbox, fixture manifest)."""
    from ispyb_dls_adapter import site_config as builder
    from ispyb_dls_adapter.db import make_engine

    engine = make_engine(db)
    config = builder.build(engine, base_url, site)
    engine.dispose()
    output.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    typer.echo(f"wrote {output}")
