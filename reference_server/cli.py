"""``ispyb-server``: run, migrate and seed the reference server, mint tokens, write a suite configuration."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any

import typer
import yaml
from rich.console import Console
from sqlalchemy.engine import make_url

from reference_server import auth
from reference_server.db.engine import make_engine, make_sessionmaker, migrate
from reference_server.oidc import OidcConfig
from reference_server.settings import DEFAULT_DB_URL, Settings
from site_kit.files.config import ROOTS_ENV

app = typer.Typer(help="The ISPyB Common API reference server.", no_args_is_help=True, add_completion=False)
token_app = typer.Typer(help="Bearer tokens.", no_args_is_help=True)
app.add_typer(token_app, name="token")
console = Console(stderr=True, soft_wrap=True)  # one line per message, whatever the width

DbOption = Annotated[
    str,
    typer.Option(
        "--db", help="SQLAlchemy database URL (sqlite, postgresql+psycopg, mysql+pymysql).", envvar="ISPYB_DB_URL"
    ),
]


def _register_events() -> None:
    from reference_server import events

    events.register(app)  # publish, prune-changes (the changes class's outbox)


FilesRootOption = Annotated[
    list[str] | None,
    typer.Option(
        "--files-root",
        help="A storage root of the files class: DIR, or RECORDED_PREFIX=DIR to serve recorded paths under the "
        "prefix from DIR (repeatable; env ISPYB_FILES_ROOTS, ':'-separated). None: the files class is not served.",
    ),
]

DemoSiteOption = Annotated[
    str | None,
    typer.Option(
        "--demo-site",
        envvar="ISPYB_DEMO_SITE",
        help="Name of a demo site: its demo UUIDs and proposal numbers are its own, so that several demo "
        "instances can be federated (same name for seeding and site-config).",
    ),
]


def _use_demo_site(name: str | None) -> None:
    """Seeding and site-config read the demo site from the environment (``reference_server.seed.demo_site``)."""
    if name:
        os.environ["ISPYB_DEMO_SITE"] = name


def _ensure_sqlite_dir(url: str) -> None:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    db: DbOption = DEFAULT_DB_URL,
    demo: Annotated[bool, typer.Option("--demo", help="Migrate, and seed demo data and demo tokens if empty.")] = False,
    demo_site: DemoSiteOption = None,
    modules: Annotated[str | None, typer.Option(help="Comma-separated classes to serve (default: all).")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Validate every response against the spec.")] = False,
    workers: Annotated[int, typer.Option(help="Worker processes.")] = 1,
    graphql: Annotated[
        bool, typer.Option("--graphql", help="Also serve the GraphQL layer at /graphql (GraphiQL in a browser).")
    ] = False,
    site_name: Annotated[str, typer.Option(help="Name on the landing page.")] = "ISPyB Common API reference server",
    cors_origin: Annotated[
        list[str] | None,
        typer.Option(
            "--cors-origin",
            help="Origin (e.g. https://ui.example.org, or *) allowed to call the API from a browser; repeatable. "
            "Default: CORS off.",
        ),
    ] = None,
    page_token_secret: Annotated[
        str | None,
        typer.Option(
            "--page-token-secret",
            envvar="ISPYB_PAGE_TOKEN_SECRET",
            help="Secret of the page tokens' HMAC; set it to keep tokens valid across restarts "
            "(default: a new one at each start, shared by the workers).",
        ),
    ] = None,
    oidc_jwks_url: Annotated[
        str | None,
        typer.Option(
            "--oidc-jwks-url",
            envvar="ISPYB_OIDC_JWKS_URL",
            help="OIDC mode: JWKS of the site's identity provider; JWT bearer tokens are then accepted "
            "(needs --oidc-issuer and --oidc-audience; claims: README).",
        ),
    ] = None,
    oidc_issuer: Annotated[
        str | None, typer.Option("--oidc-issuer", envvar="ISPYB_OIDC_ISSUER", help="OIDC mode: the tokens' iss.")
    ] = None,
    oidc_audience: Annotated[
        str | None, typer.Option("--oidc-audience", envvar="ISPYB_OIDC_AUDIENCE", help="OIDC mode: the tokens' aud.")
    ] = None,
    files_root: FilesRootOption = None,
    demo_files: Annotated[
        Path | None,
        typer.Option(
            "--demo-files",
            help="Write the demo's file set into this directory and serve it (the files class; with --demo).",
        ),
    ] = None,
) -> None:
    """Serve the API (and the docs page at /docs)."""
    import secrets

    import uvicorn

    try:
        served = Settings.parse_modules(modules)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--modules") from exc
    oidc = _oidc_config(oidc_jwks_url, oidc_issuer, oidc_audience)
    _ensure_sqlite_dir(db)
    engine = make_engine(db)
    _use_demo_site(demo_site)
    if demo:
        from reference_server.demo import DEMO_TOKENS, prepare

        seeded = prepare(engine)
        console.print("[green]demo data loaded[/green]" if seeded else "demo database already seeded")
    else:
        migrate(engine)
    roots = list(files_root or [])
    if demo_files is not None:
        from reference_server import demo_files as demo_file_set

        roots.append(demo_file_set.write(engine, demo_files))
        console.print(f"demo files in {demo_files} (the files class)")
    if roots:
        os.environ[ROOTS_ENV] = ":".join(roots)
    engine.dispose()
    os.environ.update(
        ISPYB_DB_URL=db,
        ISPYB_MODULES=",".join(sorted(served)),
        ISPYB_STRICT="1" if strict else "",
        ISPYB_SITE_NAME=site_name,
        ISPYB_GRAPHQL="1" if graphql else "",
        ISPYB_CORS_ORIGINS=" ".join(cors_origin or []),
        # one secret for every worker, so that a token issued by one is accepted by the others
        ISPYB_PAGE_TOKEN_SECRET=page_token_secret or secrets.token_urlsafe(32),
        **(oidc.to_env() if oidc else {}),
    )
    url = f"http://{host}:{port}"
    console.print(f"ISPyB Common API on [bold]{url}[/bold]  (docs: {url}/docs, spec: {url}/openapi.json)")
    if graphql:
        console.print(f"GraphQL on [bold]{url}/graphql[/bold] (GraphiQL in a browser)")
    if demo:
        console.print("demo tokens: " + ", ".join(f"{t} ({s['role']})" for t, s in DEMO_TOKENS.items()))
        console.print(f'try: curl -H "Authorization: Bearer demo-owner" {url}/v1/data-collections?limit=5')
    else:
        shown = make_url(db).render_as_string(hide_password=True)
        console.print(
            f"a token: ispyb-server token create --db '{shown}' --role staff  (or --role user --proposal NAME)",
            markup=False,
            highlight=False,
        )
    from site_kit.http import uvicorn_options

    uvicorn.run(
        "reference_server.app:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        access_log=False,
        **uvicorn_options(),
    )


def _oidc_config(jwks_url: str | None, issuer: str | None, audience: str | None) -> OidcConfig | None:
    """The OIDC settings from the options (the claim mapping from ``ISPYB_OIDC_*``); None when the mode is off."""
    if not jwks_url:
        return None
    env = {k: v for k, v in os.environ.items() if k.startswith("ISPYB_OIDC_")}
    env.update(ISPYB_OIDC_JWKS_URL=jwks_url, ISPYB_OIDC_ISSUER=issuer or "", ISPYB_OIDC_AUDIENCE=audience or "")
    try:
        return OidcConfig.from_env(env)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--oidc-issuer/--oidc-audience") from exc


@app.command("migrate")
def migrate_cmd(db: DbOption) -> None:
    """Create or upgrade the schema (alembic)."""
    _ensure_sqlite_dir(db)
    migrate(make_engine(db))
    console.print("schema is at the newest migration")


@app.command("seed")
def seed_cmd(
    db: DbOption,
    demo: Annotated[bool, typer.Option("--demo", help="The demo data set and demo tokens.")] = False,
    size: Annotated[int | None, typer.Option("--size", help="Number of proposals of realistic data.")] = None,
    demo_site: DemoSiteOption = None,
) -> None:
    """Load realistic MX data (migrating first)."""
    _use_demo_site(demo_site)
    if demo == (size is not None):
        raise typer.BadParameter("give exactly one of --demo and --size N")
    _ensure_sqlite_dir(db)
    engine = make_engine(db)
    if demo:
        from reference_server.demo import prepare

        console.print("demo data loaded" if prepare(engine) else "already seeded: nothing to do")
        return
    from reference_server.seed import seed

    migrate(engine)
    with make_sessionmaker(engine)() as session:
        result = seed(session, proposals=int(size or 0))
    console.print(", ".join(f"{n} {t}" for t, n in sorted(result["counts"].items())))


@token_app.command("create")
def token_create(
    db: DbOption,
    role: Annotated[str, typer.Option(help="user, staff or service.")],
    proposal: Annotated[
        list[str] | None,
        typer.Option("--proposal", help="Proposal name (e.g. mx23694) a user token is a member of; repeatable."),
    ] = None,
    beamline: Annotated[
        list[str] | None, typer.Option("--beamline", help="Beamline of a service token; repeatable.")
    ] = None,
    subject: Annotated[str | None, typer.Option(help="Name of the caller.")] = None,
    token: Annotated[
        str | None, typer.Option(help="Register this token instead of minting one (to share a token between services).")
    ] = None,
    expires_in: Annotated[
        str | None, typer.Option("--expires-in", help="Lifetime, e.g. 3600s, 90m, 12h, 30d (default: no expiry).")
    ] = None,
) -> None:
    """Mint a bearer token; the token is printed on the last line."""
    import uuid
    from datetime import UTC, datetime

    from sqlalchemy import select

    from reference_server.db import models as m

    role = role.upper()
    if role not in auth.ROLES:
        raise typer.BadParameter("role must be user, staff or service", param_hint="--role")
    engine = make_engine(db)
    migrate(engine)
    with make_sessionmaker(engine)() as session:
        granted: list[uuid.UUID] = []
        for name in proposal or []:
            found = session.execute(select(m.Proposal.uuid).where(m.Proposal.name == name)).scalar_one_or_none()
            if found is None:
                try:
                    found = uuid.UUID(name)
                except ValueError:
                    raise typer.BadParameter(f"no proposal named {name!r}", param_hint="--proposal") from None
            granted.append(found)
        value = auth.issue(
            session,
            role=role,
            subject=subject or f"{role.lower()}-cli",
            proposals=granted,
            beamlines=beamline or [],
            token=token,
            expires_at=datetime.now(UTC) + _duration(expires_in) if expires_in else None,
        )
        session.commit()
    typer.echo(value)


def _duration(text: str) -> Any:
    """``90m`` → timedelta(minutes=90); units s, m, h, d."""
    from datetime import timedelta

    units = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}
    number, unit = text[:-1], text[-1:]
    if unit not in units or not number.isdigit() or int(number) <= 0:
        raise typer.BadParameter("a positive number followed by s, m, h or d, e.g. 30d", param_hint="--expires-in")
    return timedelta(**{units[unit]: int(number)})


@token_app.command("revoke")
def token_revoke(
    db: DbOption,
    token: Annotated[str | None, typer.Option(help="The token to revoke.")] = None,
    subject: Annotated[str | None, typer.Option(help="Revoke every live token of this subject.")] = None,
) -> None:
    """Revoke tokens. Running servers refuse them within their caller-cache time (10 s by default)."""
    if (token is None) == (subject is None):
        raise typer.BadParameter("give exactly one of --token and --subject")
    engine = make_engine(db)
    migrate(engine)
    with make_sessionmaker(engine)() as session:
        revoked = auth.revoke(session, token=token, subject=subject)
        session.commit()
    if not revoked:
        console.print("no live token matched")
        raise typer.Exit(1)
    console.print(f"revoked {len(revoked)} token(s)")


@app.command("site-config")
def site_config(
    base_url: Annotated[str, typer.Option("--base-url", help="URL the suite will call.")],
    db: DbOption,
    output: Annotated[Path, typer.Option("-o", "--output", help="File to write (YAML).")],
    demo_site: DemoSiteOption = None,
    files_root: FilesRootOption = None,
) -> None:
    """Write a conformance-suite configuration (tokens, sandbox, fixture manifest) for this server.

    With ``--files-root`` (the server's), the manifest names records whose files exist there and one whose file
    does not, for the files class.
    """
    from reference_server.site_config import build

    _use_demo_site(demo_site)

    _ensure_sqlite_dir(db)
    config = build(make_engine(db), base_url, files_roots=tuple(files_root or ()))
    output.write_text("# Written by `ispyb-server site-config`.\n" + yaml.safe_dump(config, sort_keys=False))
    console.print(f"wrote {output}")


_register_events()
