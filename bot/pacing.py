"""Slack's pace per channel, as the clock's concurrent deliveries keep it.

Slack lets an app post about one message per second to a channel, with short bursts
allowed, and answers more with `ratelimited` (HTTP 429) and a `Retry-After`. The sweep
delivers to many channels at once but to one channel one message at a time (each channel
has a lane of its own in bot/delivery/), so a channel's pace is kept here without locks:
only its lane reads and writes its entry.

A lane waits for its channel's pace only briefly (`lane_budget`): a channel with more due
than that books a slot a pace apart for each of the rest and hands them back until then
(`book`), so one busy channel never holds up a batch of other channels' deliveries. A row
that comes back at its slot goes before anything newer in its channel (`wait`).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

INTERVAL = 1.0  # seconds per message in one channel, on average
BURST = 3  # messages a channel may take back to back before the pace applies
MAX_SLOTS = 10_000  # bookings kept for rows handed back; older ones are forgotten first


@dataclass
class ChannelPacer:
    """At most `burst` posts in any `burst * interval` seconds per channel; a thread reply
    (`spaced`) also waits `interval` after the channel's last post, so that a long
    message's parts arrive one a second and in order, and so does every post in a channel
    Slack has rate-limited in this sweep (`slow_down`)."""

    timer: Callable[[], float]
    sleep: Callable[[float], Any]
    interval: float = INTERVAL
    burst: int = BURST
    _recent: dict[str, deque[float]] = field(default_factory=dict)
    _strict: set[str] = field(default_factory=set)  # channels Slack has rate-limited
    _last_slot: dict[str, float] = field(default_factory=dict)  # channel → its last booking
    _slots: dict[int, float] = field(default_factory=dict)  # reminder id → its booked slot

    @property
    def lane_budget(self) -> float:
        """How long a lane may wait for its channel's pace in one batch: one interval."""
        return self.interval

    def take_slot(self, reminder_id: int) -> bool:
        """Whether the row had a slot booked (it is back for its turn); forgets it."""
        return self._slots.pop(reminder_id, None) is not None

    def wait(self, channel: str, *, spaced: bool = False, booked: bool = False) -> float:
        """Seconds until a post to the channel may go. A row back at its booked slot
        (`booked`) waits only for the posts made; any other row also waits behind the
        channel's booked slots, so the channel's messages keep their order."""
        now = self.timer()
        wait = 0.0
        recent = self._recent.get(channel)
        if recent:
            if len(recent) >= self.burst:
                wait = recent[0] + self.burst * self.interval - now
            if spaced or channel in self._strict:
                wait = max(wait, recent[-1] + self.interval - now)
        if not booked:
            last_slot = self._last_slot.get(channel)
            if last_slot is not None and last_slot + self.interval > now:
                wait = max(wait, last_slot + self.interval - now)
        return max(0.0, wait)

    def wait_turn(self, channel: str, *, spaced: bool = False) -> None:
        wait = self.wait(channel, spaced=spaced)
        if wait > 0:
            self.sleep(wait)

    def book(self, channel: str, reminder_id: int, *, spaced: bool = False) -> float:
        """Book the channel's next free slot for a row handed back until then: seconds from
        now, a pace after the slot booked before it."""
        now = self.timer()
        slot = now + self.wait(channel, spaced=spaced)
        last_slot = self._last_slot.get(channel)
        if last_slot is not None:
            slot = max(slot, last_slot + self.interval)
        self._last_slot[channel] = slot
        if len(self._slots) >= MAX_SLOTS:  # rows another clock took: their slots go first
            del self._slots[next(iter(self._slots))]
        self._slots[reminder_id] = slot
        return slot - now

    def posted(self, channel: str) -> None:
        recent = self._recent.setdefault(channel, deque(maxlen=self.burst))
        recent.append(self.timer())

    def slow_down(self, channel: str) -> None:
        """Slack answered 429 in the channel: no more bursts there, one a second."""
        self._strict.add(channel)
