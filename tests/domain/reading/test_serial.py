"""A reading offered with buttons is kept as JSON until the click: every move comes back whole."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from domain.durations import Duration, DurationUnit
from domain.intents import (
    Accept,
    CreatorAsk,
    Intent,
    NarrowContent,
    NarrowPlatforms,
    SetPreWindow,
    SetScope,
    SetWindow,
    Withdraw,
)
from domain.reading.serial import move_from_json, move_to_json
from domain.values import ContentType, Platform, Scope

MOVES: list[Intent] = [
    SetWindow(Duration(Decimal(14), DurationUnit.DAY)),
    SetWindow(Duration(Decimal(2), DurationUnit.WEEK), Duration(Decimal(24), DurationUnit.HOUR)),
    SetWindow(Duration(Decimal("1.5"), DurationUnit.MONTH)),
    SetPreWindow(Duration(Decimal(48), DurationUnit.HOUR)),
    NarrowPlatforms(frozenset({Platform.TIKTOK, Platform.INSTAGRAM})),
    NarrowContent(frozenset({ContentType.STORIES})),
    SetScope(Scope.FULL),
    SetScope(Scope.COMPETITORS, ("Nespresso", "De'Longhi", "Krups")),
    CreatorAsk(Decimal("750.50"), "EUR"),
    CreatorAsk(Decimal(1200)),
    Accept(),
    Withdraw(),
]


@pytest.mark.parametrize("move", MOVES, ids=repr)
def test_each_move_survives_the_trip_through_json_text(move: Intent) -> None:
    stored = json.dumps(move_to_json(move))
    assert move_from_json(json.loads(stored)) == move


def test_competitors_come_back_in_the_order_they_were_named() -> None:
    move = SetScope(Scope.COMPETITORS, ("Krups", "Nespresso"))
    restored = move_from_json(json.loads(json.dumps(move_to_json(move))))
    assert isinstance(restored, SetScope)
    assert restored.competitors == ("Krups", "Nespresso")


def test_an_amount_keeps_its_cents_exactly() -> None:
    restored = move_from_json(json.loads(json.dumps(move_to_json(CreatorAsk(Decimal("0.10"))))))
    assert isinstance(restored, CreatorAsk)
    assert restored.amount == Decimal("0.10")
    assert restored.currency is None


@pytest.mark.parametrize("data", [{}, {"code": "together"}, {"code": "unheard of"}])
def test_what_is_no_known_move_comes_back_as_none(data: dict[str, object]) -> None:
    assert move_from_json(data) is None
