"""The database: ESRF's schema (``ispyb.models``, ispyb-database 1.1.0) plus the adapter's tables beside it.

ESRF's schema is created from the package's own metadata, its 43 views (``v_*``, ``V_AnalysisInfo``, mapped as
tables by sqlacodegen) left out: MariaDB refuses ``v_em_movie``'s quoted ``'current_timestamp()'`` default, and a
view is not storage anyway. The site kit adds ``CommonApiToken`` and ``CommonApiRecord``; this adapter adds what
the common API writes and ESRF's schema has no place for (docs/site-mapping.md, "What the ESRF adapter does"):

* ``CommonApiValue``: one value of one field of one ESRF row that the ESRF column cannot hold — a common enum
  value outside the column's ENUM (``DataCollectionGroup.experimentType`` ``METAL_ID``), an instant outside a
  ``TIMESTAMP``'s 1970–2038, a reference or a flag ESRF has no column for (``GridInfo`` has no
  ``dataCollectionId``). Read first, before the ESRF column (``side.py``).
* ``CommonApiProcessingJob`` (+ ``…Parameter``): processing jobs requested through the API. ESRF has no job
  tables: its pipelines create the ``AutoProcProgram`` directly, on the data collection.
* ``CommonApiProcessingMessage``: messages of a program. ESRF has no ``AutoProcProgramMessage`` table (only the
  one ``AutoProcProgram.processingMessage``, which is ``ProcessingProgram.message``).

Connections use ``time_zone = '+00:00'`` (TIMESTAMP columns are UTC); DATETIME columns are ESRF local time
(Europe/Paris).
"""

from __future__ import annotations

from datetime import datetime

import ispyb.models as esrf
from sqlalchemy import BigInteger, Boolean, Engine, Integer, String, Text, func
from sqlalchemy.dialects.mysql import DATETIME, TIMESTAMP
from sqlalchemy.orm import Mapped, mapped_column

from site_kit.mapped import AdapterBase, create_adapter_tables, make_engine, make_sessionmaker


def _relationships_viewonly() -> None:
    """Every relationship of ispyb.models read-only: the adapter writes columns, the database cascades.

    Some are declared through a secondary table that is not one (``GridInfo.DataCollection`` via the group), and
    the unit of work then fails deleting a GridInfo or a DataCollection (UnmappedColumnError); none is used here.
    """
    from sqlalchemy.orm import RelationshipProperty

    for mapper in esrf.Base.registry.mappers:
        for prop in mapper._props.values():
            if isinstance(prop, RelationshipProperty):
                prop.viewonly = True
                prop.sync_backref = False


_relationships_viewonly()

__all__ = ["create_schema", "esrf_tables", "make_engine", "make_sessionmaker"]


class CommonApiValue(AdapterBase):
    __tablename__ = "CommonApiValue"

    tableName: Mapped[str] = mapped_column(String(64), primary_key=True)
    rowKey: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    field: Mapped[str] = mapped_column(String(64), primary_key=True)
    text: Mapped[str | None] = mapped_column(String(2048))
    instant: Mapped[datetime | None] = mapped_column(DATETIME(fsp=6))  # as the ESRF column would hold it


class CommonApiProcessingJob(AdapterBase):
    __tablename__ = "CommonApiProcessingJob"

    processingJobId: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    dataCollectionId: Mapped[int] = mapped_column(Integer, index=True)
    displayName: Mapped[str | None] = mapped_column(String(80))
    recipe: Mapped[str | None] = mapped_column(String(50))
    automatic: Mapped[bool | None] = mapped_column(Boolean)
    comments: Mapped[str | None] = mapped_column(String(255))
    recordTimestamp: Mapped[datetime | None] = mapped_column(TIMESTAMP, server_default=func.current_timestamp())


class CommonApiProcessingJobParameter(AdapterBase):
    __tablename__ = "CommonApiProcessingJobParameter"

    processingJobParameterId: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    processingJobId: Mapped[int] = mapped_column(Integer, index=True)
    parameterKey: Mapped[str] = mapped_column(String(80))
    parameterValue: Mapped[str] = mapped_column(String(1024))


class CommonApiProcessingMessage(AdapterBase):
    __tablename__ = "CommonApiProcessingMessage"

    autoProcProgramMessageId: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    autoProcProgramId: Mapped[int] = mapped_column(Integer, index=True)
    severity: Mapped[str | None] = mapped_column(String(7))
    message: Mapped[str | None] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    recordTimeStamp: Mapped[datetime | None] = mapped_column(TIMESTAMP, server_default=func.current_timestamp())


def esrf_tables() -> list[object]:
    """ESRF's tables of ``ispyb.models``, without the 43 views (210 of 253)."""
    return [t for name, t in esrf.Base.metadata.tables.items() if not name.lower().startswith("v_")]


def create_schema(engine: Engine) -> None:
    """ESRF's tables from the package's own models (about 26 s on MariaDB), then the adapter's tables."""
    esrf.Base.metadata.create_all(engine, tables=esrf_tables())  # type: ignore[arg-type]
    create_adapter_tables(engine)
