"""The sweep with injected time, against the Slack stand-in (validated with Slack's spec).

A test-only renderer kind ("test_ping") keeps these tests independent of the product's
reminder kinds. What a user would see is read at the stand-in: the messages in a channel
(with their metadata), a DM with the owner, and how often each reminder was posted.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
from slack_sdk import WebClient
from sqlalchemy import Engine
from sqlmodel import select

from bot import delivery
from bot.delivery import BACKOFF, EVENT_TYPE, MAX_ATTEMPTS, SweepReport, delivery_client
from domain.schedule import local_to_utc, next_weekly, utc_to_local
from handlers.scheduled import Renderer
from storage import reminder_claims, reminders
from storage.db import session_scope
from storage.models import Reminder, TeamSettings
from tests.bot.kinds import kinds_with
from tests.harness import CHANNEL_ID, OTHER_USER_ID, TEAM_ID, TOKEN, USER_ID

AMS = "Europe/Amsterdam"
OTHER_CHANNEL = "C0222222222"
NOW = datetime(2026, 3, 30, 7, 0, tzinfo=UTC)  # Monday 09:00 in Amsterdam
LEASE = 120
RENDERERS: dict[str, Renderer] = {}  # this module's own kinds, next to the product's
KINDS = kinds_with(RENDERERS)


def sweep(*args: Any, **options: Any) -> SweepReport:
    return delivery.sweep(*args, kinds=KINDS, **options)


def render_ping(_session: Any, reminder: Reminder) -> dict[str, Any] | None:
    if reminder.payload.get("silent"):
        return None
    local = utc_to_local(reminder.due_at, AMS)
    message: dict[str, Any] = {
        "text": f"ping {reminder.payload.get('n', 0)} for {local:%a %H:%M}",
        "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": f"ping {reminder.id}"}}],
    }
    return message


@pytest.fixture(autouse=True)
def ping_kind() -> Iterator[None]:
    RENDERERS["test_ping"] = render_ping
    yield
    del RENDERERS["test_ping"]


@pytest.fixture
def client(standin) -> WebClient:  # noqa: ANN001
    standin.add_channel(OTHER_CHANNEL, name="other", members=[USER_ID])
    return delivery_client(TOKEN, standin.base_url, timeout=5)


def add(
    engine: Engine,
    due_at: datetime,
    *,
    key: str | None = None,
    channel: str | None = CHANNEL_ID,
    team: str = TEAM_ID,
    **payload: Any,
) -> int:
    with session_scope(engine) as session:
        row = reminders.schedule(
            session=session,
            team_id=team,
            kind="test_ping",
            dedupe_key=key or f"ping:{due_at.isoformat()}:{channel}:{payload.get('n', 0)}",
            due_at=due_at,
            channel_id=channel,
            payload=payload,
            now=NOW,
        )
        session.flush()
        return row.id


def get(engine: Engine, reminder_id: int) -> Reminder:
    with session_scope(engine) as session:
        return session.get(Reminder, reminder_id)


def run(
    engine: Engine, client: WebClient, now: datetime, worker: str = "w1", **options: Any
) -> SweepReport:
    # Time stands still during the sweep (timer), so the times it records are exact.
    return sweep(
        engine,
        client,
        now=now,
        worker_id=worker,
        lease_seconds=LEASE,
        timer=lambda: 0.0,
        **options,
    )


def posts_of(standin) -> Counter:  # noqa: ANN001
    """How often each reminder id was posted successfully (read from the metadata)."""
    counted: Counter = Counter()
    for call in standin.calls_to("chat.postMessage"):
        metadata = call.args.get("metadata") or {}
        if call.response.get("ok") and metadata.get("event_type") == EVENT_TYPE:
            counted[metadata["event_payload"]["reminder_id"]] += 1
    return counted


def set_team(engine: Engine, language: str, team: str = TEAM_ID) -> None:
    with session_scope(engine) as session:
        session.add(
            TeamSettings(team_id=team, default_locale=language, timezone=AMS, created_at=NOW)
        )


class SimulatedCrash(BaseException):
    """The clock process dies here (SIGKILL): nothing after it runs, no handler sees it."""


class CrashAfterPosting(WebClient):
    """Slack posts the message, and the process dies before our commit."""

    def chat_postMessage(self, **kwargs: Any):  # noqa: ANN201, N802 - WebClient's name
        super().chat_postMessage(**kwargs)
        raise SimulatedCrash


class CrashBeforePosting(WebClient):
    def chat_postMessage(self, **kwargs: Any):  # noqa: ANN201, N802
        raise SimulatedCrash


# -- sending ---------------------------------------------------------------------------------


def test_due_reminders_are_posted_once_with_their_id_in_the_metadata(
    engine: Engine, standin, client: WebClient
) -> None:
    first = add(engine, NOW - timedelta(minutes=1), n=1)
    second = add(engine, NOW, n=2, channel=OTHER_CHANNEL)
    future = add(engine, NOW + timedelta(seconds=1), n=3)
    report = run(engine, client, NOW)
    assert (report.sent, report.late) == (2, 0)
    [message] = standin.messages(CHANNEL_ID)
    assert message["text"] == "ping 1 for Mon 08:59"
    assert message["metadata"] == {
        "event_type": "partnerdesk_reminder",
        "event_payload": {"reminder_id": first},
    }
    assert standin.messages(OTHER_CHANNEL)[0]["text"] == "ping 2 for Mon 09:00"
    sent = get(engine, first)
    assert (sent.state, sent.message_ts, sent.sent_at) == ("sent", message["ts"], NOW)
    assert run(engine, client, NOW + timedelta(milliseconds=999)).sent == 0
    assert run(engine, client, NOW + timedelta(seconds=1)).sent == 1
    assert posts_of(standin) == {first: 1, second: 1, future: 1}


def test_a_thread_reminder_goes_into_its_thread(engine: Engine, standin, client) -> None:  # noqa: ANN001
    parent = standin.add_message(CHANNEL_ID, text="Roadmap for Zoë", user=USER_ID)
    with session_scope(engine) as session:
        reminders.schedule(
            session=session,
            team_id=TEAM_ID,
            kind="test_ping",
            dedupe_key="thread",
            due_at=NOW,
            channel_id=CHANNEL_ID,
            thread_ts=parent,
            now=NOW,
        )
    run(engine, client, NOW)
    reply = standin.messages(CHANNEL_ID)[-1]
    assert reply["thread_ts"] == parent and reply["text"].startswith("ping")


def test_a_reminder_with_nothing_to_say_is_not_sent(engine: Engine, standin, client) -> None:  # noqa: ANN001
    reminder_id = add(engine, NOW, silent=True)
    assert run(engine, client, NOW).skipped == 1
    assert standin.messages(CHANNEL_ID) == []
    assert get(engine, reminder_id).state == "cancelled"


# -- time zones --------------------------------------------------------------------------------


def test_a_weekly_nine_oclock_reminder_goes_out_at_nine_across_both_dst_changes(
    engine: Engine, standin, client: WebClient
) -> None:
    """Monday 09:00 in Amsterdam: 08:00 UTC before 29 March 2026, 07:00 UTC after it, and
    08:00 UTC again after 25 October 2026. Swept a second before and at each moment."""
    mondays = [date(2026, 3, 23), date(2026, 3, 30), date(2026, 10, 19), date(2026, 10, 26)]
    utc_hours = [8, 7, 7, 8]
    for day in mondays:
        add(engine, local_to_utc(day, time(9), AMS), key=f"weekly:{day}")
    for day, hour in zip(mondays, utc_hours, strict=True):
        moment = datetime.combine(day, time(hour), tzinfo=UTC)
        assert run(engine, client, moment - timedelta(seconds=1)).sent == 0
        assert run(engine, client, moment).sent == 1
        posted = standin.messages(CHANNEL_ID)[-1]
        assert posted["text"] == "ping 0 for Mon 09:00"
    # The chain a digest or roadmap would schedule lands on the same moments.
    chain = [next_weekly(0, time(9), AMS, datetime(2026, 3, 16, 12, tzinfo=UTC))]
    while len(chain) < 33:
        chain.append(next_weekly(0, time(9), AMS, chain[-1]))
    assert [m.hour for m in (chain[0], chain[1], chain[30], chain[31])] == utc_hours


# -- never twice ---------------------------------------------------------------------------


def test_a_row_another_clock_holds_is_not_sent(engine: Engine, standin, client) -> None:  # noqa: ANN001
    reminder_id = add(engine, NOW)
    with session_scope(engine, immediate=True) as session:
        reminder_claims.claim_due(
            session, now=NOW, worker_id="other", lease_seconds=LEASE, limit=10, wall_now=NOW
        )
    assert run(engine, client, NOW + timedelta(seconds=LEASE - 1)) == SweepReport()
    assert posts_of(standin) == {} and get(engine, reminder_id).claimed_by == "other"


def test_a_delivery_cut_off_after_slacks_answer_is_found_in_the_history_not_resent(
    engine: Engine, standin, client: WebClient
) -> None:
    reminder_id = add(engine, NOW)
    later = add(engine, NOW, n=2)
    crashing = CrashAfterPosting(token=TOKEN, base_url=standin.base_url, retry_handlers=[])
    with pytest.raises(SimulatedCrash):
        run(engine, crashing, NOW, worker="dead")
    assert get(engine, reminder_id).state == "claimed"  # posted, but never recorded
    # Another clock (or the restarted one) takes over once the lease has run out.
    assert run(engine, client, NOW + timedelta(seconds=LEASE - 1)).sent == 0
    report = run(engine, client, NOW + timedelta(seconds=LEASE), worker="w2")
    assert (report.recovered, report.sent) == (1, 1)
    assert posts_of(standin) == {reminder_id: 1, later: 1}
    history = standin.calls_to("conversations.history")[0].args
    assert history["channel"] == CHANNEL_ID and history["include_all_metadata"] in (True, "1")
    recovered = get(engine, reminder_id)
    assert recovered.state == "sent"
    assert recovered.message_ts == standin.messages(CHANNEL_ID)[0]["ts"]


def test_a_delivery_cut_off_before_posting_is_sent_once_after_the_check(
    engine: Engine, standin, client: WebClient
) -> None:
    reminder_id = add(engine, NOW)
    crashing = CrashBeforePosting(token=TOKEN, base_url=standin.base_url, retry_handlers=[])
    with pytest.raises(SimulatedCrash):
        run(engine, crashing, NOW, worker="dead")
    report = run(engine, client, NOW + timedelta(seconds=LEASE), worker="w2")
    assert (report.recovered, report.sent) == (0, 1)
    assert posts_of(standin) == {reminder_id: 1}
    assert len(standin.calls_to("conversations.history")) == 1


def test_a_cut_off_thread_reply_is_looked_for_in_the_thread(
    engine: Engine, standin, client: WebClient
) -> None:
    parent = standin.add_message(CHANNEL_ID, text="Approval: contract Zoë", user=USER_ID)
    with session_scope(engine) as session:
        reminder_id = reminders.schedule(
            session=session,
            team_id=TEAM_ID,
            kind="test_ping",
            dedupe_key="thread",
            due_at=NOW,
            channel_id=CHANNEL_ID,
            thread_ts=parent,
            now=NOW,
        ).id
    crashing = CrashAfterPosting(token=TOKEN, base_url=standin.base_url, retry_handlers=[])
    with pytest.raises(SimulatedCrash):
        run(engine, crashing, NOW, worker="dead")
    assert run(engine, client, NOW + timedelta(seconds=LEASE)).recovered == 1
    assert posts_of(standin) == {reminder_id: 1}
    assert standin.calls_to("conversations.replies")[0].args["ts"] == parent


def test_an_answer_lost_to_a_server_error_is_checked_before_the_retry(
    engine: Engine, standin, client: WebClient
) -> None:
    reminder_id = add(engine, NOW)
    standin.inject_error("chat.postMessage", "internal_error", status=503)
    report = run(engine, client, NOW)
    assert report.retried == 1
    row = get(engine, reminder_id)
    assert row.needs_check and row.next_attempt_at == NOW + BACKOFF
    assert run(engine, client, NOW + BACKOFF).sent == 1
    methods = [c.method for c in standin.calls]
    assert methods == ["chat.postMessage", "conversations.history", "chat.postMessage"]
    assert posts_of(standin) == {reminder_id: 1}


def test_an_unreadable_history_makes_it_uncertain_and_reported_never_resent(
    engine: Engine, standin, client: WebClient
) -> None:
    set_team(engine, "en")
    reminder_id = add(engine, NOW)
    crashing = CrashAfterPosting(token=TOKEN, base_url=standin.base_url, retry_handlers=[])
    with pytest.raises(SimulatedCrash):
        run(engine, crashing, NOW, worker="dead")
    standin.inject_error("conversations.history", "missing_scope")
    report = run(engine, client, NOW + timedelta(seconds=LEASE))
    assert (report.uncertain, report.sent, report.recovered) == (1, 1, 0)  # the report
    assert get(engine, reminder_id).state == "uncertain"
    assert posts_of(standin)[reminder_id] == 1
    notice = standin.messages(CHANNEL_ID)[-1]["text"]
    assert notice.startswith(":grey_question: I don't know whether a scheduled message")
    assert "(due Mon 30 Mar 09:00)" in notice and "`missing_scope`" in notice
    assert "I won't send it again by myself" in notice
    assert run(engine, client, NOW + timedelta(days=1)) == SweepReport()


# -- late --------------------------------------------------------------------------------------


def test_reminders_that_fell_due_while_no_clock_ran_are_sent_once_and_marked_late(
    engine: Engine, standin, client: WebClient
) -> None:
    missed = [add(engine, NOW - timedelta(hours=h), n=h) for h in (1, 2, 3)]
    # In a channel of its own: four in one would wait for Slack's pace (time stands still).
    recent = add(engine, NOW - timedelta(minutes=4), channel=OTHER_CHANNEL, n=9)
    report = run(engine, client, NOW)  # the clock starts again at 09:00
    assert (report.sent, report.late) == (4, 3)
    assert [get(engine, i).late for i in missed] == [True, True, True]
    assert not get(engine, recent).late
    assert run(engine, client, NOW + timedelta(minutes=1)) == SweepReport()
    assert posts_of(standin) == dict.fromkeys([*missed, recent], 1)


# -- Slack's limits and errors ----------------------------------------------------------------


def test_rate_limited_waits_for_retry_after_without_counting_a_failure(
    engine: Engine, standin, client: WebClient
) -> None:
    here = [add(engine, NOW - timedelta(seconds=3 - i), n=i) for i in range(3)]
    there = add(engine, NOW, channel=OTHER_CHANNEL, n=7)
    standin.inject_error("chat.postMessage", status=429, retry_after=30)
    # One channel at a time (the longest lane first), so that the 429 lands on this one.
    report = run(engine, client, NOW, concurrency=1)
    assert (report.rate_limited, report.sent) == (3, 1)  # the other channel still gets its own
    # Only one call went to the rate-limited channel in that sweep.
    tried = [c.args["channel"] for c in standin.calls_to("chat.postMessage")]
    assert tried == [CHANNEL_ID, OTHER_CHANNEL]
    first = get(engine, here[0])
    assert (first.state, first.attempts) == ("pending", 0)
    assert first.next_attempt_at == NOW + timedelta(seconds=30)
    assert run(engine, client, NOW + timedelta(seconds=29)).sent == 0
    assert run(engine, client, NOW + timedelta(seconds=30)).sent == 3
    assert posts_of(standin) == {here[0]: 1, here[1]: 1, here[2]: 1, there: 1}
    assert [m["text"][:6] for m in standin.messages(CHANNEL_ID)] == ["ping 0", "ping 1", "ping 2"]


def test_failures_are_retried_with_backoff_then_reported_to_the_owner(
    engine: Engine, standin, client: WebClient
) -> None:
    set_team(engine, "en")
    reminder_id = add(engine, NOW, owner_id=OTHER_USER_ID)
    standin.inject_error("chat.postMessage", "not_in_channel", times=MAX_ATTEMPTS)
    moment, waits = NOW, []
    for attempt in range(1, MAX_ATTEMPTS):
        assert run(engine, client, moment).retried == 1
        row = get(engine, reminder_id)
        assert (row.attempts, row.state) == (attempt, "pending")
        waits.append(row.next_attempt_at - moment)
        assert run(engine, client, row.next_attempt_at - timedelta(seconds=1)) == SweepReport()
        moment = row.next_attempt_at
    assert waits == [timedelta(minutes=m) for m in (1, 2, 4, 8)]
    report = run(engine, client, moment)
    assert (report.failed, report.sent) == (1, 1)  # the report went out in the same sweep
    failed = get(engine, reminder_id)
    assert (failed.state, failed.attempts, failed.last_error) == ("failed", 5, "not_in_channel")
    # The channel is the problem, so the owner hears it in a DM, in the team's language.
    dm = standin.calls_to("chat.postMessage")[-1]
    assert dm.args["channel"] == OTHER_USER_ID
    assert dm.args["text"] == (
        ":warning: I couldn't deliver a scheduled message (due Mon 30 Mar 09:00) in "
        f"<#{CHANNEL_ID}>. Slack answered `not_in_channel`. I tried 5 times and have stopped: "
        "please pass it on yourself."
    )
    assert reminder_id not in posts_of(standin)  # the reminder itself never got through
    assert run(engine, client, moment + timedelta(days=1)) == SweepReport()


def test_an_error_that_retrying_cannot_fix_fails_at_once_and_is_reported_in_dutch(
    engine: Engine, standin, client: WebClient
) -> None:
    reminder_id = add(engine, NOW, owner_id=OTHER_USER_ID)  # no team settings: nl
    standin.inject_error("chat.postMessage", "channel_not_found")
    report = run(engine, client, NOW)
    assert (report.failed, report.retried) == (1, 0)
    assert get(engine, reminder_id).state == "failed"
    dm = standin.calls_to("chat.postMessage")[-1]
    assert dm.args["channel"] == OTHER_USER_ID
    assert dm.args["text"].startswith(":warning: Ik kon een gepland bericht (gepland voor ma")
    assert "Ik heb het één keer geprobeerd" in dm.args["text"]
    with session_scope(engine) as session:
        notes = [r for r in session.exec(select(Reminder)) if r.kind == reminders.REPORT_KIND]
    assert [(n.state, n.payload["reminder_id"]) for n in notes] == [("sent", reminder_id)]


def test_a_failed_report_is_logged_not_reported_again(
    engine: Engine, standin, client: WebClient, caplog: pytest.LogCaptureFixture
) -> None:
    add(engine, NOW)  # no owner: the report goes to the channel, which is gone as well
    standin.inject_error("chat.postMessage", "channel_not_found", times=2)
    report = run(engine, client, NOW)
    assert report.failed == 2
    assert "there is nobody to tell" not in caplog.text
    with session_scope(engine) as session:
        assert reminders.count_by_state(session) == {"failed": 2}
    assert any("reminder" in r.getMessage() and "failed" in r.getMessage() for r in caplog.records)


def test_a_broken_renderer_is_retried_then_reported_without_a_traceback(
    engine: Engine, standin, client: WebClient
) -> None:
    def broken(_session: Any, _reminder: Reminder) -> dict:
        raise RuntimeError("bug")

    RENDERERS["test_broken"] = broken
    try:
        with session_scope(engine) as session:
            reminder_id = reminders.schedule(
                session=session,
                team_id=TEAM_ID,
                kind="test_broken",
                dedupe_key="broken",
                due_at=NOW,
                channel_id=CHANNEL_ID,
                now=NOW,
            ).id
        moment = NOW
        for _ in range(MAX_ATTEMPTS):
            run(engine, client, moment)
            moment += timedelta(hours=1)
    finally:
        del RENDERERS["test_broken"]
    assert get(engine, reminder_id).state == "failed"
    [notice] = standin.messages(CHANNEL_ID)
    assert "Traceback" not in notice["text"] and "bug" not in notice["text"]
    assert notice["text"].startswith(":warning: Ik kon een gepland bericht")


# -- the console ---------------------------------------------------------------------------------


def test_the_consoles_clock_command_runs_the_sweep(engine: Engine, settings, standin) -> None:  # noqa: ANN001
    from bot.console import Console

    console = Console(settings, engine, standin, locale="en")
    due = console.now() + timedelta(days=1)
    # A kind of the app's own list (bot/wiring.py), which the console's clock renders with.
    with session_scope(engine) as session:
        reminder_id = reminders.schedule(
            session=session,
            team_id=console.team_id,
            kind=reminders.THREAD_KIND,
            dedupe_key="console:part",
            due_at=due,
            channel_id=console.channel_id,
            payload={"message": {"text": "the second part"}},
            now=NOW,
        ).id
    assert [o for o in asyncio.run(console.handle_line("!clock +1h")) if o.text] == []
    outputs = asyncio.run(console.handle_line("!clock +1d"))
    [posted] = [o for o in outputs if o.method == "chat.postMessage"]
    assert posted.text == "the second part" and posted.channel == console.channel_id
    assert get(engine, reminder_id).state == "sent"
    assert asyncio.run(console.handle_line("!clock +1d")) == []


# -- leases --------------------------------------------------------------------------------------


def test_a_long_batch_renews_its_lease_so_no_other_clock_can_take_its_rows(
    engine: Engine, standin
) -> None:  # noqa: ANN001
    """Each post takes 4 s of the sweep's clock (within the 5 s HTTP timeout); the lease is
    30 s. Without renewal another clock could take the batch's last rows at 30 s and post
    them too; with it, every attempt by another clock during the sweep finds nothing."""
    ids = [add(engine, NOW, n=i) for i in range(12)]
    clock = [0.0]
    stolen: list[int] = []

    class SlowSlack(WebClient):
        def chat_postMessage(self, **kwargs: Any):  # noqa: ANN201, N802
            answer = super().chat_postMessage(**kwargs)
            clock[0] += 4
            with session_scope(engine, immediate=True) as session:
                taken = reminder_claims.claim_due(
                    session,
                    now=NOW + timedelta(seconds=clock[0]),
                    worker_id="other",
                    lease_seconds=30,
                    limit=50,
                    wall_now=NOW,
                )
            stolen.extend(r.id for r in taken)
            return answer

    slow = SlowSlack(token=TOKEN, base_url=standin.base_url, timeout=5, retry_handlers=[])
    report = sweep(engine, slow, now=NOW, worker_id="w1", lease_seconds=30, timer=lambda: clock[0])
    assert report.sent == 12 and stolen == []
    assert clock[0] == 48  # the sweep outlived its first lease
    assert posts_of(standin) == dict.fromkeys(ids, 1)


def test_a_rate_limited_channel_is_sent_to_again_once_retry_after_has_passed(
    engine: Engine, standin, client: WebClient
) -> None:
    """A sweep that runs longer than Retry-After (other channels keep it busy) sends the
    rate-limited channel's rows once the wait is over: not early, not never, not in a loop."""
    here = [add(engine, NOW - timedelta(seconds=10 - i), n=i) for i in range(2)]
    there = [add(engine, NOW, channel=OTHER_CHANNEL, n=i) for i in range(6)]
    standin.inject_error("chat.postMessage", status=429, retry_after=2)
    clock = [0.0]

    def timer() -> float:
        clock[0] += 0.25  # every look at the clock: a quarter of a second later
        return clock[0]

    report = sweep(
        engine,
        client,
        now=NOW,
        worker_id="w1",
        lease_seconds=LEASE,
        batch_size=3,
        timer=timer,
        concurrency=1,  # one channel at a time, so that the 429 lands on the first
    )
    assert report.sent == 8 and report.rate_limited == 2
    assert posts_of(standin) == dict.fromkeys([*here, *there], 1)
    tried = [c.args["channel"] for c in standin.calls_to("chat.postMessage")]
    assert tried[:2] == [CHANNEL_ID, OTHER_CHANNEL]  # the second row waited
    assert all(get(engine, i).sent_at >= NOW + timedelta(seconds=2) for i in here)


