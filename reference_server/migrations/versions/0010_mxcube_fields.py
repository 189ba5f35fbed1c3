"""What MXCuBE needs of the contract: a session names its beamline setup, a detector its readout mode

MXCuBE stores the beamline setup with the first data collection of a session and attaches it to the session
(ISPyB ``BLSession.beamLineSetupId``), and finds its detector by manufacturer, model and mode (ISPyB
``Detector.detectorMode``). Both are nullable columns; the setup is a plain UUID column (the acquisition module
may live in another service, like the other cross-module references).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 17:05:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from reference_server.db.types import SafeString

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sessions") as batch_op:
        batch_op.add_column(sa.Column("beamline_setup_uuid", sa.Uuid(), nullable=True))
    with op.batch_alter_table("detectors") as batch_op:
        batch_op.add_column(sa.Column("detector_mode", SafeString(255), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("detectors") as batch_op:
        batch_op.drop_column("detector_mode")
    with op.batch_alter_table("sessions") as batch_op:
        batch_op.drop_column("beamline_setup_uuid")
