"""Slots of exclusivity terms found anywhere in a sentence: windows, platforms, content, scope.

Used both by negotiation replies ("kan het ook met 10 dagen?") and by a quote asked for in a
DM ("offerte voor Lisa, drie weken alleen stories"). Each finder returns the slot and the words
it came from, or nothing; the callers decide whether the words make a move.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from domain import intents
from domain.durations import DURATION_PATTERN, Duration, duration_from_match
from domain.reading.text import like
from domain.values import ContentType, Platform, Scope

_DURATION = re.compile(DURATION_PATTERN, re.IGNORECASE)
# A duration that is about something else: when, how long ago, how often, how long a task takes.
_TIME_BEFORE = re.compile(
    r"(?:\b(?:in|over|binnen|within|since|sinds|per|every|elke|iedere|each|last|vorige|"
    r"afgelopen|past|next|volgende|komende|coming|om|at|for the last|al|already|nog)\s*"
    r"|\b(?:stories|story|posts?|reels?|videos?|keer|times|x)\s+)$"
)
_TIME_AFTER = re.compile(
    r"^\s*(?:ago|geleden|lang|from now|vanaf nu|later|te laat|late|de tijd|the time|"
    r"to (?:edit|shoot|film|deliver|post|think|decide|respond|reply)|om te|nodig|needed|"
    r"vakantie|holiday|vacation|off|vrij|weg|away)\b"
)
_BOTH_AFTER = re.compile(
    r"^\s*(?:before and after|either side|on either side|voor en na|ervoor en erna|"
    r"aan beide kanten|both sides)\b"
)
_PRE_AFTER = re.compile(
    # "4 dagen voor en 2 weken na": the first duration is the one before go-live.
    r"^\s*(?:before(?=\s+and\b)|voor(?=\s+en\b)|"
    r"before|beforehand|in advance|prior|ervoor|daarvoor|vooraf|van tevoren|"
    r"voor (?:de )?(?:go[- ]?live|livegang|lancering|launch|post|publicatie))\b"
)

# The words of the strict grammar (domain.intents), one word each: free text is read word by
# word, typos forgiven. "short" stays out: one letter from "shoot" ("in 3 weeks we shoot").
PLATFORM_WORDS = {
    **{word: p for word, p in intents.PLATFORM_TOKENS.items() if word.isalpha()},
    "tt": Platform.TIKTOK,
}
CONTENT_WORDS = {
    **{w: c for w, c in intents.CONTENT_TOKENS.items() if " " not in w and w != "short"},
    "storys": ContentType.STORIES,
}
ONLY_WORDS = frozenset(
    "only just alleen enkel uitsluitend slechts exclusively solely puur beperken beperkt "
    "limit restrict".split()
)
NEGATIONS = frozenset(
    "not no geen niet never nooit without zonder don't dont isn't doesn't niks nothing".split()
)
_FULL = re.compile(
    r"\b(?:full|total|complete|volledige?|volle|totale?|complete)\s+(?:exclusivity|exclusiviteit)"
    r"|\b(?:fully|volledig|totaal|helemaal)\s+exclusie?f?\b|\bfully exclusive\b"
)
_CATEGORY = re.compile(r"\bcategor(?:y|ie)(?:[- ]?exclusiviteit| exclusivity| only|\b)")
_COMPETITORS = re.compile(r"\b(?:competitors?|concurrenten|concurrent|concullega's)\b")


@dataclass(frozen=True)
class Found:
    value: object
    words: str
    start: int


def windows(text: str) -> list[tuple[str, Duration, str, int]]:
    """Every duration in the text that reads as an exclusivity window.

    Each as (side, duration, words, position): side "after", "before" or "both". "2 weken
    geleden", "in 3 weeks", "every 2 days", "om 3 uur" and "she needs 2 weeks to edit" are
    about something else and left out.
    """
    found = []
    for match in _DURATION.finditer(text):
        before_text = text[max(0, match.start() - 16) : match.start()]
        after_text = text[match.end() : match.end() + 40]
        if _TIME_BEFORE.search(before_text) or _TIME_AFTER.match(after_text):
            continue
        duration = duration_from_match(match)
        if duration.amount <= 0:
            continue
        side = "after"
        both = _BOTH_AFTER.match(after_text)
        pre = _PRE_AFTER.match(after_text)
        words = match.group(0)
        if both:
            side, words = "both", words + both.group(0)
        elif pre:
            side, words = "before", words + pre.group(0)
        found.append((side, duration, words, match.start()))
    return found


def _typed_tokens(typed: list[str], table: dict[str, object]) -> list[tuple[int, object]]:
    hits = []
    for i, word in enumerate(typed):
        for key, value in table.items():
            if like(word, key):
                hits.append((i, value))
                break
    return hits


def platforms(typed: list[str]) -> list[tuple[int, Platform]]:
    """(word index, platform) for each platform named ("tik tok" counts as one)."""
    joined = []
    skip = False
    for i, word in enumerate(typed):
        if skip:
            skip = False
            joined.append("")
            continue
        if i + 1 < len(typed) and (word, typed[i + 1]) in (("tik", "tok"), ("you", "tube")):
            joined.append(word + typed[i + 1])
            skip = True
        else:
            joined.append(word)
    return _typed_tokens(joined, PLATFORM_WORDS)  # type: ignore[arg-type]


def content_types(typed: list[str]) -> list[tuple[int, ContentType]]:
    """(word index, content type) for each content type named, but not a count ("14 posts")."""
    hits = _typed_tokens(typed, CONTENT_WORDS)
    return [(i, c) for i, c in hits if not (i and typed[i - 1].replace(".", "").isdigit())]


def scope(text: str) -> tuple[Scope, str] | None:
    """Full or category scope named anywhere ("volledige exclusiviteit", "category only")."""
    match = _FULL.search(text)
    if match:
        return Scope.FULL, match.group(0)
    match = _CATEGORY.search(text)
    if match:
        return Scope.CATEGORY, match.group(0)
    return None


def mentions_competitors(text: str) -> bool:
    return _COMPETITORS.search(text) is not None


def negated(typed: list[str], index: int, reach: int = 3) -> bool:
    """Whether a negation stands within `reach` words before word `index`."""
    return any(word in NEGATIONS for word in typed[max(0, index - reach) : index])


def has_only(typed: list[str]) -> bool:
    return any(word in ONLY_WORDS for word in typed)
