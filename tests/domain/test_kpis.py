"""KPIs against the figures of domain.md (seed: CPAE €0.84, Creator NPS > 40, budget bands)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.kpis import (
    CPAE_BENCHMARK,
    CREATOR_NPS_TARGET,
    BandPosition,
    KPIRecord,
    NPSAnswer,
    NPSClass,
    TargetStatus,
    TermOutcome,
    cpae,
    creator_nps,
    creator_nps_of_scores,
    fee_band,
    fee_per_quarter,
    latest_answers,
    nps_class,
    premium_band,
    premium_percent,
    retention_rate,
    within,
)
from domain.values import KPIKind

JAN = (date(2026, 1, 1), date(2026, 1, 31))
FEB = (date(2026, 2, 1), date(2026, 2, 28))
MAR = (date(2026, 3, 1), date(2026, 3, 31))


def record(
    kind: KPIKind,
    value: str,
    period: tuple[date, date] = JAN,
    currency: str | None = None,
) -> KPIRecord:
    return KPIRecord(kind, period[0], period[1], Decimal(value), currency)


def spend(value: str, period: tuple[date, date] = JAN, currency: str = "EUR") -> KPIRecord:
    return record(KPIKind.SPEND, value, period, currency)


def engagements(value: str, period: tuple[date, date] = JAN) -> KPIRecord:
    return record(KPIKind.AUTHENTIC_ENGAGEMENTS, value, period)


def answers(*scores: int, on: date = date(2026, 3, 1)) -> list[NPSAnswer]:
    """One answer per creator, each creator its own key."""
    return [NPSAnswer(f"creator-{i}", on, score) for i, score in enumerate(scores)]


# --- seed figures ---------------------------------------------------------------------------


def test_seed_targets() -> None:
    assert CPAE_BENCHMARK == Decimal("0.84")
    assert CREATOR_NPS_TARGET == 40


# --- records --------------------------------------------------------------------------------


def test_record_refuses_a_period_ending_before_it_starts() -> None:
    with pytest.raises(ValueError):
        KPIRecord(KPIKind.SPEND, date(2026, 2, 1), date(2026, 1, 31), Decimal(1), "EUR")


def test_record_refuses_floats() -> None:
    with pytest.raises(ValueError):
        KPIRecord(KPIKind.SPEND, *JAN, 0.84, "EUR")  # type: ignore[arg-type]


@pytest.mark.parametrize("currency", ["eur", "EURO", "€", ""])
def test_record_refuses_a_currency_that_is_not_a_code(currency: str) -> None:
    with pytest.raises(ValueError):
        spend("1", currency=currency)


# --- CPAE -----------------------------------------------------------------------------------


def test_cpae_at_the_benchmark_meets_the_target() -> None:
    figure = cpae([spend("84"), engagements("100")])
    assert figure is not None
    assert figure.value == Decimal("0.84")
    assert figure.currency == "EUR"
    assert figure.status is TargetStatus.MET


def test_cpae_a_cent_above_the_benchmark_misses_it() -> None:
    figure = cpae([spend("85"), engagements("100")])
    assert figure is not None
    assert figure.value == Decimal("0.85")
    assert figure.status is TargetStatus.NOT_MET


def test_cpae_below_the_benchmark_meets_it() -> None:
    figure = cpae([spend("1000"), engagements("2000")])
    assert figure is not None
    assert figure.value == Decimal("0.50")
    assert figure.status is TargetStatus.MET


def test_cpae_in_another_currency_has_no_target() -> None:
    figure = cpae([spend("50", currency="USD"), engagements("100")])
    assert figure is not None
    assert figure.value == Decimal("0.50")
    assert figure.currency == "USD"
    assert figure.status is TargetStatus.NO_TARGET


def test_cpae_sums_spend_and_engagements_over_the_periods() -> None:
    # (50 + 34) / (60 + 40) = 84 / 100 = 0.84
    records = [spend("50", JAN), spend("34", FEB), engagements("60", JAN), engagements("40", FEB)]
    figure = cpae(records)
    assert figure is not None
    assert (figure.spend, figure.engagements, figure.value) == (
        Decimal("84"),
        Decimal("100"),
        Decimal("0.84"),
    )


def test_cpae_ignores_other_kinds() -> None:
    figure = cpae([spend("84"), engagements("100"), record(KPIKind.BRAND_FIT, "99")])
    assert figure is not None
    assert figure.value == Decimal("0.84")


def test_cpae_is_rounded_half_up_to_cents_and_judged_as_shown() -> None:
    # 84.4 / 100 = 0.844 shows as €0.84, and is judged as €0.84: met.
    shown_84 = cpae([spend("84.4"), engagements("100")])
    # 84.5 / 100 = 0.845 rounds half up to €0.85: not met.
    shown_85 = cpae([spend("84.5"), engagements("100")])
    assert shown_84 is not None and shown_85 is not None
    assert (shown_84.value, shown_84.status) == (Decimal("0.84"), TargetStatus.MET)
    assert (shown_85.value, shown_85.status) == (Decimal("0.85"), TargetStatus.NOT_MET)


@pytest.mark.parametrize(
    "records",
    [
        [],
        [spend("84")],
        [engagements("100")],
        [spend("84"), engagements("0")],
    ],
    ids=["nothing", "no engagements", "no spend", "zero engagements"],
)
def test_cpae_is_none_without_spend_or_engagements(records: list[KPIRecord]) -> None:
    assert cpae(records) is None


def test_cpae_refuses_spend_in_two_currencies() -> None:
    with pytest.raises(ValueError):
        cpae([spend("10", currency="EUR"), spend("10", FEB, "USD"), engagements("100")])


def test_within_keeps_periods_inside_the_window() -> None:
    records = [spend("1", JAN), spend("2", FEB), spend("3", MAR)]
    assert within(records, date(2026, 2, 1), date(2026, 3, 31)) == records[1:]
    assert within(records, date(2026, 1, 15), date(2026, 2, 28)) == [records[1]]


# --- Creator NPS ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("score", "expected"),
    [
        (10, NPSClass.PROMOTER),
        (9, NPSClass.PROMOTER),
        (8, NPSClass.PASSIVE),
        (7, NPSClass.PASSIVE),
        (6, NPSClass.DETRACTOR),
        (0, NPSClass.DETRACTOR),
    ],
)
def test_nps_class_boundaries(score: int, expected: NPSClass) -> None:
    assert nps_class(score) is expected
    assert NPSAnswer("c", date(2026, 1, 1), score).nps_class is expected


@pytest.mark.parametrize("score", [-1, 11, 7.5, True])
def test_nps_answer_refuses_scores_outside_0_to_10(score: object) -> None:
    with pytest.raises(ValueError):
        NPSAnswer("c", date(2026, 1, 1), score)  # type: ignore[arg-type]


def test_nps_answer_needs_a_creator() -> None:
    with pytest.raises(ValueError):
        NPSAnswer("", date(2026, 1, 1), 9)


def test_portfolio_nps_by_hand() -> None:
    # [10, 9, 8, 6, 3]: promoters 2/5 = 40 %, detractors 2/5 = 40 %: NPS 0.
    nps = creator_nps(answers(10, 9, 8, 6, 3))
    assert nps is not None
    assert nps.score == 0
    assert (nps.promoters, nps.passives, nps.detractors, nps.respondents) == (2, 1, 2, 5)
    assert nps.status is TargetStatus.NOT_MET


def test_portfolio_nps_of_exactly_40_is_not_met() -> None:
    # [10, 10, 10, 8, 3]: promoters 60 %, detractors 20 %: NPS 40, and the target is > 40.
    nps = creator_nps(answers(10, 10, 10, 8, 3))
    assert nps is not None
    assert nps.score == 40
    assert nps.status is TargetStatus.NOT_MET


def test_portfolio_nps_of_41_is_met() -> None:
    # 41 promoters and 59 passives of 100: 41 % - 0 % = 41.
    nps = creator_nps(answers(*[9] * 41, *[7] * 59))
    assert nps is not None
    assert nps.score == 41
    assert nps.status is TargetStatus.MET


def test_portfolio_nps_just_above_40_is_met() -> None:
    # 401 promoters and 599 passives of 1000: 40.1.
    nps = creator_nps(answers(*[10] * 401, *[8] * 599))
    assert nps is not None
    assert nps.score == Decimal("40.1")
    assert nps.status is TargetStatus.MET


def test_portfolio_nps_is_rounded_half_up_to_one_decimal() -> None:
    # [10, 10, 3]: 66.66.. % - 33.33.. % = 33.33.. -> 33.3; [10, 10, 8]: 66.66.. -> 66.7.
    low, high = creator_nps(answers(10, 10, 3)), creator_nps(answers(10, 10, 8))
    assert low is not None and high is not None
    assert (low.score, high.score) == (Decimal("33.3"), Decimal("66.7"))


def test_portfolio_nps_uses_each_creators_latest_answer() -> None:
    history = [
        NPSAnswer("anna", date(2026, 1, 1), 3),
        NPSAnswer("anna", date(2026, 3, 1), 10),  # now a promoter
        NPSAnswer("bram", date(2026, 3, 1), 9),
        NPSAnswer("bram", date(2026, 1, 1), 2),  # older, listed later: ignored
    ]
    nps = creator_nps(history)
    assert nps is not None
    assert (nps.promoters, nps.detractors, nps.score) == (2, 0, 100)
    assert latest_answers(history)["anna"].score == 10


def test_latest_answer_of_the_same_day_is_the_later_one_given() -> None:
    day = date(2026, 3, 1)
    history = [NPSAnswer("anna", day, 3), NPSAnswer("anna", day, 9)]
    assert latest_answers(history)["anna"].score == 9


def test_portfolio_nps_without_answers_is_none() -> None:
    assert creator_nps([]) is None


@given(st.lists(st.integers(min_value=0, max_value=10), min_size=1, max_size=60))
def test_portfolio_nps_properties(scores: list[int]) -> None:
    nps = creator_nps(answers(*scores))
    assert nps is not None
    assert -100 <= nps.score <= 100
    assert nps.respondents == len(scores)
    assert (nps.status is TargetStatus.MET) == (nps.score > 40)
    exact = Decimal(100 * (nps.promoters - nps.detractors)) / len(scores)
    assert abs(nps.score - exact) <= Decimal("0.05")


# --- retention ------------------------------------------------------------------------------

Q1 = (date(2026, 1, 1), date(2026, 3, 31))


def test_retention_rate_is_renewed_over_decided_terms_in_the_period() -> None:
    outcomes = [
        TermOutcome("a", date(2026, 1, 1), True),  # first day of the period: in
        TermOutcome("b", date(2026, 2, 15), True),
        TermOutcome("c", date(2026, 3, 31), True),  # last day of the period: in
        TermOutcome("d", date(2026, 3, 1), False),
        TermOutcome("e", date(2026, 3, 10), None),  # undecided: not in the rate
        TermOutcome("f", date(2025, 12, 31), False),  # before the period
        TermOutcome("g", date(2026, 4, 1), False),  # after the period
    ]
    rate = retention_rate(outcomes, *Q1)
    assert rate is not None
    # 3 renewed of 4 decided = 75 %
    assert (rate.rate, rate.renewed, rate.ended, rate.undecided) == (Decimal("75.0"), 3, 1, 1)


def test_retention_rate_rounds_to_one_decimal() -> None:
    outcomes = [
        TermOutcome("a", date(2026, 2, 1), True),
        TermOutcome("b", date(2026, 2, 1), True),
        TermOutcome("c", date(2026, 2, 1), False),
    ]
    rate = retention_rate(outcomes, *Q1)
    assert rate is not None
    assert rate.rate == Decimal("66.7")  # 2 of 3


def test_retention_rate_without_decided_terms_is_none() -> None:
    assert retention_rate([], *Q1) is None
    assert retention_rate([TermOutcome("a", date(2026, 2, 1), None)], *Q1) is None


# --- budget ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fee", "expected"),
    [
        ("14999.99", BandPosition.BELOW),
        ("15000", BandPosition.WITHIN),
        ("32500", BandPosition.WITHIN),
        ("50000", BandPosition.WITHIN),
        ("50000.01", BandPosition.ABOVE),
    ],
)
def test_fee_per_quarter_against_the_15k_to_50k_band(fee: str, expected: BandPosition) -> None:
    assert fee_band(Decimal(fee), "EUR") is expected


def test_fee_in_another_currency_has_no_band() -> None:
    assert fee_band(Decimal("20000"), "USD") is BandPosition.NO_TARGET


def test_fee_per_quarter_spreads_a_term_fee() -> None:
    # €60,000 over 6 months is €30,000 per 3-month quarter; €40,000 over 12 months is €10,000.
    assert fee_per_quarter(Decimal("60000"), 6) == Decimal("30000.00")
    assert fee_per_quarter(Decimal("40000"), 12) == Decimal("10000.00")
    with pytest.raises(ValueError):
        fee_per_quarter(Decimal("1"), 0)


@pytest.mark.parametrize(
    ("strategic", "expected_percent", "expected"),
    [
        ("129", "29.0", BandPosition.BELOW),
        ("130", "30.0", BandPosition.WITHIN),
        ("135", "35.0", BandPosition.WITHIN),
        ("140", "40.0", BandPosition.WITHIN),
        ("141", "41.0", BandPosition.ABOVE),
    ],
)
def test_premium_against_the_30_to_40_percent_band(
    strategic: str, expected_percent: str, expected: BandPosition
) -> None:
    premium = premium_percent(Decimal(strategic), Decimal("100"))
    assert premium == Decimal(expected_percent)
    assert premium_band(premium) is expected


def test_premium_needs_a_one_off_fee() -> None:
    with pytest.raises(ValueError):
        premium_percent(Decimal("130"), Decimal("0"))


@given(st.lists(st.integers(min_value=0, max_value=10), max_size=60))
def test_portfolio_nps_from_a_score_count_is_the_same_figure(scores: list[int]) -> None:
    # Storage counts each creator's latest score in SQL; the card must not change by it.
    counted = {score: scores.count(score) for score in set(scores)}
    assert creator_nps_of_scores(counted) == creator_nps(answers(*scores))
