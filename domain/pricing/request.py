"""What a quote is asked for: the window around go-live and the clause on a base rate."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType

from domain.durations import DAYS_PER_MONTH, Duration
from domain.pricing.policy import DEFAULT_POLICY, PricingPolicy, exact_amount
from domain.values import ContentType, Difficulty, Platform, Scope

# domain.md rule 1: the stances are priced per 30-day period, prorated.
PERIOD_DAYS = DAYS_PER_MONTH
# default: a quote without a window asks 30 days of category exclusivity after go-live, the
# shape of every worked quote W1-W8 and of Aumio's month after go-live.
DEFAULT_AFTER_DAYS = Decimal(30)


@dataclass(frozen=True)
class Window:
    """An exclusivity window around go-live, in days (domain.md rule 1).

    Days are exact Decimals; hours come in as fractions of a day (`Window.of` takes typed
    durations), exact for any hour count that is a multiple of 3 (12 h, 24 h, 48 h ...).
    """

    before_days: Decimal = Decimal(0)
    after_days: Decimal = DEFAULT_AFTER_DAYS

    def __post_init__(self) -> None:
        object.__setattr__(self, "before_days", exact_amount(self.before_days, "before_days"))
        object.__setattr__(self, "after_days", exact_amount(self.after_days, "after_days"))

    @classmethod
    def of(cls, after: Duration, before: Duration | None = None) -> Window:
        """The window of typed durations ("48h" after, "24 uur" before)."""
        return cls(before_days=before.days if before else Decimal(0), after_days=after.days)

    @property
    def total_days(self) -> Decimal:
        """days = before + after go-live."""
        return self.before_days + self.after_days

    @property
    def periods(self) -> Fraction:
        """The window in 30-day periods, exactly (45 days = 3/2)."""
        return Fraction(self.total_days) / Fraction(PERIOD_DAYS)


DEFAULT_WINDOW = Window()


@dataclass(frozen=True, kw_only=True)
class QuoteRequest:
    """What to quote: a creator's base rate and the exclusivity clause asked.

    `platforms` None covers every platform the creator is active on; `audiences` names the
    creator's platforms with their audience (0 when unknown), empty when nothing is known.
    `content_types` None covers every content type.
    """

    base_rate: Decimal
    currency: str
    difficulty: Difficulty
    scope: Scope = Scope.CATEGORY
    window: Window = DEFAULT_WINDOW
    platforms: frozenset[Platform] | None = None
    audiences: Mapping[Platform, int] = field(default_factory=dict, hash=False)
    content_types: frozenset[ContentType] | None = None
    long_term: bool = False
    policy: PricingPolicy = DEFAULT_POLICY

    def __post_init__(self) -> None:
        object.__setattr__(self, "base_rate", exact_amount(self.base_rate, "base_rate"))
        if not self.currency.strip():
            raise ValueError("currency is required")
        object.__setattr__(self, "currency", self.currency.strip().upper())
        audiences = {Platform(platform): int(size) for platform, size in self.audiences.items()}
        if any(size < 0 for size in audiences.values()):
            raise ValueError("audiences must be >= 0")
        object.__setattr__(self, "audiences", MappingProxyType(audiences))
        # An empty clause covers nothing: the caller means "no exclusivity" (a 0-day window).
        if self.platforms is not None:
            if not self.platforms:
                raise ValueError("platforms must be None (all) or non-empty")
            object.__setattr__(self, "platforms", frozenset(map(Platform, self.platforms)))
        if self.content_types is not None:
            if not self.content_types:
                raise ValueError("content_types must be None (all) or non-empty")
            object.__setattr__(
                self, "content_types", frozenset(map(ContentType, self.content_types))
            )

    @property
    def active_platforms(self) -> frozenset[Platform]:
        """The platforms the creator is active on, counting any the clause names (may be empty)."""
        return frozenset(self.audiences) | (self.platforms or frozenset())

    @property
    def covered_platforms(self) -> frozenset[Platform]:
        """The platforms the clause covers (all the creator's when `platforms` is None)."""
        return self.platforms if self.platforms is not None else self.active_platforms
