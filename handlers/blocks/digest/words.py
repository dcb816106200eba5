"""The digest's words and small pictures: sparklines, bars, signed changes, weekday and language
names, a red flag's line."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from domain.digest.sections import Digest
from domain.flags import RedFlag
from domain.values import Scope
from handlers.blocks import labels
from handlers.blocks.common import (
    escape,
)
from locales import N_, Translator

SPARK = "▁▂▃▄▅▆▇█"
SPARK_MISSING = "·"
BAR_CELLS = 10
BAR_FULL, BAR_EMPTY = "█", "░"

WEEKDAY = (
    N_("Monday"),
    N_("Tuesday"),
    N_("Wednesday"),
    N_("Thursday"),
    N_("Friday"),
    N_("Saturday"),
    N_("Sunday"),
)
LANGUAGE = {"nl": N_("Dutch"), "en": N_("English")}
SCOPE = {
    Scope.FULL: N_("full exclusivity"),
    Scope.CATEGORY: N_("category exclusivity"),
    Scope.COMPETITORS: N_("exclusivity from competitors"),
}


# -- small pictures ----------------------------------------------------------------------------
def sparkline(values: Sequence[Decimal | None]) -> str:
    """`▁▃▅▇`: each value's height between the series' lowest and highest (· for no value)."""
    known = [v for v in values if v is not None]
    if not known:
        return ""
    low, high = min(known), max(known)
    top = len(SPARK) - 1
    chars = []
    for value in values:
        if value is None:
            chars.append(SPARK_MISSING)
        elif high == low:
            chars.append(SPARK[top // 2])
        else:
            chars.append(SPARK[round((value - low) / (high - low) * top)])
    return "".join(chars)


def bar(percent: Decimal, cells: int = BAR_CELLS) -> str:
    """`██████░░░░` for 60 %: one cell per tenth, rounded half-up."""
    filled = int((max(Decimal(0), min(Decimal(100), percent)) * cells / 100).to_integral_value())
    if filled == 0 and percent > 0:
        filled = 1  # a sliver is not nothing
    return BAR_FULL * filled + BAR_EMPTY * (cells - filled)


def signed(text: str, change: Decimal) -> str:
    return ("+" if change > 0 else "−") + text


def change_text(t: Translator, change: Decimal | None, formatted: Callable[[Decimal], str]) -> str:
    if change is None:
        return t.gettext("new this week")
    if change == 0:
        return t.gettext("unchanged since last week")
    return t.gettext("{change} since last week").format(
        change=signed(formatted(abs(change)), change)
    )


def code(text: str) -> str:
    return f"`{text}`" if text else ""


# -- words ---------------------------------------------------------------------------------
def weekday_name(t: Translator, weekday: int) -> str:
    return t.gettext(WEEKDAY[weekday])


def language_name(t: Translator, locale: str) -> str:
    return t.gettext(LANGUAGE[locale])


def local_time(moment: datetime, timezone: str) -> datetime:
    return moment.astimezone(ZoneInfo(timezone))


def creator_at_brand(name: str, brand: str) -> str:
    return f"*{escape(name)}* · {escape(brand)}"


def digest_title(t: Translator, digest: Digest) -> str:
    return t.gettext("Weekly digest · {date}").format(date=t.date(digest.today))


def flag_text(t: Translator, flag: RedFlag) -> str:
    days = flag.data.get("payment_terms_days", flag.data.get("days_since", ""))
    return t.gettext(labels.FLAG[flag.kind]).format(days=days)
