"""An amount as typed in a reply, the Dutch or the English way; an ambiguous one is no amount."""

from __future__ import annotations

from decimal import Decimal

import pytest

from domain.intents import parse_amount

D = Decimal


@pytest.mark.parametrize(
    ("token", "amount"),
    [
        ("350", "350"),
        ("1.200", "1200"),
        ("1,200", "1200"),
        ("1.200,50", "1200.50"),
        ("1,200.50", "1200.50"),
        ("1,5", "1.5"),
        ("1.5", "1.5"),
        ("12,50", "12.50"),
        ("1.000.000", "1000000"),
    ],
)
def test_parse_amount(token, amount):
    assert parse_amount(token) == D(amount)


@pytest.mark.parametrize("token", ["1,2345", "1.200.5", "1,200,50.5.5", "0.500", "1.2.3", "", "1,"])
def test_parse_amount_refuses_ambiguous_or_malformed(token):
    assert parse_amount(token) is None
