"""The proposals about terms, in Dutch and English: window, platforms, content, scope."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TypeVar

from domain.durations import DURATION_PATTERN, duration_from_match
from domain.intents.moves import (
    MAX_COMPETITOR_CHARS,
    MAX_COMPETITOR_WORDS,
    MAX_COMPETITORS,
    Builder,
    NarrowContent,
    NarrowPlatforms,
    SetPreWindow,
    SetScope,
    SetWindow,
)
from domain.intents.text import QUOTES, compile_ci, words
from domain.values import ContentType, Platform, Scope

T = TypeVar("T")


# --- Vocabulary --------------------------------------------------------------------------------

PLATFORM_TOKENS = {
    "instagram": Platform.INSTAGRAM,
    "insta": Platform.INSTAGRAM,
    "ig": Platform.INSTAGRAM,
    "tiktok": Platform.TIKTOK,
    "tik tok": Platform.TIKTOK,
    "tik-tok": Platform.TIKTOK,
    "youtube": Platform.YOUTUBE,
    "you tube": Platform.YOUTUBE,
    "yt": Platform.YOUTUBE,
}
CONTENT_TOKENS = {
    "stories": ContentType.STORIES,
    "story": ContentType.STORIES,
    "feed posts": ContentType.POSTS,
    "feedposts": ContentType.POSTS,
    "posts": ContentType.POSTS,
    "post": ContentType.POSTS,
    "reels": ContentType.REELS,
    "reel": ContentType.REELS,
    "videos": ContentType.VIDEOS,
    "video's": ContentType.VIDEOS,
    "video": ContentType.VIDEOS,
    "shorts": ContentType.SHORTS,
    "short": ContentType.SHORTS,
}
# "instagram, tiktok and youtube", "instagram/youtube", "instagram en youtube".
_SEPARATOR = r"(?:,(?: and| en)? ?| (?:and|en|&|\+) | ?/ ?)"
_ONLY = words("only", "just", "exclusively", "solely", "alleen", "enkel", "uitsluitend", "slechts")
_ONLY_AFTER = words("only", "alleen")
_EXCLUSIVITY = words("exclusivity", "exclusive", "exclusiviteit", "exclusief")


def _token_list(tokens: Mapping[str, object]) -> str:
    token = words(*(re.escape(t) for t in tokens))
    return rf"(?P<items>{token}(?:{_SEPARATOR}{token}){{0,9}})"


def _narrowing(tokens: Mapping[str, object]) -> re.Pattern[str]:
    """The narrowing forms: "only X, Y", "alleen op X en Y", "X only" (+ "exclusivity")."""
    # The "only" comes first or last, never neither: a bare "TikTok" is no move.
    return compile_ci(
        rf"(?P<only>{_ONLY}(?: on| op| for| voor)? )?{_token_list(tokens)}"
        rf"(?(only)|(?: {_ONLY_AFTER}))(?: {_EXCLUSIVITY})?"
    )


def _token_finder(tokens: Mapping[str, object]) -> re.Pattern[str]:
    return compile_ci(r"(?<![\w'])" + words(*(re.escape(t) for t in tokens)) + r"(?![\w'])")


def _found(text: str, finder: re.Pattern[str], tokens: Mapping[str, T]) -> frozenset[T]:
    return frozenset(tokens[found.group(0).lower()] for found in finder.finditer(text))


_PLATFORMS_RE = _narrowing(PLATFORM_TOKENS)
_PLATFORM_FINDER = _token_finder(PLATFORM_TOKENS)
_CONTENT_RE = _narrowing(CONTENT_TOKENS)
_CONTENT_FINDER = _token_finder(CONTENT_TOKENS)


def _platforms_from(match: re.Match[str]) -> NarrowPlatforms:
    return NarrowPlatforms(_found(match["items"], _PLATFORM_FINDER, PLATFORM_TOKENS))


def _content_from(match: re.Match[str]) -> NarrowContent:
    return NarrowContent(_found(match["items"], _CONTENT_FINDER, CONTENT_TOKENS))


# --- Scope -------------------------------------------------------------------------------------

_FULL_RE = compile_ci(
    words("full", "total", "complete", "volledige", "volle", "totale", "complete")
    + " "
    + words("exclusivity", "exclusiviteit")
    + "|"
    + words("fully exclusive", "volledig exclusief", "totaal exclusief")
)
_CATEGORY_RE = compile_ci(
    words(
        "category exclusivity",
        "category only",
        r"(?:only|just) (?:the )?category",
        r"categorie[- ]?exclusiviteit",
        r"(?:alleen|enkel) (?:de )?categorie",
    )
)
# "just competitors Nike, Adidas", "competitor list: Nike and Adidas", "alleen concurrenten
# Nike, Adidas", "competitors only" (the names follow later).
_COMPETITORS_RE = compile_ci(
    words(
        r"(?:only|just) (?:the |named |a list of )?competitors?(?: list)?",
        r"competitors? only",
        r"(?:a |the )?competitor list",
        r"(?:alleen|enkel) (?:de |met )?(?:genoemde )?concurrenten",
        r"concurrenten ?lijst",
        r"concurrentenlijst",
    )
    + r"(?::? (?:like |such as |zoals )?(?P<names>[^?]{1,400}))?"
)
_NAME_SEPARATORS = compile_ci(r"\s*(?:[,;/]|\s(?:and|en|&|\+)\s)\s*")
_NAME = compile_ci(r"[\w&'.\-! ]+")


def _competitors_from(match: re.Match[str]) -> SetScope | None:
    """A competitor list with the names as typed; None when a "name" reads like a sentence."""
    if match["names"] is None:
        return SetScope(Scope.COMPETITORS)
    names: list[str] = []
    for raw in _NAME_SEPARATORS.split(match["names"]):
        name = raw.strip(QUOTES + " .")
        if not name:
            continue
        if (
            len(name) > MAX_COMPETITOR_CHARS
            or len(name.split()) > MAX_COMPETITOR_WORDS
            or not _NAME.fullmatch(name)
            or not any(char.isalpha() for char in name)
        ):
            return None
        if name.casefold() not in (known.casefold() for known in names):
            names.append(name)
    if not names or len(names) > MAX_COMPETITORS:
        return None
    return SetScope(Scope.COMPETITORS, tuple(names))


# --- Window ------------------------------------------------------------------------------------

_LEAD = words(
    "window:?",
    "exclusivity:?",
    "venster:?",
    "exclusiviteit:?",
    "only",
    "just",
    "alleen",
    "enkel",
    "maar",
    "slechts",
)
_GO_LIVE = (
    r"(?:go[- ]?live|livegang|launch|lancering|posting|the post|de post|publication|publicatie)"
)
_AFTER = words(
    "after",
    "afterwards",
    rf"after {_GO_LIVE}",
    "of exclusivity",
    "exclusivity",
    "window",
    "instead",
    "then",
    "erna",
    "daarna",
    rf"na {_GO_LIVE}",
    "exclusiviteit",
    "dan",
)
_BEFORE = words(
    "before",
    "beforehand",
    "in advance",
    "prior",
    rf"before {_GO_LIVE}",
    "ervoor",
    "daarvoor",
    "vooraf",
    "van tevoren",
    rf"voor {_GO_LIVE}",
)
_BOTH = words(
    "before and after",
    rf"before and after {_GO_LIVE}",
    "either side",
    "on either side",
    "voor en na",
    rf"voor en na {_GO_LIVE}",
    "ervoor en erna",
)
_BOTH_RE = compile_ci(rf"(?:{_LEAD} )?{DURATION_PATTERN} {_BOTH}")
_PRE_RE = compile_ci(rf"(?:(?:and|plus|en|\+) )?(?:{_LEAD} )?{DURATION_PATTERN} {_BEFORE}")
_WINDOW_RE = compile_ci(rf"(?:{_LEAD} )?{DURATION_PATTERN}(?: {_AFTER})?")


def _both_from(match: re.Match[str]) -> SetWindow:
    duration = duration_from_match(match)
    return SetWindow(after=duration, before=duration)


def _pre_from(match: re.Match[str]) -> SetPreWindow:
    return SetPreWindow(duration_from_match(match))


def _window_from(match: re.Match[str]) -> SetWindow:
    return SetWindow(duration_from_match(match))


# --- Putting it together -----------------------------------------------------------------------

# A proposal may be wrapped: "make it 14 days", "let's do only TikTok", "maak er 14 dagen van".
PROPOSAL_PREFIX = compile_ci(
    words(
        "make it",
        "make that",
        "let's do",
        "lets do",
        "let's make it",
        "let's go with",
        "let's say",
        "go with",
        "go for",
        "we'll do",
        "we can do",
        "we propose",
        "we offer",
        "change it to",
        "change that to",
        "change the window to",
        "switch to",
        "maak het",
        "laten we",
        "doe maar",
        "we doen",
        "we gaan voor",
        "ga voor",
        "we bieden",
        "we stellen voor",
        "wordt",
    )
    + r":? (?P<rest>.+)"
)
MAAK_ER_VAN = compile_ci(r"maak (?:er|het) (?P<rest>.+) van")

# Tried in order; the first accepted form wins. Pre-window and both-sides forms come before
# the plain window, whose duration would otherwise stop short of "before".
PROPOSALS: tuple[tuple[re.Pattern[str], Builder], ...] = (
    (_BOTH_RE, _both_from),
    (_PRE_RE, _pre_from),
    (_WINDOW_RE, _window_from),
    (_PLATFORMS_RE, _platforms_from),
    (_CONTENT_RE, _content_from),
    (_FULL_RE, lambda _: SetScope(Scope.FULL)),
    (_CATEGORY_RE, lambda _: SetScope(Scope.CATEGORY)),
    (_COMPETITORS_RE, _competitors_from),
)
