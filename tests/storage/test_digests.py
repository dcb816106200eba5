"""Digest subscriptions and their occurrences as reminders (DST-correct, once a week)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Engine
from sqlmodel import select

from storage import digests, reminders
from storage.db import session_scope
from storage.models import (
    DigestSubscription,
    Reminder,
)
from tests.harness import CHANNEL_ID, TEAM_ID, USER_ID

ZONE = "Europe/Amsterdam"
# Monday 7 January 2030, 09:00 in Amsterdam: far from the moment the factories' rows are
# created (their creation is recorded at the real time), so the week's moves are ours alone.
NOW = datetime(2030, 1, 7, 8, 0, tzinfo=UTC)
TODAY = date(2030, 1, 7)


def subscribe(engine: Engine, weekday: int = 0, at: time = time(9, 0), channel: str = CHANNEL_ID):
    with session_scope(engine) as session:
        row, created = digests.subscribe(
            session=session,
            team_id=TEAM_ID,
            channel_id=channel,
            weekday=weekday,
            at=at,
            locale="en",
            created_by=USER_ID,
            now=NOW,
        )
        return row.id, created


def ahead(engine: Engine, subscription_id: int, after: datetime) -> datetime:
    with session_scope(engine) as session:
        row = digests.get_subscription_by_id(
            session=session, team_id=TEAM_ID, subscription_id=subscription_id
        )
        return digests.schedule_ahead(
            session=session, subscription=row, timezone=ZONE, after=after
        ).due_at


def pending(engine: Engine) -> list[tuple[str, datetime]]:
    with session_scope(engine) as session:
        rows = session.exec(
            select(Reminder)
            .where(Reminder.kind == digests.KIND, Reminder.state == reminders.PENDING)
            .order_by(Reminder.due_at)
        ).all()
        return [(r.dedupe_key, r.due_at) for r in rows]


# -- subscriptions -----------------------------------------------------------------------------
def test_one_subscription_per_channel_and_resubscribing_changes_it(engine: Engine) -> None:
    first, created = subscribe(engine)
    again, created_again = subscribe(engine, weekday=4, at=time(16, 30))
    assert (created, created_again) == (True, False)
    assert first == again
    with session_scope(engine) as session:
        [row] = session.exec(select(DigestSubscription)).all()
        assert (row.weekday, row.local_time, row.locale) == (4, "16:30", "en")


def test_unsubscribing_cancels_the_pending_digests(engine: Engine) -> None:
    sid, _ = subscribe(engine)
    ahead(engine, sid, NOW)
    assert len(pending(engine)) == 2
    with session_scope(engine) as session:
        assert digests.unsubscribe(session=session, team_id=TEAM_ID, channel_id=CHANNEL_ID)
        assert not digests.unsubscribe(session=session, team_id=TEAM_ID, channel_id=CHANNEL_ID)
    assert pending(engine) == []


# -- occurrences -------------------------------------------------------------------------------
def test_monday_0900_is_0800_utc_in_winter_and_0700_in_summer(engine: Engine) -> None:
    sid, _ = subscribe(engine)
    # Tuesday 16 March 2027; summer time starts on Sunday 28 March.
    first = ahead(engine, sid, datetime(2027, 3, 16, 12, 0, tzinfo=UTC))
    assert first == datetime(2027, 3, 22, 8, 0, tzinfo=UTC)
    assert [due for _, due in pending(engine)] == [
        datetime(2027, 3, 22, 8, 0, tzinfo=UTC),  # 09:00 CET
        datetime(2027, 3, 29, 7, 0, tzinfo=UTC),  # 09:00 CEST
    ]
    # And back in the autumn (winter time from Sunday 31 October 2027).
    assert ahead(engine, sid, datetime(2027, 10, 26, tzinfo=UTC)) == datetime(
        2027, 11, 1, 8, 0, tzinfo=UTC
    )


def test_scheduling_is_idempotent_one_row_per_week(engine: Engine) -> None:
    sid, _ = subscribe(engine)
    ahead(engine, sid, NOW - timedelta(days=1))
    ahead(engine, sid, NOW - timedelta(days=1))
    keys = [key for key, _ in pending(engine)]
    assert keys == [f"digest:{sid}:2030-W02", f"digest:{sid}:2030-W03"]


def test_a_changed_time_moves_this_weeks_digest_instead_of_adding_one(engine: Engine) -> None:
    sid, _ = subscribe(engine)
    ahead(engine, sid, NOW - timedelta(days=1))
    subscribe(engine, weekday=0, at=time(10, 30))
    with session_scope(engine) as session:
        row = digests.get_subscription_by_id(session=session, team_id=TEAM_ID, subscription_id=sid)
        digests.cancel_pending(session=session, subscription=row)
    ahead(engine, sid, NOW - timedelta(days=1))
    assert pending(engine) == [
        (f"digest:{sid}:2030-W02", datetime(2030, 1, 7, 9, 30, tzinfo=UTC)),
        (f"digest:{sid}:2030-W03", datetime(2030, 1, 14, 9, 30, tzinfo=UTC)),
    ]


def test_a_week_already_sent_is_not_sent_again(engine: Engine) -> None:
    sid, _ = subscribe(engine)
    ahead(engine, sid, NOW - timedelta(days=1))
    with session_scope(engine) as session:
        row = session.exec(
            select(Reminder).where(Reminder.dedupe_key == f"digest:{sid}:2030-W02")
        ).one()
        row.state = reminders.SENT
        session.add(row)
    # Subscribed again at 10:30 the same Monday, after the 09:00 digest went out.
    subscribe(engine, at=time(10, 30))
    assert ahead(engine, sid, NOW) == datetime(2030, 1, 14, 9, 30, tzinfo=UTC)
