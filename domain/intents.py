"""Thread replies in a negotiation, in Dutch or English, as negotiation moves.

A small deterministic grammar: a reply is a move only when the whole reply (after light
normalisation) is one of the accepted forms, e.g. "make it 14 days", "alleen TikTok", "she asks
400", "akkoord". A sentence that merely contains a keyword or an amount ("we paid €1.200 for the
venue", "cancelled the shoot yesterday", "dealer") is no move, and neither is a question ("2
weeks?"): the bot answers those with what it understands (`UNDERSTOOD`), never with a guess.

Hostile input is refused up front (longer than MAX_INPUT_CHARS) and every pattern is built from
literal alternatives and bounded quantifiers, so matching is linear in the input.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar, TypeVar

from domain.durations import DURATION_PATTERN, Duration, duration_from_match
from domain.values import ContentType, Platform, Scope

T = TypeVar("T")

# default: a negotiation move is one short line; anything longer is not parsed at all.
MAX_INPUT_CHARS = 500
# default: at most this many competitors in one reply, each at most a few words long.
MAX_COMPETITORS = 20
MAX_COMPETITOR_CHARS = 40
MAX_COMPETITOR_WORDS = 4


@dataclass(frozen=True)
class SetWindow:
    """The window after go-live becomes `after` (and the pre-window `before`, when given)."""

    code: ClassVar[str] = "window"
    after: Duration
    before: Duration | None = None


@dataclass(frozen=True)
class SetPreWindow:
    """The window before go-live becomes `before`."""

    code: ClassVar[str] = "pre_window"
    before: Duration


@dataclass(frozen=True)
class NarrowPlatforms:
    """The clause covers these platforms only."""

    code: ClassVar[str] = "platforms"
    platforms: frozenset[Platform]


@dataclass(frozen=True)
class NarrowContent:
    """The clause covers these content types only."""

    code: ClassVar[str] = "content"
    content_types: frozenset[ContentType]


@dataclass(frozen=True)
class SetScope:
    """The clause's scope; for a competitor list, the names as typed (possibly none yet)."""

    code: ClassVar[str] = "scope"
    scope: Scope
    competitors: tuple[str, ...] = ()


@dataclass(frozen=True)
class CreatorAsk:
    """The creator asks this amount (currency as an ISO code when typed, else None)."""

    code: ClassVar[str] = "ask"
    amount: Decimal
    currency: str | None = None


@dataclass(frozen=True)
class Accept:
    """The terms on the table are accepted."""

    code: ClassVar[str] = "accept"


@dataclass(frozen=True)
class Withdraw:
    """The brand withdraws its offer."""

    code: ClassVar[str] = "withdraw"


Intent = (
    SetWindow
    | SetPreWindow
    | NarrowPlatforms
    | NarrowContent
    | SetScope
    | CreatorAsk
    | Accept
    | Withdraw
)

# What the parser understands, as codes, for the bot's "I understand: ..." answer.
UNDERSTOOD: tuple[str, ...] = tuple(
    kind.code
    for kind in (
        SetWindow,
        SetPreWindow,
        NarrowPlatforms,
        NarrowContent,
        SetScope,
        CreatorAsk,
        Accept,
        Withdraw,
    )
)


def _words(*alternatives: str) -> str:
    """A non-capturing alternation of regex fragments, longest first."""
    return "(?:" + "|".join(sorted(alternatives, key=len, reverse=True)) + ")"


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# --- Normalisation -----------------------------------------------------------------------------

