"""Durations as CPMs type them ("14d", "2w", "48h", "3m", "14 days", "2 weken", "48 uur").

One grammar for every place that reads a duration: thread replies (`domain.intents`) and the
slash-command grammar (`/exclusivity quote <creator> ... 14d`). A `Duration` keeps the amount
and unit as typed, so a reply can echo "48 uur" rather than "2 days"; `days` converts it with
the units of domain.md's quote model (rule 1: 24 h = 1 day, a week is 7 days, a month 30).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

# domain.md rule 1: hours count as fractions of a day (24 h = 1 day).
HOURS_PER_DAY = Decimal(24)
# domain.md rule 1: a week is 7 days.
DAYS_PER_WEEK = Decimal(7)
# domain.md rule 1: a month is 30 days (the seed's "per 30 days" period).
DAYS_PER_MONTH = Decimal(30)

# default: the largest amount read (4 digits): no window is longer than 9999 units, and a bound
# keeps the pattern linear on hostile input.
MAX_AMOUNT_DIGITS = 4


class DurationUnit(StrEnum):
    """The unit a duration was typed in."""

    HOUR = "hour"
    DAY = "day"
    WEEK = "week"
    MONTH = "month"


_DAYS_PER_UNIT = {
    DurationUnit.DAY: Decimal(1),
    DurationUnit.WEEK: DAYS_PER_WEEK,
    DurationUnit.MONTH: DAYS_PER_MONTH,
}

# Abbreviations only follow a digit ("48h", "48 u"); full words also follow a number word.
_ABBREVIATIONS = {
    DurationUnit.HOUR: ("h", "hr", "hrs", "u"),
    DurationUnit.DAY: ("d",),
    DurationUnit.WEEK: ("w", "wk", "wks"),
    DurationUnit.MONTH: ("m", "mo", "mos", "mnd"),
}
_WORDS = {
    DurationUnit.HOUR: ("hour", "hours", "uur", "uren"),
    # Dutch says a short time warmly: "een weekje", "een paar dagjes", "een maandje".
    DurationUnit.DAY: ("day", "days", "dag", "dagen", "dagje", "dagjes"),
    DurationUnit.WEEK: ("week", "weeks", "weken", "weekje", "weekjes"),
    DurationUnit.MONTH: ("month", "months", "maand", "maanden", "maandje", "maandjes"),
}
_UNIT_BY_TOKEN = {
    token: unit
    for table in (_ABBREVIATIONS, _WORDS)
    for unit, tokens in table.items()
    for token in tokens
}
# "a week", "een maand", "two weeks", "twee weken": the small numbers people spell out.
_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "een": 1,
    "één": 1,
    "two": 2,
    "twee": 2,
    "three": 3,
    "drie": 3,
    "four": 4,
    "vier": 4,
    "six": 6,
    "zes": 6,
}


def _alternation(tokens: Iterable[str]) -> str:
    # Longest first, so that "maanden" is not read as "maand" followed by "en".
    return "|".join(sorted((re.escape(t) for t in tokens), key=len, reverse=True))


_ALL_UNITS = _alternation(_UNIT_BY_TOKEN)
_WORD_UNITS = _alternation(token for tokens in _WORDS.values() for token in tokens)
_NUMBERS = _alternation(_NUMBER_WORDS)

# A pattern to embed in other grammars (compile with re.IGNORECASE). Groups: `amount` + `unit`
# for "14 days" / "48h", or `word` + `word_unit` for "two weeks". A unit never runs on into a
# letter ("14 dagenlang" is no duration). Bounded quantifiers only: linear on any input.
DURATION_PATTERN = (
    rf"(?:(?P<amount>[0-9]{{1,{MAX_AMOUNT_DIGITS}}}(?:[.,][0-9]{{1,2}})?)\s?(?P<unit>{_ALL_UNITS})"
    rf"|(?P<word>{_NUMBERS})\s(?P<word_unit>{_WORD_UNITS}))(?![^\W\d_])"
)
_DURATION_RE = re.compile(DURATION_PATTERN, re.IGNORECASE)


@dataclass(frozen=True)
class Duration:
    """An amount of time in the unit it was typed in (amount >= 0)."""

    amount: Decimal
    unit: DurationUnit

    def __post_init__(self) -> None:
        if not self.amount.is_finite() or self.amount < 0:
            raise ValueError(f"duration amount must be finite and >= 0, got {self.amount}")

    @property
    def days(self) -> Decimal:
        """The duration in days (domain.md rule 1).

        Exact for days, weeks, months and any hour count that is a multiple of 3 (12 h, 36 h,
        48 h ...); other hour counts (5 h = 0.2083...) carry Decimal's 28 significant digits.
        """
        if self.unit is DurationUnit.HOUR:
            return self.amount / HOURS_PER_DAY
        return self.amount * _DAYS_PER_UNIT[self.unit]

    @property
    def hours(self) -> Decimal:
        """The duration in hours, always exact."""
        if self.unit is DurationUnit.HOUR:
            return self.amount
        return self.amount * _DAYS_PER_UNIT[self.unit] * HOURS_PER_DAY


def duration_from_match(match: re.Match[str]) -> Duration:
    """The Duration of a match of a regex that embeds DURATION_PATTERN once."""
    word = match.group("word")
    if word is not None:
        return Duration(
            Decimal(_NUMBER_WORDS[word.lower()]), _UNIT_BY_TOKEN[match["word_unit"].lower()]
        )
    # "1,5 dagen" and "1.5 days" both mean one and a half: a duration has no thousands.
    amount = Decimal(match.group("amount").replace(",", "."))
    return Duration(amount, _UNIT_BY_TOKEN[match.group("unit").lower()])


def parse_duration(text: str) -> Duration | None:
    """The duration that is the whole of `text` ("14d", "2 weken", " 48  UUR "), or None."""
    match = _DURATION_RE.fullmatch(" ".join(text.split()))
    return duration_from_match(match) if match else None
