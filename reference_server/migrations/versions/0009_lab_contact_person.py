"""One lab contact per person and proposal, as the spec's LabContact ``x-unique`` now states

Both ISPyB schemas refuse a second LabContact for a person in a proposal (Diamond's and ESRF's UNIQUE index
``personAndProposal``), so the spec states the rule as data and the reference server enforces it like its other
``x-unique`` sets: the service answers 409 naming the fields, the constraint guards races. A database that
already holds two cards of one person in one proposal cannot be upgraded until one of them is removed (the
upgrade fails on the constraint; nothing is deleted for the operator).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 15:20:00
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

TABLE = "lab_contacts"
COLUMNS = ("proposal_uuid", "person_uuid")
#: the name the metadata's naming convention gives the model's constraint (reference_server/db/base.py)
NAME = f"uq_{TABLE}_{'_'.join(COLUMNS)}"


def upgrade() -> None:
    with op.batch_alter_table(TABLE) as batch_op:
        batch_op.create_unique_constraint(NAME, list(COLUMNS))


def downgrade() -> None:
    with op.batch_alter_table(TABLE) as batch_op:
        batch_op.drop_constraint(NAME, type_="unique")
