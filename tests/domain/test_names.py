"""Forgiving name matching."""

from __future__ import annotations

import pytest

from domain.names import closest, handle_key, name_key


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("zoe", "Zoë"), ("ZOE DE VRIES", "Zoë de Vries"), ("  Zoë   de vries ", "zoe de Vries")],
)
def test_case_accents_and_spaces_are_ignored(typed: str, stored: str) -> None:
    assert name_key(typed) == name_key(stored)


def test_handles_lose_the_at_sign_and_spaces() -> None:
    assert handle_key("@Zoe_DV") == "zoedv"
    assert handle_key("zoë.dv") == "zoedv"


def test_closest_suggests_a_near_miss_and_not_a_stranger() -> None:
    keys = ["zoe de vries", "milan jansen", "sanne bakker"]
    assert closest("zoe de vris", keys)[0] == "zoe de vries"
    assert closest("xyz", keys) == []


def test_hostile_text_is_bounded() -> None:
    assert len(name_key("a" * 100_000)) <= 80


def test_closest_compares_with_each_word_of_a_name() -> None:
    assert closest("zoey", ["zoe de vries", "milan jansen"]) == ["zoe de vries"]
