"""Status cards this process has built, used again while nothing they show has changed.

A card costs most of a `/creator status` request (nine statements, the assembly, the
blocks; bench/README.md). People look at the same few creators again and again, and a
workspace's data changes far less often than it is read. A card is used again only when
- its workspace's data version (storage.data_versions, raised by database triggers on every
  change, in any process) is the one it was built at;
- it was asked with the same words, in the same language and time zone;
- the clock is between the moment it was built and the moment it would read differently
  (the next midnight, an approval falling overdue: domain.status).
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

# (team, name as typed, language, time zone, data version)
CardKey = tuple[str, str, str, str, int]
MAX_CARDS = 2048  # a few MB at most: a card is 2-5 kB of blocks


@dataclass(frozen=True)
class _Card:
    reply: dict[str, Any]
    built_at: datetime
    good_until: datetime


class CardCache:
    """The most recently used cards of this process (least recently used go first)."""

    def __init__(self, size: int = MAX_CARDS) -> None:
        self.size = size
        self._cards: OrderedDict[CardKey, _Card] = OrderedDict()

    def get(self, key: CardKey, now: datetime) -> dict[str, Any] | None:
        card = self._cards.get(key)
        if card is None:
            return None
        if not card.built_at <= now < card.good_until:
            del self._cards[key]
            return None
        self._cards.move_to_end(key)
        return card.reply

    def put(
        self, key: CardKey, reply: dict[str, Any], *, built_at: datetime, good_until: datetime
    ) -> None:
        self._cards[key] = _Card(reply, built_at, good_until)
        self._cards.move_to_end(key)
        while len(self._cards) > self.size:
            self._cards.popitem(last=False)
