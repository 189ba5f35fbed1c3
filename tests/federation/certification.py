"""The federation certified by the conformance suite, as a federation operator would run it.

Members: reference server instances on SQLite files of their own (``--demo-site``: demo UUIDs that do not
collide), and optionally the DLS and ESRF adapters on MariaDB databases of their own. Each member writes its own
suite configuration (``site-config``), ``ispyb-federation site-config`` maps four federation tokens to the
members' identities, ``ispyb-federation serve`` serves the gateway, and ``ispyb-conformance sweep`` certifies
it, seed after seed on the same members. Only command lines run: nothing here imports a server, the gateway
or the suite.

``tests/federation/test_certified.py`` runs one seed in CI; for a report::

    ISPYB_TEST_MARIADB_URL='mysql+pymysql://root@127.0.0.1:3306/test?charset=utf8mb4' \\
        python -m tests.federation.certification --seeds 1-5 --dls --esrf --report-dir var/federation-sweep
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import yaml

from bench.federation import Process, spawn
from tests.adapters.certify import sweep
from tests.ports import free_port

BIN = Path(sys.executable).parent
TIMEOUT = 5.0


@dataclass(frozen=True)
class Member:
    """How to make one member: its name, command, database URL, and the ``--site``-like option it takes."""

    name: str
    command: str
    db: str
    site_option: tuple[str, ...] = ()


def reference(workdir: Path, site: str) -> Member:
    db = f"sqlite:///{workdir / (site + '.sqlite')}"
    subprocess.run(
        [str(BIN / "ispyb-server"), "seed", "--db", db, "--demo", "--demo-site", site], check=True, capture_output=True
    )
    return Member(site, "ispyb-server", db, ("--demo-site", site))


def adapter(name: str, command: str, db: str) -> Member:
    """A DLS or ESRF adapter over ``db`` (its demo rows loaded here)."""
    subprocess.run([str(BIN / command), "load-demo", "--db", db], check=True, capture_output=True)
    return Member(name, command, db)


def _serve(member: Member, workdir: Path) -> tuple[Process, Path]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    config = workdir / f"{member.name}.yaml"
    cli = str(BIN / member.command)
    subprocess.run(
        [cli, "site-config", "--db", member.db, "--base-url", base, "-o", str(config), *member.site_option],
        check=True,
        capture_output=True,
    )
    args = [cli, "serve", "--db", member.db, "--port", str(port), "--strict"]
    if member.command == "ispyb-server":
        args += ["--site-name", member.name]
    return spawn(member.name, args, workdir / f"{member.name}.log"), config


@contextmanager
def federation(workdir: Path, members: Sequence[Member]) -> Iterator[tuple[Process, Path]]:
    """The members served, the federation over them served: the federation and its suite configuration."""
    with ExitStack() as stack:
        served = {}
        for m in members:
            proc, config = _serve(m, workdir)
            stack.callback(proc.stop)
            served[m.name] = (proc, config)
        members_file = workdir / "members.yaml"
        members_file.write_text(
            yaml.safe_dump(
                {
                    "name": "Certified federation",
                    "members": [{"name": n, "url": p.base_url, "timeout": TIMEOUT} for n, (p, _) in served.items()],
                    "callersFile": "callers.yaml",
                    "pageTokenSecret": "certification",
                }
            )
        )
        port = free_port()
        suite = workdir / "federation-site.yaml"
        subprocess.run(
            [
                str(BIN / "ispyb-federation"),
                "site-config",
                "--members",
                str(members_file),
                *(arg for n, (_, c) in served.items() for arg in ("--member", f"{n}={c}")),
                "--base-url",
                f"http://127.0.0.1:{port}",
                "-o",
                str(suite),
                "--callers-out",
                str(workdir / "callers.yaml"),
            ],
            check=True,
            capture_output=True,
        )
        args = [str(BIN / "ispyb-federation"), "serve", "--members", str(members_file), "--port", str(port), "--strict"]
        gateway = spawn("federation", args, workdir / "federation.log")
        stack.callback(gateway.stop)
        yield gateway, suite


def _seeds(text: str) -> list[int]:
    out: list[int] = []
    for part in text.split(","):
        low, _, high = part.partition("-")
        out += list(range(int(low), int(high or low) + 1))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", default="1-5")
    parser.add_argument("--max-examples", type=int, default=2)
    parser.add_argument("--dls", action="store_true", help="the DLS adapter on MariaDB as a member")
    parser.add_argument("--esrf", action="store_true", help="the ESRF adapter on MariaDB as a member")
    parser.add_argument("--report-dir", type=Path, default=Path("var/federation-sweep"))
    args = parser.parse_args(argv)
    from tests.mariadb import fresh_database

    if (args.dls or args.esrf) and not os.environ.get("ISPYB_TEST_MARIADB_URL"):
        parser.error("--dls/--esrf need ISPYB_TEST_MARIADB_URL")
    with tempfile.TemporaryDirectory(prefix="federation-certification-") as tmp:
        work = Path(tmp)
        members = [reference(work, "site-a"), reference(work, "site-b")]
        if args.dls:
            members.append(adapter("dls", "ispyb-dls-adapter", fresh_database("_fed_dls")))
        if args.esrf:
            members.append(adapter("esrf", "ispyb-esrf-adapter", fresh_database("_fed_esrf")))
        with federation(work, members) as (_, suite):
            result = sweep(suite, _seeds(args.seeds), args.report_dir, max_examples=args.max_examples, timeout=7200)
    print(result.stdout)
    summary = {
        seed: {"certified": r.get("certified"), "classes": {c["name"]: c["status"] for c in r["classes"]}}
        for seed, r in result.reports.items()
    }
    print(json.dumps({"members": [m.name for m in members], "seconds": round(result.elapsed), "seeds": summary}))
    return result.returncode


if __name__ == "__main__":
    raise SystemExit(main())
