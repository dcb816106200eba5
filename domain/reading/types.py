"""What a message was read as: an intent code, its slots, how sure, and the words behind it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from domain import intents
from domain.durations import Duration
from domain.values import ContentType, Platform, Scope


class Where(StrEnum):
    """Where a message was written: it decides which intents make sense."""

    DM = "dm"
    MENTION = "mention"
    THREAD = "thread"  # a reply in a negotiation (quote) thread


class Confidence(StrEnum):
    SURE = "sure"  # act on it
    UNSURE = "unsure"  # ask: the alternatives are the readings to offer
    LOST = "lost"  # say what we can do
    SMALL_TALK = "small_talk"  # thanks, greetings, chatter: no answer in a thread


# The intents of the front door (DMs and mentions); a thread's intent is "move".
SURFACES = (
    "status",
    "list",
    "approvals",
    "roadmap",
    "windows",
    "quote",
    "check",
    "digest_preview",
    "language",
    "help",
)
MOVE = "move"


@dataclass(frozen=True)
class Context:
    """What the reader may know besides the text; nothing here is looked up by the reader."""

    where: Where
    language: str = "nl"  # the user's language: the first guess for number words
    # Name keys (domain.names.name_key of a display name or handle) -> the creator's handle.
    creators: Mapping[str, str] = field(default_factory=dict)
    # Name keys of brands -> the brand's name as stored.
    brands: Mapping[str, str] = field(default_factory=dict)
    last_creator: str | None = None  # the handle talked about last, for "en haar roadmap?"
    today: date | None = None  # for dates without a year ("12 januari")


@dataclass(frozen=True)
class Slots:
    creator: str | None = None  # a handle
    creators: tuple[str, ...] = ()  # every handle a name could mean (ambiguous when > 1)
    brand: str | None = None
    after: Duration | None = None
    before: Duration | None = None
    platforms: frozenset[Platform] | None = None
    content_types: frozenset[ContentType] | None = None
    scope: Scope | None = None
    competitors: tuple[str, ...] = ()
    amount: Decimal | None = None
    currency: str | None = None
    day: date | None = None
    stage: str | None = None
    mine: bool = False
    flagged: bool = False
    language: str | None = None  # for the language switch
    this_week: bool = False


@dataclass(frozen=True)
class Reading:
    intent: str | None  # a SURFACES code, MOVE, or None
    confidence: Confidence
    slots: Slots = Slots()
    # The negotiation moves (in a thread), applied together as one round.
    moves: tuple[intents.Intent, ...] = ()
    # For UNSURE: the readings to offer, best first.
    alternatives: tuple[Reading, ...] = ()
    # Slot name -> the words it was read from.
    sources: Mapping[str, str] = field(default_factory=dict)

    @property
    def acts(self) -> bool:
        return self.confidence is Confidence.SURE and self.intent is not None


LOST = Reading(None, Confidence.LOST)
SMALL_TALK = Reading(None, Confidence.SMALL_TALK)
