"""The sweep's batches (bot/delivery/sweeping.py), without Slack: a batch's lane for a
channel waits only for that channel's lane of the batch before, never for the others, and
holds no pool thread while it waits; a pool that shuts down fails a waiting lane instead of
leaving it to hang."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor

import pytest

from bot.delivery.run import Batch, Plan, Result
from bot.delivery.sweeping import Sweep, _chained
from storage.models import Reminder
from tests.bot.delivery.runs_for_tests import built
from tests.harness import FakeTime

WAIT = 10.0  # seconds; only ever reached when a test fails


def lane_for(channel: str, n: int) -> list[tuple[Reminder, Plan]]:
    plan = Plan("chat.postMessage", {"channel": channel}, [], channel, None)
    return [(Reminder(id=n, channel_id=channel), plan)]


class HeldLanes:
    """Stands in for the sweep's lanes: each records that it started and ends when told."""

    def __init__(self) -> None:
        self.started: dict[int, threading.Event] = {}
        self.release: dict[int, threading.Event] = {}

    def __call__(self, _batch: Batch, lane: list[tuple[Reminder, Plan]]) -> list[Result]:
        n = lane[0][0].id
        self.started[n].set()
        assert self.release[n].wait(WAIT)
        return [Result(sent=(lane[0][0], f"ts-{n}"))]

    def expect(self, *ids: int) -> None:
        for n in ids:
            self.started[n] = threading.Event()
            self.release[n] = threading.Event()


@pytest.fixture
def pool() -> Iterator[ThreadPoolExecutor]:
    executor = ThreadPoolExecutor(4)
    yield executor
    executor.shutdown(wait=True, cancel_futures=True)


def test_a_channels_lane_waits_for_its_own_lane_of_the_batch_before_only(
    pool: ThreadPoolExecutor,
) -> None:
    lanes = HeldLanes()
    lanes.expect(1, 2, 3, 4)
    sweep = built(Sweep, None, FakeTime(), pool=pool)
    sweep._lane = lanes  # type: ignore[method-assign]
    first = Batch([], set(), None, lanes=[lane_for("C1", 1), lane_for("C2", 2)])
    second = Batch([], set(), None, lanes=[lane_for("C1", 3), lane_for("C3", 4)])
    sweep.post(first)
    sweep.post(second, after=first)
    assert lanes.started[1].wait(WAIT) and lanes.started[2].wait(WAIT)
    assert lanes.started[4].wait(WAIT)  # another channel: it need not wait
    assert not lanes.started[3].is_set()  # C1 is still posting the batch before
    lanes.release[2].set()
    assert not lanes.started[3].wait(0.2)  # C2's end is nothing to C1
    lanes.release[1].set()
    assert lanes.started[3].wait(WAIT)
    lanes.release[3].set()
    lanes.release[4].set()
    sweep.wait(second)
    assert sorted(r.sent[1] for r in second.results) == ["ts-3", "ts-4"]


def test_a_waiting_lane_holds_no_pool_thread() -> None:
    with ThreadPoolExecutor(1) as one_thread:
        before: Future = Future()
        chained = _chained(one_thread, before, lambda: ["waited"])
        assert one_thread.submit(lambda: "free").result(WAIT) == "free"
        before.set_result([])
        assert chained.result(WAIT) == ["waited"]


def test_a_lane_with_nothing_before_it_starts_at_once(pool: ThreadPoolExecutor) -> None:
    assert _chained(pool, None, lambda x: [x], "now").result(WAIT) == ["now"]
    done: Future = Future()
    done.set_result([])
    assert _chained(pool, done, lambda x: [x], "also").result(WAIT) == ["also"]


def test_a_lane_that_fails_fails_its_future(pool: ThreadPoolExecutor) -> None:
    before: Future = Future()

    def broken() -> list[Result]:
        raise ValueError("lane broke")

    chained = _chained(pool, before, broken)
    before.set_result([])
    assert isinstance(chained.exception(WAIT), ValueError)


def test_a_pool_shutting_down_fails_the_waiting_lane_instead_of_hanging() -> None:
    pool = ThreadPoolExecutor(1)
    before: Future = Future()
    chained = _chained(pool, before, lambda: ["never"])
    pool.shutdown(wait=True)
    before.set_result([])
    assert isinstance(chained.exception(WAIT), RuntimeError)
