"""Forgiving name matching: "zoe" finds "Zoë", "@ZoeDV" finds the handle "zoedv"."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

_NOT_WORD = re.compile(r"[^\w]+")
MAX_NAME_LENGTH = 80


def name_key(text: str) -> str:
    """Case, accents, punctuation and a leading "@" ignored; words single-spaced."""
    decomposed = unicodedata.normalize("NFKD", text[: MAX_NAME_LENGTH * 2])
    without_marks = "".join(c for c in decomposed if not unicodedata.combining(c))
    words = _NOT_WORD.sub(" ", without_marks.casefold().replace("_", " ")).split()
    return " ".join(words)[:MAX_NAME_LENGTH]


def handle_key(text: str) -> str:
    """A handle as stored: lower case, no "@", no spaces."""
    return name_key(text).replace(" ", "")


def closest(query: str, candidates: Iterable[str], limit: int = 3) -> list[str]:
    """The candidate keys most like the query (for "did you mean ...?"), best first.

    A query is compared with whole names and with each of their words, so that "zoey"
    suggests "zoe de vries".
    """
    by_word: dict[str, str] = {}
    for candidate in candidates:
        by_word.setdefault(candidate, candidate)
        for word in candidate.split():
            by_word.setdefault(word, candidate)
    matches = difflib.get_close_matches(name_key(query), list(by_word), n=limit * 3, cutoff=0.6)
    return list(dict.fromkeys(by_word[match] for match in matches))[:limit]
