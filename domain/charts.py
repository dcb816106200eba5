"""What a chart shows, as data: panels of points with their target (no drawing, no words).

A trend needs at least MIN_POINTS points to say anything: a thinner one is marked
`too_thin` and not drawn (the text says why). Rendering is handlers/charts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from domain import kpi_trends, kpis
from domain.digest.facts import DigestFacts
from domain.digest.kpi_figures import brand_nps_on, portfolio_cpae, week_ends
from domain.values import KPIKind, Stage

MIN_POINTS = 3
CHART_WEEKS = 12


class Metric(StrEnum):
    CPAE = "cpae"  # euros per authentic engagement
    NPS = "nps"  # Creator NPS per brand
    STAGES = "stages"  # partnerships per stage
    ENGAGEMENT_RATE = "engagement_rate"  # percent
    AUTHENTIC_ENGAGEMENTS = "authentic_engagements"  # a count


class Shape(StrEnum):
    LINE = "line"  # x: dates
    BAR = "bar"  # x: names (brands) or stage codes


@dataclass(frozen=True)
class Panel:
    metric: Metric
    shape: Shape
    points: tuple[tuple[date | str, Decimal], ...]
    target: Decimal | None = None
    lower_is_better: bool = False  # CPAE: at or under the benchmark

    @property
    def too_thin(self) -> bool:
        needed = MIN_POINTS if self.shape is Shape.LINE else 1
        return len(self.points) < needed


@dataclass(frozen=True)
class Chart:
    panels: tuple[Panel, ...]

    @property
    def drawn(self) -> tuple[Panel, ...]:
        return tuple(p for p in self.panels if not p.too_thin)

    @property
    def thin(self) -> tuple[Panel, ...]:
        return tuple(p for p in self.panels if p.too_thin)


def digest_chart(facts: DigestFacts, today: date) -> Chart:
    """The weekly digest's chart: portfolio CPAE per week for 12 weeks against €0.84,
    Creator NPS per brand against 40, live partnerships per stage."""
    cpae_points = []
    for day in week_ends(today, CHART_WEEKS):
        value = portfolio_cpae(facts.spend, day)
        if value is not None:
            cpae_points.append((day, value))
    by_brand: dict[int, list] = {}
    for answer in facts.nps_answers:
        if answer.brand_id is not None:
            by_brand.setdefault(answer.brand_id, []).append(answer)
    nps_points = []
    for brand_id, answers in by_brand.items():
        nps = brand_nps_on(answers, today)
        if nps is not None:
            nps_points.append((facts.brands.get(brand_id, "?"), nps.score))
    nps_points.sort(key=lambda point: str(point[0]).casefold())
    counts = {stage: 0 for stage in Stage if stage is not Stage.ENDED}
    for p in facts.partnerships:
        if p.stage in counts:
            counts[p.stage] += 1
    stage_points = tuple((stage.value, Decimal(n)) for stage, n in counts.items() if n)
    return Chart(
        (
            Panel(
                Metric.CPAE,
                Shape.LINE,
                tuple(cpae_points),
                kpis.CPAE_BENCHMARK,
                lower_is_better=True,
            ),
            Panel(Metric.NPS, Shape.BAR, tuple(nps_points), kpis.CREATOR_NPS_TARGET),
            Panel(Metric.STAGES, Shape.BAR, stage_points),
        )
    )


def kpi_trend_chart(records: Iterable[kpis.KPIRecord]) -> Chart:
    """A creator's KPI trend: engagement rate, authentic engagements and CPAE per period
    (CPAE against €0.84 when the spend is in euros)."""
    records = list(records)
    by_kind = kpi_trends.points_by_kind(records)

    def line(kind: KPIKind) -> tuple[tuple[date | str, Decimal], ...]:
        return tuple((p.on, p.value) for p in by_kind.get(kind, ()))

    cpae = kpi_trends.cpae_points(records)
    euros = {r.currency for r in records if r.kind is KPIKind.SPEND} <= {kpis.TARGET_CURRENCY}
    return Chart(
        (
            Panel(Metric.ENGAGEMENT_RATE, Shape.LINE, line(KPIKind.ENGAGEMENT_RATE)),
            Panel(Metric.AUTHENTIC_ENGAGEMENTS, Shape.LINE, line(KPIKind.AUTHENTIC_ENGAGEMENTS)),
            Panel(
                Metric.CPAE,
                Shape.LINE,
                tuple((p.on, p.value) for p in cpae),
                kpis.CPAE_BENCHMARK if euros else None,
                lower_is_better=True,
            ),
        )
    )


def points_of(panels: Sequence[Panel]) -> int:
    return sum(len(p.points) for p in panels)
