"""Exclusivity quotes: domain.md's pinned model, its worked quotes W1-W8 and its properties."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.durations import Duration, DurationUnit
from domain.pricing import QuoteRequest, Window, quote
from domain.pricing.policy import DEFAULT_POLICY
from domain.values import ContentType, Difficulty, Platform, Scope
from tests.domain.pricing.requests_for_tests import EASY, HARD, D, amounts, codes, days, request

# --- domain.md's worked quotes, written from the table (not from the code) ---------------------

WORKED = [
    # case, base, category, scope, window, low, typical, high, minimum applied, full-rate high
    ("W1", "1000", HARD, Scope.CATEGORY, days(30), "500.00", "500.00", "1000.00", False, "1000.00"),
    ("W2", "1000", EASY, Scope.CATEGORY, days(30), "100.00", "125.00", "1000.00", False, "1000.00"),
    (
        "W3",
        "100",
        EASY,
        Scope.CATEGORY,
        Window.of(Duration(D(3), DurationUnit.MONTH)),
        "30.00",
        "37.50",
        "300.00",
        False,
        "300.00",
    ),
    ("W4", "100", EASY, Scope.CATEGORY, days(30), "10.00", "12.50", "200.00", True, "100.00"),
    (
        "W5",
        "1000",
        HARD,
        Scope.CATEGORY,
        Window.of(Duration(D(48), DurationUnit.HOUR)),
        "0.00",
        "0.00",
        "200.00",
        True,
        "66.67",
    ),
    ("W6", "1000", HARD, Scope.FULL, days(30), "1000.00", "1000.00", "2000.00", False, "2000.00"),
    (
        "W7",
        "1000",
        HARD,
        Scope.COMPETITORS,
        days(30),
        "250.00",
        "250.00",
        "500.00",
        False,
        "500.00",
    ),
    ("W8", "1000", HARD, Scope.CATEGORY, days(45), "750.00", "750.00", "1500.00", False, "1500.00"),
]


@pytest.mark.parametrize(
    ("case", "base", "difficulty", "scope", "window", "low", "typical", "high", "floored", "full"),
    WORKED,
    ids=[row[0] for row in WORKED],
)
def test_worked_quotes(case, base, difficulty, scope, window, low, typical, high, floored, full):
    q = quote(request(base, difficulty, scope=scope, window=window))
    assert (q.low, q.typical, q.high) == (D(low), D(typical), D(high))
    assert q.minimum_applied is floored
    assert q.full_rate_high == D(full)
    assert q.recommended == q.typical
    # Amounts are in cents, always two places ("€0.00", not "€0").
    assert all(amount.as_tuple().exponent == -2 for amount in (q.low, q.typical, q.high))


# --- Properties (domain.md) --------------------------------------------------------------------

day_counts = st.decimals(min_value=0, max_value=400, places=2, allow_nan=False)
bases = st.decimals(min_value=10, max_value=100_000, places=2, allow_nan=False)


@st.composite
def requests(draw, base=bases, window=None) -> QuoteRequest:
    """Any request under the default policy; platforms narrow by count (audiences unknown)."""
    active = draw(st.frozensets(st.sampled_from(list(Platform))))
    covered = draw(st.none() | st.frozensets(st.sampled_from(list(Platform)), min_size=1))
    content = draw(st.none() | st.frozensets(st.sampled_from(list(ContentType)), min_size=1))
    return QuoteRequest(
        base_rate=draw(base),
        currency="EUR",
        difficulty=draw(st.sampled_from(list(Difficulty))),
        scope=draw(st.sampled_from(list(Scope))),
        window=window or Window(before_days=draw(day_counts), after_days=draw(day_counts)),
        platforms=covered,
        audiences=dict.fromkeys(active, 0),
        content_types=content,
        long_term=draw(st.booleans()),
    )


@given(requests(), day_counts, day_counts)
def test_every_stance_is_non_decreasing_in_the_window(r, more_before, more_after):
    longer = Window(
        before_days=r.window.before_days + more_before,
        after_days=r.window.after_days + more_after,
    )
    shorter_amounts = amounts(r)
    longer_amounts = amounts(dataclasses.replace(r, window=longer))
    assert all(s <= m for s, m in zip(shorter_amounts, longer_amounts, strict=True))


@given(requests())
def test_every_stance_is_non_decreasing_in_the_scope_width(r):
    by_width = [
        amounts(dataclasses.replace(r, scope=scope))
        for scope in sorted(Scope, key=lambda s: s.width)
    ]
    for narrower, wider in zip(by_width, by_width[1:], strict=False):
        assert all(n <= w for n, w in zip(narrower, wider, strict=True))


@given(requests())
def test_low_typical_high_are_ordered(r):
    low, typical, high = amounts(r)
    assert D(0) <= low <= typical <= high


@given(requests())
def test_beyond_the_allowance_low_and_typical_are_above_zero(r):
    if r.window.total_days > 7:
        low, typical, _ = amounts(r)
        assert low > 0 and typical > 0


@given(requests(base=st.decimals(min_value=0, max_value=100_000, places=2)))
def test_high_is_at_least_the_minimum_for_any_window(r):
    high = quote(r).high
    if r.window.total_days > 0:
        assert high >= DEFAULT_POLICY.minimum_fee
    else:
        assert high == 0


@given(requests())
def test_levers_save_money_largest_first(r):
    q = quote(r)
    savings = [lever.saves for lever in q.levers]
    assert savings == sorted(savings, reverse=True)
    assert all(0 < lever.saves <= q.typical for lever in q.levers)
    assert len(set(codes(q))) == len(q.levers)


@given(requests())
def test_amounts_are_in_cents(r):
    q = quote(r)
    for amount in (q.low, q.typical, q.high, q.full_rate_high):
        assert amount == amount.quantize(D("0.01")) and amount.as_tuple().exponent == -2
