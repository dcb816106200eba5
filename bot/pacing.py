"""Slack's pace per channel, as the clock's concurrent deliveries keep it.

Slack lets an app post about one message per second to a channel, with short bursts
allowed, and answers more with `ratelimited` (HTTP 429) and a `Retry-After`. The sweep
delivers to many channels at once but to one channel one message at a time (bot/delivery.py
gives each channel a lane of its own), so a channel's pace is kept here without locks:
only its lane reads and writes its entry.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

INTERVAL = 1.0  # seconds per message in one channel, on average
BURST = 3  # messages a channel may take back to back before the pace applies


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

    def wait_turn(self, channel: str, *, spaced: bool = False) -> None:
        recent = self._recent.get(channel)
        if not recent:
            return
        now = self.timer()
        wait = 0.0
        if len(recent) >= self.burst:
            wait = recent[0] + self.burst * self.interval - now
        if spaced or channel in self._strict:
            wait = max(wait, recent[-1] + self.interval - now)
        if wait > 0:
            self.sleep(wait)

    def posted(self, channel: str) -> None:
        recent = self._recent.setdefault(channel, deque(maxlen=self.burst))
        recent.append(self.timer())

    def slow_down(self, channel: str) -> None:
        """Slack answered 429 in the channel: no more bursts there, one a second."""
        self._strict.add(channel)
