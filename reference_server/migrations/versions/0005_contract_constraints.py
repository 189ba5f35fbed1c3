"""Contract constraints as data (issue 10): renames after the instant naming rule, a DATE, x-unique as UNIQUE

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 11:20:00

* ``data_collection_attachments.created_time`` → ``recorded_at`` and ``workflow_steps.recorded_at`` →
  ``end_time`` (the spec renamed ``createdTime`` and ``WorkflowStep.recordedAt``, which meant the step's end);
* ``shipments.shipping_date`` is a DATE, as at both sites (the time of day, always midnight, is dropped);
* the spec's ``x-unique`` sets that the database did not enforce yet become UNIQUE constraints: a protein's
  acronym in its proposal, dewar and container barcodes, detector serial numbers, one sample per container
  position. The service checks them first and answers 409 naming the fields; the constraints guard races.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import mysql

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_UNIQUE = {
    "proteins": ("proposal_uuid", "acronym"),
    "dewars": ("barcode",),
    "containers": ("barcode",),
    "detectors": ("serial_number",),
    "samples": ("container_uuid", "location"),
}


def _instant() -> sa.types.TypeEngine[Any]:
    """The column type ``UtcDateTime`` has on this backend (batch mode and MariaDB's CHANGE need the real one)."""
    dialect = op.get_bind().dialect.name
    if dialect in ("mysql", "mariadb"):
        return mysql.DATETIME(fsp=6)
    return sa.DateTime(timezone=dialect == "postgresql")


def _name(table: str, columns: tuple[str, ...]) -> str:
    return f"uq_{table}_{'_'.join(columns)}"


def upgrade() -> None:
    with op.batch_alter_table("data_collection_attachments") as batch_op:
        batch_op.alter_column("created_time", new_column_name="recorded_at", existing_type=_instant())
    with op.batch_alter_table("workflow_steps") as batch_op:
        batch_op.alter_column("recorded_at", new_column_name="end_time", existing_type=_instant())
    if op.get_bind().dialect.name == "sqlite":
        _shipping_date_to_day_on_sqlite()
    else:
        with op.batch_alter_table("shipments") as batch_op:
            batch_op.alter_column(
                "shipping_date",
                type_=sa.Date(),
                existing_type=_instant(),
                postgresql_using="(shipping_date AT TIME ZONE 'UTC')::date",
            )
    for table, columns in _UNIQUE.items():
        with op.batch_alter_table(table) as batch_op:
            batch_op.create_unique_constraint(_name(table, columns), list(columns))


def _shipping_date_to_day_on_sqlite() -> None:
    """SQLite's batch copy would CAST the stored instant to DATE, i.e. to NUMERIC: '2026-01-01 …' becomes 2026.

    So the day (the instant is stored in UTC, ISO first) is copied into a new column by text, which then takes
    the old one's name.
    """
    with op.batch_alter_table("shipments") as batch_op:
        batch_op.add_column(sa.Column("shipping_day", sa.Date()))
    op.execute("UPDATE shipments SET shipping_day = substr(shipping_date, 1, 10) WHERE shipping_date IS NOT NULL")
    with op.batch_alter_table("shipments") as batch_op:
        batch_op.drop_column("shipping_date")
        batch_op.alter_column("shipping_day", new_column_name="shipping_date", existing_type=sa.Date())


def downgrade() -> None:
    for table, columns in _UNIQUE.items():
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_constraint(_name(table, columns), type_="unique")
    with op.batch_alter_table("shipments") as batch_op:
        batch_op.alter_column("shipping_date", type_=_instant(), existing_type=sa.Date())
    with op.batch_alter_table("workflow_steps") as batch_op:
        batch_op.alter_column("end_time", new_column_name="recorded_at", existing_type=_instant())
    with op.batch_alter_table("data_collection_attachments") as batch_op:
        batch_op.alter_column("recorded_at", new_column_name="created_time", existing_type=_instant())
