"""The workspace data version (migration 0012): every change to a workspace's data raises it,
in the transaction that makes the change, and only that workspace's."""

from __future__ import annotations

import importlib
from datetime import date

from alembic import command
from sqlalchemy import Engine, text
from sqlmodel import SQLModel

from storage.data_versions import team_data_version
from storage.db import _alembic_config, session_scope
from tests.factories import make_brand, make_creator, make_partnership
from tests.harness import TEAM_ID

OTHER_TEAM = "T0000000002"
migration = importlib.import_module("storage.migrations.versions.0012_team_data_versions")
# Rows that change all day and that nothing remembered from a workspace shows.
NOT_VERSIONED = {
    "reminders",
    "processed_events",
    "home_refreshes",
    "team_data_versions",
    "status_cards",  # what is kept from the data, under its version
}


def version(engine: Engine, team_id: str = TEAM_ID) -> int:
    with engine.connect() as connection:
        return team_data_version(connection, team_id)


def test_every_workspace_table_is_versioned_or_left_out_on_purpose() -> None:
    """A new table of workspace data cannot be forgotten: it is versioned, or listed here."""
    with_team = {
        name for name, table in SQLModel.metadata.tables.items() if "team_id" in table.columns
    }
    assert with_team - NOT_VERSIONED == set(migration.VERSIONED_TABLES)


def test_inserts_updates_and_deletes_raise_their_workspaces_version_only(engine: Engine) -> None:
    at_first = version(engine)
    brand = make_brand(engine)
    make_brand(engine, "Andere", team_id=OTHER_TEAM)
    after_insert, others = version(engine), version(engine, OTHER_TEAM)
    assert after_insert > at_first and others > 0
    creator = make_creator(engine)
    partnership = make_partnership(engine, creator, brand)
    after_more = version(engine)
    assert after_more > after_insert
    with engine.begin() as connection:  # plain SQL, as psql or another tool would
        connection.execute(
            text("UPDATE partnerships SET end_date = :end WHERE id = :id"),
            {"end": date(2028, 1, 1), "id": partnership.id},
        )
    after_update = version(engine)
    assert after_update > after_more
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM partnerships WHERE id = :id"), {"id": partnership.id})
    assert version(engine) > after_update
    assert version(engine, OTHER_TEAM) == others


def test_a_change_rolled_back_leaves_the_version(engine: Engine) -> None:
    make_brand(engine)
    before = version(engine)
    try:
        with session_scope(engine) as session:
            session.connection().execute(text("UPDATE brands SET name = 'Weg'"))
            raise RuntimeError("cut off")
    except RuntimeError:
        pass
    assert version(engine) == before


def test_the_clocks_reminders_leave_the_version(engine: Engine) -> None:
    make_brand(engine)
    before = version(engine)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO reminders (team_id, kind, dedupe_key, due_at, state, attempts, "
                "late, needs_check, payload, created_at) VALUES (:team, 'ping', 'k', "
                ":due, 'pending', 0, false, false, '{}', :due)"
            ),
            {"team": TEAM_ID, "due": "2026-11-23 09:00:00.000000"},
        )
    assert version(engine) == before


def test_a_workspace_erased_and_written_again_never_repeats_a_version(engine: Engine) -> None:
    """What a process remembers at an old version must never look current again."""
    make_brand(engine)
    seen = version(engine)
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM team_data_versions"))
    make_brand(engine, "Opnieuw")
    assert version(engine) > seen


def test_migration_0012_down_and_up_again(engine: Engine) -> None:
    config = _alembic_config(engine)
    command.downgrade(config, "0011")
    try:
        with engine.connect() as connection:
            assert not connection.dialect.has_table(connection, "team_data_versions")
        make_brand(engine)  # no trigger left behind to fail on a missing table
    finally:
        command.upgrade(config, "head")
    make_brand(engine, "Daarna")
    assert version(engine) > 0
