"""Render time of a chart (matplotlib, Agg backend): median of 20.

    .venv/bin/python bench/charts.py [--runs 20] [--wall]

Draws the status card's KPI trend (three panels of 12 monthly periods: engagement rate,
authentic engagements, CPAE against €0.84) and the weekly digest's chart (12 weeks of CPAE,
Creator NPS for 10 brands, partnerships per stage) in Dutch, as PNG bytes. Prints the
median of `runs` renders of each and the ratio to a baseline measured in the same run: one
panel of 3 points. Target: under 150 ms per chart.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from domain.charts import Chart, Metric, Panel, Shape, kpi_trend_chart  # noqa: E402
from domain.kpis import CPAE_BENCHMARK, CREATOR_NPS_TARGET, KPIRecord  # noqa: E402
from domain.values import KPIKind, Stage  # noqa: E402
from handlers.charts import render  # noqa: E402
from locales import translator  # noqa: E402

TARGET_SECONDS = 0.150
TODAY = date(2026, 11, 23)


def kpi_records(periods: int = 12) -> list[KPIRecord]:
    records = []
    for n in range(periods):
        end = TODAY - timedelta(days=30 * (periods - 1 - n))
        start = end - timedelta(days=29)
        records += [
            KPIRecord(KPIKind.ENGAGEMENT_RATE, start, end, Decimal(3 + n % 4)),
            KPIRecord(KPIKind.AUTHENTIC_ENGAGEMENTS, start, end, Decimal(1000 + 90 * n)),
            KPIRecord(KPIKind.SPEND, start, end, Decimal(800 + 10 * n), "EUR"),
        ]
    return records


def digest_like() -> Chart:
    weeks = [TODAY - timedelta(days=7 * n) for n in range(11, -1, -1)]
    return Chart(
        (
            Panel(
                Metric.CPAE,
                Shape.LINE,
                tuple((day, Decimal("0.70") + Decimal(n) / 50) for n, day in enumerate(weeks)),
                CPAE_BENCHMARK,
                lower_is_better=True,
            ),
            Panel(
                Metric.NPS,
                Shape.BAR,
                tuple((f"Brand {n}", Decimal(20 + 7 * n)) for n in range(10)),
                CREATOR_NPS_TARGET,
            ),
            Panel(
                Metric.STAGES,
                Shape.BAR,
                tuple((stage.value, Decimal(5 + n)) for n, stage in enumerate(Stage) if n < 6),
            ),
        )
    )


def median_of(runs: int, work: Callable[[], bytes | None]) -> float:
    """The median CPU time of a render: on a machine shared with other work, the wall
    clock mostly measures the waiting (both are printed by --wall)."""
    work()  # warm: fonts, caches
    times = []
    clock = time.perf_counter if WALL else time.process_time
    for _ in range(runs):
        start = clock()
        assert work()
        times.append(clock() - start)
    return statistics.median(times)


WALL = "--wall" in sys.argv


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--wall", action="store_true", help="wall-clock time, not CPU time")
    args = parser.parse_args()
    t = translator("nl")
    baseline = Chart(
        (Panel(Metric.ENGAGEMENT_RATE, Shape.LINE, tuple((TODAY, Decimal(n)) for n in range(3))),)
    )
    figures = {
        "baseline (one panel, 3 points)": median_of(args.runs, lambda: render(t, baseline)),
        "KPI trend (3 panels)": median_of(
            args.runs, lambda: render(t, kpi_trend_chart(kpi_records()))
        ),
        "digest chart (3 panels)": median_of(
            args.runs, lambda: render(t, digest_like(), weekly=True)
        ),
    }
    base = next(iter(figures.values()))
    for name, seconds in figures.items():
        print(
            f"{name}: median {seconds * 1000:.1f} ms over {args.runs}, ratio {seconds / base:.2f}"
        )
    worst = max(figures.values())
    verdict = "within" if worst < TARGET_SECONDS else "OVER"
    print(f"target {TARGET_SECONDS * 1000:.0f} ms per chart: {verdict}")


if __name__ == "__main__":
    main()