def test_a_cut_off_direct_message_is_looked_for_in_the_dm(
    engine: Engine, standin, client: WebClient
) -> None:
    reminder_id = add(engine, NOW, channel=USER_ID)  # chat.postMessage to a user: their DM
    crashing = CrashAfterPosting(token=TOKEN, base_url=standin.base_url, retry_handlers=[])
    with pytest.raises(SimulatedCrash):
        run(engine, crashing, NOW, worker="dead")
    assert run(engine, client, NOW + timedelta(seconds=LEASE)).recovered == 1
    assert posts_of(standin) == {reminder_id: 1}
    dm = standin.calls_to("conversations.open")[0].response["channel"]["id"]
    assert standin.calls_to("conversations.history")[0].args["channel"] == dm


# -- what a renderer writes ----------------------------------------------------------------------


def render_and_schedule_next(session: Any, reminder: Reminder) -> dict[str, Any]:
    """Like a weekly digest: sending this week's message schedules next week's."""
    reminders.schedule(
        session=session,
        team_id=reminder.team_id,
        kind="test_ping",
        dedupe_key=f"next-after:{reminder.id}",
        due_at=reminder.due_at + timedelta(days=7),
        channel_id=reminder.channel_id,
        now=NOW,
    )
    return {"text": f"weekly {reminder.id}"}


