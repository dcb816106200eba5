"""KPIs of the measurement model: CPAE, Creator NPS, retention, trends, targets and budget bands.

Everything here is a pure function over facts loaded in bulk (lists of records and answers),
so that one partnership's status card and a weekly digest over thousands of partnerships use
the same code: group the records per partnership once, then call these functions per group.

Figures are exact Decimals rounded half-up once, to the precision at which the seed states its
targets (CPAE in cents, percentages to one decimal); every target verdict is taken on that
rounded figure, so that a card never shows "€0.84" next to "target not met".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from domain.values import KPIKind

# seed: CPAE benchmark €0.84; met when CPAE <= 0.84 (the seed's benchmark, as a ceiling).
CPAE_BENCHMARK = Decimal("0.84")
# seed: Creator NPS target "> 40"; exactly 40 is not met.
CREATOR_NPS_TARGET = Decimal("40")
# seed: targets are in euros; a figure in another currency gets no target comparison.
TARGET_CURRENCY = "EUR"
# seed: realistic band of €15,000 to €50,000 per creator per quarter (both ends inclusive).
FEE_BAND_PER_QUARTER = (Decimal("15000"), Decimal("50000"))
# seed: strategic partnerships carry a 30-40 % premium over one-off transactions (inclusive).
PREMIUM_BAND_PERCENT = (Decimal("30"), Decimal("40"))
# seed: NPS classes; promoters answer 9-10, detractors 0-6, passives 7-8.
NPS_PROMOTER_MIN = 9
NPS_DETRACTOR_MAX = 6
# default: how many values a sparkline shows.
SPARKLINE_LENGTH = 8

MONEY_PRECISION = Decimal("0.01")  # the benchmark is stated in cents
PERCENT_PRECISION = Decimal("0.1")  # percentages and NPS points, to one decimal
MONTHS_PER_QUARTER = 3


class TargetStatus(StrEnum):
    """How a figure compares with its seed target."""

    MET = "met"
    NOT_MET = "not_met"
    NO_TARGET = "no_target"  # a currency other than the target's, or a KPI without target


class BandPosition(StrEnum):
    """Where a figure falls against a seed band (both ends inclusive)."""

    BELOW = "below"
    WITHIN = "within"
    ABOVE = "above"
    NO_TARGET = "no_target"  # an amount in another currency than the band's


class NPSClass(StrEnum):
    PROMOTER = "promoter"
    PASSIVE = "passive"
    DETRACTOR = "detractor"


class DerivedKPI(StrEnum):
    """Figures computed from records rather than recorded (they are not KPIKinds)."""

    CPAE = "cpae"
    CREATOR_NPS = "creator_nps"
    RETENTION_RATE = "retention_rate"


def _check_currency(currency: str | None) -> None:
    if currency is not None and re.fullmatch("[A-Z]{3}", currency) is None:
        raise ValueError(f"currency must be an ISO 4217 code such as 'EUR', got {currency!r}")


@dataclass(frozen=True)
class KPIRecord:
    """One recorded KPI value for one period of one partnership (the caller knows which)."""

    kind: KPIKind
    period_start: date
    period_end: date
    value: Decimal
    currency: str | None = None  # for money KPIs (spend); None for counts, scores and %

    def __post_init__(self) -> None:
        if self.period_end < self.period_start:
            raise ValueError("period_end is before period_start")
        # Decimal only: a float would make CPAE and the target verdicts inexact.
        if not isinstance(self.value, Decimal) or not self.value.is_finite():
            raise ValueError(f"value must be a finite Decimal, got {self.value!r}")
        _check_currency(self.currency)


@dataclass(frozen=True)
class NPSAnswer:
    """A creator's answer to "how likely are you to recommend our brand to peers?" (0-10)."""

    creator_key: str
    answered_on: date
    score: int

    def __post_init__(self) -> None:
        if not self.creator_key:
            raise ValueError("creator_key is empty")
        # bool is an int subclass; True is not an answer.
        if isinstance(self.score, bool) or not isinstance(self.score, int):
            raise ValueError(f"score must be an int, got {self.score!r}")
        if not 0 <= self.score <= 10:
            raise ValueError(f"score must be 0-10, got {self.score}")

    @property
    def nps_class(self) -> NPSClass:
        return nps_class(self.score)


