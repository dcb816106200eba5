"""The deal an exclusivity quote prices: its pricing inputs, the terms asked, and whether they
can be quoted at all.

The handler passes in what storage holds (the creator's rate and platforms, the brand's
difficulty, competitors and overrides, the partnership's dates); the rules here decide.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum

from domain.durations import HOURS_PER_DAY
from domain.negotiation import Pricing, Terms, hours_of
from domain.pricing import PricingPolicy
from domain.quote_command import QuoteArgs
from domain.values import Difficulty, Platform, Scope


def pricing_inputs(
    *,
    base_rate: Decimal | int | str,
    currency: str,
    difficulty: Difficulty,
    platforms: Mapping[str, int | None] | None,
    overrides: Mapping[str, object] | None,
) -> Pricing:
    """What a quote is priced from: the creator's base rate and audiences, the brand's
    difficulty and pricing overrides. Platforms we don't price are left out; an audience
    not given counts as unknown (0)."""
    known = {p.value for p in Platform}
    audiences = {
        Platform(name): int(audience or 0)
        for name, audience in (platforms or {}).items()
        if name in known
    }
    return Pricing(
        base_rate=Decimal(base_rate),
        currency=currency,
        difficulty=difficulty,
        audiences=audiences,
        policy=PricingPolicy.from_overrides(overrides or {}),
    )


def partnership_days(start: date | None, end: date | None) -> int | None:
    """A partnership's term in days, both ends included (None when either is unknown)."""
    return (end - start).days + 1 if start and end else None


def terms_from(args: QuoteArgs) -> Terms:
    """The terms a quote command asks for; what it leaves out keeps the default."""
    terms = Terms(golive=args.golive)
    if args.scope is not None:
        terms = replace(terms, scope=args.scope, competitors=args.competitors)
    if args.after is not None:
        terms = replace(terms, after_hours=hours_of(args.after))
    if args.before is not None:
        terms = replace(terms, before_hours=hours_of(args.before))
    return replace(terms, platforms=args.platforms, content_types=args.content_types)


class TermsProblemCode(StrEnum):
    """Why terms can't be quoted for a partnership."""

    NO_LENGTH = "no_length"  # a window of 0 hours
    LONGER_THAN_PARTNERSHIP = "longer_than_partnership"
    PLATFORMS_NOT_ACTIVE = "platforms_not_active"
    NO_COMPETITORS = "no_competitors"  # a competitor list, named neither here nor on the brand


@dataclass(frozen=True)
class TermsProblem:
    code: TermsProblemCode
    total_hours: int = 0
    partnership_days: int | None = None
    missing_platforms: tuple[Platform, ...] = field(default=())


def terms_problem(
    terms: Terms,
    pricing: Pricing,
    *,
    partnership_days: int | None,
    brand_competitors: tuple[str, ...],
) -> TermsProblem | None:
    """Why these terms can't be quoted for this partnership (None when they can)."""
    if terms.total_hours <= 0:
        return TermsProblem(TermsProblemCode.NO_LENGTH)
    # A window longer than the partnership itself (when its term is known).
    if partnership_days is not None and terms.total_hours > partnership_days * HOURS_PER_DAY:
        return TermsProblem(
            TermsProblemCode.LONGER_THAN_PARTNERSHIP,
            total_hours=terms.total_hours,
            partnership_days=partnership_days,
        )
    active = set(pricing.audiences)
    if terms.platforms and active and not terms.platforms <= active:
        missing = tuple(sorted(terms.platforms - active, key=lambda p: p.value))
        return TermsProblem(TermsProblemCode.PLATFORMS_NOT_ACTIVE, missing_platforms=missing)
    if terms.scope is Scope.COMPETITORS and not terms.competitors and not brand_competitors:
        return TermsProblem(TermsProblemCode.NO_COMPETITORS)
    return None


def with_brand_competitors(terms: Terms, brand_competitors: tuple[str, ...]) -> Terms:
    """A competitor list that names nobody excludes the brand's own competitors."""
    if terms.scope is Scope.COMPETITORS and not terms.competitors:
        return replace(terms, competitors=tuple(brand_competitors))
    return terms
