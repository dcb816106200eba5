"""Durations as CPMs type them: the shared grammar of replies and slash commands."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.durations import Duration, DurationUnit, parse_duration


@pytest.mark.parametrize(
    ("text", "amount", "unit", "days"),
    [
        ("14d", "14", DurationUnit.DAY, "14"),
        ("2w", "2", DurationUnit.WEEK, "14"),
        ("48h", "48", DurationUnit.HOUR, "2"),
        ("3m", "3", DurationUnit.MONTH, "90"),
        ("14 days", "14", DurationUnit.DAY, "14"),
        ("1 day", "1", DurationUnit.DAY, "1"),
        ("2 weken", "2", DurationUnit.WEEK, "14"),
        ("48 uur", "48", DurationUnit.HOUR, "2"),
        ("48u", "48", DurationUnit.HOUR, "2"),
        ("24 hours", "24", DurationUnit.HOUR, "1"),
        ("2 maanden", "2", DurationUnit.MONTH, "60"),
        ("1 mnd", "1", DurationUnit.MONTH, "30"),
        ("1,5 dagen", "1.5", DurationUnit.DAY, "1.5"),
        ("1.5 days", "1.5", DurationUnit.DAY, "1.5"),
        ("een week", "1", DurationUnit.WEEK, "7"),
        ("a month", "1", DurationUnit.MONTH, "30"),
        ("two weeks", "2", DurationUnit.WEEK, "14"),
        ("  14   DAYS ", "14", DurationUnit.DAY, "14"),
        ("36h", "36", DurationUnit.HOUR, "1.5"),
    ],
)
def test_parses_every_unit_in_both_languages(text: str, amount: str, unit: DurationUnit, days: str):
    duration = parse_duration(text)
    assert duration == Duration(Decimal(amount), unit)
    assert duration.days == Decimal(days)


@pytest.mark.parametrize(
    "text", ["", "14", "14 posts", "next week", "14 dagenlang", "a m", "12345 days", "-3d", "d"]
)
def test_refuses_what_is_no_duration(text: str):
    assert parse_duration(text) is None


def test_hours_are_exact_and_month_is_30_days():
    # domain.md rule 1: 24 h = 1 day, a week 7 days, a month 30 days.
    assert Duration(Decimal(5), DurationUnit.HOUR).hours == Decimal(5)
    assert Duration(Decimal(1), DurationUnit.MONTH).hours == Decimal(720)
    assert Duration(Decimal(2), DurationUnit.WEEK).days == Decimal(14)


def test_a_negative_duration_is_refused():
    with pytest.raises(ValueError):
        Duration(Decimal(-1), DurationUnit.DAY)


@given(st.text(max_size=200))
def test_never_raises(text: str):
    parse_duration(text)


@given(st.integers(min_value=0, max_value=9999), st.sampled_from(["d", " days", "w", " weken"]))
def test_whole_days_and_weeks_are_exact(amount: int, unit: str):
    duration = parse_duration(f"{amount}{unit}")
    factor = 1 if "d" in unit else 7
    assert duration is not None and duration.days == amount * factor
