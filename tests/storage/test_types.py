"""The column types every table shares: moments are UTC on every database, and a StrEnum is
stored as its plain code. Checked on a throwaway in-memory SQLite table (no migrations), where
SQLite would otherwise hand back naive datetimes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, create_engine, insert, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import StatementError

from domain.values import Stage
from storage.types import StrEnumType, UTCDateTime

AMSTERDAM_WINTER = timezone(timedelta(hours=1))
METADATA = MetaData()
ROWS = Table(
    "rows",
    METADATA,
    Column("id", Integer, primary_key=True),
    Column("at", UTCDateTime(), nullable=True),
    Column("stage", StrEnumType(Stage), nullable=True),
)


@pytest.fixture
def connection() -> Iterator[Connection]:
    engine = create_engine("sqlite://")
    METADATA.create_all(engine)
    with engine.begin() as connection:
        yield connection
    engine.dispose()


def test_a_moment_comes_back_as_the_same_moment_in_utc(connection: Connection) -> None:
    nine_in_amsterdam = datetime(2026, 12, 4, 9, 0, tzinfo=AMSTERDAM_WINTER)
    connection.execute(insert(ROWS).values(id=1, at=nine_in_amsterdam))
    read = connection.execute(select(ROWS.c.at)).scalar_one()
    assert read == nine_in_amsterdam
    assert read.tzinfo is UTC and read.hour == 8


def test_a_naive_moment_is_refused_not_guessed(connection: Connection) -> None:
    with pytest.raises(StatementError, match="naive datetime"):
        connection.execute(insert(ROWS).values(id=1, at=datetime(2026, 12, 4, 9, 0)))


def test_no_moment_stays_none(connection: Connection) -> None:
    connection.execute(insert(ROWS).values(id=1, at=None, stage=None))
    assert connection.execute(select(ROWS.c.at, ROWS.c.stage)).one() == (None, None)


def test_a_stage_is_stored_as_its_code_and_read_back_as_the_stage(
    connection: Connection,
) -> None:
    connection.execute(insert(ROWS).values(id=1, stage=Stage.GROWTH))
    connection.execute(insert(ROWS).values(id=2, stage="renewed"))
    stored = connection.execute(text("SELECT stage FROM rows ORDER BY id")).scalars().all()
    assert stored == ["growth", "renewed"]
    read = connection.execute(select(ROWS.c.stage).order_by(ROWS.c.id)).scalars().all()
    assert read == [Stage.GROWTH, Stage.RENEWED]
    assert all(isinstance(stage, Stage) for stage in read)


def test_a_code_that_is_no_stage_is_refused(connection: Connection) -> None:
    with pytest.raises(StatementError):
        connection.execute(insert(ROWS).values(id=1, stage="negotiating"))


def test_moments_written_by_hand_in_sqlite_come_back_as_the_same_utc_moments(
    connection: Connection,
) -> None:
    """What SQLite holds may not come from this app (the database's CURRENT_TIMESTAMP, an
    ISO text with an offset, no microseconds): each reads back as the moment it names."""
    for number, stored in enumerate(
        ("2026-12-04 09:00:00.250000", "2026-12-04 09:00:00", "2026-12-04T10:00:00+01:00"),
        start=1,
    ):
        connection.execute(
            text("INSERT INTO rows (id, at) VALUES (:id, :at)"), {"id": number, "at": stored}
        )
    read = connection.execute(select(ROWS.c.at).order_by(ROWS.c.id)).scalars().all()
    assert read == [
        datetime(2026, 12, 4, 9, 0, 0, 250000, tzinfo=UTC),
        datetime(2026, 12, 4, 9, 0, tzinfo=UTC),
        datetime(2026, 12, 4, 9, 0, tzinfo=UTC),
    ]
    assert all(moment.tzinfo is UTC for moment in read)
