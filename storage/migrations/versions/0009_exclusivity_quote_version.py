"""A version on each exclusivity quote, carried by its buttons, so a click on an outdated
quote message (or a repeat) changes nothing; existing quotes start at version 1

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The server default fills every existing row with 1 on SQLite and PostgreSQL alike.
    with op.batch_alter_table("exclusivity_quotes") as batch_op:
        batch_op.add_column(sa.Column("version", sa.Integer(), server_default="1", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("exclusivity_quotes") as batch_op:
        batch_op.drop_column("version")
