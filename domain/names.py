"""Forgiving name matching: "zoe" finds "Zoë", "@ZoeDV" finds the handle "zoe.dv"."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

_NOT_WORD = re.compile(r"[^\w]+")
MAX_NAME_LENGTH = 80
MAX_HANDLE_LENGTH = 64
_HANDLE = re.compile(rf"[\w.]{{2,{MAX_HANDLE_LENGTH}}}")


def name_key(text: str) -> str:
    """Case, accents, punctuation and a leading "@" ignored; words single-spaced."""
    decomposed = unicodedata.normalize("NFKD", text[: MAX_NAME_LENGTH * 2])
    without_marks = "".join(c for c in decomposed if not unicodedata.combining(c))
    words = _NOT_WORD.sub(" ", without_marks.casefold().replace("_", " ")).split()
    return " ".join(words)[:MAX_NAME_LENGTH]


def handle_of(text: str) -> str:
    """A handle as stored and shown: spelled as on the platform ("zoe.dv", "zoe_dv" are other
    accounts than "zoedv"), but lower case (platforms ignore case) and without the "@"."""
    spelled = unicodedata.normalize("NFC", text[: MAX_HANDLE_LENGTH * 4].strip())
    return spelled.removeprefix("@").casefold()


def is_handle(handle: str) -> bool:
    """Whether a handle (as `handle_of` gives it) could be an account's: 2 to 64 letters,
    digits, "_" and "." (what Instagram and TikTok allow)."""
    return _HANDLE.fullmatch(handle) is not None


def handle_key(text: str) -> str:
    """A handle's look-up key: also without accents and punctuation ("@Zoë.DV" -> "zoedv"),
    so that a half-remembered handle still finds the creator."""
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
