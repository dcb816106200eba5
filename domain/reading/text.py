"""A message made readable: one line, lower case, number words as digits, typos forgiven.

Number words go through text2num's `alpha2digit` (Dutch and English); its default threshold
leaves "een"/"one"/"twee" alone, so the article in "een bedrag" never becomes a 1 (the
duration grammar reads "een week" / "two weeks" itself).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from rapidfuzz import fuzz, process
from text_to_num import alpha2digit

# default: a message longer than this is not read at all (nobody types a move that long).
MAX_CHARS = 500
# default: how like a keyword a typed word must be (rapidfuzz ratio, 0-100) to count as it.
TYPO_SCORE = 84
# default: shorter words are matched exactly only (a typo in "ok" is another word).
TYPO_MIN_LENGTH = 5

_MENTION = re.compile(r"<[@!#][^<>\s]{1,40}>")
_LINK = re.compile(r"<(?:https?|mailto):[^<>]{0,200}>")
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")

# Words that tell the languages apart well enough to pick the number words' language.
_DUTCH = frozenset(
    "de het een en van ik je ze zij hij we wij is niet met op voor maar dan kan wat hoe "
    "haar zijn ook nog wel graag alleen doen weken dagen maand maanden".split()
)
_ENGLISH = frozenset(
    "the a an and of i you she he we they is not with on for but then can what how her his "
    "their also still please only do weeks days month months".split()
)
# Counts people spell out that text2num leaves alone.
_EXTRA = (
    (re.compile(r"\b(?:a |one )?fortnight\b"), "2 weeks"),
    (re.compile(r"\b(?:a |one )?dozen\b"), "12"),
    (re.compile(r"\b(?:een )?dozijn\b"), "12"),
    (re.compile(r"\b(?:a |one )?couple of (weeks|days|months|hours)\b"), r"2 \1"),
    (re.compile(r"\b(?:a |an |one )?half (?:a |an )?(week|day|month|hour)\b"), r"0.5 \1"),
    (re.compile(r"\b(?:een )?halve (week|dag|maand)\b"), r"0,5 \1"),
    (re.compile(r"\b(?:an |one )?hour and a half\b"), "1.5 hours"),
    (re.compile(r"\banderhalve (week|dag|maand)\b"), r"1,5 \1"),
    (re.compile(r"\banderhalf uur\b"), "1,5 uur"),
)


def clean(text: str) -> str:
    """One line of single spaces: no control characters, Slack mentions or links."""
    text = unicodedata.normalize("NFKC", text[: MAX_CHARS * 2])
    text = "".join(" " if unicodedata.category(c).startswith("C") else c for c in text)
    text = _LINK.sub(" ", _MENTION.sub(" ", text))
    return " ".join(text.replace("’", "'").replace("‘", "'").split())


def language_of(words: Iterable[str], default: str) -> str:
    """ "nl" or "en": the language more of these words belong to (the default on a tie)."""
    dutch = english = 0
    for word in words:
        dutch += word in _DUTCH
        english += word in _ENGLISH
    if dutch == english:
        return default
    return "nl" if dutch > english else "en"


@lru_cache(maxsize=4096)
def digits(text: str, language: str) -> str:
    """Number words as digits, in `language` ("nl"/"en"), lower case; "a fortnight" -> 2 weeks."""
    lowered = text.lower().replace("eén", "één")  # "Eén week" is "één week" capitalised
    for pattern, replacement in _EXTRA:
        lowered = pattern.sub(replacement, lowered)
    try:
        return alpha2digit(lowered, language)
    except Exception:  # the library refuses some odd inputs: read them without number words
        return lowered


def words(text: str) -> list[str]:
    return _WORD.findall(text)


@lru_cache(maxsize=8192)
def like(word: str, keyword: str) -> bool:
    """Whether a typed word is the keyword, allowing a typo in longer words."""
    if word == keyword:
        return True
    if len(word) < TYPO_MIN_LENGTH or len(keyword) < TYPO_MIN_LENGTH:
        return False
    if abs(len(word) - len(keyword)) > 2 or word[0] != keyword[0]:
        return False
    return fuzz.ratio(word, keyword) >= TYPO_SCORE


def find_keyword(typed: Iterable[str], keywords: Iterable[str]) -> str | None:
    """The first typed word that is (or is a typo of) one of the single-word keywords."""
    keyset = tuple(keywords)
    for word in typed:
        for keyword in keyset:
            if like(word, keyword):
                return keyword
    return None


def best_name(query: str, names: Iterable[str], cutoff: float = TYPO_SCORE) -> list[str]:
    """Names like the query, best first (rapidfuzz WRatio), for a typed creator or brand."""
    return [
        name
        for name, _, _ in process.extract(query, list(names), scorer=fuzz.ratio, limit=5)
        if fuzz.ratio(query, name) >= cutoff
    ]
