"""The quote: the range (low, typical, high) with its breakdown and its levers."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from domain.pricing.factors import BreakdownLine, price_request, to_cents
from domain.pricing.levers import Lever, levers_of
from domain.pricing.request import QuoteRequest


@dataclass(frozen=True)
class Quote:
    """A range with its recommendation (the typical), its breakdown and its levers."""

    request: QuoteRequest
    low: Decimal
    typical: Decimal
    high: Decimal
    full_rate_high: Decimal  # the high end before the minimum fee (W5: 66.67 under 200)
    minimum_applied: bool
    breakdown: tuple[BreakdownLine, ...]
    levers: tuple[Lever, ...]

    @property
    def currency(self) -> str:
        return self.request.currency

    @property
    def recommended(self) -> Decimal:
        """domain.md: the recommendation is the typical stance."""
        return self.typical


def quote(request: QuoteRequest) -> Quote:
    """The quote of an exclusivity request: range, breakdown and levers (domain.md)."""
    priced = price_request(request)
    typical = to_cents(priced.stances.typical)
    return Quote(
        request=request,
        low=to_cents(priced.stances.low),
        typical=typical,
        high=to_cents(priced.stances.high),
        full_rate_high=to_cents(priced.full_rate_high),
        minimum_applied=priced.minimum_applied,
        breakdown=priced.breakdown,
        levers=levers_of(request, typical),
    )
