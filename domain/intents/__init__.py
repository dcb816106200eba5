"""Thread replies in a negotiation, in Dutch or English, as negotiation moves.

A small deterministic grammar: a reply is a move only when the whole reply (after light
normalisation) is one of the accepted forms, e.g. "make it 14 days", "alleen TikTok", "she asks
400", "akkoord". A sentence that merely contains a keyword or an amount ("we paid €1.200 for the
venue", "cancelled the shoot yesterday", "dealer") is no move, and neither is a question ("2
weeks?"): the bot answers those with what it understands (`UNDERSTOOD`), never with a guess.

Hostile input is refused up front (longer than MAX_INPUT_CHARS) and every pattern is built from
literal alternatives and bounded quantifiers, so matching is linear in the input.

moves.py holds the moves; text.py normalises a reply and reads amounts; terms.py and replies.py hold
the accepted forms of each move; parse.py puts them together. The package names what the handlers
and domain.reading use as `intents.X`.
"""

from domain.intents.moves import (
    MAX_INPUT_CHARS,
    UNDERSTOOD,
    Accept,
    CreatorAsk,
    Intent,
    NarrowContent,
    NarrowPlatforms,
    SetPreWindow,
    SetScope,
    SetWindow,
    Together,
    Withdraw,
)
from domain.intents.parse import parse_intent
from domain.intents.terms import CONTENT_TOKENS, PLATFORM_TOKENS
from domain.intents.text import parse_amount

__all__ = [
    "CONTENT_TOKENS",
    "MAX_INPUT_CHARS",
    "PLATFORM_TOKENS",
    "UNDERSTOOD",
    "Accept",
    "CreatorAsk",
    "Intent",
    "NarrowContent",
    "NarrowPlatforms",
    "SetPreWindow",
    "SetScope",
    "SetWindow",
    "Together",
    "Withdraw",
    "parse_amount",
    "parse_intent",
]
