"""Agreed windows: a line per window for the list, and the answer to a check."""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from typing import Any

from domain.negotiation import Terms
from domain.windows import WindowFacts
from handlers.blocks.common import ephemeral, escape, mrkdwn_section, packed_sections
from handlers.blocks.exclusivity.terms import SCOPE, terms_text
from locales import Translator

# Escaped names can make a line long: the list shows this many windows at most.
MAX_LISTED = 40


def window_line(
    t: Translator,
    creator: str,
    brand: str,
    terms: Terms,
    starts_at: datetime,
    ends_at: datetime,
    status: str,
) -> str:
    line = t.gettext("*{creator}* · {brand}: {terms}, {start} – {end}").format(
        creator=escape(creator),
        brand=escape(brand),
        terms=escape(terms_text(t, terms)),
        start=t.datetime(starts_at, "d MMM HH:mm"),
        end=t.datetime(ends_at, "d MMM HH:mm"),
    )
    if status == "awaiting_approval":
        line += " " + t.gettext("(awaiting approval)")
    return line


def build_window_list(t: Translator, lines: list[str]) -> dict[str, Any]:
    """`/exclusivity list`: the windows in force now or later, one line each."""
    if not lines:
        return ephemeral(t.gettext("No exclusivity windows now or coming up."))
    # As many sections as the lines need.
    sections = [mrkdwn_section(t.gettext("*Exclusivity windows*"))]
    sections += packed_sections(lines[:MAX_LISTED], "windows")
    return ephemeral(t.gettext("Exclusivity windows"), sections)


def build_check_answer(
    t: Translator,
    creator: str,
    day: date,
    hits: list[WindowFacts],
    zone: tzinfo,
    *,
    brand_named: bool,
) -> dict[str, Any]:
    """`/exclusivity check`: free, or the windows a sponsored post that day would break
    (with no brand named: every window that holds, since it depends on the brand)."""
    name = escape(creator)
    if not hits:
        text = t.gettext("✅ A sponsored post by {creator} on {date} breaks no exclusivity window.")
        return ephemeral(text.format(creator=name, date=t.date(day)))
    lines = [
        t.gettext("• {brand}: {scope}, until {end}").format(
            brand=escape(hit.brand),
            scope=t.gettext(SCOPE[hit.scope]),
            end=t.datetime(hit.ends_at.astimezone(zone), "d MMM y HH:mm"),
        )
        for hit in hits
    ]
    head = (
        t.gettext("⛔ A sponsored post by {creator} on {date} would break:")
        if brand_named
        else t.gettext(
            "⚠️ On {date}, {creator} is bound by these windows (it depends on the brand):"
        )
    ).format(creator=name, date=t.date(day))
    return ephemeral(head + "\n" + "\n".join(lines))
