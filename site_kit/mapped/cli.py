"""The command line of an adapter over a site's schema: ``serve``, ``token create``, ``load-demo``, ``site-config``.

Every adapter offers the same four commands with the same options (the README walkthroughs run them for DLS and
ESRF alike), so the commands are written once, here; an adapter declares what is its own in ``AdapterCommands``
— its name, how its app is made, its demo rows, its people table, its token prefix, its suite configuration —
and its ``cli.py`` is that declaration::

    app = adapter_cli(AdapterCommands(name="ispyb-esrf-adapter", site_label="ESRF", create_app=create_esrf_app, …))
"""

# no ``from __future__ import annotations``: Typer reads the commands' annotations at run time, and their help
# texts are made here, per adapter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Protocol

import typer
import yaml
from rich.console import Console
from sqlalchemy import Engine, select
from sqlalchemy.engine import make_url

from site_kit.caller import ROLES
from site_kit.mapped.db import create_adapter_tables, make_engine, make_sessionmaker
from site_kit.mapped.tokens import issue_token

__all__ = ["AdapterCommands", "AppFactory", "adapter_cli"]


class AppFactory(Protocol):
    """``create_app(db_url, site=…, strict=…)``: the adapter's ASGI app over the database at ``db_url``."""

    def __call__(self, db_url: str, *, site: str, strict: bool) -> Any: ...


@dataclass(frozen=True)
class AdapterCommands:
    """What one adapter's command line says and does that another's does not.

    ``site_label`` names the site in help and errors ("DLS Person.login…", "no ESRF Person with login…").
    ``person_model``: the site's ORM class of people, with ``personId`` and ``login`` columns (both ISPyB
    schemas have them): ``token create --login`` finds the person there. ``prepare_tables`` makes what ``token
    create`` writes to exist (default: the adapter's own tables). ``site_config(engine, base_url, site)`` builds
    the conformance suite's site.yaml document (``site_kit.mapped.suite``).
    """

    name: str
    help: str
    title: str
    site_label: str
    default_site: str
    db_example: str
    create_app: AppFactory
    load_demo: Callable[[Engine], None]
    load_demo_help: str
    demo_loaded: str
    person_model: Any
    token_prefix: str
    site_config: Callable[[Engine, str, str], dict[str, Any]]
    try_path: str
    prepare_tables: Callable[[Engine], None] = create_adapter_tables


def adapter_cli(spec: AdapterCommands) -> typer.Typer:
    """The adapter's Typer app (the ``[project.scripts]`` entry point of ``spec.name``)."""
    app = typer.Typer(help=spec.help, no_args_is_help=True, add_completion=False)
    token_app = typer.Typer(help="Bearer tokens.", no_args_is_help=True)
    app.add_typer(token_app, name="token")
    console = Console(stderr=True, soft_wrap=True)
    db_help = f"Database URL, e.g. {spec.db_example}"
    site_help = "Site name: fixes the UUID namespace for ever."

    @app.command()
    def serve(
        db: Annotated[str, typer.Option("--db", help=db_help)],
        host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
        port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
        site: Annotated[str, typer.Option("--site", help=site_help)] = spec.default_site,
        strict: Annotated[bool, typer.Option(help="Validate every response against the spec.")] = False,
        files_root: Annotated[
            list[str] | None,
            typer.Option(
                "--files-root",
                help="A storage root of the files class: DIR or RECORDED_PREFIX=DIR (repeatable; env "
                "ISPYB_FILES_ROOTS). None: the files class is not served.",
            ),
        ] = None,
    ) -> None:
        """Serve the API (uvicorn); prints its URL and how to get a token."""
        import os

        import uvicorn

        from site_kit.files import ROOTS_ENV
        from site_kit.http import uvicorn_options

        if files_root:
            os.environ[ROOTS_ENV] = ":".join(files_root)
        application = spec.create_app(db, site=site, strict=strict)
        url = f"http://{host}:{port}"
        console.print(f"ISPyB Common API ({spec.title}) on [bold]{url}[/bold]  (spec: {url}/openapi.json)")
        shown = make_url(db).render_as_string(hide_password=True)
        console.print(
            f"a token: {spec.name} token create --db '{shown}' --role staff  (or --role user --login LOGIN)",
            markup=False,
            highlight=False,
        )
        console.print(f'try: curl -H "Authorization: Bearer TOKEN" {url}{spec.try_path}', highlight=False)
        uvicorn.run(application, host=host, port=port, log_level="warning", **uvicorn_options())

    @token_app.command("create")
    def token_create(
        db: Annotated[str, typer.Option("--db", help=db_help)],
        role: Annotated[str, typer.Option(help="user, staff or service.")],
        login: Annotated[
            str | None,
            typer.Option(
                help=f"{spec.site_label} Person.login of a user token "
                f"(its proposals come from {spec.site_label} membership)."
            ),
        ] = None,
        beamline: Annotated[
            list[str] | None, typer.Option("--beamline", help="Beamline of a service token; repeatable.")
        ] = None,
        subject: Annotated[
            str | None, typer.Option(help="Name of the caller (default: the login or the role).")
        ] = None,
    ) -> None:
        """Mint a bearer token (stored as a SHA-256 hash in CommonApiToken); the token is printed on the last line."""
        role = role.upper()
        if role not in ROLES:
            raise typer.BadParameter("role must be user, staff or service", param_hint="--role")
        if (role == "USER") != (login is not None):
            raise typer.BadParameter("a user token needs --login, and only a user token takes it", param_hint="--login")
        if role != "SERVICE" and beamline:
            raise typer.BadParameter("only a service token has beamlines", param_hint="--beamline")
        engine = make_engine(db)
        spec.prepare_tables(engine)  # the adapter's tables, if this database has not had them yet
        with make_sessionmaker(engine)() as session:
            person_id = None
            if login is not None:
                people = spec.person_model
                person_id = session.execute(select(people.personId).where(people.login == login)).scalar()
                if person_id is None:
                    raise typer.BadParameter(f"no {spec.site_label} Person with login {login!r}", param_hint="--login")
            value = issue_token(
                session,
                role=role,
                subject=subject or login or role.lower(),
                person=person_id,
                beamlines=beamline,
                prefix=spec.token_prefix,
            )
            session.commit()
        engine.dispose()
        typer.echo(value)

    @app.command("load-demo", help=spec.load_demo_help)
    def load_demo(db: Annotated[str, typer.Option("--db", help=db_help)]) -> None:
        engine = make_engine(db)
        spec.load_demo(engine)
        engine.dispose()
        typer.echo(spec.demo_loaded)

    @app.command("site-config")
    def site_config(
        db: Annotated[str, typer.Option("--db", help=db_help)],
        base_url: Annotated[str, typer.Option("--base-url", help="URL the adapter is served at.")],
        output: Annotated[Path, typer.Option("-o", "--output", help="Where to write site.yaml.")],
        site: Annotated[str, typer.Option("--site", help=site_help)] = spec.default_site,
    ) -> None:
        """Mint tokens and write a conformance-suite configuration (tokens, sandbox, fixture manifest)."""
        engine = make_engine(db)
        try:
            config = spec.site_config(engine, base_url, site)
        finally:
            engine.dispose()
        output.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
        typer.echo(f"wrote {output}")

    return app
