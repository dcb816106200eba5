"""A channel's lane (bot/delivery/lanes.py), without Slack: a channel busier than a lane may
wait for hands the rest of its rows back, each with a slot a pace after the one before, in
order; the sweep then waits for the earliest slot; a stopping clock hands its rows back
unattempted."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Engine

from bot.delivery.lanes import Lanes
from bot.delivery.run import Batch, Plan
from storage.models import Reminder
from tests.bot.delivery.runs_for_tests import NOW, built, claimed, stored
from tests.harness import CHANNEL_ID, FakeTime


def plans(rows: list[Reminder]) -> list[tuple[Reminder, Plan]]:
    return [
        (row, Plan("chat.postMessage", {"channel": CHANNEL_ID, "text": "x"}, [], CHANNEL_ID, None))
        for row in rows
    ]


def busy_lanes(engine: Engine, clock: FakeTime) -> Lanes:
    """A sweep whose channel just took its burst of three posts."""
    run = built(Lanes, engine, clock)
    for _ in range(run.pacer.burst):
        run.pacer.posted(CHANNEL_ID)
    return run


def test_a_busy_channels_rows_are_handed_back_a_pace_apart_in_order(engine: Engine) -> None:
    rows = claimed(engine, 3)
    clock = FakeTime()
    run = busy_lanes(engine, clock)
    [result] = run._lane(Batch(rows, {r.id for r in rows}, None), plans(rows))
    assert clock.sleeps == []  # three seconds is more than a lane may wait: nothing sent
    assert result.follow_up is not None
    result.follow_up()
    slots = [stored(engine, row.id).next_attempt_at for row in rows]
    assert slots == [NOW + timedelta(seconds=s) for s in (3, 4, 5)]
    assert {stored(engine, row.id).state for row in rows} == {"pending"}
    assert run.report.paced == 3 and run.report.sent == 0


def test_the_sweep_waits_for_the_earliest_slot_it_handed_back(engine: Engine) -> None:
    rows = claimed(engine, 2)
    clock = FakeTime()
    run = busy_lanes(engine, clock)
    run._lane(Batch(rows, {r.id for r in rows}, None), plans(rows))
    run.claimed_at = NOW
    assert run.wait_for_slot() is True
    assert clock.now == 3.0 and run.now() == NOW + timedelta(seconds=3)


def test_a_stopping_clock_does_not_wait_for_a_slot(engine: Engine) -> None:
    rows = claimed(engine, 2)
    clock = FakeTime()
    run = busy_lanes(engine, clock)
    run._lane(Batch(rows, {r.id for r in rows}, None), plans(rows))
    run.stop.set()
    assert run.wait_for_slot() is False and clock.sleeps == []


def test_a_stopping_clock_hands_its_lane_back_unattempted(engine: Engine) -> None:
    rows = claimed(engine, 3)
    run = built(Lanes, engine, FakeTime())
    run.stop.set()
    [result] = run._lane(Batch(rows, {r.id for r in rows}, None), plans(rows))
    assert result.follow_up is not None
    result.follow_up()
    after = [stored(engine, row.id) for row in rows]
    assert [(r.state, r.attempts, r.next_attempt_at) for r in after] == [("pending", 0, None)] * 3
    assert run.report.released == 3


def test_rows_whose_lease_was_lost_are_neither_sent_nor_written(engine: Engine) -> None:
    rows = claimed(engine, 2)
    run = busy_lanes(engine, FakeTime())
    results = run._lane(Batch(rows, set(), None), plans(rows))  # another clock holds them
    for result in results:
        assert result.commit is None and result.sent is None
        assert result.follow_up is not None
        result.follow_up()
    assert run.report.released == 2 and run.report.paced == 0
    assert {stored(engine, row.id).claimed_by for row in rows} == {"w1"}  # untouched
