"""A long scheduled message: the rest follows in its thread, one reply at a time, paced to
Slack's per-channel limit, never lost and never repeated, also after a cut-off delivery.

A test-only renderer ("test_long") keeps these independent of the digest: its message
carries `thread`, the messages that continue it.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from slack_sdk import WebClient
from sqlalchemy import Engine
from sqlmodel import select

from bot import delivery
from bot.delivery import SweepReport, delivery_client
from bot.pacing import INTERVAL as THREAD_REPLY_INTERVAL
from handlers.scheduled import Renderer
from storage import reminders
from storage.db import session_scope
from storage.models import Reminder
from tests.bot.kinds import kinds_with
from tests.harness import CHANNEL_ID, TEAM_ID, TOKEN, FakeTime

NOW = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)
PARTS = 4
LEASE = 120
RENDERERS: dict[str, Renderer] = {}  # this module's own kinds, next to the product's
KINDS = kinds_with(RENDERERS)


def sweep(*args: Any, **options: Any) -> SweepReport:
    return delivery.sweep(*args, kinds=KINDS, **options)


def render_long(_session: Any, reminder: Reminder) -> dict[str, Any]:
    return {
        "text": "part 1",
        "thread": [{"text": f"part {n}"} for n in range(2, PARTS + 1)],
    }


@pytest.fixture(autouse=True)
def long_kind() -> Iterator[None]:
    RENDERERS["test_long"] = render_long
    yield
    del RENDERERS["test_long"]


class CrashAfterPosting(WebClient):
    """Slack posts the message, and the clock process dies before our commit."""

    def chat_postMessage(self, **kwargs: Any):  # noqa: ANN201, N802 - WebClient's name
        super().chat_postMessage(**kwargs)
        raise KeyboardInterrupt  # not an Exception: nothing of ours handles it


def add(engine: Engine) -> int:
    with session_scope(engine) as session:
        row = reminders.schedule(
            session=session,
            team_id=TEAM_ID,
            kind="test_long",
            dedupe_key="long:1",
            due_at=NOW,
            channel_id=CHANNEL_ID,
            payload={"owner_id": "U0OWNER0001"},
            now=NOW,
        )
        session.flush()
        return row.id


def run(engine: Engine, client: WebClient, now: datetime, fake: FakeTime, worker: str = "w1"):  # noqa: ANN201
    return sweep(
        engine,
        client,
        now=now,
        worker_id=worker,
        lease_seconds=LEASE,
        timer=fake,
        sleep=fake.sleep,
    )


def thread_rows(engine: Engine) -> list[Reminder]:
    with session_scope(engine) as session:
        return list(
            session.exec(
                select(Reminder).where(Reminder.kind == reminders.THREAD_KIND).order_by(Reminder.id)
            ).all()
        )


def test_the_rest_follows_in_the_thread_in_order_one_per_second(engine: Engine, standin) -> None:  # noqa: ANN001
    add(engine)
    fake = FakeTime()
    report = run(engine, delivery_client(TOKEN, standin.base_url), NOW, fake)
    messages = standin.messages(CHANNEL_ID)
    assert [m["text"] for m in messages] == [f"part {n}" for n in range(1, PARTS + 1)]
    assert "thread_ts" not in messages[0] or messages[0]["thread_ts"] == messages[0]["ts"]
    assert all(m["thread_ts"] == messages[0]["ts"] for m in messages[1:])
    assert report.sent == PARTS
    # Each reply waited until a second after the post before it (the timer stood still).
    assert fake.sleeps == [THREAD_REPLY_INTERVAL] * (PARTS - 1)
    assert [r.state for r in thread_rows(engine)] == ["sent"] * (PARTS - 1)
    # Once: nothing more in a later sweep.
    assert (
        run(engine, delivery_client(TOKEN, standin.base_url), NOW + timedelta(minutes=5), fake).sent
        == 0
    )
    assert len(standin.messages(CHANNEL_ID)) == PARTS


def test_a_cut_off_first_message_found_in_the_history_still_gets_its_thread(
    engine: Engine, standin
) -> None:  # noqa: ANN001
    add(engine)
    fake = FakeTime()
    crashing = CrashAfterPosting(token=TOKEN, base_url=standin.base_url, retry_handlers=[])
    with pytest.raises(KeyboardInterrupt):
        run(engine, crashing, NOW, fake, worker="dead")
    assert thread_rows(engine) == []  # the process died before anything was recorded
    report = run(
        engine, delivery_client(TOKEN, standin.base_url), NOW + timedelta(seconds=LEASE), fake
    )
    assert (report.recovered, report.sent) == (1, PARTS - 1)
    messages = standin.messages(CHANNEL_ID)
    assert [m["text"] for m in messages] == [f"part {n}" for n in range(1, PARTS + 1)]
    assert all(m["thread_ts"] == messages[0]["ts"] for m in messages[1:])


def test_a_rate_limited_reply_waits_and_the_rest_waits_behind_it(engine: Engine, standin) -> None:  # noqa: ANN001
    add(engine)
    fake = FakeTime()
    client = delivery_client(TOKEN, standin.base_url)
    original = client.chat_postMessage
    calls = {"n": 0}

    def limited(**kwargs: Any):  # noqa: ANN202
        calls["n"] += 1
        if calls["n"] == 2:
            standin.inject_error("chat.postMessage", status=429, retry_after=30)
        return original(**kwargs)

    client.chat_postMessage = limited  # type: ignore[method-assign]
    report = run(engine, client, NOW, fake)
    assert (report.sent, report.rate_limited) == (1, 1)
    assert [m["text"] for m in standin.messages(CHANNEL_ID)] == ["part 1"]
    assert run(engine, client, NOW + timedelta(seconds=29), fake).sent == 0
    later = run(engine, client, NOW + timedelta(seconds=40), fake)
    assert later.sent == PARTS - 1
    assert [m["text"] for m in standin.messages(CHANNEL_ID)] == [
        f"part {n}" for n in range(1, PARTS + 1)
    ]
