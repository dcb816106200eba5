"""KPI trends: which way each KPI moved and whether that is good news (CPAE: lower is better),
CPAE per period, points in period order, and the sparkline's last values."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from domain.kpi_trends import (
    Direction,
    Point,
    cpae_points,
    points_by_kind,
    sparkline,
    trend,
    trends,
    up_is_good,
)
from domain.kpis import (
    DerivedKPI,
)
from domain.values import KPIKind
from tests.domain.test_kpis import FEB, JAN, MAR, engagements, record, spend


def test_cpae_points_per_period_skip_periods_not_yet_complete() -> None:
    records = [
        spend("84", FEB),
        engagements("100", FEB),
        spend("50", JAN),
        engagements("100", JAN),
        spend("70", MAR),  # engagements of March not in yet
    ]
    assert cpae_points(records) == [
        Point(JAN[1], Decimal("0.50")),
        Point(FEB[1], Decimal("0.84")),
    ]


def test_trend_up_down_flat_new() -> None:
    d1, d2 = date(2026, 1, 31), date(2026, 2, 28)
    up = trend([Point(d1, Decimal(10)), Point(d2, Decimal(12))], KPIKind.ENGAGEMENT_RATE)
    assert up is not None
    assert (up.latest, up.previous, up.change, up.direction) == (
        Decimal(12),
        Decimal(10),
        Decimal(2),
        Direction.UP,
    )
    assert up.latest_on == d2
    assert up.improving is True

    down = trend([Point(d1, Decimal(12)), Point(d2, Decimal(10))], KPIKind.ENGAGEMENT_RATE)
    assert down is not None
    assert (down.change, down.direction, down.improving) == (Decimal(-2), Direction.DOWN, False)

    flat = trend([Point(d1, Decimal(5)), Point(d2, Decimal(5))], KPIKind.ENGAGEMENT_RATE)
    assert flat is not None
    assert (flat.change, flat.direction, flat.improving) == (Decimal(0), Direction.FLAT, None)

    new = trend([Point(d1, Decimal(5))], KPIKind.ENGAGEMENT_RATE)
    assert new is not None
    assert (new.previous, new.change, new.direction, new.improving) == (
        None,
        None,
        Direction.NEW,
        None,
    )

    assert trend([], KPIKind.ENGAGEMENT_RATE) is None


def test_for_cpae_lower_is_better() -> None:
    assert up_is_good(DerivedKPI.CPAE) is False
    assert up_is_good(DerivedKPI.CREATOR_NPS) is True
    d1, d2 = date(2026, 1, 31), date(2026, 2, 28)
    rising = trend([Point(d1, Decimal("0.70")), Point(d2, Decimal("0.90"))], DerivedKPI.CPAE)
    falling = trend([Point(d1, Decimal("0.90")), Point(d2, Decimal("0.70"))], DerivedKPI.CPAE)
    assert rising is not None and falling is not None
    assert (rising.direction, rising.improving) == (Direction.UP, False)
    assert (falling.direction, falling.improving) == (Direction.DOWN, True)


def test_spend_has_no_good_direction() -> None:
    assert up_is_good(KPIKind.SPEND) is None
    d1, d2 = date(2026, 1, 31), date(2026, 2, 28)
    rising = trend([Point(d1, Decimal(1)), Point(d2, Decimal(2))], KPIKind.SPEND)
    assert rising is not None
    assert (rising.direction, rising.improving) == (Direction.UP, None)


def test_every_kind_and_derived_figure_has_a_direction_rule() -> None:
    for kind in [*KPIKind, *DerivedKPI]:
        up_is_good(kind)  # raises KeyError when one is missing


def test_points_are_ordered_by_period_end_whatever_the_input_order() -> None:
    records = [
        record(KPIKind.AUTHENTICITY, "7", MAR),
        record(KPIKind.AUTHENTICITY, "5", JAN),
        record(KPIKind.AUTHENTICITY, "6", FEB),
    ]
    points = points_by_kind(records)[KPIKind.AUTHENTICITY]
    assert [p.value for p in points] == [Decimal(5), Decimal(6), Decimal(7)]
    found = trend(points, KPIKind.AUTHENTICITY)
    assert found is not None
    assert (found.latest, found.previous, found.latest_on) == (Decimal(7), Decimal(6), MAR[1])


def test_trends_of_a_status_card_include_cpae() -> None:
    records = [
        spend("50", JAN),
        engagements("100", JAN),
        spend("84", FEB),
        engagements("100", FEB),
        record(KPIKind.BRAND_FIT, "80", JAN),
    ]
    found = trends(records)
    assert set(found) == {
        KPIKind.SPEND,
        KPIKind.AUTHENTIC_ENGAGEMENTS,
        KPIKind.BRAND_FIT,
        DerivedKPI.CPAE,
    }
    cpae_trend = found[DerivedKPI.CPAE]
    assert (cpae_trend.previous, cpae_trend.latest) == (Decimal("0.50"), Decimal("0.84"))
    assert cpae_trend.improving is False
    assert found[KPIKind.BRAND_FIT].direction is Direction.NEW


def test_sparkline_gives_the_last_values_oldest_first() -> None:
    start = date(2026, 1, 1)
    points = [Point(start + timedelta(days=7 * i), Decimal(i)) for i in range(10)]
    assert sparkline(points, 3) == (Decimal(7), Decimal(8), Decimal(9))
    assert sparkline(points[:2], 3) == (Decimal(0), Decimal(1))
    assert len(sparkline(points)) == 8  # default length
    assert sparkline([], 3) == ()
    with pytest.raises(ValueError):
        sparkline(points, 0)
