"""A sweep's parts built by hand (bot/delivery/), for the tests of one part at a time: on a
clock of the test's own that only moves when the test (or a pace's sleep) moves it, with
rows claimed by this worker as a sweep would have claimed them. No Slack call is made: a
client that could reach nothing is all they get."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from slack_sdk import WebClient
from sqlalchemy import Engine
from sqlmodel import select, update

from bot.delivery.run import BACKOFF, LATE_GRACE, MAX_ATTEMPTS, SweepRun
from bot.pacing import ChannelPacer
from bot.wiring import SCHEDULED_KINDS
from storage import reminder_claims, reminders
from storage.db import session_scope
from storage.models import Reminder
from storage.reminder_claims import ClaimedReminder
from storage.sweep_sessions import SweepSessions
from tests.harness import CHANNEL_ID, TEAM_ID, FakeTime

NOW = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)  # a Monday
WORKER = "w1"
LEASE = timedelta(seconds=120)

Run = TypeVar("Run", bound=SweepRun)


def built(kind: type[Run], engine: Engine | None, clock: FakeTime, **options: Any) -> Run:
    """A sweep's part (SweepRun or one of its subclasses) starting at NOW on `clock`."""
    settings: dict[str, Any] = {
        "sessions": SweepSessions(engine),  # type: ignore[arg-type] - None: no database
        "client": WebClient(token="xoxb-unused", base_url="http://127.0.0.1:9/"),
        "kinds": SCHEDULED_KINDS,
        "pacer": ChannelPacer(timer=clock, sleep=clock.sleep),
        "worker_id": WORKER,
        "start": NOW,
        "lease": LEASE,
        "late_grace": LATE_GRACE,
        "max_attempts": MAX_ATTEMPTS,
        "backoff": BACKOFF,
        "default_locale": "en",
        "timezone": "Europe/Amsterdam",
        "stop": threading.Event(),
        "wall_clock": lambda: NOW,
        "timer": clock,
    }
    return kind(**(settings | options))


def claimed(
    engine: Engine,
    count: int,
    *,
    channel: str | None = CHANNEL_ID,
    at: datetime = NOW,
    earlier: dict[str, Any] | None = None,
    **payload: Any,
) -> list[ClaimedReminder]:
    """`count` rows due at `at` in `channel`, claimed by WORKER (oldest first), as a sweep
    at `at` claims them. `earlier`: columns as earlier attempts left them (attempts,
    attempt_started_at, ...), stored before the claim, which reads them as a sweep would."""
    with session_scope(engine) as session:
        for n in range(count):
            reminders.schedule(
                session=session,
                team_id=TEAM_ID,
                kind="test_ping",
                dedupe_key=f"test:{channel}:{at.isoformat()}:{n}",
                due_at=at - timedelta(seconds=count - n),
                channel_id=channel,
                payload=payload,
                now=at,
            )
        if earlier:
            session.exec(update(Reminder).values(**earlier))
    return again(engine, at)


def again(engine: Engine, at: datetime) -> list[ClaimedReminder]:
    """What is due at `at`, claimed by WORKER."""
    with session_scope(engine, immediate=True) as session:
        return reminder_claims.claim_due(
            session,
            now=at,
            worker_id=WORKER,
            lease_seconds=LEASE.total_seconds(),
            limit=100,
            wall_now=at,
        )


def stored(engine: Engine, reminder_id: int) -> Reminder:
    with session_scope(engine) as session:
        return session.get(Reminder, reminder_id)


def all_rows(engine: Engine) -> list[Reminder]:
    with session_scope(engine) as session:
        return list(session.exec(select(Reminder).order_by(Reminder.id)).all())
