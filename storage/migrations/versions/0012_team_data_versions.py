"""Team data versions: a number per workspace that every change to its data raises

The web process remembers status cards it has built (handlers/status.py) and uses one only
while its workspace's version is the one it was built at. The version is raised by triggers,
so no writer can forget it: any INSERT, UPDATE or DELETE, through the ORM, Core, the console
or psql. The tables left out change often and no card shows them (the clock's reminders,
events seen, Home tab counters).

Raised to max(version + 1, the database's clock in microseconds): a workspace whose row was
deleted (its data erased) never comes back to a version a process may still remember.
On PostgreSQL the trigger is deferred to the commit, so the version row is the last lock a
transaction takes and two writers of one workspace never wait on each other in a cycle; it
raises the version once a transaction, however many rows the transaction wrote.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

# Every workspace table a card, list, digest or Home tab may show.
VERSIONED_TABLES = (
    "approval_decisions",
    "approval_events",
    "approval_requests",
    "brands",
    "creators",
    "digest_subscriptions",
    "exclusivity_quotes",
    "exclusivity_windows",
    "kpi_periods",
    "kpi_values",
    "negotiation_rounds",
    "nps_answers",
    "partnerships",
    "roadmap_milestones",
    "roadmaps",
    "stage_changes",
    "team_departures",
    "team_settings",
    "user_preferences",
)
_OPERATIONS = {"INSERT": "NEW", "UPDATE": "NEW", "DELETE": "OLD"}

_SQLITE_MICROSECONDS = "CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER)"
_SQLITE_TRIGGER = """
CREATE TRIGGER team_data_version_{table}_{operation} AFTER {operation} ON {table}
BEGIN
    INSERT INTO team_data_versions (team_id, version)
    SELECT {row}.team_id, {now} WHERE true
    ON CONFLICT (team_id) DO UPDATE
    SET version = max(team_data_versions.version + 1, excluded.version);
END
"""

_POSTGRES_FUNCTION = """
CREATE FUNCTION raise_team_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changed_team varchar(32);
BEGIN
    IF TG_OP = 'DELETE' THEN
        changed_team := OLD.team_id;
    ELSE
        changed_team := NEW.team_id;
    END IF;
    INSERT INTO team_data_versions (team_id, version)
    VALUES (changed_team, (extract(epoch FROM clock_timestamp()) * 1000000)::bigint)
    ON CONFLICT (team_id) DO UPDATE
    SET version = greatest(team_data_versions.version + 1, excluded.version)
    -- Once a transaction: the deferred triggers all run at its commit, and updating one row
    -- again for each of thousands of rows written would leave as many dead versions of it.
    WHERE team_data_versions.xmin <> pg_current_xact_id()::xid;
    RETURN NULL;
END
$$
"""
_POSTGRES_TRIGGER = """
CREATE CONSTRAINT TRIGGER team_data_version AFTER INSERT OR UPDATE OR DELETE ON {table}
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION raise_team_data_version()
"""


def upgrade() -> None:
    op.create_table(
        "team_data_versions",
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("team_id"),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_POSTGRES_FUNCTION)
        for table in VERSIONED_TABLES:
            op.execute(_POSTGRES_TRIGGER.format(table=table))
        return
    for table in VERSIONED_TABLES:
        for operation, row in _OPERATIONS.items():
            op.execute(
                _SQLITE_TRIGGER.format(
                    table=table, operation=operation, row=row, now=_SQLITE_MICROSECONDS
                )
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in VERSIONED_TABLES:
            op.execute(f"DROP TRIGGER team_data_version ON {table}")
        op.execute("DROP FUNCTION raise_team_data_version()")
    else:
        for table in VERSIONED_TABLES:
            for operation in _OPERATIONS:
                op.execute(f"DROP TRIGGER team_data_version_{table}_{operation}")
    op.drop_table("team_data_versions")
