"""Slack's pace per channel (bot/pacing.py), on a clock of the test's own: bursts, one a
second after them, and the slots of a busy channel's rows handed back to wait their turn."""

from __future__ import annotations

from bot.pacing import ChannelPacer


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def pacer() -> tuple[ChannelPacer, Clock]:
    clock = Clock()
    return ChannelPacer(timer=clock, sleep=clock.sleep, interval=1.0, burst=3), clock


def test_a_channel_takes_a_burst_then_one_a_second_and_other_channels_do_not_wait() -> None:
    paced, clock = pacer()
    for _ in range(3):
        assert paced.wait("C1") == 0
        paced.posted("C1")
    assert paced.wait("C1") == 3.0  # the fourth waits until the first is three seconds old
    assert paced.wait("C2") == 0
    clock.now = 3.0
    assert paced.wait("C1") == 0


def test_a_thread_reply_waits_an_interval_after_the_channels_last_post() -> None:
    paced, clock = pacer()
    paced.posted("C1")
    clock.now = 0.25
    assert paced.wait("C1") == 0
    assert paced.wait("C1", spaced=True) == 0.75


def test_rows_handed_back_get_slots_a_pace_apart_in_order_and_newer_rows_queue_behind() -> None:
    paced, clock = pacer()
    for _ in range(3):
        paced.posted("C1")
    assert [paced.book("C1", reminder_id) for reminder_id in (4, 5, 6)] == [3.0, 4.0, 5.0]
    clock.now = 3.0  # row 4's slot: it goes, and a row that was not booked waits behind row 6
    assert paced.take_slot(4)
    assert paced.wait("C1", booked=True) == 0
    paced.posted("C1")
    assert paced.wait("C1") == 3.0
    assert not paced.take_slot(4)  # a slot is used once
    assert paced.book("C1", 7) == 3.0  # after row 6's slot at 5 s


def test_a_rate_limited_channel_is_paced_one_a_second_without_bursts() -> None:
    paced, _clock = pacer()
    paced.posted("C1")
    paced.slow_down("C1")
    assert paced.wait("C1") == 1.0
