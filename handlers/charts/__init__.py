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
from matplotlib.ticker import FuncFormatter, MaxNLocator
from PIL import Image

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
    canvas = FigureCanvasAgg(figure)
    axes_list = figure.subplots(len(panels), 1, squeeze=False)[:, 0]
    for axes, panel in zip(axes_list, panels, strict=True):
        _draw(t, axes, panel, weekly=weekly)
    # Fixed margins: tight_layout measures every label and costs more than the drawing.
    figure.subplots_adjust(
        left=0.13, right=0.97, bottom=0.25 / len(panels), top=1 - 0.2 / len(panels), hspace=0.55
    )
    # Drawn once and encoded by Pillow (matplotlib's own dependency) as RGB with fast
    # compression: savefig draws again and keeps an alpha channel nobody needs, together
    # about a third of the time of a chart.
    canvas.draw()
    width, height = canvas.get_width_height()
    rgba = Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    buffer = io.BytesIO()
    rgba.convert("RGB").save(buffer, format="png", compress_level=1)
    return buffer.getvalue()


def _draw(t: Translator, axes, panel: Panel, *, weekly: bool) -> None:  # noqa: ANN001
    positions = list(range(len(panel.points)))
    values = [float(v) for _, v in panel.points]
    names = [_x_label(t, panel.metric, x) for x, _ in panel.points]
    colour = OKABE_ITO[list(Metric).index(panel.metric) % len(OKABE_ITO)]
    line = panel.shape is Shape.LINE
    value_axis = axes.yaxis if line else axes.xaxis
    if line:
        axes.plot(positions, values, color=colour, linewidth=2.5, marker="o", markersize=6)
        step = -(-len(names) // 6)  # a phone shows about six dates across
        axes.set_xticks(positions[::step], names[::step], fontsize=FONT_SIZE - 2)
    else:
        # Bars lie down, each name written above its bar: long names (brands, stages) stay
        # whole and readable on a narrow screen.
        axes.barh(positions, values, height=0.45, color=colour)
        axes.set_yticks([])
        axes.invert_yaxis()
        for position, name in zip(positions, names, strict=True):
            axes.text(0, position - 0.3, name, fontsize=FONT_SIZE - 2, va="bottom")
        axes.set_ylim(len(positions) - 0.5, -0.9)
    if panel.target is not None:
        target = float(panel.target)
        label = t.gettext("Target: {value}").format(value=_value(t, panel.metric, target))
        # Named on the line itself, not in a legend: no colour to match, and cheaper to draw.
        if line:
            axes.axhline(target, color=TARGET_COLOUR, linestyle="--", linewidth=1.5)
            axes.annotate(
                label,
                xy=(1, target),
                xycoords=("axes fraction", "data"),
                xytext=(0, 4),
                textcoords="offset points",
                ha="right",
                va="bottom",
                fontsize=FONT_SIZE - 2,
            )
        else:
            axes.axvline(target, color=TARGET_COLOUR, linestyle="--", linewidth=1.5)
            axes.annotate(
                label,
                xy=(target, 0),
                xycoords=("data", "axes fraction"),
                xytext=(4, 4),
                textcoords="offset points",
                fontsize=FONT_SIZE - 2,
            )
    axes.set_title(title(t, panel, weekly=weekly), fontsize=FONT_SIZE + 1, loc="left")
    # Four or five values along the scale: enough to read, and each tick costs drawing time.
    value_axis.set_major_locator(MaxNLocator(nbins=4, integer=panel.metric is Metric.STAGES))
    value_axis.set_major_formatter(
        FuncFormatter(lambda value, _pos: _value(t, panel.metric, value))
    )
    axes.tick_params(labelsize=FONT_SIZE - 2)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.grid(axis="y" if line else "x", alpha=0.3)


def thin_note(t: Translator, chart: Chart, *, weekly: bool = False) -> str | None:
    """Why panels are missing: fewer than MIN_POINTS points (one line for all of them)."""
    thin = chart.thin
    if not thin:
        return None
    names = ", ".join(title(t, panel, weekly=weekly) for panel in thin)
    return t.gettext(
        "Not drawn yet, too few data points (a trend needs at least {n}): {charts}."
    ).format(n=MIN_POINTS, charts=names)
