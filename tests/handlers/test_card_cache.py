"""The memory of status cards: bounded, and only inside the time a card reads the same."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from handlers.card_cache import CardCache

AT = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def key(name: str, version: int = 1) -> tuple[str, str, str, str, int]:
    return ("T0123456789", name, "en", "Europe/Amsterdam", version)


def test_a_card_is_used_only_between_its_building_and_its_change() -> None:
    cards = CardCache()
    cards.put(key("zoe"), {"text": "Zoë"}, built_at=AT, good_until=AT + timedelta(hours=1))
    assert cards.get(key("zoe"), AT + timedelta(minutes=59)) == {"text": "Zoë"}
    assert cards.get(key("zoe", version=2), AT) is None
    assert cards.get(key("zoe"), AT - timedelta(seconds=1)) is None  # a clock moved back
    assert cards.get(key("zoe"), AT + timedelta(hours=1)) is None
    assert cards.get(key("zoe"), AT) is None  # forgotten once out of its time


def test_the_least_recently_used_card_goes_first() -> None:
    cards = CardCache(size=2)
    until = AT + timedelta(days=1)
    for name in ("a", "b"):
        cards.put(key(name), {"text": name}, built_at=AT, good_until=until)
    assert cards.get(key("a"), AT)  # "b" is now the least recently used
    cards.put(key("c"), {"text": "c"}, built_at=AT, good_until=until)
    assert [cards.get(key(n), AT) is not None for n in ("a", "b", "c")] == [True, False, True]
