"""The pricing factors, rules 1-5 of domain.md: the three stances, exactly, with the
breakdown line each rule adds (codes and figures), and the one rounding to cents."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from types import MappingProxyType

from domain.pricing.request import QuoteRequest

# Figures that are not money (periods, factors) are shown exactly when they terminate, else
# to this many decimals; they never feed back into a computation.
DISPLAY_PLACES = 4


class LineCode(StrEnum):
    """The rule that produced a breakdown line (domain.md rule 6)."""

    WINDOW = "window"
    STANCE = "stance"
    ALLOWANCE = "allowance"
    SCOPE = "scope"
    NARROW_PLATFORMS = "narrow_platforms"
    NARROW_CONTENT = "narrow_content"
    LONG_TERM = "long_term"
    MINIMUM = "minimum"


class PlatformBasis(StrEnum):
    """How the platform factor was measured (domain.md rule 4)."""

    ALL = "all"  # every platform the creator is active on is covered: factor 1
    AUDIENCE = "audience"  # audiences known on every platform: share of audience covered
    COUNT = "count"  # some audience unknown: share of platforms covered


Figure = Decimal | int | str | bool | tuple[str, ...]


@dataclass(frozen=True)
class BreakdownLine:
    """One rule of the quote with its figures (codes and numbers, never sentences).

    Every line from `stance` on carries `low`, `typical` and `high`: the running amounts after
    its rule, rounded to cents for display only (the computation stays exact; the last line
    equals the quote).
    """

    code: LineCode
    figures: Mapping[str, Figure] = field(hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "figures", MappingProxyType(dict(self.figures)))


def to_cents(value: Fraction) -> Decimal:
    """Round an exact amount half-up (ties away from zero) to cents: the one rounding of a quote."""
    cents = abs(value) * 100
    whole = math.floor(cents + Fraction(1, 2))
    # scaleb only moves the decimal point: no division, so no second rounding.
    return Decimal(whole if value >= 0 else -whole).scaleb(-2)


def _display(value: Fraction) -> Decimal:
    """A non-money figure as a Decimal: exact when it terminates, else to DISPLAY_PLACES."""
    denominator = value.denominator
    for prime in (2, 5):
        while denominator % prime == 0:
            denominator //= prime
    if denominator == 1:
        return Decimal(value.numerator) / Decimal(value.denominator)
    scale = 10**DISPLAY_PLACES
    return Decimal(math.floor(value * scale + Fraction(1, 2))) / scale


@dataclass(frozen=True)
class _Stances:
    """Exact running amounts of the three stances."""

    low: Fraction
    typical: Fraction
    high: Fraction

    def times(self, factor: Fraction, *, high: bool = True) -> _Stances:
        return _Stances(
            self.low * factor, self.typical * factor, self.high * factor if high else self.high
        )

    def figures(self) -> dict[str, Figure]:
        return {
            "low": to_cents(self.low),
            "typical": to_cents(self.typical),
            "high": to_cents(self.high),
        }


@dataclass(frozen=True)
class Priced:
    """A priced request without its levers (levers price changed requests with this)."""

    stances: _Stances
    full_rate_high: Fraction
    minimum_applied: bool
    breakdown: tuple[BreakdownLine, ...]


def _line(code: LineCode, stances: _Stances, **figures: Figure) -> BreakdownLine:
    return BreakdownLine(code, {**figures, **stances.figures()})


def _codes(values: Iterable[StrEnum]) -> tuple[str, ...]:
    return tuple(sorted(str(value) for value in values))


def _platform_factor(request: QuoteRequest) -> tuple[Fraction, PlatformBasis]:
    """domain.md rule 4: platforms covered / platforms active, by audience where known."""
    active, covered = request.active_platforms, request.covered_platforms
    if covered >= active:
        return Fraction(1), PlatformBasis.ALL
    audiences = request.audiences
    # An audience of 0 means unknown: the share is only measured when every platform is known.
    if all(audiences.get(platform, 0) > 0 for platform in active):
        covered_audience = sum(audiences[platform] for platform in covered)
        return Fraction(covered_audience, sum(audiences[p] for p in active)), PlatformBasis.AUDIENCE
    return Fraction(len(covered), len(active)), PlatformBasis.COUNT


def price_request(request: QuoteRequest) -> Priced:
    """The three stances of a request, exactly, with the line each rule adds."""
    policy, window = request.policy, request.window
    periods = window.periods
    lines: list[BreakdownLine] = []

    # Rule 1: the window in prorated 30-day periods.
    lines.append(
        BreakdownLine(
            LineCode.WINDOW,
            {
                "before_days": window.before_days,
                "after_days": window.after_days,
                "days": window.total_days,
                "periods": _display(periods),
            },
        )
    )
    # Rule 2: stances per 30-day period as a share of the base rate.
    shares = policy.shares[request.difficulty]
    base = Fraction(request.base_rate) * periods
    stances = _Stances(
        base * Fraction(shares.low), base * Fraction(shares.typical), base * Fraction(shares.high)
    )
    lines.append(
        _line(
            LineCode.STANCE,
            stances,
            difficulty=str(request.difficulty),
            base_rate=request.base_rate,
            currency=request.currency,
            periods=_display(periods),
            low_share=shares.low,
            typical_share=shares.typical,
            high_share=shares.high,
        )
    )

    # Rule 2: the free allowance; low and typical only, the high end counts every day.
    free = window.total_days <= policy.allowance_days
    if free:
        stances = _Stances(Fraction(0), Fraction(0), stances.high)
    lines.append(
        _line(
            LineCode.ALLOWANCE,
            stances,
            allowance_days=policy.allowance_days,
            days=window.total_days,
            free=free,
        )
    )

    # Rule 3: scope multiplies every stance.
    scope_factor = policy.scope_factors[request.scope]
    stances = stances.times(Fraction(scope_factor))
    lines.append(_line(LineCode.SCOPE, stances, scope=str(request.scope), factor=scope_factor))

    # Rule 4: narrowing multiplies every stance.
    platform_factor, basis = _platform_factor(request)
    stances = stances.times(platform_factor)
    lines.append(
        _line(
            LineCode.NARROW_PLATFORMS,
            stances,
            basis=str(basis),
            covered=_codes(request.covered_platforms),
            active=_codes(request.active_platforms),
            factor=_display(platform_factor),
        )
    )
    single = request.content_types is not None and len(request.content_types) == 1
    content_factor = policy.single_content_factor if single else Decimal(1)
    stances = stances.times(Fraction(content_factor))
    content = _codes(request.content_types) if request.content_types is not None else "all"
    lines.append(
        _line(LineCode.NARROW_CONTENT, stances, content_types=content, factor=content_factor)
    )

    # Rule 5: long-term halves low and typical; the high end keeps what a creator may ask.
    long_term_factor = policy.long_term_factor if request.long_term else Decimal(1)
    stances = stances.times(Fraction(long_term_factor), high=False)
    lines.append(
        _line(LineCode.LONG_TERM, stances, long_term=request.long_term, factor=long_term_factor)
    )

    # Rule 2: the minimum fee floors the high end, last, for any window longer than 0.
    full_rate_high = stances.high
    minimum = Fraction(policy.minimum_fee)
    minimum_applied = window.total_days > 0 and full_rate_high < minimum
    if minimum_applied:
        stances = _Stances(stances.low, stances.typical, minimum)
    lines.append(
        _line(
            LineCode.MINIMUM,
            stances,
            minimum_fee=policy.minimum_fee,
            currency=request.currency,
            full_rate_high=to_cents(full_rate_high),
            applied=minimum_applied,
        )
    )
    return Priced(stances, full_rate_high, minimum_applied, tuple(lines))
