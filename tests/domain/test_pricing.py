"""Exclusivity quotes: domain.md's pinned model, its worked quotes W1-W8 and its properties."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.durations import Duration, DurationUnit
from domain.pricing import LeverCode, LineCode, PricingPolicy, QuoteRequest, Window, quote
from domain.pricing.factors import to_cents
from domain.pricing.levers import shortened_window
from domain.pricing.policy import DEFAULT_POLICY, StanceShares
from domain.values import ContentType, Difficulty, Platform, Scope

EASY, HARD = Difficulty.EASY, Difficulty.HARD
D = Decimal


def days(after: str | int, before: str | int = 0) -> Window:
    return Window(before_days=D(before), after_days=D(after))


def request(base: str | int = 1000, difficulty: Difficulty = HARD, **changes) -> QuoteRequest:
    return QuoteRequest(base_rate=D(base), currency="EUR", difficulty=difficulty, **changes)


def amounts(request_: QuoteRequest) -> tuple[Decimal, Decimal, Decimal]:
    q = quote(request_)
    return q.low, q.typical, q.high


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


# --- Defaults ----------------------------------------------------------------------------------


def test_defaults_are_a_one_off_category_clause_30_days_after_go_live():
    r = request()
    assert r.scope is Scope.CATEGORY
    assert r.window == Window(before_days=D(0), after_days=D(30))
    assert r.platforms is None and r.content_types is None
    assert r.long_term is False
    assert r.policy == DEFAULT_POLICY


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


def test_window_counts_before_and_after_go_live():
    # domain.md rule 1: days = before + after; 45 days = 1.5 periods.
    assert amounts(request(window=days(after=44, before=1))) == amounts(request(window=days(45)))
    assert days(44, before=1).periods == Fraction(3, 2)


def test_window_of_typed_durations():
    window = Window.of(
        Duration(D(1), DurationUnit.MONTH), before=Duration(D(24), DurationUnit.HOUR)
    )
    assert window == days(after=30, before=1)


# --- Rules, one by one -------------------------------------------------------------------------


def test_free_allowance_is_up_to_and_including_7_days_for_low_and_typical_only():
    low, typical, high = amounts(request(window=days(7), policy=PricingPolicy(minimum_fee=D(0))))
    assert (low, typical) == (D("0.00"), D("0.00"))
    assert high == D("233.33")  # the high end counts every day: 1000 x 7/30
    low, typical, _ = amounts(request(window=days("7.5")))
    assert (low, typical) == (D("125.00"), D("125.00"))  # 1000 x 50 % x 7.5/30, nothing free


def test_long_term_halves_low_and_typical_but_not_high():
    assert amounts(request(long_term=True)) == (D("250.00"), D("250.00"), D("1000.00"))


def test_one_content_type_halves_every_stance():
    narrowed = request(content_types=frozenset({ContentType.STORIES}))
    assert amounts(narrowed) == (D("250.00"), D("250.00"), D("500.00"))
    # Two content types are not "one content type only": no factor.
    two = request(content_types=frozenset({ContentType.STORIES, ContentType.POSTS}))
    assert amounts(two) == amounts(request())


def test_platforms_narrow_by_audience_share_where_known():
    audiences = {Platform.INSTAGRAM: 300_000, Platform.TIKTOK: 100_000}
    r = request(audiences=audiences, platforms=frozenset({Platform.TIKTOK}))
    assert amounts(r) == (D("125.00"), D("125.00"), D("250.00"))  # a quarter of the audience
    line = _line(quote(r), LineCode.NARROW_PLATFORMS)
    assert line["basis"] == "audience" and line["factor"] == D("0.25")


def test_platforms_narrow_by_count_when_an_audience_is_unknown():
    audiences = {Platform.INSTAGRAM: 300_000, Platform.TIKTOK: 0, Platform.YOUTUBE: 5}
    r = request(audiences=audiences, platforms=frozenset({Platform.TIKTOK}))
    assert amounts(r) == (D("166.67"), D("166.67"), D("333.33"))  # one platform of three
    line = _line(quote(r), LineCode.NARROW_PLATFORMS)
    assert line["basis"] == "count" and line["factor"] == D("0.3333")
    assert line["covered"] == ("tiktok",) and line["active"] == ("instagram", "tiktok", "youtube")


def test_a_covered_platform_the_creator_is_not_known_on_counts_as_active():
    r = request(audiences={Platform.INSTAGRAM: 1000}, platforms=frozenset({Platform.TIKTOK}))
    assert amounts(r) == (D("250.00"), D("250.00"), D("500.00"))  # one of two, by count


def test_platforms_without_known_creator_platforms_are_not_narrowed():
    r = request(platforms=frozenset({Platform.TIKTOK}))
    assert amounts(r) == amounts(request())
    assert _line(quote(r), LineCode.NARROW_PLATFORMS)["basis"] == "all"


def test_covering_every_active_platform_is_no_narrowing():
    audiences = {Platform.INSTAGRAM: 10, Platform.TIKTOK: 20}
    r = request(audiences=audiences, platforms=frozenset(audiences))
    assert amounts(r) == amounts(request(audiences=audiences)) == amounts(request())


def test_minimum_applies_after_every_multiplier():
    # 1000 x 30 days x competitor list x one platform in four x one content type = 62.50 -> 200.
    audiences = {Platform.INSTAGRAM: 300, Platform.TIKTOK: 100}
    r = request(
        scope=Scope.COMPETITORS,
        audiences=audiences,
        platforms=frozenset({Platform.TIKTOK}),
        content_types=frozenset({ContentType.VIDEOS}),
    )
    q = quote(r)
    assert (q.low, q.typical, q.high, q.full_rate_high) == (
        D("31.25"),
        D("31.25"),
        D("200.00"),
        D("62.50"),
    )
    assert q.minimum_applied


def test_no_window_no_exclusivity_no_minimum():
    q = quote(request(window=days(0)))
    assert (q.low, q.typical, q.high) == (D("0.00"), D("0.00"), D("0.00"))
    assert not q.minimum_applied
    assert q.levers == ()


def test_rounds_to_cents_once_at_the_end():
    # 10 days = 1/3 period: 1000 x 50 % x 1/3 x 0.5 = 83.333... Rounding the stance first
    # (166.67) and then halving would give 83.34 (83.335 half-up).
    assert quote(request(scope=Scope.COMPETITORS, window=days(10))).low == D("83.33")
    # Half-up, not banker's: 1 x 12.5 % = 0.125 -> 0.13.
    assert quote(request(1, EASY)).typical == D("0.13")


def test_to_cents_is_half_up_away_from_zero():
    assert to_cents(Fraction(1, 200)) == D("0.01")
    assert to_cents(Fraction(-1, 200)) == D("-0.01")
    assert to_cents(Fraction(1, 201)) == D("0.00")
    assert to_cents(Fraction(500, 3)) == D("166.67")


# --- Breakdown ---------------------------------------------------------------------------------


def _line(q, code: LineCode) -> dict:
    (line,) = [line for line in q.breakdown if line.code == code]
    return dict(line.figures)


def test_breakdown_names_every_rule_in_order():
    q = quote(request())
    assert [line.code for line in q.breakdown] == [
        "window",
        "stance",
        "allowance",
        "scope",
        "narrow_platforms",
        "narrow_content",
        "long_term",
        "minimum",
    ]


def test_breakdown_figures_are_codes_and_numbers():
    audiences = {Platform.INSTAGRAM: 100, Platform.YOUTUBE: 100}
    q = quote(
        request(
            100,
            EASY,
            scope=Scope.FULL,
            window=days(after=44, before=1),
            audiences=audiences,
            platforms=frozenset({Platform.YOUTUBE}),
            content_types=frozenset({ContentType.SHORTS}),
            long_term=True,
        )
    )
    assert _line(q, LineCode.WINDOW) == {
        "before_days": D(1),
        "after_days": D(44),
        "days": D(45),
        "periods": D("1.5"),
    }
    stance = _line(q, LineCode.STANCE)
    assert stance["difficulty"] == "easy" and stance["currency"] == "EUR"
    assert (stance["low_share"], stance["typical_share"], stance["high_share"]) == (
        D("0.10"),
        D("0.125"),
        D(1),
    )
    assert (stance["low"], stance["typical"], stance["high"]) == (D("15.00"), D("18.75"), D("150"))
    assert _line(q, LineCode.ALLOWANCE)["free"] is False
    assert _line(q, LineCode.SCOPE)["scope"] == "full"
    assert _line(q, LineCode.SCOPE)["factor"] == D(2)
    assert _line(q, LineCode.NARROW_PLATFORMS)["factor"] == D("0.5")
    assert _line(q, LineCode.NARROW_CONTENT)["content_types"] == ("shorts",)
    assert _line(q, LineCode.NARROW_CONTENT)["factor"] == D("0.5")
    assert _line(q, LineCode.LONG_TERM)["long_term"] is True
    minimum = _line(q, LineCode.MINIMUM)
    assert minimum["applied"] is True and minimum["minimum_fee"] == D(200)
    assert minimum["full_rate_high"] == D("75.00")  # 150 x 2 x 0.5 x 0.5
    # The last line is the quote itself.
    assert (minimum["low"], minimum["typical"], minimum["high"]) == (q.low, q.typical, q.high)
    assert (q.low, q.typical, q.high) == (D("3.75"), D("4.69"), D("200.00"))


def test_allowance_line_says_when_the_window_is_free():
    q = quote(request(window=Window.of(Duration(D(48), DurationUnit.HOUR))))
    assert _line(q, LineCode.ALLOWANCE) == {
        "allowance_days": D(7),
        "days": D(2),
        "free": True,
        "low": D("0.00"),
        "typical": D("0.00"),
        "high": D("66.67"),
    }
    assert _line(q, LineCode.MINIMUM)["full_rate_high"] == D("66.67")


def test_breakdown_lines_hold_no_sentences():
    q = quote(request(audiences={Platform.TIKTOK: 1, Platform.YOUTUBE: 2}))
    for line in q.breakdown:
        for value in line.figures.values():
            if isinstance(value, str):
                assert " " not in value


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


# --- Levers ------------------------------------------------------------------------------------


def codes(q) -> list[str]:
    return [lever.code for lever in q.levers]


def test_levers_of_a_hard_one_off_month():
    q = quote(request())  # W1
    assert set(codes(q)) == {"long_term", "shorten_window", "narrow_content", "competitor_list"}
    # seed: ambassadorship is unrealistic in fashion/beauty (hard); platforms unknown.
    assert "ambassador" not in codes(q) and "narrow_platforms" not in codes(q)


def test_ambassador_is_offered_in_easy_categories_and_costs_extra():
    q = quote(request(1000, EASY))  # W2
    (ambassador,) = [lever for lever in q.levers if lever.code == LeverCode.AMBASSADOR]
    assert ambassador.costs_extra is True
    assert ambassador.saves == D("62.50") and ambassador.changed.long_term is True
    assert all(not lever.costs_extra for lever in q.levers if lever is not ambassador)


def test_each_lever_saves_the_typical_difference_and_applies_its_change():
    audiences = {Platform.INSTAGRAM: 300, Platform.YOUTUBE: 100}
    r = request(1000, EASY, scope=Scope.FULL, window=days(60), audiences=audiences)
    q = quote(r)
    assert set(codes(q)) == set(LeverCode)
    for lever in q.levers:
        assert lever.saves == q.typical - quote(lever.changed).typical == q.typical - lever.typical
        assert lever.saves > 0
    changed = {lever.code: lever.changed for lever in q.levers}
    assert changed[LeverCode.LONG_TERM] == dataclasses.replace(r, long_term=True)
    assert changed[LeverCode.SHORTEN_WINDOW].window == days(30)
    assert changed[LeverCode.NARROW_PLATFORMS].platforms == {Platform.INSTAGRAM}  # the largest
    assert changed[LeverCode.NARROW_CONTENT].content_types == {ContentType.POSTS}
    assert changed[LeverCode.COMPETITOR_LIST].scope is Scope.COMPETITORS


def test_levers_are_sorted_by_saving_largest_first():
    audiences = {Platform.INSTAGRAM: 300, Platform.YOUTUBE: 100}
    q = quote(request(1000, EASY, scope=Scope.FULL, window=days(60), audiences=audiences))
    savings = [lever.saves for lever in q.levers]
    assert savings == sorted(savings, reverse=True)
    assert q.levers[0].code == "competitor_list"  # full -> competitor list: x2 -> x0.5
    assert q.levers[-1].code == "narrow_platforms"  # keeps 3/4 of the audience


def test_levers_that_cannot_apply_are_left_out():
    r = request(
        scope=Scope.COMPETITORS,
        long_term=True,
        audiences={Platform.TIKTOK: 10},
        content_types=frozenset({ContentType.STORIES}),
    )
    assert codes(quote(r)) == ["shorten_window"]


def test_no_lever_inside_the_free_allowance():
    assert quote(request(window=days(7))).levers == ()  # typical is already 0


def test_narrow_content_keeps_a_type_of_the_covered_platform():
    r = request(audiences={Platform.YOUTUBE: 10})
    (lever,) = [lever for lever in quote(r).levers if lever.code == LeverCode.NARROW_CONTENT]
    assert lever.changed.content_types == {ContentType.VIDEOS}
    r = request(content_types=frozenset({ContentType.STORIES, ContentType.REELS}))
    (lever,) = [lever for lever in quote(r).levers if lever.code == LeverCode.NARROW_CONTENT]
    assert lever.changed.content_types == {ContentType.REELS}


@pytest.mark.parametrize(
    ("window", "proposed"),
    [
        (days(30), days(15)),  # halved
        (days(after=30, before=30), days(after=15, before=15)),  # both parts halved
        (days(14), days(7)),  # half is exactly the allowance
        (days(10), days(7)),  # half would be free anyway: cut to the allowance
        (days(after=9, before=1), days(after=6, before=1)),  # the pre-window is kept
        (days(after=2, before=8), days(after=0, before=7)),
        (days(7), None),  # already free: nothing to save
        (days(0), None),
    ],
)
def test_shorten_window_halves_but_not_below_the_allowance(window, proposed):
    assert shortened_window(window, D(7)) == proposed


def test_shorten_window_to_the_allowance_saves_the_whole_typical():
    q = quote(request(window=days(10)))
    (lever,) = [lever for lever in q.levers if lever.code == LeverCode.SHORTEN_WINDOW]
    assert lever.typical == D("0.00") and lever.saves == q.typical


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
