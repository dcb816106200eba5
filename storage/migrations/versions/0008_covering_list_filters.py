"""Partnership indexes shaped for the list's counts: creator_id first in the creator index
(probed once per creator), creator_id added to the stage and owner indexes (covering)

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-23
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

WIDENED = {
    "ix_partnership_creator": (["team_id", "creator_id"], ["creator_id", "team_id"]),
    "ix_partnership_stage": (["team_id", "stage"], ["team_id", "stage", "creator_id"]),
    "ix_partnership_owner": (
        ["team_id", "owner_user_id"],
        ["team_id", "owner_user_id", "creator_id"],
    ),
}


def upgrade() -> None:
    for name, (_, columns) in WIDENED.items():
        op.drop_index(name, table_name="partnerships")
        op.create_index(name, "partnerships", columns)


def downgrade() -> None:
    for name, (columns, _) in WIDENED.items():
        op.drop_index(name, table_name="partnerships")
        op.create_index(name, "partnerships", columns)
