"""The database: Diamond's schema (``ispyb.sqlalchemy``) plus the adapter's own tables.

The kit's tables (``site_kit.mapped.db``: ``CommonApiToken``, ``CommonApiRecord``) and one that only DLS needs:
``CommonApiProgramState`` keeps ``QUEUED`` or ``RUNNING`` as written for an ``AutoProcProgram`` whose DLS
``processingStatus`` (TINYINT 1/0) is NULL — DLS tells "not finished" only; without this row the adapter reads
RUNNING when the program has a start time, else QUEUED. It is DLS's: the ESRF's ``processingStatus`` is an ENUM
with its own RUNNING, and another site's gap would be another column.
"""

from __future__ import annotations

import ispyb.sqlalchemy as dls
from sqlalchemy import Engine, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from site_kit.mapped.db import (
    AdapterBase,
    CommonApiRecord,
    CommonApiToken,
    create_adapter_tables,
    make_engine,
    make_sessionmaker,
)

__all__ = [
    "CommonApiProgramState",
    "CommonApiRecord",
    "CommonApiToken",
    "create_schema",
    "make_engine",
    "make_sessionmaker",
]


class CommonApiProgramState(AdapterBase):
    __tablename__ = "CommonApiProgramState"

    autoProcProgramId: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    status: Mapped[str] = mapped_column(String(16))


def create_schema(engine: Engine) -> None:
    """Diamond's tables from the package's own models, then the adapter's own tables."""
    dls.Base.metadata.create_all(engine)
    create_adapter_tables(engine)
