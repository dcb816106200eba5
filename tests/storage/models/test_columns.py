"""The moments every table stamps: a row written without its moment is refused by the database
instead of quietly taking today's date; a moment given is kept, in UTC."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from domain.values import Difficulty
from storage.models import Brand
from tests.harness import TEAM_ID


def brand(**moments: datetime) -> Brand:
    return Brand(
        team_id=TEAM_ID,
        name="Koffie & Co",
        name_key="koffie co",
        category="coffee",
        difficulty=Difficulty.EASY,
        **moments,
    )


def test_a_row_without_its_moments_is_refused(engine: Engine) -> None:
    with Session(engine) as session:
        session.add(brand())
        with pytest.raises(IntegrityError):
            session.flush()


def test_the_moments_given_are_kept_in_utc(engine: Engine) -> None:
    nine_in_amsterdam = datetime(2026, 12, 4, 9, 0, tzinfo=timezone(timedelta(hours=1)))
    with Session(engine) as session:
        row = brand(created_at=nine_in_amsterdam, updated_at=nine_in_amsterdam)
        session.add(row)
        session.commit()
        brand_id = row.id
    with Session(engine) as session:
        stored = session.get(Brand, brand_id)
        assert stored is not None
        assert stored.created_at == datetime(2026, 12, 4, 8, 0, tzinfo=UTC)
        assert stored.created_at.tzinfo is UTC
