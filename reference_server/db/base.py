"""Declarative base and the columns every record shares."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, Integer, MetaData, Uuid
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from reference_server.db.types import UtcDateTime

#: Deterministic constraint names, so that alembic migrations are the same on every backend.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

#: BIGINT keys on PostgreSQL and MariaDB; SQLite only auto-increments an INTEGER PRIMARY KEY.
KeyType = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class RecordMixin:
    """Columns of every record.

    ``id`` is internal: it orders keyset pages (monotonic, indexed) and never leaves the server. ``uuid`` is the
    public identifier. ``version`` grows with every change and makes the ETag; updates are conditional on it,
    which is what makes PATCH with If-Match atomic without table locks.
    """

    id: Mapped[int] = mapped_column(KeyType, primary_key=True, autoincrement=True)
    uuid: Mapped[uuid.UUID] = mapped_column(Uuid, unique=True, nullable=False)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, nullable=False)
