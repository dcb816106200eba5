"""Status cards as built, shared by every web worker

A card built by one worker is used again by the others while its workspace's data version
(0012) is the one it was built at, instead of each worker building it once more. Not
versioned itself: writing a card changes nothing a card shows.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.types

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "status_cards",
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("card_key", sa.String(length=64), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("built_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("good_until", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("reply", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("team_id", "card_key"),
    )


def downgrade() -> None:
    op.drop_table("status_cards")
