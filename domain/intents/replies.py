"""The replies that answer an offer, in Dutch and English: the creator's ask, accept, withdraw."""

from __future__ import annotations

import re

from domain.intents.moves import Accept, Builder, Withdraw
from domain.intents.text import AMOUNT_PATTERN, ask_from, compile_ci, words

# --- The creator's ask -------------------------------------------------------------------------

_SUBJECT = words(
    "she",
    "he",
    "they",
    "(?:the )?creator",
    "(?:the )?influencer",
    "(?:her|his|their) (?:agent|manager)",
    "ze",
    "zij",
    "hij",
    "die",
    "(?:de )?creator",
    "(?:de )?maker",
    "(?:de )?influencer",
    "(?:haar|zijn|hun) (?:agent|manager)",
)
_ASKS = words(
    "asks",
    "asks for",
    "is asking",
    "is asking for",
    "are asking",
    "are asking for",
    "wants",
    "want",
    "requests",
    "proposes",
    "quotes",
    "quoted",
    "charges",
    "counters with",
    "countered with",
    "comes back with",
    "came back with",
    "vraagt",
    "vraagt om",
    "vragen",
    "vragen om",
    "wil",
    "wilt",
    "willen",
    "eist",
    "eisen",
    "rekent",
    "rekenen",
)
_ADVERB = words("now", "still", "instead", "nu", "toch", "liever", "nog steeds")
_COUNTER = words(
    "counter",
    "counteroffer",
    "counter-offer",
    "counter offer",
    "counterproposal",
    "counter proposal",
    "(?:her|his|their) ask(?: is)?",
    "tegenbod",
    "tegenvoorstel",
    "tegenaanbod",
    "vraagprijs",
)
_FOR_IT = words(
    "for exclusivity",
    "for the exclusivity",
    "for it",
    "for that",
    "extra",
    "in total",
    "total",
    "voor exclusiviteit",
    "voor de exclusiviteit",
    "ervoor",
    "daarvoor",
    "in totaal",
    "totaal",
)
_ASK_RE = compile_ci(
    rf"(?:{_SUBJECT} (?:{_ADVERB} )?{_ASKS}|{_COUNTER}:?)(?: {_ADVERB})? ?"
    rf"{AMOUNT_PATTERN}(?: {_FOR_IT})?"
)


# --- Accept and withdraw -----------------------------------------------------------------------

_OFFER = r"(?:the|our|her|his|their|this|that) (?:offer|deal|proposal|counter|ask|price)"
_BOD = r"(?:het|ons|dit|dat|de|haar|zijn|hun) (?:aanbod|bod|voorstel|tegenbod|deal|prijs)"
_ACCEPT_RE = compile_ci(
    words(
        "deal",
        "it's a deal",
        "its a deal",
        "done deal",
        "accept",
        "accepted",
        r"(?:we|i) accept",
        rf"(?:we |i )?accept (?:it|that|{_OFFER})",
        "agreed",
        r"(?:we |i )?agree",
        "akkoord",
        r"(?:ik ga|we gaan|wij gaan|gaan|ga) akkoord",
        rf"akkoord met {_BOD}",
        "afgesproken",
        "accepteren",
        "geaccepteerd",
        r"(?:we|wij|ik) accepteren",
        "deal akkoord",
        "akkoord deal",
    )
)
_WITHDRAW_RE = compile_ci(
    words(
        r"(?:we |i )?withdraw",
        rf"(?:we |i )?withdraw {_OFFER}",
        "withdrawn",
        r"(?:we |i )?retract",
        rf"(?:we |i )?retract {_OFFER}",
        rf"pull {_OFFER}",
        "cancel",
        "cancel it",
        rf"cancel {_OFFER}",
        "cancel the negotiation",
        "intrekken",
        rf"{_BOD} intrekken",
        "trek in",
        rf"(?:we |wij )?trek(?:ken)? {_BOD} in",
        "annuleer",
        "annuleren",
        rf"annuleer {_BOD}",
        "annuleer de onderhandeling",
    )
)


REPLIES: tuple[tuple[re.Pattern[str], Builder], ...] = (
    (_ASK_RE, ask_from),
    (_ACCEPT_RE, lambda _: Accept()),
    (_WITHDRAW_RE, lambda _: Withdraw()),
)
