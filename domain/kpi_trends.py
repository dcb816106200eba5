"""KPI trends: each KPI's values over time, the latest against the one before and which way is
good news, and the last values a sparkline shows (drawing it is the handlers').

Pure functions over records loaded in bulk, as in domain.kpis; CPAE is never stored, so its
points are computed per period here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType

from domain.kpis import SPARKLINE_LENGTH, DerivedKPI, KPIRecord, cpae
from domain.values import KPIKind


class Direction(StrEnum):
    """Which way a KPI moved from its previous value to its latest."""

    UP = "up"
    DOWN = "down"
    FLAT = "flat"
    NEW = "new"  # only one value so far


# Whether a rising value is good news. None: neither (more spend is not better or worse by
# itself; CPAE is what judges it). seed: CPAE replaces CPM, so lower is better.
UP_IS_GOOD: Mapping[KPIKind | DerivedKPI, bool | None] = MappingProxyType(
    {
        KPIKind.BRAND_FIT: True,
        KPIKind.AUDIENCE_OVERLAP: True,
        KPIKind.CREATOR_SATISFACTION: True,
        KPIKind.AUTHENTICITY: True,
        KPIKind.RETENTION: True,
        KPIKind.SHARE_OF_VOICE: True,
        KPIKind.PORTFOLIO_GROWTH: True,
        KPIKind.MUTUAL_VALUE: True,
        KPIKind.ENGAGEMENT_RATE: True,
        KPIKind.SPEND: None,
        KPIKind.AUTHENTIC_ENGAGEMENTS: True,
        DerivedKPI.CPAE: False,
        DerivedKPI.CREATOR_NPS: True,
        DerivedKPI.RETENTION_RATE: True,
    }
)


@dataclass(frozen=True)
class Point:
    """One date-stamped value of a KPI (a record's value at its period end)."""

    on: date
    value: Decimal


@dataclass(frozen=True)
class Trend:
    """The latest value of a KPI against the one before it."""

    latest: Decimal
    latest_on: date
    previous: Decimal | None  # None when there is only one value
    change: Decimal | None  # latest - previous
    direction: Direction
    up_is_good: bool | None  # None: the KPI has no good direction

    @property
    def improving(self) -> bool | None:
        """True/False when the move is good/bad news; None when flat, new or neutral."""
        if self.up_is_good is None or self.direction in (Direction.FLAT, Direction.NEW):
            return None
        return (self.direction is Direction.UP) == self.up_is_good


def cpae_points(records: Iterable[KPIRecord]) -> list[Point]:
    """CPAE per period, oldest first, for its trend and sparkline (CPAE is never stored).

    A period counts when it has both spend and authentic engagements (> 0) recorded for the
    same start and end date; a period with only one of them is not yet computable.
    """
    periods: dict[tuple[date, date], list[KPIRecord]] = {}
    for r in records:
        if r.kind in (KPIKind.SPEND, KPIKind.AUTHENTIC_ENGAGEMENTS):
            periods.setdefault((r.period_start, r.period_end), []).append(r)
    points = []
    for (_, end), group in sorted(periods.items(), key=lambda item: (item[0][1], item[0][0])):
        figure = cpae(group)
        if figure is not None:
            points.append(Point(end, figure.value))
    return points


def points_by_kind(records: Iterable[KPIRecord]) -> dict[KPIKind, list[Point]]:
    """Every kind's values stamped with their period end, oldest first, in one pass.

    Two records of a kind ending on the same day keep their input order (the later wins as
    "latest").
    """
    by_kind: dict[KPIKind, list[Point]] = {}
    for r in records:
        by_kind.setdefault(r.kind, []).append(Point(r.period_end, r.value))
    for points in by_kind.values():
        points.sort(key=lambda p: p.on)  # stable: equal dates keep their input order
    return by_kind


def up_is_good(kind: KPIKind | DerivedKPI) -> bool | None:
    """Whether a rising value is good news for this KPI (False for CPAE; None for spend)."""
    return UP_IS_GOOD[kind]


def trend(points: Sequence[Point], kind: KPIKind | DerivedKPI) -> Trend | None:
    """Latest value against the previous one of a KPI's oldest-first points; None when empty."""
    if not points:
        return None
    latest = points[-1]
    good = up_is_good(kind)
    if len(points) == 1:
        return Trend(latest.value, latest.on, None, None, Direction.NEW, good)
    previous = points[-2].value
    change = latest.value - previous
    if change > 0:
        direction = Direction.UP
    elif change < 0:
        direction = Direction.DOWN
    else:
        direction = Direction.FLAT
    return Trend(latest.value, latest.on, previous, change, direction, good)


def trends(records: Iterable[KPIRecord]) -> dict[KPIKind | DerivedKPI, Trend]:
    """The trend of every recorded kind, plus CPAE's when computable (a status card's KPIs)."""
    records = list(records)
    result: dict[KPIKind | DerivedKPI, Trend] = {}
    series: dict[KPIKind | DerivedKPI, list[Point]] = dict(points_by_kind(records))
    series[DerivedKPI.CPAE] = cpae_points(records)
    for kind, points in series.items():
        found = trend(points, kind)
        if found is not None:
            result[kind] = found
    return result


def sparkline(points: Sequence[Point], length: int = SPARKLINE_LENGTH) -> tuple[Decimal, ...]:
    """The last `length` values, oldest first, for a sparkline (drawing it is the handler's)."""
    if length < 1:
        raise ValueError("length must be at least 1")
    return tuple(p.value for p in points[-length:])
