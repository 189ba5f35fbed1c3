"""``ispyb-dls-adapter``: serve the common API over a DLS database, load the demo rows, write a site config."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
import yaml
from rich.console import Console
from sqlalchemy.engine import make_url

from ispyb_dls_adapter.site import DEFAULT_SITE

app = typer.Typer(
    help="The ISPyB Common API over Diamond's ISPyB schema (ispyb.sqlalchemy, DLS-DB 5.2.0).",
    no_args_is_help=True,
    add_completion=False,
)
token_app = typer.Typer(help="Bearer tokens.", no_args_is_help=True)
app.add_typer(token_app, name="token")
console = Console(stderr=True, soft_wrap=True)
DbOption = Annotated[str, typer.Option("--db", help="Database URL, e.g. mysql://root@127.0.0.1:3306/dls_dev")]
SiteOption = Annotated[str, typer.Option("--site", help="Site name: fixes the UUID namespace for ever.")]


@app.command()
def serve(
    db: DbOption,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    site: SiteOption = DEFAULT_SITE,
    strict: Annotated[bool, typer.Option(help="Validate every response against the spec.")] = False,
) -> None:
    """Serve the API (uvicorn); prints its URL and how to get a token."""
    import uvicorn

    from ispyb_dls_adapter.app import create_app

    application = create_app(db, site=site, strict=strict)
    url = f"http://{host}:{port}"
    console.print(f"ISPyB Common API (DLS adapter) on [bold]{url}[/bold]  (spec: {url}/openapi.json)")
    shown = make_url(db).render_as_string(hide_password=True)
    console.print(
        f"a token: ispyb-dls-adapter token create --db '{shown}' --role staff  (or --role user --login LOGIN)",
        markup=False,
        highlight=False,
    )
    console.print(f'try: curl -H "Authorization: Bearer TOKEN" {url}/v1/data-collections?limit=5', highlight=False)
    uvicorn.run(application, host=host, port=port, log_level="warning")


@token_app.command("create")
def token_create(
    db: DbOption,
    role: Annotated[str, typer.Option(help="user, staff or service.")],
    login: Annotated[
        str | None, typer.Option(help="DLS Person.login of a user token (its proposals come from DLS membership).")
    ] = None,
    beamline: Annotated[
        list[str] | None, typer.Option("--beamline", help="Beamline of a service token; repeatable.")
    ] = None,
    subject: Annotated[str | None, typer.Option(help="Name of the caller (default: the login or the role).")] = None,
) -> None:
    """Mint a bearer token (stored as a SHA-256 hash in CommonApiToken); the token is printed on the last line."""
    import ispyb.sqlalchemy as d
    from sqlalchemy import select

    from ispyb_dls_adapter import auth
    from ispyb_dls_adapter.db import create_schema, make_engine, make_sessionmaker

    role = role.upper()
    if role not in auth.ROLES:
        raise typer.BadParameter("role must be user, staff or service", param_hint="--role")
    if (role == "USER") != (login is not None):
        raise typer.BadParameter("a user token needs --login, and only a user token takes it", param_hint="--login")
    if role != "SERVICE" and beamline:
        raise typer.BadParameter("only a service token has beamlines", param_hint="--beamline")
    engine = make_engine(db)
    create_schema(engine)  # the adapter's own tables, if this database has not had them yet
    with make_sessionmaker(engine)() as session:
        person_id = None
        if login is not None:
            person_id = session.execute(select(d.Person.personId).where(d.Person.login == login)).scalar()
            if person_id is None:
                raise typer.BadParameter(f"no DLS Person with login {login!r}", param_hint="--login")
        value = auth.issue(
            session, role=role, subject=subject or login or role.lower(), person_id=person_id, beamlines=beamline
        )
        session.commit()
    engine.dispose()
    typer.echo(value)


@app.command("load-demo")
def load_demo(db: DbOption) -> None:
    """Create Diamond's schema from ispyb.sqlalchemy (and the adapter's own tables) and load demo rows."""
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
