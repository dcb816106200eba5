"""The grammar of `/exclusivity quote` (Dutch words are equivalent to the English ones):

quote <creator> [full|category|competitors a,b] [<n>h|<n>d|<n>w|<n>m | <n> days ...]
      [before <duration>] [on instagram,tiktok] [only stories|posts|...]
      [brand <name>] [golive <date>]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from domain.durations import Duration, parse_duration
from domain.values import ContentType, Platform, Scope

MAX_ARGUMENT_CHARS = 500

SCOPE_WORDS = {
    "full": Scope.FULL,
    "volledig": Scope.FULL,
    "volledige": Scope.FULL,
    "category": Scope.CATEGORY,
    "categorie": Scope.CATEGORY,
    "competitors": Scope.COMPETITORS,
    "concurrenten": Scope.COMPETITORS,
}
BEFORE_WORDS = ("before", "voor", "vooraf")
PLATFORM_WORDS = ("on", "op")
ONLY_WORDS = ("only", "alleen")
BRAND_WORDS = ("brand", "merk")
GOLIVE_WORDS = ("golive", "go-live")
KEYWORDS = (
    set(SCOPE_WORDS)
    | set(BEFORE_WORDS)
    | set(PLATFORM_WORDS)
    | set(ONLY_WORDS)
    | set(BRAND_WORDS)
    | set(GOLIVE_WORDS)
)
CONTENT_WORDS = {
    "stories": ContentType.STORIES,
    "story": ContentType.STORIES,
    "posts": ContentType.POSTS,
    "post": ContentType.POSTS,
    "reels": ContentType.REELS,
    "reel": ContentType.REELS,
    "videos": ContentType.VIDEOS,
    "video": ContentType.VIDEOS,
    "shorts": ContentType.SHORTS,
    "short": ContentType.SHORTS,
}
_NEGATIVE = re.compile(r"^-\d")


@dataclass(frozen=True)
class QuoteArgs:
    creator: str
    scope: Scope | None = None
    competitors: tuple[str, ...] = ()
    after: Duration | None = None
    before: Duration | None = None
    platforms: frozenset[Platform] | None = None
    content_types: frozenset[ContentType] | None = None
    brand: str | None = None
    golive: date | None = None


@dataclass(frozen=True)
class GrammarError:
    """Why the text is not a quote command: a code and its figures."""

    code: str  # missing_creator, negative_window, bad_duration, unknown_platform, ...
    figures: dict[str, str] = field(default_factory=dict)


# The dates a command reads: any plan or check falls well inside, and a window of the longest
# duration (9999 months) added to the last of them still fits in Python's dates.
FIRST_DATE = date(1900, 1, 1)
LAST_DATE = date(2999, 12, 31)
_DATE_SHAPES = (
    (re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII), "%Y-%m-%d"),
    (re.compile(r"[0-9]{2}-[0-9]{2}-[0-9]{4}", re.ASCII), "%d-%m-%Y"),
)


def in_date_range(day: date) -> bool:
    return FIRST_DATE <= day <= LAST_DATE


def parse_date(text: str) -> date | None:
    """`2026-12-01` or `01-12-2026`, in ASCII digits and between FIRST_DATE and LAST_DATE."""
    for shape, pattern in _DATE_SHAPES:
        if not shape.fullmatch(text):
            continue
        try:
            day = datetime.strptime(text, pattern).date()
        except ValueError:
            return None
        return day if in_date_range(day) else None
    return None


def _duration_at(words: list[str], i: int) -> tuple[Duration | None, int]:
    """A duration starting at word i ("14d" or "14 days"), and how many words it took."""
    if i + 1 < len(words):
        two = parse_duration(f"{words[i]} {words[i + 1]}")
        if two is not None:
            return two, 2
    return parse_duration(words[i]), 1


def _until_keyword(words: list[str], i: int) -> tuple[list[str], int]:
    taken: list[str] = []
    while i < len(words) and words[i].lower() not in KEYWORDS:
        if _duration_at(words, i)[0] is not None or _NEGATIVE.match(words[i]):
            break
        taken.append(words[i])
        i += 1
    return taken, i


def parse_quote_args(text: str) -> QuoteArgs | GrammarError:
    """The arguments of `/exclusivity quote` (the word "quote" already removed)."""
    if len(text) > MAX_ARGUMENT_CHARS:
        return GrammarError("too_long")
    words = text.split()
    creator_words, i = _until_keyword(words, 0)
    if not creator_words:
        return GrammarError("missing_creator")
    values: dict = {"creator": " ".join(creator_words)}
    while i < len(words):
        word = words[i].lower()
        if _NEGATIVE.match(word):
            return GrammarError("negative_window", {"value": words[i][:20]})
        if word in SCOPE_WORDS:
            values["scope"] = SCOPE_WORDS[word]
            i += 1
            if values["scope"] is Scope.COMPETITORS:
                names, i = _until_keyword(words, i)
                values["competitors"] = tuple(
                    name.strip() for name in " ".join(names).split(",") if name.strip()
                )
            elif i < len(words) and words[i].lower() in ("exclusivity", "exclusiviteit"):
                i += 1
            continue
        if word in BEFORE_WORDS:
            duration, used = _duration_at(words, i + 1) if i + 1 < len(words) else (None, 0)
            if duration is None:
                return GrammarError("bad_duration", {"value": " ".join(words[i : i + 2])[:30]})
            values["before"] = duration
            i += 1 + used
            continue
        if word in PLATFORM_WORDS:
            names, i = _list_after(words, i + 1)
            if not names:
                return GrammarError("missing_platform")
            platforms = set()
            for name in names:
                if name not in {p.value for p in Platform}:
                    return GrammarError("unknown_platform", {"platform": name[:20]})
                platforms.add(Platform(name))
            values["platforms"] = frozenset(platforms)
            continue
        if word in ONLY_WORDS:
            names, i = _list_after(words, i + 1)
            if not names:
                return GrammarError("missing_content")
            kinds = set()
            for name in names:
                if name not in CONTENT_WORDS:
                    return GrammarError("unknown_content", {"content": name[:20]})
                kinds.add(CONTENT_WORDS[name])
            values["content_types"] = frozenset(kinds)
            continue
        if word in BRAND_WORDS:
            names, i = _until_keyword(words, i + 1)
            if not names:
                return GrammarError("missing_brand")
            values["brand"] = " ".join(names)
            continue
        if word in GOLIVE_WORDS:
            golive = parse_date(words[i + 1]) if i + 1 < len(words) else None
            if golive is None:
                return GrammarError("bad_date", {"value": " ".join(words[i + 1 : i + 2])[:20]})
            values["golive"] = golive
            i += 2
            continue
        duration, used = _duration_at(words, i)
        if duration is not None:
            values["after"] = duration
            i += used
            continue
        return GrammarError("unexpected", {"word": words[i][:30]})
    if values.get("scope") is Scope.COMPETITORS and not values.get("competitors"):
        return GrammarError("missing_competitors")
    return QuoteArgs(**values)


def _list_after(words: list[str], i: int) -> tuple[list[str], int]:
    """`instagram,tiktok` or `instagram, tiktok` or `instagram and tiktok`."""
    taken, end = _until_keyword(words, i)
    joined = " ".join(taken).lower().replace(" and ", ",").replace(" en ", ",")
    return [part.strip() for part in joined.replace(" ", ",").split(",") if part.strip()], end
