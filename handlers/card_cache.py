"""Status cards this process has built, used again while nothing they show has changed.

A card costs most of a `/creator status` request (nine statements, the assembly, the
blocks; bench/README.md). People look at the same few creators again and again, and a
workspace's data changes far less often than it is read. A card is used again only when
- its workspace's data version (storage.data_versions, raised by database triggers on every
  change, in any process) is the one it was built at;
- it was asked with the same words, in the same language and time zone;
- the clock is between the moment it was built and the moment it would read differently
  (the next midnight, an approval falling overdue: domain.status).

Each web worker keeps the cards it used last in memory, and every card built is also kept in
the database for the other workers (storage/status_cards.py): with N workers a card is built
once after a change, not N times.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine

from storage import status_cards

# (team, name as typed, language, time zone, data version)
CardKey = tuple[str, str, str, str, int]
MAX_CARDS = 2048  # a few MB at most: a card is 2-5 kB of blocks


@dataclass(frozen=True)
class _Card:
    reply: dict[str, Any]
    built_at: datetime
    good_until: datetime


class CardCache:
    """The most recently used cards of this process (least recently used go first), and,
    with an `engine`, the cards every worker kept in the database."""

    def __init__(self, size: int = MAX_CARDS, engine: Engine | None = None) -> None:
        self.size = size
        self.engine = engine
        self._cards: OrderedDict[CardKey, _Card] = OrderedDict()

    def get(self, key: CardKey, now: datetime) -> dict[str, Any] | None:
        card = self._cards.get(key)
        if card is not None and not card.built_at <= now < card.good_until:
            del self._cards[key]
            card = None
        if card is None:
            card = self._kept_by_a_worker(key, now)
            if card is None:
                return None
            self._cards[key] = card
        self._cards.move_to_end(key)
        return card.reply

    def keep_for_other_workers(
        self, key: CardKey, reply: dict[str, Any], *, built_at: datetime, good_until: datetime
    ) -> None:
        """Keep a card this worker built in the database (after the ack: the one asking
        does not wait for it)."""
        if self.engine is None:
            return
        status_cards.remember_card(
            self.engine,
            **_kept_as(key),
            built_at=built_at,
            good_until=good_until,
            reply=reply,
        )

    def _kept_by_a_worker(self, key: CardKey, now: datetime) -> _Card | None:
        if self.engine is None:
            return None
        kept = status_cards.remembered_card(self.engine, **_kept_as(key), now=now)
        return _Card(*kept) if kept is not None else None

    def put(
        self, key: CardKey, reply: dict[str, Any], *, built_at: datetime, good_until: datetime
    ) -> None:
        self._cards[key] = _Card(reply, built_at, good_until)
        self._cards.move_to_end(key)
        while len(self._cards) > self.size:
            self._cards.popitem(last=False)


def _kept_as(key: CardKey) -> dict[str, Any]:
    """Where a card is kept in the database: its workspace, its hashed words, its version."""
    team_id, asked, language, timezone, version = key
    return {
        "team_id": team_id,
        "key": status_cards.card_key(asked, language, timezone),
        "version": version,
    }
