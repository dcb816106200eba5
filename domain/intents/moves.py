"""The negotiation moves a thread reply can make, as plain values with a code each."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar

from domain.durations import Duration
from domain.values import ContentType, Platform, Scope

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


@dataclass(frozen=True)
class Together:
    """Several changes of terms said in one reply ("drie weken, alleen op TikTok"): one round."""

    code: ClassVar[str] = "together"
    moves: tuple[Intent, ...]


# Builds the move an accepted form's match makes (None: the match is no move after all).
Builder = Callable[[re.Match[str]], Intent | None]
