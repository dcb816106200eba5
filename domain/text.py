"""Characters people cannot see or type on purpose: what the input boundary refuses or drops.

Refused (or, where the person never sees the text again, stripped):
- every control character (Unicode category Cc: NUL, ESC, DEL, C1 controls ...), except
  newline, carriage return and tab where a field holds several lines: PostgreSQL refuses NUL
  outright, and the rest garble logs, CSV exports and Slack's rendering;
- lone surrogates (Cs): not text at all, no UTF-8 encoding exists for them;
- the bidirectional embeddings, overrides and isolates (U+202A-202E, U+2066-2069): they make
  a name read differently from what it is ("Trojan Source" spoofing);
- the line and paragraph separators (U+2028, U+2029): invisible line breaks in a one-line name.

Deliberately allowed, although Unicode files them as format characters (Cf): the zero-width
joiner and non-joiner (emoji sequences like a family, Persian and Indic scripts need them),
the left-to-right / right-to-left marks (ordinary punctuation in right-to-left text) and the
soft hyphen. They change no meaning a reader is shown.
"""

from __future__ import annotations

import re
import unicodedata

_BIDI_CONTROLS = frozenset(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))
_SEPARATORS = frozenset({"\u2028", "\u2029"})
LINE_BREAKS = frozenset({"\n", "\r", "\t"})


def is_invisible(char: str, *, multiline: bool = False) -> bool:
    """Whether `char` is one the input boundary refuses (see the module's docstring)."""
    if multiline and char in LINE_BREAKS:
        return False
    if char in _BIDI_CONTROLS or char in _SEPARATORS:
        return True
    return unicodedata.category(char) in ("Cc", "Cs")


# The same set as a character class, for a fast scan of long texts (a regex walks the string
# in C; the per-character category look-up is the exact rule above and decides the rest).
_SUSPECT = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def control_characters(text: str, *, multiline: bool = False) -> list[str]:
    """The refused characters in `text`, each once, in the order they first appear."""
    found: dict[str, None] = {}
    for match in _SUSPECT.finditer(text):
        char = match.group()
        if is_invisible(char, multiline=multiline):
            found.setdefault(char)
    return list(found)


def strip_invisible(text: str, *, multiline: bool = True) -> str:
    """`text` without the refused characters (for text nobody is asked to correct)."""
    if not _SUSPECT.search(text):
        return text
    return "".join(c for c in text if not is_invisible(c, multiline=multiline))


def code_points(chars: list[str]) -> str:
    """`U+0000, U+202E`: how to name characters a person cannot see."""
    return ", ".join(f"U+{ord(c):04X}" for c in chars)


_ASCII_DIGITS = re.compile(r"[0-9]+", re.ASCII)


def ascii_int(text: str) -> int | None:
    """`text` as a whole number written in ASCII digits ("7", "010"), else None.

    `str.isdigit()` accepts "³" and `int()` accepts "٣": neither is a number a command reads.
    """
    return int(text) if _ASCII_DIGITS.fullmatch(text) else None
