"""What a sweep writes about a row (bot/delivery/outcomes.py), without Slack: a failed
attempt retried after 1, 2, 4, 8 minutes and given up (and reported) after the last; an
error retrying cannot fix given up at once; an attempt that may have reached Slack never
simply "failed"; a rate limit that postpones without counting a failure."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Engine

from bot.delivery.answers import Outcome
from bot.delivery.outcomes import Outcomes
from bot.delivery.reports import SweepReport
from bot.delivery.run import MAX_ATTEMPTS
from storage import reminders
from tests.bot.delivery.runs_for_tests import NOW, again, all_rows, built, claimed, stored
from tests.harness import CHANNEL_ID, OTHER_USER_ID, FakeTime

NOT_IN_CHANNEL = Outcome(error="not_in_channel", code="not_in_channel")


def test_failed_attempts_wait_twice_as_long_each_time_then_give_up_and_report(
    engine: Engine,
) -> None:
    [row] = claimed(engine, 1, owner_id=OTHER_USER_ID)
    moment, waits = NOW, []
    for attempt in range(1, MAX_ATTEMPTS):
        run = built(Outcomes, engine, FakeTime(), start=moment)
        run._after_failure(row, NOT_IN_CHANNEL)
        assert run.report.retried == 1
        after = stored(engine, row.id)
        assert (after.state, after.attempts, after.last_error) == (
            "pending",
            attempt,
            "not_in_channel",
        )
        assert again(engine, after.next_attempt_at - timedelta(seconds=1)) == []
        waits.append(after.next_attempt_at - moment)
        moment = after.next_attempt_at
        [row] = again(engine, moment)
    assert waits == [timedelta(minutes=m) for m in (1, 2, 4, 8)]
    run = built(Outcomes, engine, FakeTime(), start=moment)
    run._after_failure(row, NOT_IN_CHANNEL)
    assert (run.report.failed, run.report.retried) == (1, 0)
    failed = stored(engine, row.id)
    assert (failed.state, failed.attempts, failed.next_attempt_at) == ("failed", 5, None)
    [notice] = [r for r in all_rows(engine) if r.kind == reminders.REPORT_KIND]
    assert (notice.channel_id, notice.due_at) == (OTHER_USER_ID, moment)
    assert [r.id for r in again(engine, moment + timedelta(days=1))] == [notice.id]  # not the row


def test_an_error_retrying_cannot_fix_gives_up_at_the_first_attempt(engine: Engine) -> None:
    [row] = claimed(engine, 1)
    run = built(Outcomes, engine, FakeTime())
    gone = Outcome(error="channel_not_found", code="channel_not_found", permanent=True)
    run._after_failure(row, gone)
    assert (run.report.failed, run.report.retried) == (1, 0)
    assert (stored(engine, row.id).state, stored(engine, row.id).attempts) == ("failed", 1)


def test_a_last_attempt_that_may_have_reached_slack_is_looked_for_before_it_fails(
    engine: Engine,
) -> None:
    """No answer came: the post may be in the channel, so the row is claimed once more to
    look in the history (found: sent; not there: failed), never marked failed blind."""
    [row] = claimed(engine, 1, earlier={"attempts": MAX_ATTEMPTS - 1})
    run = built(Outcomes, engine, FakeTime())
    started = NOW - timedelta(seconds=5)
    run._after_failure(row, Outcome(error="timeout", delivered_unknown=True), unsettled=started)
    after = stored(engine, row.id)
    assert (after.state, after.needs_check, after.attempt_started_at) == ("pending", True, started)
    assert run.report.retried == 1 and run.report.failed == 0


def test_a_last_attempt_with_no_message_to_look_for_is_uncertain(engine: Engine) -> None:
    [row] = claimed(engine, 1, earlier={"attempts": MAX_ATTEMPTS - 1})
    run = built(Outcomes, engine, FakeTime())
    broken = Outcome(error="render_error: RuntimeError")
    run._after_failure(row, broken, unsettled=NOW - timedelta(hours=1), can_verify=False)
    assert stored(engine, row.id).state == "uncertain"
    assert run.report.uncertain == 1
    [notice] = [r for r in all_rows(engine) if r.kind == reminders.REPORT_KIND]
    assert notice.channel_id == CHANNEL_ID


def test_a_row_another_clock_took_over_is_left_alone(engine: Engine) -> None:
    [row] = claimed(engine, 1)
    run = built(Outcomes, engine, FakeTime(), worker_id="w2")  # not the worker holding it
    run._after_failure(row, NOT_IN_CHANNEL)
    assert run.report == SweepReport()
    kept = stored(engine, row.id)
    assert (kept.state, kept.attempts, kept.claimed_by) == ("claimed", 0, "w1")


def test_a_rate_limit_postpones_the_row_by_retry_after_without_counting_a_failure(
    engine: Engine,
) -> None:
    [row] = claimed(engine, 1)
    clock = FakeTime(now=2.0)
    run = built(Outcomes, engine, clock)
    clock.now = 4.0  # two seconds into the sweep
    result = run._rate_limited(row, "chat.postMessage", CHANNEL_ID, 30)
    until = NOW + timedelta(seconds=32)
    assert run._blocked_until("chat.postMessage", CHANNEL_ID) == until
    assert result.follow_up is not None
    result.follow_up()
    after = stored(engine, row.id)
    assert (after.state, after.attempts, after.next_attempt_at) == ("pending", 0, until)
    assert run.report.rate_limited == 1 and run.report.retried == 0


def test_a_shorter_retry_after_never_shortens_the_wait_already_asked_for(engine: Engine) -> None:
    first, second = claimed(engine, 2)
    run = built(Outcomes, engine, FakeTime())
    run._rate_limited(first, "chat.postMessage", CHANNEL_ID, 30)
    run._rate_limited(second, "chat.postMessage", CHANNEL_ID, 5)
    assert run._blocked_until("chat.postMessage", CHANNEL_ID) == NOW + timedelta(seconds=30)


def test_a_rate_limited_channel_is_paced_at_one_a_second_from_then_on(engine: Engine) -> None:
    [row] = claimed(engine, 1)
    clock = FakeTime()
    run = built(Outcomes, engine, clock)
    run.pacer.posted(CHANNEL_ID)
    assert run.pacer.wait(CHANNEL_ID) == 0  # a burst may follow a first post
    run._rate_limited(row, "chat.postMessage", CHANNEL_ID, 1)
    assert run.pacer.wait(CHANNEL_ID) == run.pacer.interval
    assert run.pacer.wait("C0OTHER0000") == 0
