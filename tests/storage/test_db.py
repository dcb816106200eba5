"""Storage basics on both databases: migrations, pragmas, team settings, event dedup."""

from __future__ import annotations

from sqlalchemy import Engine, text

from storage import creators, teams
from storage.db import create_db_engine, migrate, pending_migrations, session_scope
from tests.harness import START


def test_a_migrated_database_needs_no_migration(engine: Engine) -> None:
    assert not pending_migrations(engine)


def test_a_new_database_needs_migrating_then_does_not(tmp_path) -> None:  # noqa: ANN001
    engine = create_db_engine(f"sqlite:///{tmp_path / 'new.db'}")
    assert pending_migrations(engine)
    migrate(engine)
    assert not pending_migrations(engine)
    migrate(engine)  # a second run changes nothing and does not fail
    engine.dispose()


def test_upgrading_keeps_every_creator_findable_by_handle(tmp_path) -> None:  # noqa: ANN001
    # Before 0007 the stored handle was already its look-up key ("zoedv" for "@zoe.dv").
    engine = create_db_engine(f"sqlite:///{tmp_path / 'old.db'}")
    migrate(engine, "0006")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO creators (team_id, handle, display_name, name_key, platforms, niche,"
                " country, language, base_rate, currency, contact, archived, erased, created_at,"
                " updated_at) VALUES ('T1', 'zoedv', 'Zoë de Vries', 'zoe de vries', '{}', '',"
                " '', 'nl', 0, 'EUR', '', 0, 0, '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
            )
        )
    migrate(engine)
    with session_scope(engine) as session:
        # "zoe.dv" is no stored handle: only the look-up key the upgrade filled in finds it.
        [found] = creators.find_creators(session=session, team_id="T1", query="@Zoe.DV")
        assert (found.handle, found.display_name) == ("zoedv", "Zoë de Vries")
    engine.dispose()


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path) -> None:  # noqa: ANN001
    engine = create_db_engine(f"sqlite:///{tmp_path / 'p.db'}")
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 5000
    engine.dispose()


def test_team_settings_start_from_the_defaults_and_stay(engine: Engine) -> None:
    with session_scope(engine) as session:
        created = teams.get_or_create_settings(
            session=session,
            team_id="T0123456789",
            default_locale="en",
            timezone="Europe/London",
            now=START,
        )
        assert (created.default_locale, created.timezone) == ("en", "Europe/London")
    with session_scope(engine) as session:
        again = teams.get_or_create_settings(
            session=session, team_id="T0123456789", default_locale="nl", timezone="UTC", now=START
        )
        assert (again.default_locale, again.timezone) == ("en", "Europe/London")


def test_settings_are_per_team(engine: Engine) -> None:
    with session_scope(engine) as session:
        teams.get_or_create_settings(
            session=session, team_id="T0000000001", default_locale="en", timezone="UTC", now=START
        )
        other = teams.get_or_create_settings(
            session=session, team_id="T0000000002", default_locale="nl", timezone="UTC", now=START
        )
        assert other.default_locale == "nl"


def test_an_event_is_delivered_first_only_once_per_team(engine: Engine) -> None:
    with session_scope(engine) as session:
        assert teams.first_delivery(session=session, team_id="T1", event_id="Ev1", now=START)
        assert not teams.first_delivery(session=session, team_id="T1", event_id="Ev1", now=START)
        assert teams.first_delivery(session=session, team_id="T2", event_id="Ev1", now=START)
    with session_scope(engine) as session:
        assert not teams.first_delivery(session=session, team_id="T1", event_id="Ev1", now=START)