@dataclass(frozen=True)
class CPAE:
    """Cost per authentic engagement over a set of periods, with its target verdict."""

    value: Decimal  # spend / engagements, rounded half-up to cents
    currency: str | None  # the spend's currency; None when the spend had none recorded
    spend: Decimal
    engagements: Decimal
    status: TargetStatus


@dataclass(frozen=True)
class CreatorNPS:
    """Portfolio Creator NPS over the latest answer of each creator."""

    score: Decimal  # %promoters - %detractors, -100..100, rounded half-up to one decimal
    promoters: int
    passives: int
    detractors: int
    status: TargetStatus

    @property
    def respondents(self) -> int:
        return self.promoters + self.passives + self.detractors


def round_half_up(value: Decimal, precision: Decimal) -> Decimal:
    """`value` rounded half-up once, to the precision the seed states its figure in."""
    return value.quantize(precision, rounding=ROUND_HALF_UP)


def percent(part: int | Decimal, whole: int | Decimal) -> Decimal:
    """part / whole in percent, rounded half-up to one decimal."""
    return round_half_up(Decimal(part) * 100 / Decimal(whole), PERCENT_PRECISION)


# --- CPAE ---------------------------------------------------------------------------------


def cpae_status(value: Decimal, currency: str | None) -> TargetStatus:
    """Verdict of a CPAE figure: met at or below the €0.84 benchmark, no target outside EUR."""
    if currency != TARGET_CURRENCY:
        return TargetStatus.NO_TARGET
    return TargetStatus.MET if value <= CPAE_BENCHMARK else TargetStatus.NOT_MET


def _spend_currency(records: Iterable[KPIRecord]) -> str | None:
    currencies = {r.currency for r in records if r.kind is KPIKind.SPEND}
    if len(currencies) > 1:
        # A partnership's spend is kept in one currency; summing across them has no meaning.
        raise ValueError(f"spend recorded in several currencies: {sorted(map(str, currencies))}")
    return next(iter(currencies), None)


def cpae(records: Iterable[KPIRecord]) -> CPAE | None:
    """CPAE = total spend / total authentic engagements over the given records' periods.

    Other kinds are ignored, so a partnership's whole record list can be passed; filter it to
    a window first with `within` for a period figure. None when no spend is recorded or the
    engagements are missing or 0. Raises ValueError for spend in several currencies.
    """
    records = list(records)
    spend_records = [r for r in records if r.kind is KPIKind.SPEND]
    engagements = sum(
        (r.value for r in records if r.kind is KPIKind.AUTHENTIC_ENGAGEMENTS), Decimal(0)
    )
    if not spend_records or engagements <= 0:
        return None
    currency = _spend_currency(spend_records)
    spend = sum((r.value for r in spend_records), Decimal(0))
    value = round_half_up(spend / engagements, MONEY_PRECISION)
    return CPAE(value, currency, spend, engagements, cpae_status(value, currency))


def within(records: Iterable[KPIRecord], start: date, end: date) -> list[KPIRecord]:
    """The records whose period lies entirely inside start..end (both inclusive)."""
    return [r for r in records if start <= r.period_start and r.period_end <= end]


# --- Creator NPS ----------------------------------------------------------------------------


def nps_class(score: int) -> NPSClass:
    """Class of one answer: promoter 9-10, passive 7-8, detractor 0-6 (seed)."""
    if not 0 <= score <= 10:
        raise ValueError(f"score must be 0-10, got {score}")
    if score >= NPS_PROMOTER_MIN:
        return NPSClass.PROMOTER
    if score <= NPS_DETRACTOR_MAX:
        return NPSClass.DETRACTOR
    return NPSClass.PASSIVE


def latest_answers(answers: Iterable[NPSAnswer]) -> dict[str, NPSAnswer]:
    """Each creator's latest answer; of two on the same day, the later one in the input wins."""
    latest: dict[str, NPSAnswer] = {}
    for answer in answers:
        known = latest.get(answer.creator_key)
        if known is None or answer.answered_on >= known.answered_on:
            latest[answer.creator_key] = answer
    return latest


