"""The field definition's bounds are the stored columns' limits."""

from __future__ import annotations

from decimal import Decimal

from domain import fields


def test_an_amounts_maximum_is_the_largest_its_numeric_column_holds() -> None:
    assert fields.MONEY.maximum == Decimal("9999999999.99")
    assert fields.PREMIUM_PCT.maximum == Decimal("999.99")
    assert fields.Amount(3, 0).maximum == Decimal(999)


def test_the_defaults_are_a_language_and_a_currency_we_support() -> None:
    assert fields.LANGUAGE.default in fields.LANGUAGES
    assert fields.CURRENCY.default == "EUR"
    assert len(fields.CURRENCY.default) == fields.CURRENCY.max_length
