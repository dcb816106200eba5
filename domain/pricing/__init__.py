"""Exclusivity quotes: a range (low, typical, high) with its breakdown and negotiation levers.

The model is pinned in domain.md ("How the bot quotes"), rule by rule:

1. Window: days = before + after go-live (hours are fractions of a day, a week 7 days, a month
   30); periods = days / 30, prorated.
2. Stances per 30-day period as a share of the base rate: low and typical from the rate card,
   high the full rate. Windows within the free allowance (<= 7 days) cost 0 for low and
   typical; the high end has no allowance. The minimum fee is a floor on the high end only.
3. Scope multiplies every stance (competitor list x0.5, category x1, full x2).
4. Narrowing multiplies every stance (share of the creator's platforms covered; a single
   content type x0.5).
5. Long-term partnerships multiply low and typical by 0.5; the high end keeps what a creator
   may still ask.
6. Every breakdown line names its rule; the quote lists the levers with their typical saving.

The minimum fee is applied last, after every multiplier: it is what a creator charges for any
exclusivity, so a competitor list or a narrowed clause cannot take the high end below it
(domain.md: "high >= the minimum for any window longer than 0").

Arithmetic is exact: every amount is a Fraction until the very end, where it is rounded half-up
to cents once (a 10-day window is 1/3 of a period, which no Decimal holds exactly). The domain
speaks in codes and figures; handlers turn them into sentences.

The package by responsibility: `policy` (a brand's pricing constants), `request` (the window
and what is quoted), `factors` (rules 1-5: the stances and the breakdown line each rule adds),
`levers` (what each lever would save) and `quotes` (the range with its levers).
"""

from domain.pricing.factors import LineCode
from domain.pricing.levers import Lever, LeverCode
from domain.pricing.policy import PricingPolicy
from domain.pricing.quotes import Quote, quote
from domain.pricing.request import QuoteRequest, Window

__all__ = [
    "Lever",
    "LeverCode",
    "LineCode",
    "PricingPolicy",
    "Quote",
    "QuoteRequest",
    "Window",
    "quote",
]