@pytest.fixture
def weekly_kind() -> Iterator[None]:
    RENDERERS["test_weekly"] = render_and_schedule_next
    yield
    del RENDERERS["test_weekly"]


def add_weekly(engine: Engine) -> int:
    with session_scope(engine) as session:
        return reminders.schedule(
            session=session,
            team_id=TEAM_ID,
            kind="test_weekly",
            dedupe_key="weekly",
            due_at=NOW,
            channel_id=CHANNEL_ID,
            now=NOW,
        ).id


def follow_ups(engine: Engine) -> list[Reminder]:
    with session_scope(engine) as session:
        rows = session.exec(select(Reminder)).all()
    return [r for r in rows if r.dedupe_key.startswith("next-after:")]


def test_what_a_renderer_writes_commits_only_with_the_delivery(
    engine: Engine, standin, client: WebClient, weekly_kind: None
) -> None:
    weekly = add_weekly(engine)
    standin.inject_error("chat.postMessage", "not_in_channel")
    assert run(engine, client, NOW).retried == 1
    assert follow_ups(engine) == []  # rolled back with the failed attempt
    assert run(engine, client, NOW + BACKOFF).sent == 1
    [following] = follow_ups(engine)
    assert (following.due_at, following.state) == (NOW + timedelta(days=7), "pending")
    assert get(engine, weekly).state == "sent"


