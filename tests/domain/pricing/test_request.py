"""What is quoted: the window around go-live, the defaults, what is refused."""

from __future__ import annotations

from fractions import Fraction

import pytest

from domain.durations import Duration, DurationUnit
from domain.pricing import QuoteRequest, Window, quote
from domain.pricing.policy import DEFAULT_POLICY
from domain.values import Platform, Scope
from tests.domain.pricing.requests_for_tests import EASY, HARD, D, amounts, days, request

# --- Defaults ----------------------------------------------------------------------------------


def test_defaults_are_a_one_off_category_clause_30_days_after_go_live():
    r = request()
    assert r.scope is Scope.CATEGORY
    assert r.window == Window(before_days=D(0), after_days=D(30))
    assert r.platforms is None and r.content_types is None
    assert r.long_term is False
    assert r.policy == DEFAULT_POLICY


def test_window_counts_before_and_after_go_live():
    # domain.md rule 1: days = before + after; 45 days = 1.5 periods.
    assert amounts(request(window=days(after=44, before=1))) == amounts(request(window=days(45)))
    assert days(44, before=1).periods == Fraction(3, 2)


def test_window_of_typed_durations():
    window = Window.of(
        Duration(D(1), DurationUnit.MONTH), before=Duration(D(24), DurationUnit.HOUR)
    )
    assert window == days(after=30, before=1)


@pytest.mark.parametrize(
    "changes",
    [
        {"base_rate": D(-1)},
        {"base_rate": 1000.0},
        {"base_rate": D("NaN")},
        {"currency": " "},
        {"platforms": frozenset()},
        {"content_types": frozenset()},
        {"audiences": {Platform.TIKTOK: -1}},
    ],
)
def test_a_malformed_request_is_refused(changes):
    fields = {"base_rate": D(1000), "currency": "EUR", "difficulty": HARD, **changes}
    with pytest.raises((ValueError, TypeError)):
        QuoteRequest(**fields)


def test_window_refuses_negative_days():
    with pytest.raises(ValueError):
        days(-1)


def test_requests_are_hashable_values():
    r = request(audiences={Platform.TIKTOK: 5})
    assert hash(r) == hash(request(audiences={Platform.TIKTOK: 5}))
    assert r == request(audiences={Platform.TIKTOK: 5})


def test_currency_is_an_upper_case_code():
    r = QuoteRequest(base_rate=D(100), currency=" eur ", difficulty=EASY)
    assert r.currency == "EUR" and quote(r).currency == "EUR"
