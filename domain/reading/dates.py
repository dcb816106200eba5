"""A date named in a sentence: "12 januari", "Jan 12", "2027-01-12", "12-01-2027", "morgen"."""

from __future__ import annotations

import re
from datetime import date, timedelta

_MONTHS = {
    "januari": 1, "january": 1, "jan": 1,
    "februari": 2, "february": 2, "feb": 2,
    "maart": 3, "march": 3, "mrt": 3, "mar": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "june": 6, "jun": 6,
    "juli": 7, "july": 7, "jul": 7,
    "augustus": 8, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "oktober": 10, "october": 10, "okt": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DAY_MONTH = re.compile(
    rf"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th|e|ste|de)?\.? (?P<m>{_MONTH})\.?"
    r"(?: (?P<y>20\d\d))?\b"
)
_MONTH_DAY = re.compile(
    rf"\b(?P<m>{_MONTH})\.? (?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?:,? (?P<y>20\d\d))?\b"
)
_ISO = re.compile(r"\b(?P<y>20\d\d)-(?P<m>[01]?\d)-(?P<d>[0-3]?\d)\b")
_DMY = re.compile(r"\b(?P<d>[0-3]?\d)[-/](?P<m>[01]?\d)(?:[-/](?P<y>20\d\d))?\b")
_RELATIVE = {
    "vandaag": 0, "today": 0,
    "morgen": 1, "tomorrow": 1,
    "overmorgen": 2,
}  # fmt: skip
_RELATIVE_RE = re.compile(r"\b(?:" + "|".join(sorted(_RELATIVE, key=len, reverse=True)) + r")\b")


def find_date(text: str, today: date | None) -> tuple[date, str] | None:
    """The first date named in the (lower-case) text and its words; a date without a year is
    the next one on or after `today` (no such date without `today`)."""
    for pattern in (_ISO, _DAY_MONTH, _MONTH_DAY, _DMY):
        match = pattern.search(text)
        if match is None:
            continue
        month_text = match["m"]
        month = _MONTHS.get(month_text) if not month_text.isdigit() else int(month_text)
        day = int(match["d"])
        year = int(match["y"]) if match["y"] else None
        found = _make(year, month, day, today)
        if found is not None:
            return found, match.group(0)
        # Written as a date but no date ("2027-13-01"): no later pattern may read a date
        # out of its parts ("13-01" as 13 January).
        text = text[: match.start()] + " " * len(match.group(0)) + text[match.end() :]
    match = _RELATIVE_RE.search(text)
    if match and today is not None:
        return today + timedelta(days=_RELATIVE[match.group(0)]), match.group(0)
    return None


def _make(year: int | None, month: int | None, day: int, today: date | None) -> date | None:
    if month is None:
        return None
    try:
        if year is not None:
            return date(year, month, day)
        if today is None:
            return None
        found = date(today.year, month, day)
        return found if found >= today else date(today.year + 1, month, day)
    except ValueError:
        return None
