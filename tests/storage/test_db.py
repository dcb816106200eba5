"""Storage basics on both databases: migrations, pragmas, team settings, event dedup."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import Engine, bindparam, create_engine, event, text
from sqlalchemy import select as sa_select
from sqlmodel import col, select

from domain.values import Stage
from storage import creators, teams
from storage.db import (
    HotQuery,
    create_db_engine,
    migrate,
    pending_migrations,
    read_scope,
    session_scope,
)
from storage.models import Brand, Creator, ExclusivityQuote, Partnership
from tests.conftest import postgres_url
from tests.factories import make_brand, make_creator, make_partnership
from tests.harness import START, TEAM_ID


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


@pytest.fixture(params=("sqlite", "postgresql"))
def unmigrated_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:  # noqa: ANN001
    """An empty database to migrate step by step: a SQLite file or a new PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'old.db'}"
        return
    request.getfixturevalue("postgres_available")
    schema = f"pd_upgrade_{uuid.uuid4().hex[:12]}"
    admin = create_engine(postgres_url())
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{postgres_url()}?options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def test_upgrading_gives_existing_quotes_version_1(unmigrated_url: str) -> None:
    # Quotes from before 0009 had no version; their buttons carry none and still work.
    engine = create_db_engine(unmigrated_url)
    migrate(engine, "0008")
    stamp = "'2026-01-01 00:00:00'"
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO creators (team_id, handle, display_name, name_key, platforms, niche,"
                " country, language, base_rate, currency, contact, archived, erased, created_at,"
                f" updated_at) VALUES ('T1', 'zoedv', 'Zoë', 'zoe', '{{}}', '', '', 'nl', 0, 'EUR',"
                f" '', false, false, {stamp}, {stamp})"
            )
        )
        connection.execute(
            text(
                "INSERT INTO brands (team_id, name, name_key, category, difficulty, competitors,"
                " exclusivity_needs_approval, pricing_overrides, created_at, updated_at) VALUES"
                f" ('T1', 'Glow', 'glow', 'beauty', 'hard', '[]', false, '{{}}', {stamp}, {stamp})"
            )
        )
        connection.execute(
            text(
                "INSERT INTO partnerships (team_id, creator_id, brand_id, stage, currency,"
                " ip_model, performance_incentive, exit_scenario_agreed, stage_changed_at,"
                " created_at, updated_at) SELECT 'T1', c.id, b.id, 'guardrails', 'EUR', 'shared',"
                f" false, false, {stamp}, {stamp}, {stamp} FROM creators c, brands b"
            )
        )
        for status in ("open", "agreed"):
            connection.execute(
                text(
                    "INSERT INTO exclusivity_quotes (team_id, partnership_id, channel_id, status,"
                    " terms, currency, low, typical, high, locale, created_at, updated_at)"
                    f" SELECT 'T1', id, 'C1', '{status}', '{{}}', 'EUR', 1, 2, 3, 'nl', {stamp},"
                    f" {stamp} FROM partnerships"
                )
            )
    migrate(engine)
    with session_scope(engine) as session:
        quotes = session.exec(select(ExclusivityQuote).order_by(ExclusivityQuote.id)).all()
        assert [(q.status, q.version) for q in quotes] == [("open", 1), ("agreed", 1)]
    engine.dispose()


def test_a_hot_query_reads_the_values_sqlalchemy_reads(engine: Engine) -> None:
    # Dates, enums, decimals, JSON, booleans and aware datetimes, converted as SQLAlchemy
    # converts them for this database; the bound enum and the literal compared the same way.
    brand = make_brand(engine)
    creator = make_creator(engine, "Zoë de Vries", "zoe.dv", archived=True)
    make_partnership(engine, creator, brand, quarterly_fee=Decimal("18500.50"))
    statement = (
        sa_select(
            Partnership.stage,
            Partnership.start_date,
            Partnership.quarterly_fee,
            Partnership.created_at,
            Creator.platforms,
            Creator.archived,
            Creator.display_name,
        )
        .join(Creator, Creator.id == Partnership.creator_id)
        .where(
            Partnership.team_id == bindparam("team_id"),
            Partnership.stage == bindparam("stage", type_=Partnership.__table__.c.stage.type),
            Creator.handle == "zoe.dv",
        )
    )
    with read_scope(engine) as connection:
        expected = [
            tuple(row)
            for row in connection.execute(
                statement, {"team_id": TEAM_ID, "stage": Stage.GUARDRAILS}
            )
        ]
        rows = HotQuery(statement).rows(connection, team_id=TEAM_ID, stage=Stage.GUARDRAILS)
    assert rows == expected
    [(stage, start, fee, created, platforms, archived, name)] = rows
    assert (stage, start, fee) == (Stage.GUARDRAILS, date(2026, 9, 1), Decimal("18500.50"))
    assert created == START and created.tzinfo is not None
    assert (platforms, archived, name) == (
        {"instagram": 120000, "tiktok": 45000},
        True,
        "Zoë de Vries",
    )


def test_statement_listeners_see_hot_queries(engine: Engine) -> None:
    seen: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:  # noqa: ANN001
        seen.append(statement)

    query = HotQuery(sa_select(Brand.name).where(Brand.team_id == bindparam("team_id")))
    event.listen(engine, "before_cursor_execute", record)
    try:
        with read_scope(engine) as connection:
            assert query.rows(connection, team_id=TEAM_ID) == []
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert len([statement for statement in seen if "FROM brands" in statement]) == 1


def test_a_hot_query_refuses_an_expanding_in(engine: Engine) -> None:
    query = HotQuery(
        sa_select(Brand.name).where(col(Brand.id).in_(bindparam("ids", expanding=True)))
    )
    with read_scope(engine) as connection, pytest.raises(ValueError, match="expanding"):
        query.rows(connection, ids=[1, 2])
