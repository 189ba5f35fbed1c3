"""``ispyb-federation``: serve a federation of sites, check its members, and certify it with the suite.

ispyb-federation serve --members members.yaml --port 9100
ispyb-federation check --members members.yaml
ispyb-federation hash-token TOKEN                  # what the members file stores of a federation token
ispyb-federation site-config --members members.yaml --member site-a=site-a.yaml … -o federation-site.yaml
"""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path
from typing import Annotated, Any

import httpx
import typer
import yaml
from rich.console import Console
from rich.table import Table

from federation.config import load, token_sha256

app = typer.Typer(help="A federation of ISPyB Common API sites: one API over many.", no_args_is_help=True)
console = Console()
MembersOption = Annotated[Path, typer.Option("--members", help="The members file (YAML).", exists=True)]
ROLES = {"owner": "USER", "otherUser": "USER", "staff": "STAFF", "service": "SERVICE"}


@app.command()
def serve(
    members: MembersOption,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 9100,
    strict: Annotated[bool, typer.Option("--strict", help="Validate every response against the spec.")] = False,
) -> None:
    """Serve the federation (stateless: run as many replicas as needed behind any load balancer)."""
    import uvicorn

    from federation.app import build
    from site_kit.http import uvicorn_options

    config = load(members)
    application = build(config, strict=strict)
    url = f"http://{host}:{port}"
    console.print(f"{config.name} on [bold]{url}[/bold] over {', '.join(m.name for m in config.members)}")
    uvicorn.run(application, host=host, port=port, log_level="warning", access_log=False, **uvicorn_options())


@app.command()
def check(members: MembersOption) -> None:
    """Ask every member what it serves and whether each caller's credentials are accepted there."""
    from federation.app import offer, profile_for

    config = load(members)
    offers = [offer(m) for m in config.members]
    table = Table("member", "url", "classes", "callers accepted")
    failed = False
    for member, o in zip(config.members, offers, strict=True):
        accepted = []
        for identity in config.callers.values():
            token = identity.credentials.get(member.name)
            if token is None:
                continue
            try:
                ok = httpx.get(
                    member.url + "/v1/me", headers={"Authorization": f"Bearer {token}"}, timeout=member.timeout
                ).status_code
            except httpx.HTTPError as exc:
                ok = type(exc).__name__  # type: ignore[assignment]
            accepted.append(f"{identity.subject}:{'ok' if ok == 200 else ok}")
            failed |= ok != 200
        classes = ", ".join(sorted(o.classes)) if o.classes is not None else "?"
        shown = classes if o.error is None else f"[red]{o.error}[/red]"
        table.add_row(member.name, member.url, shown, " ".join(accepted))
        failed |= o.error is not None
    console.print(table)
    try:
        served = profile_for(config, offers).served_classes
        console.print("the federation serves: " + ", ".join(served))
    except RuntimeError as exc:
        console.print(f"[red]{exc}[/red]")
        failed = True
    if failed:
        raise typer.Exit(1)


@app.command("hash-token")
def hash_token(token: Annotated[str, typer.Argument(help="A federation token.")]) -> None:
    """The sha256 the members file stores for a federation token (the token itself is never stored)."""
    print(token_sha256(token))


def _member_configs(values: list[str]) -> dict[str, dict[str, Any]]:
    out = {}
    for value in values:
        name, _, path = value.partition("=")
        if not path:
            raise typer.BadParameter(f"{value!r}: expected NAME=site.yaml", param_hint="--member")
        out[name] = yaml.safe_load(Path(path).read_text())
    return out


@app.command("site-config")
def site_config(
    members: MembersOption,
    member: Annotated[
        list[str], typer.Option("--member", help="NAME=site.yaml: a member's own suite configuration; repeatable.")
    ],
    base_url: Annotated[str, typer.Option("--base-url", help="URL the suite will call (the federation).")],
    output: Annotated[Path, typer.Option("-o", "--output", help="The suite configuration to write (YAML).")],
    callers_out: Annotated[
        Path, typer.Option("--callers-out", help="The callers secrets file to write (callersFile of the members file).")
    ],
    write_classes: Annotated[
        str | None, typer.Option("--write-classes", help="Comma-separated classes the suite writes (default: all).")
    ] = None,
) -> None:
    """From each member's suite configuration (its four identities), mint four federation tokens, write the
    callers file mapping each to its member credentials, and the suite's configuration of the federation
    (sandbox and fixtures of the first member named)."""
    config = load(members, callers=False)
    sites = _member_configs(member)
    unknown = set(sites) - {m.name for m in config.members}
    if unknown:
        raise typer.BadParameter(f"not members: {sorted(unknown)}", param_hint="--member")
    first = sites[next(iter(sites))]
    tokens = {role: "fed_" + secrets.token_urlsafe(24) for role in ROLES}
    callers = []
    for role, kind in ROLES.items():
        entry: dict[str, Any] = {
            "tokenSha256": token_sha256(tokens[role]),
            "subject": f"federation-{role}",
            "role": kind,
            "credentials": {name: site["identities"][role]["token"] for name, site in sites.items()},
        }
        if role == "service":
            entry["beamlines"] = first["identities"]["service"].get("beamlines", [])
        callers.append(entry)
    header = "# Written by `ispyb-federation site-config`: secrets, keep it 0600.\n"
    callers_out.write_text(header + yaml.safe_dump(callers))
    os.chmod(callers_out, 0o600)
    suite: dict[str, Any] = {
        "baseUrl": base_url,
        "identities": {role: {**first["identities"][role], "token": tokens[role]} for role in ROLES},
        "writes": dict(first["writes"]),
        "fixtures": first["fixtures"],
    }
    if write_classes:
        suite["writes"]["classes"] = [c.strip() for c in write_classes.split(",") if c.strip()]
    output.write_text("# Written by `ispyb-federation site-config`.\n" + yaml.safe_dump(suite, sort_keys=False))
    print(f"wrote {output} and {callers_out}", file=sys.stderr)


if __name__ == "__main__":
    app()
