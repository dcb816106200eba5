"""A brand's pricing policy: domain.md's constants, a brand's overrides, what is refused."""

from __future__ import annotations

import pytest

from domain.pricing import PricingPolicy, quote
from domain.pricing.policy import DEFAULT_POLICY, StanceShares
from domain.values import ContentType, Scope
from tests.domain.pricing.requests_for_tests import EASY, HARD, D, amounts, days, request


def test_default_policy_holds_domain_md_constants():
    policy = PricingPolicy()
    assert policy.shares[EASY] == StanceShares(D("0.10"), D("0.125"), D(1))
    assert policy.shares[HARD] == StanceShares(D("0.5"), D("0.5"), D(1))
    assert policy.allowance_days == 7
    assert policy.minimum_fee == 200
    assert dict(policy.scope_factors) == {
        Scope.COMPETITORS: D("0.5"),
        Scope.CATEGORY: D(1),
        Scope.FULL: D(2),
    }
    assert policy.single_content_factor == D("0.5")
    assert policy.long_term_factor == D("0.5")
    assert policy.long_term_months == 6


# --- Brand overrides ---------------------------------------------------------------------------


def test_brand_minimum_fee_500():
    policy = PricingPolicy(minimum_fee=D(500))
    q = quote(request(300, policy=policy))
    assert (q.low, q.typical, q.high, q.minimum_applied) == (
        D("150.00"),
        D("150.00"),
        D("500.00"),
        True,
    )


def test_brand_shares_allowance_and_scope_factors():
    policy = PricingPolicy(
        shares={
            EASY: StanceShares(D("0.15"), D("0.15"), D("0.8")),
            HARD: StanceShares(D("0.6"), D("0.7"), D(1)),
        },
        allowance_days=D(2),
        scope_factors={Scope.COMPETITORS: D("0.25"), Scope.CATEGORY: D(1), Scope.FULL: D(3)},
        single_content_factor=D("0.4"),
        long_term_factor=D("0.8"),
    )
    assert amounts(request(1000, EASY, policy=policy)) == (D("150.00"), D("150.00"), D("800.00"))
    # A 3-day window is beyond this brand's 2-day allowance: 1000 x 60 % x 3/30.
    assert amounts(request(window=days(3), policy=policy))[:2] == (D("60.00"), D("70.00"))
    assert amounts(request(scope=Scope.FULL, policy=policy)) == (
        D("1800.00"),
        D("2100.00"),
        D("3000.00"),
    )
    single = request(content_types=frozenset({ContentType.POSTS}), long_term=True, policy=policy)
    assert amounts(single) == (D("192.00"), D("224.00"), D("400.00"))


@pytest.mark.parametrize(
    "changes",
    [
        {"minimum_fee": D(-1)},
        {"allowance_days": D(-1)},
        {"long_term_factor": D("1.5")},
        {"long_term_factor": D(0)},
        {"single_content_factor": D(0)},
        {"scope_factors": {Scope.COMPETITORS: D(2), Scope.CATEGORY: D(1), Scope.FULL: D(3)}},
        {"scope_factors": {Scope.CATEGORY: D(1), Scope.FULL: D(2)}},
        {"shares": {EASY: StanceShares(D("0.1"), D("0.1"), D(1))}},
        {"minimum_fee": 200.0},
    ],
)
def test_a_policy_breaking_the_model_is_refused(changes):
    with pytest.raises((ValueError, TypeError)):
        PricingPolicy(**changes)


def test_policy_from_a_brands_stored_overrides():
    policy = PricingPolicy.from_overrides(
        {
            "minimum_fee": "500",
            "scope_factors": {"full": "3"},
            "shares": {"easy": {"typical": "0.15"}},
            "long_term_months": 12,
        }
    )
    assert policy.minimum_fee == D(500) and policy.long_term_months == 12
    assert policy.scope_factors[Scope.FULL] == D(3)
    assert policy.scope_factors[Scope.COMPETITORS] == D("0.5")  # untouched entries keep defaults
    assert policy.shares[EASY] == StanceShares(D("0.10"), D("0.15"), D(1))
    assert policy.shares[HARD] == DEFAULT_POLICY.shares[HARD]
    assert PricingPolicy.from_overrides({}) == DEFAULT_POLICY


@pytest.mark.parametrize(
    "overrides",
    [
        {"minimum": "500"},
        {"minimum_fee": 500.0},
        {"minimum_fee": "abc"},
        {"minimum_fee": "NaN"},
        {"shares": {"medium": {"low": "0.1"}}},
        {"shares": {"easy": {"middle": "0.1"}}},
        {"scope_factors": "full"},
    ],
)
def test_stored_overrides_that_make_no_policy_are_refused(overrides):
    with pytest.raises((ValueError, TypeError)):
        PricingPolicy.from_overrides(overrides)


def test_stance_shares_must_be_ordered():
    with pytest.raises(ValueError):
        StanceShares(D("0.5"), D("0.4"), D(1))
