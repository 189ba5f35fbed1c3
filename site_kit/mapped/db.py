"""The tables a mapped site keeps beside a schema it does not own, and connections to that schema (MariaDB).

A site's schema has no place for what the common API adds, so the storage keeps, in the same database:

* ``CommonApiToken``: bearer tokens (SHA-256 hashes), their role, the site's person key of a USER token and the
  beamlines of a SERVICE token (DLS-DB and ispyb-database have no token table: sites authenticate through
  their identity provider).
* ``CommonApiRecord``: one row per site row written through the API — the UUID the client chose with ``PUT``
  (rows created by ``POST`` or loaded by the site itself need none: their UUID is computed, ``uuids.py``), the
  creation and modification instants (most site tables have neither column), and ``implicit`` for helper rows.

A site adds tables of its own to ``AdapterBase.metadata`` (DLS: ``CommonApiProgramState``). Connections use
``time_zone = '+00:00'`` so that TIMESTAMP columns read and write UTC, and strict SQL mode so that a value a
column cannot hold is an error (answered 422 naming the field) instead of a silent truncation.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, DateTime, Engine, Index, Integer, String, create_engine, event
from sqlalchemy.dialects.mysql import DATETIME
from sqlalchemy.engine import make_url
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, sessionmaker
from sqlalchemy.orm import Session as DbSession


class AdapterBase(DeclarativeBase):
    """Metadata of the adapter's own tables (kept apart from the site's models)."""


class CommonApiToken(AdapterBase):
    __tablename__ = "CommonApiToken"

    tokenId: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    tokenSha256: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(10))
    subject: Mapped[str] = mapped_column(String(100))
    personId: Mapped[int | None] = mapped_column(Integer)
    beamlines: Mapped[str] = mapped_column(String(255), default="")  # comma-separated
    createdAt: Mapped[datetime] = mapped_column(DateTime)


class CommonApiRecord(AdapterBase):
    __tablename__ = "CommonApiRecord"
    __table_args__ = (Index("CommonApiRecord_row", "tableName", "rowKey", unique=True),)

    recordId: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    tableName: Mapped[str] = mapped_column(String(64))
    rowKey: Mapped[int] = mapped_column(BigInteger)
    uuid: Mapped[str | None] = mapped_column(String(36), unique=True)
    createdAt: Mapped[datetime] = mapped_column(DATETIME(fsp=6))  # UTC
    updatedAt: Mapped[datetime] = mapped_column(DATETIME(fsp=6))  # UTC
    implicit: Mapped[bool] = mapped_column(Boolean, default=False)


def normalise_url(url: str) -> str:
    """``mysql://`` and ``mariadb://`` URLs use PyMySQL (the ``ispyb`` package's default is mysql-connector)."""
    parsed = make_url(url)
    if parsed.drivername in ("mysql", "mariadb", "mariadb+pymysql"):
        parsed = parsed.set(drivername="mysql+pymysql")
    if "charset" not in parsed.query:
        parsed = parsed.update_query_dict({"charset": "utf8mb4"})
    return parsed.render_as_string(hide_password=False)


def make_engine(url: str) -> Engine:
    """An engine whose connections read and write TIMESTAMPs in UTC, in strict SQL mode."""
    # from-linting off: joins on correlated scalar subqueries (the program of a row) are flagged wrongly
    engine = create_engine(
        normalise_url(url), pool_pre_ping=True, pool_size=10, max_overflow=20, enable_from_linting=False
    )

    @event.listens_for(engine, "connect")
    def _utc(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        with dbapi_connection.cursor() as cursor:
            cursor.execute("SET time_zone = '+00:00', sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION'")

    return engine


def make_sessionmaker(engine: Engine) -> sessionmaker[DbSession]:
    return sessionmaker(engine, expire_on_commit=False)


def create_adapter_tables(engine: Engine) -> None:
    """The adapter's own tables (``AdapterBase.metadata``: the kit's and any the site added), if missing."""
    AdapterBase.metadata.create_all(engine)
    from site_kit import outbox

    outbox.ensure_schema(engine)  # the change feed's outbox (site_kit.mapped.changes)
