"""Quote requests for the pricing tests: a window in days, a request at a base rate."""

from __future__ import annotations

from decimal import Decimal

from domain.pricing import QuoteRequest, Window, quote
from domain.values import Difficulty

EASY, HARD = Difficulty.EASY, Difficulty.HARD
D = Decimal


def days(after: str | int, before: str | int = 0) -> Window:
    return Window(before_days=D(before), after_days=D(after))


def request(base: str | int = 1000, difficulty: Difficulty = HARD, **changes) -> QuoteRequest:
    return QuoteRequest(base_rate=D(base), currency="EUR", difficulty=difficulty, **changes)


def amounts(request_: QuoteRequest) -> tuple[Decimal, Decimal, Decimal]:
    q = quote(request_)
    return q.low, q.typical, q.high


def codes(q) -> list[str]:
    return [lever.code for lever in q.levers]
