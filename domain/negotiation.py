"""An exclusivity negotiation: the terms on the table, how a move changes them, the gap
between the creator's ask and our recommendation, and the seed's guidance where it applies.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from domain import intents
from domain.durations import HOURS_PER_DAY, Duration
from domain.pricing import Lever, PricingPolicy, Quote, QuoteRequest, Window, quote
from domain.values import ContentType, Difficulty, Platform, Scope

# seed: "1-2 days is the minimum reasonable category exclusivity, even in fashion/beauty".
MIN_REASONABLE_CATEGORY_HOURS = 24
# seed: long windows are unrealistic in fashion and beauty; default: "long" is over 30 days.
LONG_WINDOW_HOURS_HARD = 30 * 24
DEFAULT_AFTER_HOURS = 30 * 24  # default: 30 days after go-live


@dataclass(frozen=True)
class Terms:
    """What an exclusivity clause covers (stored as JSON with the negotiation)."""

    scope: Scope = Scope.CATEGORY
    competitors: tuple[str, ...] = ()
    before_hours: int = 0
    after_hours: int = DEFAULT_AFTER_HOURS
    platforms: frozenset[Platform] | None = None  # None: every platform
    content_types: frozenset[ContentType] | None = None  # None: every content type
    long_term: bool = False
    golive: date | None = None

    @property
    def total_hours(self) -> int:
        return self.before_hours + self.after_hours

    def window(self) -> Window:
        return Window(
            before_days=Decimal(self.before_hours) / HOURS_PER_DAY,
            after_days=Decimal(self.after_hours) / HOURS_PER_DAY,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "scope": self.scope.value,
            "competitors": list(self.competitors),
            "before_hours": self.before_hours,
            "after_hours": self.after_hours,
            "platforms": sorted(p.value for p in self.platforms) if self.platforms else None,
            "content_types": (
                sorted(c.value for c in self.content_types) if self.content_types else None
            ),
            "long_term": self.long_term,
            "golive": self.golive.isoformat() if self.golive else None,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Terms:
        platforms = data.get("platforms")
        content = data.get("content_types")
        return cls(
            scope=Scope(data.get("scope", "category")),
            competitors=tuple(data.get("competitors") or ()),
            before_hours=int(data.get("before_hours", 0)),
            after_hours=int(data.get("after_hours", DEFAULT_AFTER_HOURS)),
            platforms=frozenset(Platform(p) for p in platforms) if platforms else None,
            content_types=frozenset(ContentType(c) for c in content) if content else None,
            long_term=bool(data.get("long_term", False)),
            golive=date.fromisoformat(data["golive"]) if data.get("golive") else None,
        )


def hours_of(duration: Duration) -> int:
    """A duration in whole hours (a month is 30 days, as the quote model counts)."""
    return int((duration.days * HOURS_PER_DAY).to_integral_value())


@dataclass(frozen=True)
class Pricing:
    """What a quote needs besides the terms: the creator, the brand and its overrides."""

    base_rate: Decimal
    currency: str
    difficulty: Difficulty
    audiences: Mapping[Platform, int] = field(default_factory=dict)
    policy: PricingPolicy = field(default_factory=PricingPolicy)


def request_for(terms: Terms, pricing: Pricing) -> QuoteRequest:
    return QuoteRequest(
        base_rate=pricing.base_rate,
        currency=pricing.currency,
        difficulty=pricing.difficulty,
        scope=terms.scope,
        window=terms.window(),
        platforms=terms.platforms,
        audiences=pricing.audiences,
        content_types=terms.content_types,
        long_term=terms.long_term,
        policy=pricing.policy,
    )


def price(terms: Terms, pricing: Pricing) -> Quote:
    return quote(request_for(terms, pricing))


class Change(StrEnum):
    """What a move changed (for the round's record and the reply)."""

    WINDOW = "window"
    PRE_WINDOW = "pre_window"
    PLATFORMS = "platforms"
    CONTENT = "content"
    SCOPE = "scope"
    LONG_TERM = "long_term"
    ASK = "ask"


def apply(terms: Terms, move: intents.Intent) -> Terms:
    """The terms after a move (asks, accept and withdraw leave the terms as they are)."""
    match move:
        case intents.SetWindow(after=after, before=before):
            changed = replace(terms, after_hours=hours_of(after))
            return replace(changed, before_hours=hours_of(before)) if before else changed
        case intents.SetPreWindow(before=before):
            return replace(terms, before_hours=hours_of(before))
        case intents.NarrowPlatforms(platforms=platforms):
            return replace(terms, platforms=platforms)
        case intents.NarrowContent(content_types=content_types):
            return replace(terms, content_types=content_types)
        case intents.SetScope(scope=scope, competitors=competitors):
            kept = competitors or (terms.competitors if scope is Scope.COMPETITORS else ())
            return replace(terms, scope=scope, competitors=tuple(kept))
        case intents.Together(moves=moves):
            for each in moves:
                terms = apply(terms, each)
            return terms
    return terms


def terms_after_lever(terms: Terms, lever: Lever) -> Terms:
    """The terms a lever proposes (its `changed` request, read back into terms)."""
    changed = lever.changed
    window = changed.window
    return replace(
        terms,
        scope=changed.scope,
        before_hours=int((window.before_days * HOURS_PER_DAY).to_integral_value()),
        after_hours=int((window.after_days * HOURS_PER_DAY).to_integral_value()),
        platforms=changed.platforms,
        content_types=changed.content_types,
        long_term=changed.long_term,
    )


class GapKind(StrEnum):
    AT_OR_BELOW_LOW = "at_or_below_low"  # the ask is at or under the low end: take it
    WITHIN_RANGE = "within_range"  # between low and typical: a fair deal
    ABOVE_TYPICAL = "above_typical"  # more than we recommend: a lever may close it
    ABOVE_HIGH = "above_high"  # more than even the full rate


@dataclass(frozen=True)
class Gap:
    """How the creator's ask compares with the quote, and the lever that closes the gap."""

    kind: GapKind
    ask: Decimal
    difference: Decimal  # ask - typical (negative when under)
    lever: Lever | None = None  # the one that closes it at the lowest cost to the creator
    closes: bool = False  # whether that lever closes the whole gap


def gap(ask: Decimal, current: Quote) -> Gap:
    """Compare an ask with the quote; above the typical, find the lever that closes the gap.

    A lever narrows what the creator gives up, so their ask shrinks in proportion to the
    typical amount (asking 400 where we value 250 means asking 1.6×; narrowed to a value of
    125, the same stance asks 200). The lever "closes" the gap when that scaled ask fits the
    current typical amount; of those that do, the one that changes the creator's
    exclusivity the least (the smallest saving) costs the creator least. When none closes it
    alone, the one that narrows it most is proposed.
    """
    difference = ask - current.typical
    if ask <= current.low:
        return Gap(GapKind.AT_OR_BELOW_LOW, ask, difference)
    if ask <= current.typical:
        return Gap(GapKind.WITHIN_RANGE, ask, difference)
    kind = GapKind.ABOVE_HIGH if ask > current.high else GapKind.ABOVE_TYPICAL
    candidates = [lever for lever in current.levers if not lever.costs_extra]
    if current.typical <= 0 or not candidates:
        return Gap(kind, ask, difference)
    closing = [
        lever for lever in candidates if ask * lever.typical / current.typical <= current.typical
    ]
    if closing:
        cheapest = min(closing, key=lambda lever: lever.saves)
        return Gap(kind, ask, difference, cheapest, closes=True)
    return Gap(kind, ask, difference, max(candidates, key=lambda lever: lever.saves))


class Guidance(StrEnum):
    """The seed's advice, shown where it applies."""

    RAISE_STRICT_TERMS_EARLY = "raise_strict_terms_early"
    MINIMUM_CATEGORY_WINDOW = "minimum_category_window"
    LONG_WINDOW_HARD_CATEGORY = "long_window_hard_category"
    AMBASSADOR_COSTS_EXTRA = "ambassador_costs_extra"


def guidance(
    before: Terms, after: Terms, difficulty: Difficulty, round_number: int
) -> tuple[Guidance, ...]:
    """What to tell the negotiators about a move (round 1 is the quote itself)."""
    notes: list[Guidance] = []
    stricter = after.scope.width > before.scope.width or after.total_hours > before.total_hours
    if stricter and round_number > 2:
        notes.append(Guidance.RAISE_STRICT_TERMS_EARLY)
    if after.scope is Scope.CATEGORY and 0 < after.total_hours < MIN_REASONABLE_CATEGORY_HOURS:
        notes.append(Guidance.MINIMUM_CATEGORY_WINDOW)
    if difficulty is Difficulty.HARD and after.total_hours > LONG_WINDOW_HOURS_HARD:
        notes.append(Guidance.LONG_WINDOW_HARD_CATEGORY)
    if after.long_term and not before.long_term:
        notes.append(Guidance.AMBASSADOR_COSTS_EXTRA)
    return tuple(notes)
