"""Local experiments: the reference server with a recommended change emulated, to measure its gain.

The benchmark does not edit ``reference_server/`` (its engineer applies the changes); instead each experiment
here monkeypatches the running app the way the recommended change would behave, and ``python -m bench run
--experiment NAME`` measures it with the same scenarios. Patches are applied in each uvicorn worker, before
the app is built. They are measurement devices, not implementations: see the final report for the change
each one stands for.

``python -m bench.experiments --db URL --port P --workers N --apply token_cache,no_pre_ping``.
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable
from typing import Any

import orjson

ENV = "BENCH_EXPERIMENTS"
TOKEN_TTL = 60.0


def token_cache() -> None:
    """auth.resolve cached per token for 60 s: one query (and its ORM load) less per request."""
    from reference_server import storage

    original = storage.resolve
    cache: dict[str, tuple[float, Any]] = {}

    def resolve(db: Any, token: str) -> Any:
        now = time.monotonic()
        hit = cache.get(token)
        if hit is not None and now - hit[0] < TOKEN_TTL:
            return hit[1]
        caller = original(db, token)
        cache[token] = (now, caller)
        return caller

    storage.resolve = resolve  # type: ignore[assignment]


def no_pre_ping() -> None:
    """No ``SELECT 1`` on every pool checkout (pool_pre_ping=False; pool_recycle still retires old connections)."""
    from reference_server import app

    original = app.make_engine

    def make_engine(url: str) -> Any:
        engine = original(url)
        engine.pool._pre_ping = False  # type: ignore[attr-defined]
        return engine

    app.make_engine = make_engine  # type: ignore[assignment]


def core_rows() -> None:
    """List pages read Core rows (named tuples) instead of ORM instances: no identity map, no instance state."""
    from sqlalchemy import select

    from reference_server.repositories.records import RecordRepository
    from reference_server.tables import table as table_of

    def page(self: Any, resource: Any, conditions: Any, after_id: int | None, limit: int) -> list[Any]:
        table = table_of(resource).__table__
        stmt = select(*table.c)
        for condition in conditions:
            stmt = stmt.where(condition)
        if after_id is not None:
            stmt = stmt.where(table.c.id > after_id)
        return list(self.db.execute(stmt.order_by(table.c.id).limit(limit + 1)))

    RecordRepository.page = page  # type: ignore[method-assign]


def fast_json() -> None:
    """Responses serialised by orjson straight from column values (UUID, datetime natively, ``Z`` suffix)."""
    from reference_server import storage
    from reference_server.services import representation

    options = orjson.OPT_UTC_Z

    def doc(resource: Any, row: Any) -> dict[str, Any]:
        out: dict[str, Any] = {"uuid": row.uuid}
        for field in resource.fields:
            value = getattr(row, field.column)
            if value is not None:
                out[field.name] = value
        out["createdAt"] = row.created_at
        out["updatedAt"] = row.updated_at
        return out

    def render(resource: Any, row: Any) -> bytes:
        return orjson.dumps(doc(resource, row), option=options)

    def render_page(resource: Any, rows: list[Any], next_token: str | None, next_link: str | None) -> bytes:
        page: dict[str, Any] = {"items": [doc(resource, row) for row in rows]}
        if next_token:
            page["nextPageToken"] = next_token
            page["next"] = next_link
        return orjson.dumps(page, option=options)

    for module in (storage, representation):
        module.render = render  # type: ignore[attr-defined]
        module.render_page = render_page  # type: ignore[attr-defined]


def fast_unescape() -> None:
    """SafeString's PostgreSQL unescaping returns at once when there is no backslash (nearly every value)."""
    from reference_server.db import types

    original = types._unescape

    def unescape(value: str) -> str:
        return original(value) if "\\" in value else value

    types._unescape = unescape  # type: ignore[assignment]


def acquisition_only() -> None:
    """Serve only the acquisition module: how much of a request is spent scanning the other modules' routes."""
    os.environ["ISPYB_MODULES"] = "acquisition"


def switch_interval() -> None:
    """The interpreter hands the GIL over every 1 ms instead of 5 ms: a thread back from SQLite (holding its write
    lock) waits less for a thread busy validating or rendering, so the write lock is held for less time."""
    import sys

    sys.setswitchinterval(0.001)


EXPERIMENTS: dict[str, Callable[[], None]] = {
    "switch_interval": switch_interval,
    "token_cache": token_cache,
    "no_pre_ping": no_pre_ping,
    "core_rows": core_rows,
    "fast_json": fast_json,
    "fast_unescape": fast_unescape,
    "acquisition_only": acquisition_only,
}


def create() -> Any:
    """uvicorn factory (each worker): apply the experiments, then build the app exactly as the server does."""
    for name in filter(None, os.environ.get(ENV, "").split(",")):
        EXPERIMENTS[name]()
    from reference_server.app import app_from_env

    return app_from_env()


def main() -> None:
    import uvicorn

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--apply", default="")
    args = parser.parse_args()
    unknown = set(filter(None, args.apply.split(","))) - set(EXPERIMENTS)
    if unknown:
        raise SystemExit(f"unknown experiments {sorted(unknown)}; known: {sorted(EXPERIMENTS)}")
    from reference_server.settings import Settings

    os.environ.update(
        {ENV: args.apply, "ISPYB_DB_URL": args.db, "ISPYB_MODULES": ",".join(sorted(Settings.parse_modules(None)))}
    )
    from site_kit.http import uvicorn_options

    uvicorn.run(
        "bench.experiments:create",
        factory=True,
        host="127.0.0.1",
        port=args.port,
        workers=args.workers,
        log_level="warning",
        access_log=False,
        **uvicorn_options(),  # the protocol and timeouts of ispyb-server serve
    )


if __name__ == "__main__":
    main()