_SLACK_MENTIONS = _compile(r"^(?:<[@!#][^<>\s]{1,40}> ?)+")
_INTERJECTION = _compile(
    "^"
    + _words("ok", "okay", "oké", "oke", "prima", "fine", "alright", "goed", "top")
    + r"[,!]? (?=.)"
)
# "make it 2 weeks please", "alleen TikTok graag": courtesy, not content.
_COURTESY = _compile(
    r"(?:,? )"
    + _words(
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
_QUOTES = "\"'“”«»`"
# Punctuation, dashes ("€ 400,-") and emoji that end many replies carry no meaning. A question
# mark is kept on purpose: a question is not a move. A percent sign is kept: "10%" is no amount.
_TRAILING = ".!,;:-–—…" + _QUOTES
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


def _normalise(text: str) -> str:
    """One line, single spaces: no control characters, mentions, courtesy or end marks."""
    # Control and format characters (zero-width ones included) become spaces.
    cleaned = "".join(
        " " if unicodedata.category(char).startswith("C") else char
        for char in unicodedata.normalize("NFKC", text)
    )
    cleaned = " ".join(cleaned.replace("’", "'").replace("‘", "'").split())
    cleaned = cleaned.replace(" ,", ",").replace(" :", ":")
    cleaned = _SLACK_MENTIONS.sub("", cleaned).lstrip(_QUOTES + " ")
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
_CURRENCY = _words(*(re.escape(token) for token in _CURRENCIES))
# Groups `before` / `number` / `after`; ",-" is the Dutch "no cents" ("€ 400,-").
_AMOUNT_PATTERN = (
    rf"(?:(?P<before>{_CURRENCY}) ?)?(?P<number>[0-9][0-9.,]{{0,14}})(?:,-)?"
    rf"(?: ?(?P<after>{_CURRENCY}))?(?![^\W\d_])"
)
_NUMBER_SHAPE = _compile(r"[0-9]+(?:[.,][0-9]+)*")
_GROUPED = _compile(r"[0-9]{1,3}(?:[.,][0-9]{3})+")


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


def _ask_from(match: re.Match[str]) -> CreatorAsk | None:
    amount = parse_amount(match["number"])
    if amount is None or amount <= 0:
        return None
    before, after = match["before"], match["after"]
    if before and after and _CURRENCIES[before.lower()] != _CURRENCIES[after.lower()]:
        return None  # "€400 usd": contradictory
    currency = before or after
    return CreatorAsk(amount, _CURRENCIES[currency.lower()] if currency else None)


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
_ONLY = _words("only", "just", "exclusively", "solely", "alleen", "enkel", "uitsluitend", "slechts")
_ONLY_AFTER = _words("only", "alleen")
_EXCLUSIVITY = _words("exclusivity", "exclusive", "exclusiviteit", "exclusief")


def _token_list(tokens: Mapping[str, object]) -> str:
    token = _words(*(re.escape(t) for t in tokens))
    return rf"(?P<items>{token}(?:{_SEPARATOR}{token}){{0,9}})"


def _narrowing(tokens: Mapping[str, object]) -> re.Pattern[str]:
    """The narrowing forms: "only X, Y", "alleen op X en Y", "X only" (+ "exclusivity")."""
    # The "only" comes first or last, never neither: a bare "TikTok" is no move.
    return _compile(
        rf"(?P<only>{_ONLY}(?: on| op| for| voor)? )?{_token_list(tokens)}"
        rf"(?(only)|(?: {_ONLY_AFTER}))(?: {_EXCLUSIVITY})?"
    )


def _token_finder(tokens: Mapping[str, object]) -> re.Pattern[str]:
    return _compile(r"(?<![\w'])" + _words(*(re.escape(t) for t in tokens)) + r"(?![\w'])")


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

_FULL_RE = _compile(
    _words("full", "total", "complete", "volledige", "volle", "totale", "complete")
    + " "
    + _words("exclusivity", "exclusiviteit")
    + "|"
    + _words("fully exclusive", "volledig exclusief", "totaal exclusief")
)
_CATEGORY_RE = _compile(
    _words(
        "category exclusivity",
        "category only",
        r"(?:only|just) (?:the )?category",
        r"categorie[- ]?exclusiviteit",
        r"(?:alleen|enkel) (?:de )?categorie",
    )
)
# "just competitors Nike, Adidas", "competitor list: Nike and Adidas", "alleen concurrenten
# Nike, Adidas", "competitors only" (the names follow later).
_COMPETITORS_RE = _compile(
    _words(
        r"(?:only|just) (?:the |named |a list of )?competitors?(?: list)?",
        r"competitors? only",
        r"(?:a |the )?competitor list",
        r"(?:alleen|enkel) (?:de |met )?(?:genoemde )?concurrenten",
        r"concurrenten ?lijst",
        r"concurrentenlijst",
    )
    + r"(?::? (?:like |such as |zoals )?(?P<names>[^?]{1,400}))?"
)
_NAME_SEPARATORS = _compile(r"\s*(?:[,;/]|\s(?:and|en|&|\+)\s)\s*")
_NAME = _compile(r"[\w&'.\-! ]+")


def _competitors_from(match: re.Match[str]) -> SetScope | None:
    """A competitor list with the names as typed; None when a "name" reads like a sentence."""
    if match["names"] is None:
        return SetScope(Scope.COMPETITORS)
    names: list[str] = []
    for raw in _NAME_SEPARATORS.split(match["names"]):
        name = raw.strip(_QUOTES + " .")
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

_LEAD = _words(
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
_AFTER = _words(
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
_BEFORE = _words(
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
_BOTH = _words(
    "before and after",
    rf"before and after {_GO_LIVE}",
    "either side",
    "on either side",
    "voor en na",
    rf"voor en na {_GO_LIVE}",
    "ervoor en erna",
)
_BOTH_RE = _compile(rf"(?:{_LEAD} )?{DURATION_PATTERN} {_BOTH}")
_PRE_RE = _compile(rf"(?:(?:and|plus|en|\+) )?(?:{_LEAD} )?{DURATION_PATTERN} {_BEFORE}")
_WINDOW_RE = _compile(rf"(?:{_LEAD} )?{DURATION_PATTERN}(?: {_AFTER})?")


def _both_from(match: re.Match[str]) -> SetWindow:
    duration = duration_from_match(match)
    return SetWindow(after=duration, before=duration)


def _pre_from(match: re.Match[str]) -> SetPreWindow:
    return SetPreWindow(duration_from_match(match))


def _window_from(match: re.Match[str]) -> SetWindow:
    return SetWindow(duration_from_match(match))


# --- The creator's ask -------------------------------------------------------------------------

_SUBJECT = _words(
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
_ASKS = _words(
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
_ADVERB = _words("now", "still", "instead", "nu", "toch", "liever", "nog steeds")
_COUNTER = _words(
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
_FOR_IT = _words(
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
_ASK_RE = _compile(
    rf"(?:{_SUBJECT} (?:{_ADVERB} )?{_ASKS}|{_COUNTER}:?)(?: {_ADVERB})? ?"
    rf"{_AMOUNT_PATTERN}(?: {_FOR_IT})?"
)


# --- Accept and withdraw -----------------------------------------------------------------------

_OFFER = r"(?:the|our|her|his|their|this|that) (?:offer|deal|proposal|counter|ask|price)"
_BOD = r"(?:het|ons|dit|dat|de|haar|zijn|hun) (?:aanbod|bod|voorstel|tegenbod|deal|prijs)"
_ACCEPT_RE = _compile(
    _words(
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
_WITHDRAW_RE = _compile(
    _words(
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


# --- Putting it together -----------------------------------------------------------------------

# A proposal may be wrapped: "make it 14 days", "let's do only TikTok", "maak er 14 dagen van".
_PROPOSAL_PREFIX = _compile(
    _words(
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
_MAAK_ER_VAN = _compile(r"maak (?:er|het) (?P<rest>.+) van")

Builder = Callable[[re.Match[str]], "Intent | None"]

# Tried in order; the first accepted form wins. Pre-window and both-sides forms come before
# the plain window, whose duration would otherwise stop short of "before".
_PROPOSALS: tuple[tuple[re.Pattern[str], Builder], ...] = (
    (_BOTH_RE, _both_from),
    (_PRE_RE, _pre_from),
    (_WINDOW_RE, _window_from),
    (_PLATFORMS_RE, _platforms_from),
    (_CONTENT_RE, _content_from),
    (_FULL_RE, lambda _: SetScope(Scope.FULL)),
    (_CATEGORY_RE, lambda _: SetScope(Scope.CATEGORY)),
    (_COMPETITORS_RE, _competitors_from),
)
_REPLIES: tuple[tuple[re.Pattern[str], Builder], ...] = (
    (_ASK_RE, _ask_from),
    (_ACCEPT_RE, lambda _: Accept()),
    (_WITHDRAW_RE, lambda _: Withdraw()),
)


def _proposal_texts(text: str) -> list[str]:
    """The reply and, when it is wrapped in "make it ..." / "maak er ... van", its core."""
    texts = [text]
    for wrapper in (_PROPOSAL_PREFIX, _MAAK_ER_VAN):
        match = wrapper.fullmatch(text)
        if match:
            texts.append(match["rest"])
    return texts


def _first(forms: Iterable[tuple[re.Pattern[str], Builder]], texts: Iterable[str]) -> Intent | None:
    for text in texts:
        for pattern, build in forms:
            match = pattern.fullmatch(text)
            if match and (intent := build(match)) is not None:
                return intent
    return None


def parse_intent(text: str) -> Intent | None:
    """The negotiation move a thread reply makes, or None when it makes none we understand."""
    if len(text) > MAX_INPUT_CHARS:
        return None
    normalised = _normalise(text)
    # A question is not a move ("what about 2 weeks?"): the bot answers it, it does not act.
    if not normalised or "?" in normalised:
        return None
    return _first(_REPLIES, [normalised]) or _first(_PROPOSALS, _proposal_texts(normalised))


@dataclass(frozen=True)
class Together:
    """Several changes of terms said in one reply ("drie weken, alleen op TikTok"): one round."""

    code: ClassVar[str] = "together"
    moves: tuple[Intent, ...]
