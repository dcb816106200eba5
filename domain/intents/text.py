"""Normalising a reply before it is read, and reading the amounts in it."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from domain.intents.moves import CreatorAsk


def words(*alternatives: str) -> str:
    """A non-capturing alternation of regex fragments, longest first."""
    return "(?:" + "|".join(sorted(alternatives, key=len, reverse=True)) + ")"


def compile_ci(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# --- Normalisation -----------------------------------------------------------------------------

_SLACK_MENTIONS = compile_ci(r"^(?:<[@!#][^<>\s]{1,40}> ?)+")
_INTERJECTION = compile_ci(
    "^"
    + words("ok", "okay", "oké", "oke", "prima", "fine", "alright", "goed", "top")
    + r"[,!]? (?=.)"
)
# "make it 2 weeks please", "alleen TikTok graag": courtesy, not content.
_COURTESY = compile_ci(
    r"(?:,? )"
    + words(
        "please",
        "pls",
        "plz",
        "thanks",
        "thank you",
        "graag",
        "aub",
        r"a\.u\.b",
        "alsjeblieft",
        "alstublieft",
        "dank je",
        "dankjewel",
        "bedankt",
    )
    + "$"
)
QUOTES = "\"'“”«»`"
# Punctuation, dashes ("€ 400,-") and emoji that end many replies carry no meaning. A question
# mark is kept on purpose: a question is not a move. A percent sign is kept: "10%" is no amount.
_TRAILING = ".!,;:-–—…" + QUOTES
_TRAILING_CATEGORIES = frozenset({"So", "Sk"})


def _strip_end_marks(text: str) -> str:
    end = len(text)
    while end and (
        text[end - 1] in _TRAILING
        or text[end - 1].isspace()
        or unicodedata.category(text[end - 1]) in _TRAILING_CATEGORIES
    ):
        end -= 1
    return text[:end]


def normalise(text: str) -> str:
    """One line, single spaces: no control characters, mentions, courtesy or end marks."""
    # Control and format characters (zero-width ones included) become spaces.
    cleaned = "".join(
        " " if unicodedata.category(char).startswith("C") else char
        for char in unicodedata.normalize("NFKC", text)
    )
    cleaned = " ".join(cleaned.replace("’", "'").replace("‘", "'").split())
    cleaned = cleaned.replace(" ,", ",").replace(" :", ":")
    cleaned = _SLACK_MENTIONS.sub("", cleaned).lstrip(QUOTES + " ")
    cleaned = _strip_end_marks(_COURTESY.sub("", _strip_end_marks(cleaned), count=1))
    return _INTERJECTION.sub("", cleaned, count=1)


# --- Amounts -----------------------------------------------------------------------------------

_CURRENCY_SIGNS = {"€": "EUR", "$": "USD", "£": "GBP"}
_CURRENCY_WORDS = {
    "eur": "EUR",
    "euro": "EUR",
    "euros": "EUR",
    "usd": "USD",
    "dollar": "USD",
    "dollars": "USD",
    "gbp": "GBP",
}
_CURRENCIES = {**_CURRENCY_SIGNS, **_CURRENCY_WORDS}
_CURRENCY = words(*(re.escape(token) for token in _CURRENCIES))
# Groups `before` / `number` / `after`; ",-" is the Dutch "no cents" ("€ 400,-").
AMOUNT_PATTERN = (
    rf"(?:(?P<before>{_CURRENCY}) ?)?(?P<number>[0-9][0-9.,]{{0,14}})(?:,-)?"
    rf"(?: ?(?P<after>{_CURRENCY}))?(?![^\W\d_])"
)
_NUMBER_SHAPE = compile_ci(r"[0-9]+(?:[.,][0-9]+)*")
_GROUPED = compile_ci(r"[0-9]{1,3}(?:[.,][0-9]{3})+")


def parse_amount(token: str) -> Decimal | None:
    """An amount typed the Dutch or the English way, or None when it is ambiguous or malformed.

    "1.200" and "1,200" are 1200 (one separator followed by 3 digits groups thousands);
    "1.200,50" and "1,200.50" are 1200.50 (the last separator of two kinds is the decimal
    one); "1,5" and "1.5" are 1.5.
    """
    if not _NUMBER_SHAPE.fullmatch(token):
        return None
    separators = [char for char in token if char in ".,"]
    if not separators:
        return Decimal(token)
    decimal_mark = separators[-1]
    if len(set(separators)) == 2:
        whole, _, cents = token.rpartition(decimal_mark)
        if separators.count(decimal_mark) > 1 or not _is_grouped(whole) or len(cents) > 2:
            return None
        return Decimal(_digits(whole) + "." + cents)
    if len(separators) > 1:  # "1.200.000": only thousands
        return Decimal(_digits(token)) if _is_grouped(token) else None
    whole, _, fraction = token.partition(decimal_mark)
    if len(fraction) == 3:  # "1.200", "1,200": thousands
        return Decimal(whole + fraction) if _is_grouped(token) else None
    if len(fraction) <= 2:  # "1,5", "12.50": a decimal mark
        return Decimal(whole + "." + fraction)
    return None


def _is_grouped(token: str) -> bool:
    return bool(_GROUPED.fullmatch(token)) and not token.startswith("0")


def _digits(token: str) -> str:
    return token.replace(".", "").replace(",", "")


def ask_from(match: re.Match[str]) -> CreatorAsk | None:
    amount = parse_amount(match["number"])
    if amount is None or amount <= 0:
        return None
    before, after = match["before"], match["after"]
    if before and after and _CURRENCIES[before.lower()] != _CURRENCIES[after.lower()]:
        return None  # "€400 usd": contradictory
    currency = before or after
    return CreatorAsk(amount, _CURRENCIES[currency.lower()] if currency else None)
