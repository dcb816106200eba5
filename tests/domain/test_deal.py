"""What a quote is priced from, the terms a command asks, and why terms can't be quoted."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from domain.deal import (
    TermsProblemCode,
    partnership_days,
    pricing_inputs,
    terms_from,
    terms_problem,
    with_brand_competitors,
)
from domain.durations import Duration, DurationUnit
from domain.negotiation import Terms, price
from domain.quote_command import QuoteArgs, parse_quote_args
from domain.values import Difficulty, Platform, Scope


def fashion(platforms: dict | None = None, overrides: dict | None = None):  # noqa: ANN201
    return pricing_inputs(
        base_rate="1000",
        currency="EUR",
        difficulty=Difficulty.HARD,
        platforms={"instagram": 3000, "tiktok": 1000} if platforms is None else platforms,
        overrides=overrides,
    )


def test_pricing_inputs_keep_the_platforms_we_price_and_unknown_audiences_as_zero() -> None:
    pricing = fashion({"instagram": 3000, "tiktok": None, "myspace": 50})
    assert dict(pricing.audiences) == {Platform.INSTAGRAM: 3000, Platform.TIKTOK: 0}
    assert (pricing.base_rate, pricing.currency) == (Decimal(1000), "EUR")


def test_a_creator_without_platforms_is_priced_on_every_platform() -> None:
    assert dict(fashion({}).audiences) == {}
    assert (
        dict(
            pricing_inputs(
                base_rate=Decimal(1000),
                currency="EUR",
                difficulty=Difficulty.HARD,
                platforms=None,
                overrides=None,
            ).audiences
        )
        == {}
    )


def test_the_brands_overrides_change_the_price() -> None:
    # W1 (hard, 30 days, category): €500 typical; a brand paying 60 % per period: €600.
    terms = Terms()
    assert price(terms, fashion()).typical == Decimal("500.00")
    custom = fashion(overrides={"shares": {"hard": {"low": "0.6", "typical": "0.6"}}})
    assert price(terms, custom).typical == Decimal("600.00")


def test_a_partnership_counts_both_its_first_and_last_day() -> None:
    assert partnership_days(date(2026, 1, 1), date(2026, 12, 31)) == 365
    assert partnership_days(date(2026, 3, 1), date(2026, 3, 1)) == 1
    assert partnership_days(None, date(2026, 3, 1)) is None
    assert partnership_days(date(2026, 3, 1), None) is None


def test_the_terms_of_a_command_keep_the_defaults_it_leaves_out() -> None:
    assert terms_from(QuoteArgs(creator="zoe")) == Terms()
    args = parse_quote_args("zoe competitors Glow 14d before 24h on tiktok only stories")
    assert isinstance(args, QuoteArgs)
    terms = terms_from(args)
    assert (terms.scope, terms.competitors) == (Scope.COMPETITORS, ("Glow",))
    assert (terms.before_hours, terms.after_hours) == (24, 14 * 24)
    assert terms.platforms == frozenset({Platform.TIKTOK})
    month = terms_from(QuoteArgs(creator="zoe", after=Duration(Decimal(1), DurationUnit.MONTH)))
    assert month.after_hours == 30 * 24


def test_terms_that_can_be_quoted_have_no_problem() -> None:
    assert terms_problem(Terms(), fashion(), partnership_days=365, brand_competitors=()) is None


def test_a_window_needs_a_length() -> None:
    problem = terms_problem(
        Terms(after_hours=0), fashion(), partnership_days=None, brand_competitors=()
    )
    assert problem is not None and problem.code is TermsProblemCode.NO_LENGTH


def test_a_window_longer_than_the_partnership_is_refused_with_both_lengths() -> None:
    problem = terms_problem(
        Terms(after_hours=31 * 24), fashion(), partnership_days=30, brand_competitors=()
    )
    assert problem is not None
    assert problem.code is TermsProblemCode.LONGER_THAN_PARTNERSHIP
    assert (problem.total_hours, problem.partnership_days) == (31 * 24, 30)
    # A partnership without an end date bounds nothing.
    long = Terms(after_hours=400 * 24)
    assert terms_problem(long, fashion(), partnership_days=None, brand_competitors=()) is None


def test_a_clause_on_a_platform_the_creator_is_not_on_names_the_missing_ones() -> None:
    terms = Terms(platforms=frozenset({Platform.YOUTUBE, Platform.TIKTOK}))
    problem = terms_problem(terms, fashion(), partnership_days=None, brand_competitors=())
    assert problem is not None and problem.code is TermsProblemCode.PLATFORMS_NOT_ACTIVE
    assert problem.missing_platforms == (Platform.YOUTUBE,)
    # Nothing known about the creator's platforms: any platform may be named.
    assert terms_problem(terms, fashion({}), partnership_days=None, brand_competitors=()) is None


def test_a_competitor_list_needs_names_from_the_command_or_the_brand() -> None:
    listless = Terms(scope=Scope.COMPETITORS)
    problem = terms_problem(listless, fashion(), partnership_days=None, brand_competitors=())
    assert problem is not None and problem.code is TermsProblemCode.NO_COMPETITORS
    brand = ("Glow", "Dewy")
    assert (
        terms_problem(listless, fashion(), partnership_days=None, brand_competitors=brand) is None
    )
    assert with_brand_competitors(listless, brand).competitors == brand
    named = Terms(scope=Scope.COMPETITORS, competitors=("Nike",))
    assert with_brand_competitors(named, brand).competitors == ("Nike",)
    assert with_brand_competitors(Terms(), brand).competitors == ()
