"""One sweep's state (bot/delivery/run.py): its clock, which starts at the sweep's `now` and
moves with its timer, and the waits Slack asked for (Retry-After), each for one Web API
method in one channel, over once their time has come."""

from __future__ import annotations

from datetime import timedelta

from bot.delivery.run import SweepRun
from storage.models import Reminder
from tests.bot.delivery.runs_for_tests import NOW, built
from tests.harness import FakeTime


def test_the_sweeps_clock_starts_at_its_now_and_moves_with_its_timer() -> None:
    clock = FakeTime(now=5_000.0)  # a monotonic timer's value is no date
    run = built(SweepRun, None, clock)
    assert run.now() == NOW
    clock.now += 2.5
    assert run.now() == NOW + timedelta(seconds=2.5)
    clock.now += 60
    assert run.now() == NOW + timedelta(seconds=62.5)


def test_a_frozen_timer_keeps_the_sweep_at_its_now() -> None:
    run = built(SweepRun, None, FakeTime())
    assert run.now() == run.now() == NOW


def test_retry_after_holds_one_method_in_one_channel_until_it_has_passed() -> None:
    clock = FakeTime()
    run = built(SweepRun, None, clock)
    until = NOW + timedelta(seconds=30)
    run.blocked[("chat.postMessage", "C1")] = until
    assert run._blocked_until("chat.postMessage", "C1") == until
    assert run._blocked_until("chat.postMessage", "C2") is None  # another channel
    assert run._blocked_until("conversations.history", "C1") is None  # another method
    clock.now = 29.9
    assert run._blocked_until("chat.postMessage", "C1") == until
    clock.now = 30.0
    assert run._blocked_until("chat.postMessage", "C1") is None
    assert run.blocked == {}  # over, and forgotten


def test_each_block_ends_at_its_own_time() -> None:
    clock = FakeTime()
    run = built(SweepRun, None, clock)
    run.blocked[("chat.postMessage", "C1")] = NOW + timedelta(seconds=10)
    run.blocked[("chat.update", "C1")] = NOW + timedelta(seconds=40)
    clock.now = 20
    assert run._blocked_until("chat.postMessage", "C1") is None
    assert run._blocked_until("chat.update", "C1") == NOW + timedelta(seconds=40)


def test_only_a_row_whose_earlier_attempt_may_have_reached_slack_has_one_to_look_for() -> None:
    run = built(SweepRun, None, FakeTime())
    started = NOW - timedelta(minutes=3)
    unsettled = Reminder(attempt_started_at=started, needs_check=True)
    answered = Reminder(attempt_started_at=started, needs_check=False)
    assert run._earlier_unsettled(unsettled) == started
    assert run._earlier_unsettled(answered) is None