def test_a_recovered_delivery_also_keeps_what_its_renderer_wrote(
    engine: Engine, standin, client: WebClient, weekly_kind: None
) -> None:
    weekly = add_weekly(engine)
    crashing = CrashAfterPosting(token=TOKEN, base_url=standin.base_url, retry_handlers=[])
    with pytest.raises(SimulatedCrash):
        run(engine, crashing, NOW, worker="dead")
    assert follow_ups(engine) == []
    assert run(engine, client, NOW + timedelta(seconds=LEASE)).recovered == 1
    assert len(follow_ups(engine)) == 1 and posts_of(standin) == {weekly: 1}


def test_a_message_that_replaces_another_is_updated_in_place_again_after_a_cut_off(
    engine: Engine, standin, client: WebClient
) -> None:
    """A renderer that names the `ts` it replaces (an expired approval losing its buttons)
    gets a chat.update: the same however often it is made, so after a cut-off it is simply
    made again, without metadata of ours and without looking in the history."""
    original = standin.add_message(CHANNEL_ID, text="Approve the contract?", user=USER_ID)
    RENDERERS["test_replace"] = lambda _s, r: {"ts": original, "text": f"Expired ({r.id})"}
    try:
        with session_scope(engine) as session:
            reminder_id = reminders.schedule(
                session=session,
                team_id=TEAM_ID,
                kind="test_replace",
                dedupe_key="expire",
                due_at=NOW,
                channel_id=CHANNEL_ID,
                now=NOW,
            ).id

        class CrashAfterUpdating(WebClient):
            def chat_update(self, **kwargs: Any):  # noqa: ANN201
                super().chat_update(**kwargs)
                raise SimulatedCrash

        crashing = CrashAfterUpdating(token=TOKEN, base_url=standin.base_url, retry_handlers=[])
        with pytest.raises(SimulatedCrash):
            run(engine, crashing, NOW, worker="dead")
        assert run(engine, client, NOW + timedelta(seconds=LEASE)).sent == 1
    finally:
        del RENDERERS["test_replace"]
    updates = standin.calls_to("chat.update")
    assert len(updates) == 2 and all("metadata" not in c.args for c in updates)
    assert standin.calls_to("conversations.history") == []
    assert [m["text"] for m in standin.messages(CHANNEL_ID)] == [f"Expired ({reminder_id})"]
    assert (get(engine, reminder_id).state, get(engine, reminder_id).message_ts) == (
        "sent",
        original,
    )
