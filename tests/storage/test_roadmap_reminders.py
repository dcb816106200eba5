"""A roadmap's reminders: weekly at nine local time, the past left out."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import Engine
from sqlmodel import select

from storage.db import session_scope
from storage.models import Reminder
from tests.storage.test_roadmaps import create, partnership


def test_weekly_reminders_stay_at_nine_local_across_daylight_saving(engine: Engine) -> None:
    # 09:00 in Amsterdam is 08:00 UTC in winter and 07:00 UTC in summer; the clocks change on
    # 28 March and 31 October 2027.
    spring = create(engine, partnership(engine, "Spring"), start=date(2027, 3, 15))
    autumn = create(engine, partnership(engine, "Autumn"), start=date(2027, 10, 25))
    with session_scope(engine) as session:
        due = {r.dedupe_key: r.due_at for r in session.exec(select(Reminder)).all()}
    assert due[f"roadmap:{spring}:week:2"] == datetime(2027, 3, 22, 8, tzinfo=UTC)
    assert due[f"roadmap:{spring}:week:3"] == datetime(2027, 3, 29, 7, tzinfo=UTC)
    assert due[f"roadmap:{autumn}:week:1"] == datetime(2027, 10, 25, 7, tzinfo=UTC)
    assert due[f"roadmap:{autumn}:week:2"] == datetime(2027, 11, 1, 8, tzinfo=UTC)
    # Spring's first milestones are due Sunday 28 March: reminded Monday 09:00 summer time.
    assert due[f"roadmap:{spring}:overdue:2027-03-28"] == datetime(2027, 3, 29, 7, tzinfo=UTC)


def test_a_roadmap_started_in_the_past_schedules_only_future_reminders(engine: Engine) -> None:
    p = partnership(engine, channel_id="C0PARTNER01")
    rid = create(engine, p, now=datetime(2026, 11, 18, 12, tzinfo=UTC))  # week 3
    with session_scope(engine) as session:
        keys = {r.dedupe_key: r for r in session.exec(select(Reminder)).all()}
    assert sorted(k for k in keys if ":week:" in k) == sorted(
        f"roadmap:{rid}:week:{n}" for n in range(4, 13)
    )
    assert f"roadmap:{rid}:overdue:2026-11-15" not in keys
    assert f"roadmap:{rid}:overdue:2026-11-29" in keys
    assert {r.channel_id for r in keys.values()} == {"C0PARTNER01"}
