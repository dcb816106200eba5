"""Charts as PNG images, drawn with matplotlib's Agg backend (no display, no browser, in
process): a domain.charts.Chart in the reader's language.

- Phone-readable: 800 px wide, one panel under the other, large type.
- Colour-blind safe: the Okabe-Ito palette, and the target is a dashed line with its value
  in the legend, so nothing depends on telling colours apart.
- Babel formats the axes (dates, money, numbers), the same as the text beside the chart.
- A panel with too few points is left out; `thin_note` says which and why.

Rendering takes tens of milliseconds (bench/charts.py): it runs after the ack or in the
clock, never before an answer.
"""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from domain.charts import MIN_POINTS, Chart, Metric, Panel, Shape
from domain.values import Stage
from handlers.blocks import labels
from locales import N_, Translator

# Okabe & Ito (2008), "Color Universal Design": distinguishable with any colour vision.
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")
TARGET_COLOUR = "#000000"
WIDTH_INCHES, PANEL_INCHES, DPI = 8.0, 3.0, 100
FONT_SIZE = 13

TITLES = {
    Metric.CPAE: N_("CPAE per period"),
    Metric.NPS: N_("Creator NPS per brand"),
    Metric.STAGES: N_("Partnerships per stage"),
    Metric.ENGAGEMENT_RATE: N_("Engagement rate"),
    Metric.AUTHENTIC_ENGAGEMENTS: N_("Authentic engagements"),
}
WEEKLY_CPAE = N_("Portfolio CPAE per week (last 12 weeks)")


def title(t: Translator, panel: Panel, *, weekly: bool = False) -> str:
    if weekly and panel.metric is Metric.CPAE:
        return t.gettext(WEEKLY_CPAE)
    return t.gettext(TITLES[panel.metric])


def _value(t: Translator, metric: Metric, value: float) -> str:
    if metric is Metric.CPAE:
        return t.money(Decimal(str(round(value, 2))))
    if metric is Metric.ENGAGEMENT_RATE:
        return t.percent(Decimal(str(value)) / 100, digits=1)
    return t.number(Decimal(str(round(value, 1))))


def _x_label(t: Translator, metric: Metric, x: date | str) -> str:
    if isinstance(x, date):
        return t.date(x, "d MMM")
    if metric is Metric.STAGES:
        return labels.label(t, labels.STAGE, Stage(x))
    return x


def render(t: Translator, chart: Chart, *, weekly: bool = False) -> bytes | None:
    """The chart's drawable panels as one PNG; None when none has enough points."""
    panels = chart.drawn
    if not panels:
        return None
    figure = Figure(figsize=(WIDTH_INCHES, PANEL_INCHES * len(panels)), dpi=DPI)
    FigureCanvasAgg(figure)
    axes_list = figure.subplots(len(panels), 1, squeeze=False)[:, 0]
    for axes, panel in zip(axes_list, panels, strict=True):
        _draw(t, axes, panel, weekly=weekly)
    # Fixed margins: tight_layout measures every label and costs more than the drawing.
    figure.subplots_adjust(
        left=0.13, right=0.97, bottom=0.3 / len(panels), top=1 - 0.35 / len(panels), hspace=0.55
    )
    buffer = io.BytesIO()
    # Fast compression: a chart PNG is small anyway; level 9 doubles the time for 10 %.
    figure.savefig(buffer, format="png", dpi=DPI, pil_kwargs={"compress_level": 3})
    return buffer.getvalue()


def _draw(t: Translator, axes, panel: Panel, *, weekly: bool) -> None:  # noqa: ANN001
    xs = list(range(len(panel.points)))
    ys = [float(v) for _, v in panel.points]
    colour = OKABE_ITO[list(Metric).index(panel.metric) % len(OKABE_ITO)]
    if panel.shape is Shape.LINE:
        axes.plot(xs, ys, color=colour, linewidth=2.5, marker="o", markersize=6)
    else:
        axes.bar(xs, ys, color=colour)
    if panel.target is not None:
        axes.axhline(
            float(panel.target),
            color=TARGET_COLOUR,
            linestyle="--",
            linewidth=1.5,
            label=t.gettext("Target: {value}").format(
                value=_value(t, panel.metric, float(panel.target))
            ),
        )
        axes.legend(loc="best", fontsize=FONT_SIZE - 2, frameon=False)
    axes.set_title(title(t, panel, weekly=weekly), fontsize=FONT_SIZE + 1, loc="left")
    names = [_x_label(t, panel.metric, x) for x, _ in panel.points]
    step = max(1, len(names) // 6)  # a phone shows about six labels across
    axes.set_xticks(xs[::step], names[::step], fontsize=FONT_SIZE - 2)
    axes.yaxis.set_major_formatter(
        FuncFormatter(lambda value, _pos: _value(t, panel.metric, value))
    )
    axes.tick_params(axis="y", labelsize=FONT_SIZE - 2)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.grid(axis="y", alpha=0.3)


def thin_note(t: Translator, chart: Chart, *, weekly: bool = False) -> str | None:
    """Why panels are missing: fewer than MIN_POINTS points (one line for all of them)."""
    thin = chart.thin
    if not thin:
        return None
    names = ", ".join(title(t, panel, weekly=weekly) for panel in thin)
    return t.gettext(
        "Not drawn yet, too few data points (a trend needs at least {n}): {charts}."
    ).format(n=MIN_POINTS, charts=names)
