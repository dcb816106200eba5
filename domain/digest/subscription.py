"""The subscription grammar (`/creator digest subscribe [#channel] [weekday] [HH:MM] [nl|en]`),
in Dutch and English, and a channel's default schedule."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import time

# issue: a channel's digest defaults to Monday 09:00 in the team's time zone.
DEFAULT_WEEKDAY = 0
DEFAULT_TIME = time(9, 0)

# -- the subscription grammar ------------------------------------------------------------------
WEEKDAYS: Mapping[str, int] = {
    **dict.fromkeys(("monday", "mon", "maandag", "ma"), 0),
    **dict.fromkeys(("tuesday", "tue", "tues", "dinsdag", "di"), 1),
    **dict.fromkeys(("wednesday", "wed", "woensdag", "wo"), 2),
    **dict.fromkeys(("thursday", "thu", "thur", "thurs", "donderdag", "do"), 3),
    **dict.fromkeys(("friday", "fri", "vrijdag", "vr"), 4),
    **dict.fromkeys(("saturday", "sat", "zaterdag", "za"), 5),
    **dict.fromkeys(("sunday", "sun", "zondag", "zo"), 6),
}
LANGUAGE_WORDS: Mapping[str, str] = {
    **dict.fromkeys(("nl", "dutch", "nederlands"), "nl"),
    **dict.fromkeys(("en", "english", "engels"), "en"),
}
_TIME = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$", re.ASCII)
_CHANNEL_LINK = re.compile(r"^<#([CG][A-Z0-9]{2,})(?:\|([^>]*))?>$")
_CHANNEL_ID = re.compile(r"^[CGD][A-Z0-9]{8,}$")
_CHANNEL_NAME = re.compile(r"^#([a-z0-9][a-z0-9._\-]{0,79})$")


@dataclass(frozen=True)
class SubscribeArgs:
    channel_id: str | None = None  # None: by name, or this channel
    channel_name: str | None = None  # a `#name` to look up
    weekday: int | None = None
    at: time | None = None
    locale: str | None = None


@dataclass(frozen=True)
class GrammarError:
    code: str  # "unknown_word" or "twice"
    word: str


def parse_subscribe(text: str) -> SubscribeArgs | GrammarError:
    """`[#channel] [weekday] [HH:MM] [nl|en]` in any order; each at most once."""
    found: dict[str, object] = {}

    def put(key: str, value: object, word: str) -> GrammarError | None:
        if key in found:
            return GrammarError("twice", word)
        found[key] = value
        return None

    for word in text.split():
        lower = word.lower()
        if link := _CHANNEL_LINK.match(word):
            error = put("channel_id", link.group(1), word)
        elif _CHANNEL_ID.match(word):
            error = put("channel_id", word, word)
        elif name := _CHANNEL_NAME.match(lower):
            error = put("channel_name", name.group(1), word)
        elif lower in WEEKDAYS:
            error = put("weekday", WEEKDAYS[lower], word)
        elif clock := _TIME.match(lower):
            error = put("at", time(int(clock.group(1)), int(clock.group(2))), word)
        elif lower in LANGUAGE_WORDS:
            error = put("locale", LANGUAGE_WORDS[lower], word)
        else:
            error = GrammarError("unknown_word", word)
        if error is not None:
            return error
    if "channel_id" in found and "channel_name" in found:
        return GrammarError("twice", str(found["channel_name"]))
    return SubscribeArgs(**found)  # type: ignore[arg-type]


def parse_local_time(text: str) -> time:
    """A stored "HH:MM" as a time."""
    hours, _, minutes = text.partition(":")
    return time(int(hours), int(minutes))
