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
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from types import MappingProxyType

from domain.durations import DAYS_PER_MONTH, Duration
from domain.values import ContentType, Difficulty, Platform, Scope

# domain.md rule 1: the stances are priced per 30-day period, prorated.
PERIOD_DAYS = DAYS_PER_MONTH
# default: a quote without a window asks 30 days of category exclusivity after go-live, the
# shape of every worked quote W1-W8 and of Aumio's month after go-live.
DEFAULT_AFTER_DAYS = Decimal(30)

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


class LeverCode(StrEnum):
    """A negotiation lever (domain.md "Negotiation levers"); ties in saving keep this order."""

    LONG_TERM = "long_term"  # lever 1
    SHORTEN_WINDOW = "shorten_window"  # lever 2, the time span
    NARROW_PLATFORMS = "narrow_platforms"  # lever 2, the platform
    NARROW_CONTENT = "narrow_content"  # lever 2, the content type
    COMPETITOR_LIST = "competitor_list"  # lever 3
    AMBASSADOR = "ambassador"  # lever 4: costs extra


class PlatformBasis(StrEnum):
    """How the platform factor was measured (domain.md rule 4)."""

    ALL = "all"  # every platform the creator is active on is covered: factor 1
    AUDIENCE = "audience"  # audiences known on every platform: share of audience covered
    COUNT = "count"  # some audience unknown: share of platforms covered


def _as_decimal(value: Decimal | int, name: str) -> Decimal:
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
            object.__setattr__(self, name, _as_decimal(getattr(self, name), name))
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
        factors = {scope: _as_decimal(f, "scope factor") for scope, f in self.scope_factors.items()}
        object.__setattr__(self, "scope_factors", MappingProxyType(factors))
        for name in ("allowance_days", "minimum_fee", "single_content_factor", "long_term_factor"):
            object.__setattr__(self, name, _as_decimal(getattr(self, name), name))
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


@dataclass(frozen=True)
class Window:
    """An exclusivity window around go-live, in days (domain.md rule 1).

    Days are exact Decimals; hours come in as fractions of a day (`Window.of` takes typed
    durations), exact for any hour count that is a multiple of 3 (12 h, 24 h, 48 h ...).
    """

    before_days: Decimal = Decimal(0)
    after_days: Decimal = DEFAULT_AFTER_DAYS

    def __post_init__(self) -> None:
        object.__setattr__(self, "before_days", _as_decimal(self.before_days, "before_days"))
        object.__setattr__(self, "after_days", _as_decimal(self.after_days, "after_days"))

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
        object.__setattr__(self, "base_rate", _as_decimal(self.base_rate, "base_rate"))
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


@dataclass(frozen=True)
class Lever:
    """A negotiation lever: the request with it applied and the typical amount it saves."""

    code: LeverCode
    saves: Decimal  # typical(request) - typical(changed), > 0
    typical: Decimal  # the typical amount once the lever is applied
    changed: QuoteRequest
    costs_extra: bool = False  # seed: an ambassadorship costs extra beyond the exclusivity


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
class _Priced:
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


def _price(request: QuoteRequest) -> _Priced:
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
    return _Priced(stances, full_rate_high, minimum_applied, tuple(lines))


def quote(request: QuoteRequest) -> Quote:
    """The quote of an exclusivity request: range, breakdown and levers (domain.md)."""
    priced = _price(request)
    typical = to_cents(priced.stances.typical)
    return Quote(
        request=request,
        low=to_cents(priced.stances.low),
        typical=typical,
        high=to_cents(priced.stances.high),
        full_rate_high=to_cents(priced.full_rate_high),
        minimum_applied=priced.minimum_applied,
        breakdown=priced.breakdown,
        levers=_levers(request, typical),
    )


