"""The pricing rules one by one (domain.md rules 1-5), and the breakdown line each adds."""

from __future__ import annotations

from fractions import Fraction

from domain.durations import Duration, DurationUnit
from domain.pricing import LineCode, PricingPolicy, Window, quote
from domain.pricing.factors import to_cents
from domain.values import ContentType, Platform, Scope
from tests.domain.pricing.requests_for_tests import EASY, D, amounts, days, request

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
