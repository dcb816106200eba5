"""A brand's pricing constants (domain.md's defaults, each overridable per brand)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from types import MappingProxyType

from domain.values import Difficulty, Scope


def exact_amount(value: Decimal | int, name: str) -> Decimal:
    """An exact, finite, non-negative Decimal (floats are refused: they are not exact)."""
    if not isinstance(value, Decimal | int) or isinstance(value, bool):
        raise TypeError(f"{name} must be a Decimal or an int, got {value!r}")
    number = Decimal(value)
    if not number.is_finite() or number < 0:
        raise ValueError(f"{name} must be finite and >= 0, got {value}")
    return number


@dataclass(frozen=True)
class StanceShares:
    """The share of the base rate each stance charges per 30-day period."""

    low: Decimal
    typical: Decimal
    high: Decimal

    def __post_init__(self) -> None:
        for name in ("low", "typical", "high"):
            object.__setattr__(self, name, exact_amount(getattr(self, name), name))
        # low <= typical <= high is a property of every quote (domain.md "Properties").
        if not self.low <= self.typical <= self.high:
            raise ValueError(f"stance shares must satisfy 0 <= low <= typical <= high: {self}")


# seed: "easy" categories 10-15 % per 30 days; typical is the middle, 12.5 % (domain.md rule 2);
# seed: the full rate, 100 % per month, is the high end.
EASY_SHARES = StanceShares(low=Decimal("0.10"), typical=Decimal("0.125"), high=Decimal(1))
# seed: "hard" categories (fashion, beauty, skincare) about 50 % per 30 days.
HARD_SHARES = StanceShares(low=Decimal("0.50"), typical=Decimal("0.50"), high=Decimal(1))
DEFAULT_SHARES = MappingProxyType({Difficulty.EASY: EASY_SHARES, Difficulty.HARD: HARD_SHARES})
# seed: "2-7 days is normal in most categories": windows of <= 7 days cost 0 (low, typical).
DEFAULT_ALLOWANCE_DAYS = Decimal(7)
# seed: "any form of exclusivity costs at least 200"; in the quote's currency by default.
DEFAULT_MINIMUM_FEE = Decimal(200)
# default: the seed says only that full exclusivity "costs more"; full x2, competitor list x0.5.
DEFAULT_SCOPE_FACTORS = MappingProxyType(
    {Scope.COMPETITORS: Decimal("0.5"), Scope.CATEGORY: Decimal(1), Scope.FULL: Decimal(2)}
)
# default: a clause covering one content type only (e.g. Stories) costs half.
DEFAULT_SINGLE_CONTENT_FACTOR = Decimal("0.5")
# default: long-term partnerships (>= 6 months recurring) halve low and typical.
DEFAULT_LONG_TERM_FACTOR = Decimal("0.5")
# default: the months of recurring work that make a partnership long-term (for callers deciding
# QuoteRequest.long_term; the quote itself takes the flag).
DEFAULT_LONG_TERM_MONTHS = 6


@dataclass(frozen=True, kw_only=True)
class PricingPolicy:
    """A brand's pricing constants; the defaults are domain.md's, each overridable per brand."""

    shares: Mapping[Difficulty, StanceShares] = field(
        default_factory=lambda: DEFAULT_SHARES, hash=False
    )
    allowance_days: Decimal = DEFAULT_ALLOWANCE_DAYS
    minimum_fee: Decimal = DEFAULT_MINIMUM_FEE
    scope_factors: Mapping[Scope, Decimal] = field(
        default_factory=lambda: DEFAULT_SCOPE_FACTORS, hash=False
    )
    single_content_factor: Decimal = DEFAULT_SINGLE_CONTENT_FACTOR
    long_term_factor: Decimal = DEFAULT_LONG_TERM_FACTOR
    long_term_months: int = DEFAULT_LONG_TERM_MONTHS

    def __post_init__(self) -> None:
        object.__setattr__(self, "shares", MappingProxyType(dict(self.shares)))
        if set(self.shares) != set(Difficulty):
            raise ValueError("shares must name every difficulty")
        if set(self.scope_factors) != set(Scope):
            raise ValueError("scope_factors must name every scope")
        factors = {
            scope: exact_amount(f, "scope factor") for scope, f in self.scope_factors.items()
        }
        object.__setattr__(self, "scope_factors", MappingProxyType(factors))
        for name in ("allowance_days", "minimum_fee", "single_content_factor", "long_term_factor"):
            object.__setattr__(self, name, exact_amount(getattr(self, name), name))
        # Every stance is non-decreasing in the scope's width (domain.md "Properties").
        by_width = [factors[scope] for scope in sorted(Scope, key=lambda scope: scope.width)]
        if not 0 < by_width[0] <= by_width[1] <= by_width[2]:
            raise ValueError("scope factors must be > 0 and non-decreasing in the scope's width")
        if not 0 < self.single_content_factor <= 1:
            raise ValueError("single_content_factor must be in (0, 1]")
        # Long-term lowers low and typical only, so it must not lift them above the high end.
        if not 0 < self.long_term_factor <= 1:
            raise ValueError("long_term_factor must be in (0, 1]")
        if self.long_term_months < 0:
            raise ValueError("long_term_months must be >= 0")

    @classmethod
    def from_overrides(cls, overrides: Mapping[str, object]) -> PricingPolicy:
        """The default policy with a brand's stored overrides (JSON: numbers as strings).

        E.g. {"minimum_fee": "500", "scope_factors": {"full": "3"}, "shares": {"easy":
        {"typical": "0.15"}}}; nested tables override only the entries they name.
        """
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = set(overrides) - known
        if unknown:
            raise ValueError(f"unknown pricing overrides: {sorted(unknown)}")
        changes: dict[str, object] = {}
        for name, value in overrides.items():
            if name == "shares":
                table = {Difficulty(key): _table(v) for key, v in _table(value).items()}
                changes[name] = {
                    difficulty: dataclasses.replace(
                        shares, **{k: _exact(v) for k, v in table.get(difficulty, {}).items()}
                    )
                    for difficulty, shares in DEFAULT_SHARES.items()
                }
            elif name == "scope_factors":
                table = {Scope(scope): _exact(v) for scope, v in _table(value).items()}
                changes[name] = {**DEFAULT_SCOPE_FACTORS, **table}
            elif name == "long_term_months":
                changes[name] = int(str(value))
            else:
                changes[name] = _exact(value)
        return cls(**changes)  # type: ignore[arg-type]


def _exact(value: object) -> Decimal:
    """A stored number as an exact Decimal (strings and ints; never floats)."""
    if isinstance(value, float | bool) or not isinstance(value, str | int | Decimal):
        raise TypeError(f"expected a number as a string, got {value!r}")
    try:
        return Decimal(value)
    except ArithmeticError as error:  # decimal.InvalidOperation: "abc"
        raise ValueError(f"not a number: {value!r}") from error


def _table(value: object) -> dict:
    if not isinstance(value, Mapping):
        raise TypeError(f"expected a table, got {value!r}")
    return {key: (_table(v) if isinstance(v, Mapping) else v) for key, v in value.items()}


DEFAULT_POLICY = PricingPolicy()