def shortened_window(window: Window, allowance_days: Decimal) -> Window | None:
    """The window the shorten_window lever proposes, or None when shortening saves nothing.

    Half the window (both parts halved, so a "1 month before and after" clause stays
    symmetric), but never below the free allowance: once half would fall inside it, the
    window is cut to exactly the allowance, which already makes low and typical free, so
    anything shorter only costs the brand exclusivity. That cut keeps the pre-window (up to
    the allowance) and shortens the after-window.
    """
    total = window.total_days
    if total <= allowance_days:
        return None
    if total / 2 >= allowance_days:
        return Window(before_days=window.before_days / 2, after_days=window.after_days / 2)
    before = min(window.before_days, allowance_days)
    return Window(before_days=before, after_days=allowance_days - before)


# default: the content type a narrowed clause keeps, most valuable to the brand first: the
# long-lived formats (seed: "maybe they may post an Instagram Story, but not a separate feed
# post about a competitor"; YouTube videos live longer than Shorts).
CONTENT_PREFERENCE = (
    ContentType.POSTS,
    ContentType.VIDEOS,
    ContentType.REELS,
    ContentType.SHORTS,
    ContentType.STORIES,
)
# The content types each platform has (seed: Stories vs posts and Reels; videos vs Shorts).
CONTENT_BY_PLATFORM = MappingProxyType(
    {
        Platform.INSTAGRAM: frozenset({ContentType.POSTS, ContentType.REELS, ContentType.STORIES}),
        Platform.TIKTOK: frozenset({ContentType.VIDEOS}),
        Platform.YOUTUBE: frozenset({ContentType.VIDEOS, ContentType.SHORTS}),
    }
)


def _main_platform(request: QuoteRequest) -> Platform:
    """The covered platform a narrowed clause keeps: the creator's largest audience."""
    order = list(Platform)
    return min(
        request.covered_platforms,
        key=lambda p: (-request.audiences.get(p, 0), order.index(p)),
    )


def _main_content(request: QuoteRequest) -> ContentType:
    """The content type a narrowed clause keeps (CONTENT_PREFERENCE among those that apply)."""
    candidates = request.content_types or frozenset(ContentType)
    on_platforms = frozenset().union(*(CONTENT_BY_PLATFORM[p] for p in request.covered_platforms))
    preferred = candidates & on_platforms or candidates
    return next(content for content in CONTENT_PREFERENCE if content in preferred)


def _lever_candidates(request: QuoteRequest) -> Iterator[tuple[LeverCode, QuoteRequest, bool]]:
    """Each lever that could apply, as (code, changed request, costs extra)."""
    replace = dataclasses.replace
    if not request.long_term:
        yield LeverCode.LONG_TERM, replace(request, long_term=True), False
    shorter = shortened_window(request.window, request.policy.allowance_days)
    if shorter is not None:
        yield LeverCode.SHORTEN_WINDOW, replace(request, window=shorter), False
    if len(request.covered_platforms) > 1:
        kept = frozenset({_main_platform(request)})
        yield LeverCode.NARROW_PLATFORMS, replace(request, platforms=kept), False
    if request.content_types is None or len(request.content_types) > 1:
        kept_content = frozenset({_main_content(request)})
        yield LeverCode.NARROW_CONTENT, replace(request, content_types=kept_content), False
    if request.scope is not Scope.COMPETITORS:
        yield LeverCode.COMPETITOR_LIST, replace(request, scope=Scope.COMPETITORS), False
    # seed: an ambassadorship costs extra and makes no sense in fashion/beauty/skincare (hard
    # categories). It is a structural 6-12 month partnership (seed 000, stage 3), so it prices
    # the exclusivity as long-term; the ambassador fee itself is not in the seed.
    if request.difficulty is Difficulty.EASY and not request.long_term:
        yield LeverCode.AMBASSADOR, replace(request, long_term=True), True


def _levers(request: QuoteRequest, typical: Decimal) -> tuple[Lever, ...]:
    """The levers that save on the typical stance, largest saving first."""
    levers = []
    for code, changed, costs_extra in _lever_candidates(request):
        changed_typical = to_cents(_price(changed).stances.typical)
        saves = typical - changed_typical
        # A lever that saves nothing is no lever (e.g. shortening inside the free allowance).
        if saves > 0:
            levers.append(Lever(code, saves, changed_typical, changed, costs_extra))
    order = list(LeverCode)
    return tuple(sorted(levers, key=lambda lever: (-lever.saves, order.index(lever.code))))
