"""Charts as images (handlers/charts/): drawn from data in the reader's language, one phone
wide, a panel left out when too thin and the text saying why. How they reach Slack:
tests/handlers/charts/test_surface.py."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from domain.charts import kpi_trend_chart
from domain.kpis import KPIRecord
from domain.values import KPIKind
from handlers.charts import render, thin_note
from locales import translator
from tests.handlers.charts.images_for_tests import drawn_pixels, opened


def records(periods: int, kinds=(KPIKind.ENGAGEMENT_RATE, KPIKind.AUTHENTIC_ENGAGEMENTS)):  # noqa: ANN001, ANN201
    found = []
    for n in range(periods):
        end = date(2026, 10, 31) - timedelta(days=30 * (periods - 1 - n))
        start = end - timedelta(days=29)
        values = {
            KPIKind.ENGAGEMENT_RATE: Decimal(4 + n),
            KPIKind.AUTHENTIC_ENGAGEMENTS: Decimal(1000 + 100 * n),
            KPIKind.SPEND: Decimal(900),
        }
        for kind in (*kinds, KPIKind.SPEND):
            currency = "EUR" if kind is KPIKind.SPEND else None
            found.append(KPIRecord(kind, start, end, values[kind], currency))
    return found


def test_a_kpi_trend_is_one_phone_wide_png_with_a_panel_per_kpi() -> None:
    png = render(translator("nl"), kpi_trend_chart(records(4)))
    image = opened(png)
    # Three panels (engagement rate, authentic engagements, CPAE), one under the other.
    assert image.size == (800, 900)
    assert drawn_pixels(image) > 20_000


def test_fewer_than_three_points_are_not_drawn_and_the_text_says_why() -> None:
    t = translator("en")
    thin = kpi_trend_chart(records(2))
    assert render(t, thin) is None
    assert thin_note(t, thin) == (
        "Not drawn yet, too few data points (a trend needs at least 3): Engagement rate, "
        "Authentic engagements, CPAE per period."
    )
    # Only engagement logged for three periods: that panel alone is drawn.
    partly = kpi_trend_chart(records(3, kinds=(KPIKind.ENGAGEMENT_RATE,)))
    image = opened(render(t, partly))
    assert image.size == (800, 300)
    assert "Authentic engagements, CPAE per period" in thin_note(t, partly)