def nps_status(score: Decimal) -> TargetStatus:
    """Verdict of a Creator NPS: met strictly above 40 (seed); exactly 40 is not met."""
    return TargetStatus.MET if score > CREATOR_NPS_TARGET else TargetStatus.NOT_MET


def creator_nps(answers: Iterable[NPSAnswer]) -> CreatorNPS | None:
    """Portfolio Creator NPS (a Decimal) over each creator's latest answer; None with none.

    Pass the answers of one brand's creators; older answers of a creator are ignored.
    """
    return creator_nps_of_scores(
        Counter(answer.score for answer in latest_answers(answers).values())
    )


def creator_nps_of_scores(scores: Mapping[int, int]) -> CreatorNPS | None:
    """Creator NPS from how many creators' latest answer was each score (0-10); None with none.

    The same figure as `creator_nps`, for a store that counts the latest answers itself.
    """
    counts = dict.fromkeys(NPSClass, 0)
    for score, creators in scores.items():
        counts[nps_class(score)] += creators
    total = sum(counts.values())
    if total == 0:
        return None
    score = percent(counts[NPSClass.PROMOTER] - counts[NPSClass.DETRACTOR], total)
    return CreatorNPS(
        score=score,
        promoters=counts[NPSClass.PROMOTER],
        passives=counts[NPSClass.PASSIVE],
        detractors=counts[NPSClass.DETRACTOR],
        status=nps_status(score),
    )


# --- Retention ------------------------------------------------------------------------------


@dataclass(frozen=True)
class TermOutcome:
    """How one partnership term ended: renewed, ended, or not decided yet (None)."""

    partnership_key: str
    term_end: date
    renewed: bool | None


@dataclass(frozen=True)
class RetentionRate:
    """Partnership retention rate over the terms that ended in a period."""

    rate: Decimal  # renewed / (renewed + ended) * 100, rounded half-up to one decimal
    renewed: int
    ended: int
    undecided: int  # terms that ended in the period without a decision: not in the rate


def retention_rate(outcomes: Iterable[TermOutcome], start: date, end: date) -> RetentionRate | None:
    """Partnership retention rate: of the terms ending in start..end (inclusive) with a
    decision, the share renewed, in percent; None when no such term was decided.

    The cohort is taken by term end, not by decision date, so a quarter's rate is about the
    partnerships that came up for renewal in that quarter; undecided terms are counted apart
    rather than as losses (their outcome is not known yet).
    """
    renewed = ended = undecided = 0
    for outcome in outcomes:
        if not start <= outcome.term_end <= end:
            continue
        if outcome.renewed is None:
            undecided += 1
        elif outcome.renewed:
            renewed += 1
        else:
            ended += 1
    if renewed + ended == 0:
        return None
    return RetentionRate(percent(renewed, renewed + ended), renewed, ended, undecided)


# --- Budget ---------------------------------------------------------------------------------


def _band_position(value: Decimal, band: tuple[Decimal, Decimal]) -> BandPosition:
    low, high = band
    if value < low:
        return BandPosition.BELOW
    if value > high:
        return BandPosition.ABOVE
    return BandPosition.WITHIN


def fee_band(quarterly_fee: Decimal, currency: str) -> BandPosition:
    """A quarterly creator fee against the €15,000-€50,000 band; no_target outside EUR."""
    if currency != TARGET_CURRENCY:
        return BandPosition.NO_TARGET
    return _band_position(quarterly_fee, FEE_BAND_PER_QUARTER)


def premium_band(premium: Decimal) -> BandPosition:
    """A premium (in percent) against the 30-40 % band of the seed."""
    return _band_position(premium, PREMIUM_BAND_PERCENT)


def fee_per_quarter(fee: Decimal, term_months: int) -> Decimal:
    """A creator's fee for a term of `term_months`, spread evenly per quarter, in cents."""
    if term_months < 1:
        raise ValueError("term_months must be at least 1")
    return round_half_up(fee * MONTHS_PER_QUARTER / term_months, MONEY_PRECISION)


def premium_percent(strategic_fee: Decimal, one_off_fee: Decimal) -> Decimal:
    """How much more a strategic fee is than a one-off fee, in percent, to one decimal."""
    if one_off_fee <= 0:
        raise ValueError("one_off_fee must be above 0")
    return percent(strategic_fee - one_off_fee, one_off_fee)
