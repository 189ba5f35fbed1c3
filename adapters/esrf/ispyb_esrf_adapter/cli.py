"""``ispyb-esrf-adapter``: serve the common API over an ESRF database, load the demo rows, write a site config."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
import yaml
from rich.console import Console
from sqlalchemy.engine import make_url

from ispyb_esrf_adapter.site import DEFAULT_SITE

app = typer.Typer(
    help="The ISPyB Common API over ESRF's ISPyB schema (ispyb-models 1.1.0, ispyb-database 1.1.0).",
    no_args_is_help=True,
    add_completion=False,
)
token_app = typer.Typer(help="Bearer tokens.", no_args_is_help=True)
app.add_typer(token_app, name="token")
console = Console(stderr=True, soft_wrap=True)
DbOption = Annotated[str, typer.Option("--db", help="Database URL, e.g. mysql://root@127.0.0.1:3306/esrf_dev")]
SiteOption = Annotated[str, typer.Option("--site", help="Site name: fixes the UUID namespace for ever.")]
ROLES = ("USER", "STAFF", "SERVICE")


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

    from ispyb_esrf_adapter.site import create_esrf_app

    application = create_esrf_app(db, site=site, strict=strict)
    url = f"http://{host}:{port}"
    console.print(f"ISPyB Common API (ESRF adapter) on [bold]{url}[/bold]  (spec: {url}/openapi.json)")
    shown = make_url(db).render_as_string(hide_password=True)
    console.print(
        f"a token: ispyb-esrf-adapter token create --db '{shown}' --role staff  (or --role user --login LOGIN)",
        markup=False,
        highlight=False,
    )
    console.print(f'try: curl -H "Authorization: Bearer TOKEN" {url}/v1/workflows?limit=5', highlight=False)
    uvicorn.run(application, host=host, port=port, log_level="warning")


@token_app.command("create")
def token_create(
    db: DbOption,
    role: Annotated[str, typer.Option(help="user, staff or service.")],
    login: Annotated[
        str | None, typer.Option(help="ESRF Person.login of a user token (its proposals come from ESRF membership).")
    ] = None,
    beamline: Annotated[
        list[str] | None, typer.Option("--beamline", help="Beamline of a service token; repeatable.")
    ] = None,
    subject: Annotated[str | None, typer.Option(help="Name of the caller (default: the login or the role).")] = None,
) -> None:
    """Mint a bearer token (stored as a SHA-256 hash in CommonApiToken); the token is printed on the last line."""
    import ispyb.models as e
    from sqlalchemy import select

    from ispyb_esrf_adapter.db import make_engine, make_sessionmaker
    from site_kit.mapped import create_adapter_tables, issue_token

    role = role.upper()
    if role not in ROLES:
        raise typer.BadParameter("role must be user, staff or service", param_hint="--role")
    if (role == "USER") != (login is not None):
        raise typer.BadParameter("a user token needs --login, and only a user token takes it", param_hint="--login")
    if role != "SERVICE" and beamline:
        raise typer.BadParameter("only a service token has beamlines", param_hint="--beamline")
    engine = make_engine(db)
    create_adapter_tables(engine)  # the adapter's tables, if this database has not had them yet
    with make_sessionmaker(engine)() as session:
        person_id = None
        if login is not None:
            person_id = session.execute(select(e.Person.personId).where(e.Person.login == login)).scalar()
            if person_id is None:
                raise typer.BadParameter(f"no ESRF Person with login {login!r}", param_hint="--login")
        value = issue_token(
            session,
            role=role,
            subject=subject or login or role.lower(),
            person=person_id,
            beamlines=beamline,
            prefix="esrf_",
        )
        session.commit()
    engine.dispose()
    typer.echo(value)


@app.command("load-demo")
def load_demo(db: DbOption) -> None:
    """Create ESRF's schema from ispyb.models (views left out; and the adapter's tables) and load demo rows."""
    from ispyb_esrf_adapter.db import make_engine
    from ispyb_esrf_adapter.demo import load

    engine = make_engine(db)
    load(engine)
    engine.dispose()
    typer.echo("ESRF schema created and demo data loaded (proposals mx2532, mx2601, ih1001).")


@app.command("site-config")
def site_config(
    db: DbOption,
    base_url: Annotated[str, typer.Option("--base-url", help="URL the adapter is served at.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Where to write site.yaml.")],
    site: SiteOption = DEFAULT_SITE,
) -> None:
    """Mint tokens and write a conformance-suite configuration (tokens, sandbox, fixture manifest)."""
    from ispyb_esrf_adapter import site_config as builder

    config = builder.build(db, base_url, site)
    output.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    typer.echo(f"wrote {output}")
