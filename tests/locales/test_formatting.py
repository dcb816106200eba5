"""Money, numbers, percentages and dates as each language writes them (Babel, remembered)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from locales import translator


def test_the_same_figures_alternately_in_dutch_and_english_keep_each_languages_format() -> None:
    nl, en = translator("nl"), translator("en")
    for _ in range(2):  # the second time from what was remembered
        assert nl.money(Decimal("1234.5")) == "€\xa01.234,50"
        assert en.money(Decimal("1234.5")) == "€1,234.50"
        assert nl.number(Decimal("1234.5")) == "1.234,5"
        assert en.number(Decimal("1234.5")) == "1,234.5"
        assert nl.percent(Decimal("0.355"), digits=1) == "35,5%"
        assert en.percent(Decimal("0.355"), digits=1) == "35.5%"
        assert nl.date(date(2026, 3, 4)) == "4 mrt 2026"
        assert en.date(date(2026, 3, 4)) == "4 Mar 2026"


def test_whole_amounts_digits_and_currencies_are_told_apart() -> None:
    en = translator("en")
    assert en.money(Decimal("15000"), whole=True) == "€15,000"
    assert en.money(Decimal("15000")) == "€15,000.00"
    assert en.money(Decimal("15000"), "USD") == "US$15,000.00"
    assert en.number(Decimal("2.5"), digits=2) == "2.50"
    assert en.number(Decimal("2.5")) == "2.5"
    assert en.number(7) == "7"
    assert en.percent(0.5) == "50%"
