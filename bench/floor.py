"""The floor: minimal hand-written Starlette handlers doing the same work as the server, on the same database.

Where the ceiling (``ceiling.py``) answers fixed bytes and so measures HTTP alone, the floor does what each
measured operation needs and nothing more, for data collections only:

* ``GET /v1/data-collections/{uuid}``: the token's SHA-256 looked up in ``api_tokens`` (one SELECT), the row
  SELECTed by uuid, the camelCase dict built from the row, orjson;
* ``GET /v1/data-collections?beamlineName&startedAfter&startedBefore&limit&pageToken``: the token, then the
  same filters and keyset as the server (``SELECT … WHERE … AND id > ? ORDER BY id LIMIT 101``);
* ``PUT /v1/data-collections/{uuid}``: the token, the body parsed by orjson, then ONE statement: an upsert
  (``INSERT … SELECT`` the derived fields from the parent group ``ON CONFLICT (uuid) DO UPDATE``, version + 1)
  returning the row;
* ``PATCH /v1/data-collections/{uuid}``: the token, the row read, ``If-Match`` compared with its version, then
  ``UPDATE … WHERE id = ? AND version = ?`` returning the row (412 when it moved on).

Every request resolves its token in the database (the server caches callers for 10 s; this floor does not),
and no body is validated beyond what the statements need: the ratio ``server / floor`` is what the contract
(validation, authorization, references, problem+json, strict query parameters) and the framework cost on top
of the unavoidable work. The same SQLAlchemy column types decode the rows (UUIDs, UTC instants, SafeString),
so the bytes are the server's. Each write also writes its change row in the same transaction when the schema
has issue 17's outbox, as the server does (lock the state row, insert the change).

``python -m bench.floor --db URL --port P --workers N``: served by uvicorn with the server's settings.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any

import anyio
import orjson
from sqlalchemy import Connection, Engine, Table, and_, bindparam, create_engine, event, insert, inspect, select
from sqlalchemy import update as sql_update
from sqlalchemy.engine import make_url
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from reference_server.db.engine import POOL_OVERFLOW, POOL_SIZE, _sqlite_pragmas
from reference_server.db.models import Base
from site_kit import outbox

DB_ENV = "BENCH_FLOOR_DB"
JSON = "application/json"
OPTIONS = orjson.OPT_UTC_Z
#: columns never shown
INTERNAL = ("id", "version")
#: fields a writer does not send: copied from the parent data collection group
DERIVED = ("proposal_uuid", "beamline_name", "session_uuid", "sample_uuid")


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


class Floor:
    """The statements and the row → JSON mapping of ``data_collections``, built once."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        tables = Base.metadata.tables
        self.dc: Table = tables["data_collections"]
        self.group: Table = tables["data_collection_groups"]
        self.tokens: Table = tables["api_tokens"]
        dc = self.dc
        #: (row key, JSON name) of every shown column, createdAt/updatedAt included
        mixin = ("uuid", "created_at", "updated_at")
        fields = [c.key for c in dc.c if c.key not in (*INTERNAL, *mixin)]
        self.shown = [(key, camel(key)) for key in ("uuid", *fields, "created_at", "updated_at")]
        self.writable = {camel(c.key): c for c in dc.c if c.key not in (*INTERNAL, *DERIVED, "uuid")}
        self.writable.pop("createdAt")
        self.writable.pop("updatedAt")
        #: column → parser of its JSON value, for the columns whose Python type is not JSON's
        self.parsers: dict[str, Any] = {}
        for column in self.writable.values():
            kind = getattr(column.type, "impl_instance", column.type).python_type
            if kind is uuid.UUID:
                self.parsers[column.key] = uuid.UUID
            elif kind is datetime:
                self.parsers[column.key] = datetime.fromisoformat
        self.token_stmt = select(self.tokens.c.role, self.tokens.c.revoked_at, self.tokens.c.expires_at).where(
            self.tokens.c.token_sha256 == bindparam("sha")
        )
        self.get_stmt = select(dc).where(dc.c.uuid == bindparam("uuid"))
        #: the server writes a change row with every write when the schema has the outbox (issue 17)
        self.changes = inspect(engine).has_table(outbox.CHANGES.name)
        self.lock_stmt = select(outbox.STATE.c.value).where(outbox.STATE.c.name == "lock").with_for_update()
        self.dialect = engine.dialect.name

    # ------------------------------------------------------------------ shared steps

    def caller(self, conn: Connection, request: Request) -> str | None:
        """The role of the bearer token, from its SHA-256 (None: unknown, revoked or expired)."""
        auth = request.headers.get("authorization", "")
        token = auth[7:] if auth[:7].lower() == "bearer " else ""
        row = conn.execute(self.token_stmt, {"sha": hashlib.sha256(token.encode()).hexdigest()}).first()
        if row is None or row.revoked_at is not None:
            return None
        if row.expires_at is not None and row.expires_at <= datetime.now(UTC):
            return None
        return str(row.role)

    def doc(self, row: Any) -> dict[str, Any]:
        mapping = row._mapping
        out = {}
        for key, name in self.shown:
            value = mapping[key]
            if value is not None:
                out[name] = value
        return out

    def one(self, row: Any, status: int = 200) -> Response:
        return Response(
            orjson.dumps(self.doc(row), option=OPTIONS),
            status_code=status,
            media_type=JSON,
            headers={"ETag": f'"{row.version}"'},
        )

    def write_outbox(self, conn: Connection, row: Any, kind: str, changed: list[str]) -> None:
        """The change row of the write (issue 17's outbox), as the server writes it: lock, then insert."""
        if not self.changes:
            return
        conn.execute(self.lock_stmt)
        conn.execute(
            insert(outbox.CHANGES).values(
                collection="data-collections",
                record_uuid=str(row.uuid),
                kind=kind,
                etag=f'"{row.version}"',
                committed_at=datetime.now(UTC).replace(tzinfo=None),
                visibility="PROPOSAL",
                scope_key=str(row.proposal_uuid),
                beamline_name=row.beamline_name,
                beamline_scoped=True,
                changed_fields=orjson.dumps(changed).decode(),
                status=f"runStatus={row.run_status}" if "runStatus" in changed and row.run_status else None,
            )
        )

    def writable_names(self, values: dict[str, Any]) -> list[str]:
        return [name for name, column in self.writable.items() if column.key in values]

    def values(self, body: dict[str, Any]) -> dict[str, Any]:
        """Column values of the body's writable fields (instants and UUIDs parsed; others as sent)."""
        out: dict[str, Any] = {}
        for name, value in body.items():
            column = self.writable.get(name)
            if column is None or value is None:
                continue
            parse = self.parsers.get(column.key)
            out[column.key] = parse(value) if parse is not None else value
        return out

    # ------------------------------------------------------------------ handlers (run in worker threads)

    def get(self, request: Request) -> Response:
        with self.engine.connect() as conn:
            if self.caller(conn, request) is None:
                return Response(status_code=401)
            row = conn.execute(self.get_stmt, {"uuid": uuid.UUID(request.path_params["uuid"])}).first()
        if row is None:
            return Response(status_code=404)
        return self.one(row)

    def list(self, request: Request) -> Response:
        dc, params = self.dc, request.query_params
        limit = int(params.get("limit", "100"))
        conditions = []
        if "beamlineName" in params:
            conditions.append(dc.c.beamline_name == params["beamlineName"])
        if "startedAfter" in params:
            conditions.append(dc.c.start_time >= datetime.fromisoformat(params["startedAfter"]))
        if "startedBefore" in params:
            conditions.append(dc.c.start_time < datetime.fromisoformat(params["startedBefore"]))
        if "pageToken" in params:
            conditions.append(dc.c.id > int(base64.urlsafe_b64decode(params["pageToken"])))
        stmt = select(dc).where(and_(True, *conditions)).order_by(dc.c.id).limit(limit + 1)
        with self.engine.connect() as conn:
            if self.caller(conn, request) is None:
                return Response(status_code=401)
            rows = conn.execute(stmt).all()
        page: dict[str, Any] = {"items": [self.doc(r) for r in rows[:limit]]}
        if len(rows) > limit:
            token = base64.urlsafe_b64encode(str(rows[limit - 1].id).encode()).decode()
            page["nextPageToken"] = token
            page["next"] = f"{request.url.path}?{request.url.query}&pageToken={token}"
        return Response(orjson.dumps(page, option=OPTIONS), media_type=JSON)

    def put(self, request: Request, body: bytes) -> Response:
        record_uuid = uuid.UUID(request.path_params["uuid"])
        values = self.values(orjson.loads(body))
        group_uuid = values.pop("data_collection_group_uuid")
        now = datetime.now(UTC)
        dc, group = self.dc, self.group
        own = {"uuid": record_uuid, "version": 1, "created_at": now, "updated_at": now, **values}
        names = [*own, *DERIVED]
        chosen = select(*(bindparam(k, v, type_=dc.c[k].type) for k, v in own.items()), *(group.c[k] for k in DERIVED))
        source = chosen.add_columns(group.c.uuid).where(group.c.uuid == group_uuid)
        dialect_insert = _dialect_insert(self.dialect)
        stmt = dialect_insert(dc).from_select([*names, "data_collection_group_uuid"], source)
        replaced = {c.key: stmt.excluded[c.key] for c in dc.c if c.key not in ("id", "uuid", "version", "created_at")}
        for column in self.writable.values():  # a full replace: fields absent from the body become NULL
            replaced.setdefault(column.key, stmt.excluded[column.key])
        stmt = stmt.on_conflict_do_update(index_elements=[dc.c.uuid], set_={**replaced, "version": dc.c.version + 1})
        with self.engine.begin() as conn:
            if self.caller(conn, request) is None:
                return Response(status_code=401)
            row = conn.execute(stmt.returning(*dc.c)).first()
            if row is None:
                return Response(status_code=422)  # no such group
            kind = "CREATED" if row.version == 1 else "UPDATED"
            self.write_outbox(conn, row, kind, sorted(self.writable) if kind == "UPDATED" else [])
        return self.one(row, 201 if row.version == 1 else 200)

    def patch(self, request: Request, body: bytes) -> Response:
        patch = self.values(orjson.loads(body))
        dc = self.dc
        with self.engine.begin() as conn:
            if self.caller(conn, request) is None:
                return Response(status_code=401)
            row = conn.execute(self.get_stmt, {"uuid": uuid.UUID(request.path_params["uuid"])}).first()
            if row is None:
                return Response(status_code=404)
            expected = request.headers.get("if-match")
            if expected is not None and expected != f'"{row.version}"':
                return Response(status_code=412)
            stmt = (
                sql_update(dc)
                .where(dc.c.id == row.id, dc.c.version == row.version)
                .values(**patch, version=row.version + 1, updated_at=datetime.now(UTC))
                .returning(*dc.c)
            )
            updated = conn.execute(stmt).first()
            if updated is None:
                return Response(status_code=412)
            self.write_outbox(conn, updated, "UPDATED", sorted(self.writable_names(patch)))
        return self.one(updated)


