"""What a sweep reports (bot/delivery/reports.py): its count, sweep after sweep, and the
delivery report it schedules for a reminder it gave up on: to the channel, or to the owner
in a DM when the channel itself is the problem; never a report about a report."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

import pytest
from sqlalchemy import Engine

from bot.delivery.reports import SweepReport, schedule_report
from storage import reminders
from storage.db import session_scope
from storage.models import Reminder
from tests.bot.delivery.runs_for_tests import NOW, all_rows
from tests.harness import CHANNEL_ID, OTHER_USER_ID, TEAM_ID, USER_ID

LATER = NOW + timedelta(minutes=16)


def test_reports_add_up_count_by_count() -> None:
    first = SweepReport(sent=2, late=1, retried=1)
    second = SweepReport(sent=1, recovered=1, late=1, failed=1, paced=3)
    assert first + second == SweepReport(sent=3, recovered=1, late=2, retried=1, failed=1, paced=3)
    assert first + SweepReport() == first


def test_every_row_handled_counts_once_and_late_ones_are_not_counted_twice() -> None:
    assert SweepReport().handled == 0
    report = SweepReport(sent=3, late=2, recovered=1, rate_limited=1, skipped=1, released=2)
    assert report.handled == 8  # the two late rows are among the four delivered
    assert SweepReport(uncertain=1, failed=1, paced=1, retried=1).handled == 4


def given_up(
    engine: Engine,
    *,
    channel: str | None = CHANNEL_ID,
    kind: str = "test_ping",
    thread_ts: str | None = None,
    **payload: str,
) -> Reminder:
    with session_scope(engine) as session:
        row = reminders.schedule(
            session=session,
            team_id=TEAM_ID,
            kind=kind,
            dedupe_key=f"given-up:{kind}:{channel}",
            due_at=NOW,
            channel_id=channel,
            thread_ts=thread_ts,
            payload=payload,
            now=NOW,
        )
        row.attempts = 5
        session.add(row)
        session.flush()
        return row


def report(engine: Engine, row: Reminder, state: str, error: str) -> list[Reminder]:
    """The delivery reports scheduled for `row` after giving up on it with `error`."""
    with session_scope(engine) as session:
        schedule_report(
            session, row, state, error, now=LATER, default_locale="nl", timezone="Europe/Amsterdam"
        )
    return [r for r in all_rows(engine) if r.kind == reminders.REPORT_KIND]


def test_a_failure_in_a_working_channel_is_reported_there_in_its_thread(engine: Engine) -> None:
    row = given_up(engine, thread_ts="1700000000.000100", owner_id=OTHER_USER_ID)
    [notice] = report(engine, row, reminders.FAILED, "internal_error")
    assert (notice.channel_id, notice.thread_ts) == (CHANNEL_ID, "1700000000.000100")
    assert (notice.due_at, notice.state, notice.subject_id) == (LATER, "pending", row.id)
    assert notice.payload | {"due_at": None} == {
        "reminder_id": row.id,
        "state": "failed",
        "kind": "test_ping",
        "due_at": None,
        "channel_id": CHANNEL_ID,
        "error": "internal_error",
        "attempts": 5,
        "default_locale": "nl",
        "timezone": "Europe/Amsterdam",
    }
    assert datetime.fromisoformat(notice.payload["due_at"]) == NOW


def test_when_the_channel_is_the_problem_the_owner_hears_it_in_a_dm(engine: Engine) -> None:
    row = given_up(engine, thread_ts="1700000000.000100", owner_id=OTHER_USER_ID, user_id=USER_ID)
    [notice] = report(engine, row, reminders.FAILED, "not_in_channel")
    assert (notice.channel_id, notice.thread_ts) == (OTHER_USER_ID, None)


def test_without_an_owner_the_user_it_was_for_hears_it(engine: Engine) -> None:
    row = given_up(engine, user_id=USER_ID)
    [notice] = report(engine, row, reminders.UNCERTAIN, "channel_not_found")
    assert (notice.channel_id, notice.payload["state"]) == (USER_ID, "uncertain")


def test_a_row_without_a_channel_is_reported_to_its_owner(engine: Engine) -> None:
    row = given_up(engine, channel=None, owner_id=OTHER_USER_ID)
    [notice] = report(engine, row, reminders.FAILED, "no_channel")
    assert notice.channel_id == OTHER_USER_ID


def test_channel_trouble_with_nobody_to_dm_is_still_reported_in_the_channel(
    engine: Engine,
) -> None:
    row = given_up(engine)
    [notice] = report(engine, row, reminders.FAILED, "channel_not_found")
    assert notice.channel_id == CHANNEL_ID  # if that fails too, the failed report is logged


def test_with_nobody_to_tell_nothing_is_scheduled_and_the_log_says_so(
    engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    row = given_up(engine, channel=None)
    with caplog.at_level(logging.ERROR, logger="bot.delivery.reports"):
        assert report(engine, row, reminders.FAILED, "no_channel") == []
    assert f"reminder {row.id}" in caplog.text and "nobody to tell" in caplog.text


def test_a_report_that_cannot_be_delivered_is_not_reported(engine: Engine) -> None:
    row = given_up(engine, kind=reminders.REPORT_KIND, owner_id=OTHER_USER_ID)
    # The report given up on is the only one: none was added about it.
    assert [r.id for r in report(engine, row, reminders.FAILED, "internal_error")] == [row.id]


def test_what_is_not_slacks_own_code_is_not_shown_as_one(engine: Engine) -> None:
    row = given_up(engine)
    [notice] = report(engine, row, reminders.FAILED, "render_error: RuntimeError")
    assert notice.payload["error"] is None
    assert notice.channel_id == CHANNEL_ID


def test_giving_up_on_a_row_is_reported_once_per_state(engine: Engine) -> None:
    row = given_up(engine)
    report(engine, row, reminders.UNCERTAIN, "missing_scope")
    notices = report(engine, row, reminders.UNCERTAIN, "missing_scope")
    assert [n.payload["state"] for n in notices] == ["uncertain"]
    notices = report(engine, row, reminders.FAILED, "missing_scope")
    assert sorted(n.payload["state"] for n in notices) == ["failed", "uncertain"]
