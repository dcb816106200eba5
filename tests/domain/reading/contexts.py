"""Where the reader's tests read: a negotiation thread, and a DM that knows a few names."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from domain.durations import Duration, DurationUnit
from domain.reading import Context, Where

D = Decimal
THREAD_NL = Context(Where.THREAD, language="nl")
THREAD_EN = Context(Where.THREAD, language="en")


def days(n: int) -> Duration:
    return Duration(D(n), DurationUnit.DAY)


def weeks(n: int) -> Duration:
    return Duration(D(n), DurationUnit.WEEK)


NAMES = {
    "lisa jansen": "lisaj",
    "lisajansen": "lisaj",
    "lisa de boer": "lisab",
    "lisadeboer": "lisab",
    "zoe de vries": "zoedv",
    "zoedv": "zoedv",
}
DM = Context(
    Where.DM,
    language="nl",
    creators=NAMES,
    brands={"lavazza": "Lavazza"},
    today=date(2026, 12, 4),
)