def _dialect_insert(dialect: str) -> Any:
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert


def floor_engine(url: str) -> Engine:
    """The server's pool size and SQLite pragmas; no pre-ping (a floor does no work it does not need)."""
    kwargs: dict[str, Any] = {"hide_parameters": True, "pool_size": POOL_SIZE, "max_overflow": POOL_OVERFLOW}
    sqlite = make_url(url).get_backend_name() == "sqlite"
    if sqlite:
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
    engine = create_engine(url, **kwargs)
    if sqlite:
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def create_app() -> Starlette:
    url = os.environ[DB_ENV]
    floor = Floor(floor_engine(url))
    threads = 4 if url.startswith("sqlite") else 8  # the server's worker threads (site_kit.limits)

    async def one(request: Request) -> Response:
        if request.method == "GET":
            return await anyio.to_thread.run_sync(floor.get, request)
        body = await request.body()
        handler = floor.put if request.method == "PUT" else floor.patch
        return await anyio.to_thread.run_sync(handler, request, body)

    async def many(request: Request) -> Response:
        return await anyio.to_thread.run_sync(floor.list, request)

    async def ready(request: Request) -> Response:
        return Response(b"{}", media_type=JSON)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        anyio.to_thread.current_default_thread_limiter().total_tokens = threads
        yield
        floor.engine.dispose()

    return Starlette(
        routes=[
            Route("/v1/data-collections", many, methods=["GET"]),
            Route("/v1/data-collections/{uuid}", one, methods=["GET", "PUT", "PATCH"]),
            Route("/v1/proposals", ready, methods=["GET"]),
        ],
        lifespan=lifespan,
    )


def main() -> None:
    import uvicorn

    from site_kit.http import uvicorn_options

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    os.environ[DB_ENV] = args.db
    uvicorn.run(
        "bench.floor:create_app",
        factory=True,
        host="127.0.0.1",
        port=args.port,
        workers=args.workers,
        log_level="warning",
        access_log=False,
        **uvicorn_options(),
    )


if __name__ == "__main__":
    main()
