"""The digest's KPI section against the seed (€0.84, "above 40", €15,000–€50,000, 30–40 %), with
the change since last week; the weekly NPS series agrees with domain.kpis."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from domain.digest.facts import (
    BrandAnswer,
    SpendTotal,
    StageMove,
)
from domain.digest.kpi_figures import brand_nps_on, nps_series, week_ends
from domain.kpis import TargetStatus
from domain.values import Stage
from tests.domain.digest.facts_for_tests import NOW, TODAY, digest_of, partnership


# -- KPIs --------------------------------------------------------------------------------------
def spend(days_ago: int, amount: str, engagements: str, currency: str = "EUR") -> SpendTotal:
    return SpendTotal(
        TODAY - timedelta(days=days_ago), currency, Decimal(amount), Decimal(engagements)
    )


def test_cpae_against_the_benchmark_with_the_change_since_last_week() -> None:
    # Last week: 840 / 1,000 = €0.84 (met: the benchmark is a ceiling). This week's period
    # adds 260 / 200: 1,100 / 1,200 = €0.92 (not met), +€0.08.
    facts = {
        "partnerships": [partnership(1)],
        "spend": [spend(10, "840", "1000"), spend(2, "260", "200")],
    }
    cpae = digest_of(**facts).kpis.cpae
    assert (cpae.value, cpae.previous, cpae.change) == (
        Decimal("0.92"),
        Decimal("0.84"),
        Decimal("0.08"),
    )
    assert cpae.status is TargetStatus.NOT_MET
    assert cpae.series[-2:] == (Decimal("0.84"), Decimal("0.92"))


def test_cpae_of_exactly_084_steady_makes_no_news() -> None:
    digest = digest_of(partnerships=[partnership(1)], spend=[spend(10, "840", "1000")])
    assert digest.kpis is None  # on target and unchanged: a quiet week
    assert digest.empty


def test_spend_in_another_currency_is_not_compared() -> None:
    digest = digest_of(partnerships=[partnership(1)], spend=[spend(2, "999", "10", "USD")])
    assert digest.kpis is None


def test_cpae_counts_only_the_last_quarter() -> None:
    facts = {
        "partnerships": [partnership(1)],
        "spend": [spend(91, "9000", "1000"), spend(1, "50", "100")],
    }
    assert digest_of(**facts).kpis.cpae.value == Decimal("0.50")


def test_nps_strictly_above_40_per_brand() -> None:
    # 10 creators of brand 1: 5 promoters, 4 passives, 1 detractor: NPS 40, not met (seed:
    # strictly above 40). A week ago one of the promoters was a detractor: NPS 20.
    answers = [BrandAnswer(1, n, TODAY - timedelta(days=30), 10) for n in range(5)]
    answers += [BrandAnswer(1, n, TODAY - timedelta(days=30), 8) for n in range(5, 9)]
    answers += [BrandAnswer(1, 9, TODAY - timedelta(days=30), 3)]
    answers += [BrandAnswer(1, 4, TODAY - timedelta(days=30), 2)]  # same day, later: wins
    answers += [BrandAnswer(1, 4, TODAY - timedelta(days=1), 9)]  # this week: promoter again
    answers += [BrandAnswer(2, 1, TODAY - timedelta(days=2), 10)]  # brand 2: 100, met, new
    facts = {
        "partnerships": [partnership(1)],
        "nps_answers": answers,
        "brands": {1: "Koffie & Co", 2: "Lumière"},
    }
    nps = digest_of(**facts).kpis.nps
    assert [(b.brand_name, b.score, b.previous, b.status) for b in nps] == [
        ("Koffie & Co", Decimal("40.0"), Decimal("20.0"), TargetStatus.NOT_MET),
        ("Lumière", Decimal("100.0"), None, TargetStatus.MET),
    ]
    assert nps[0].respondents == 10


def test_fees_and_premium_against_their_bands() -> None:
    partnerships = [
        partnership(1, quarterly_fee=Decimal("15000"), premium_pct=Decimal("30")),  # edges: within
        partnership(2, quarterly_fee=Decimal("50000"), premium_pct=Decimal("40")),
        partnership(3, quarterly_fee=Decimal("14999.99"), premium_pct=Decimal("29.9")),  # below
        partnership(4, quarterly_fee=Decimal("50000.01"), premium_pct=Decimal("41")),  # above
        partnership(
            5, quarterly_fee=Decimal("90000"), currency="USD", premium_pct=None
        ),  # no target
        partnership(6, quarterly_fee=None, premium_pct=None),
        partnership(7, stage=Stage.ENDED, quarterly_fee=Decimal("1"), premium_pct=Decimal("1")),
    ]
    kpi = digest_of(partnerships=partnerships).kpis
    assert (kpi.fees.below, kpi.fees.within, kpi.fees.above) == (1, 2, 1)
    assert (kpi.premium.below, kpi.premium.within, kpi.premium.above) == (1, 2, 1)
    assert kpi.fees.share == Decimal("50.0")
    assert kpi.fees.change == 0  # the same partnerships a week ago


def test_a_new_partnership_outside_the_band_moves_the_share() -> None:
    partnerships = [
        partnership(1),
        partnership(2),
        partnership(3, quarterly_fee=Decimal("60000")),
    ]
    moves = [StageMove(3, None, Stage.AMBASSADOR, NOW - timedelta(days=1))]
    fees = digest_of(partnerships=partnerships, moves=moves).kpis.fees
    assert (fees.share, fees.previous_share, fees.change) == (
        Decimal("66.7"),
        Decimal("100.0"),
        Decimal("-33.3"),
    )


# -- the grammar -------------------------------------------------------------------------------


# -- the NPS series agrees with the portfolio figure of domain.kpis ---------------------------
@given(
    st.lists(
        st.tuples(st.integers(0, 5), st.integers(0, 60), st.integers(0, 10)),
        max_size=40,
    )
)
def test_the_weekly_nps_series_is_creator_nps_on_each_day(rows: list) -> None:  # noqa: ANN001
    answers = [
        BrandAnswer(1, creator, TODAY - timedelta(days=ago), score) for creator, ago, score in rows
    ]
    days = week_ends(TODAY)
    assert nps_series(answers, days) == [brand_nps_on(answers, day) for day in days]
