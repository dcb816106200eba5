"""The digest's KPI section: the portfolio CPAE, each brand's Creator NPS and the fee and premium
bands, now and a week ago, with their sparkline series."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, timedelta
from decimal import Decimal

from domain import kpis
from domain.digest.facts import DAYS_PER_WEEK, BrandAnswer, DigestFacts, PartnershipFact, SpendTotal
from domain.digest.sections import BandShare, BrandNPS, CPAEFigure, KPIsSection
from domain.kpis import KPIRecord
from domain.values import KPIKind, Stage

# default: the portfolio CPAE is taken over the KPI periods that ended in the last quarter
# (91 days), so a week's new periods move it visibly while one odd period does not swing it.
CPAE_WINDOW_DAYS = 91
# default: the sparklines show the figure at the end of each of the last 8 weeks.
SPARKLINE_WEEKS = kpis.SPARKLINE_LENGTH
# How far back the KPI facts reach: the oldest sparkline point's window.
KPI_LOOKBACK_DAYS = CPAE_WINDOW_DAYS + DAYS_PER_WEEK * (SPARKLINE_WEEKS - 1)


# -- KPIs --------------------------------------------------------------------------------------
def week_ends(today: date, weeks: int = SPARKLINE_WEEKS) -> list[date]:
    """The days the sparkline points stand for: today and the same weekday before, oldest
    first."""
    return [today - timedelta(days=DAYS_PER_WEEK * n) for n in range(weeks - 1, -1, -1)]


def portfolio_cpae(spend: Iterable[SpendTotal], on: date) -> Decimal | None:
    """The portfolio's CPAE in euros over the periods that ended in the quarter up to `on`."""
    first = on - timedelta(days=CPAE_WINDOW_DAYS - 1)
    records = []
    for total in spend:
        if total.currency != kpis.TARGET_CURRENCY or not first <= total.period_end <= on:
            continue
        records.append(
            KPIRecord(
                KPIKind.SPEND, total.period_end, total.period_end, total.spend, total.currency
            )
        )
        records.append(
            KPIRecord(
                KPIKind.AUTHENTIC_ENGAGEMENTS, total.period_end, total.period_end, total.engagements
            )
        )
    figure = kpis.cpae(records)
    return figure.value if figure else None


def _cpae(spend: Sequence[SpendTotal], today: date) -> CPAEFigure | None:
    series = tuple(portfolio_cpae(spend, day) for day in week_ends(today))
    value = series[-1]
    if value is None:
        return None
    return CPAEFigure(
        value=value,
        previous=series[-2] if len(series) > 1 else None,
        status=kpis.cpae_status(value, kpis.TARGET_CURRENCY),
        series=series,
    )


def brand_nps_on(answers: Iterable[BrandAnswer], on: date) -> kpis.CreatorNPS | None:
    """A brand's Creator NPS over its creators' latest answers given up to `on`."""
    return kpis.creator_nps(
        kpis.NPSAnswer(str(a.creator_id), a.answered_on, a.score)
        for a in answers
        if a.answered_on <= on
    )


def nps_series(
    answers: Sequence[BrandAnswer], days: Sequence[date]
) -> list[kpis.CreatorNPS | None]:
    """`brand_nps_on` for each of `days` (ascending) in one pass over the answers: each
    creator's latest answer, of two on one day the later in the input (as domain.kpis)."""
    ordered = sorted(answers, key=lambda a: a.answered_on)  # stable: input order per day
    latest: dict[int, int] = {}  # creator -> score
    scores: Counter[int] = Counter()  # score -> creators whose latest answer it is
    series: list[kpis.CreatorNPS | None] = []
    position = 0
    for day in days:
        while position < len(ordered) and ordered[position].answered_on <= day:
            answer = ordered[position]
            known = latest.get(answer.creator_id)
            if known is not None:
                scores[known] -= 1
            latest[answer.creator_id] = answer.score
            scores[answer.score] += 1
            position += 1
        series.append(kpis.creator_nps_of_scores(scores))
    return series


def _nps(facts: DigestFacts, today: date) -> tuple[BrandNPS, ...]:
    by_brand: dict[int, list[BrandAnswer]] = defaultdict(list)
    for answer in facts.nps_answers:
        if answer.brand_id is not None:
            by_brand[answer.brand_id].append(answer)
    days = week_ends(today)
    figures = []
    for brand_id, answers in by_brand.items():
        series = nps_series(answers, days)
        latest = series[-1]
        if latest is None:
            continue
        previous = series[-2] if len(series) > 1 else None
        figures.append(
            BrandNPS(
                brand_id=brand_id,
                brand_name=facts.brands.get(brand_id, "?"),
                score=latest.score,
                respondents=latest.respondents,
                previous=previous.score if previous else None,
                status=latest.status,
                series=tuple(f.score if f else None for f in series),
            )
        )
    figures.sort(key=lambda b: (b.status is kpis.TargetStatus.MET, b.brand_name.casefold()))
    return tuple(figures)


def _band_share(
    values: Sequence[tuple[Decimal, bool]], position: Callable[[Decimal], kpis.BandPosition]
) -> BandShare | None:
    """`values`: (figure, counted a week ago) for each live partnership with the figure."""
    if not values:
        return None
    now_counts = {
        kpis.BandPosition.BELOW: 0,
        kpis.BandPosition.WITHIN: 0,
        kpis.BandPosition.ABOVE: 0,
    }
    then_within = then_counted = 0
    for value, then in values:
        where = position(value)
        now_counts[where] += 1
        if then:
            then_counted += 1
            then_within += where is kpis.BandPosition.WITHIN
    return BandShare(
        below=now_counts[kpis.BandPosition.BELOW],
        within=now_counts[kpis.BandPosition.WITHIN],
        above=now_counts[kpis.BandPosition.ABOVE],
        previous_share=kpis.percent(then_within, then_counted) if then_counted else None,
    )


def kpis_section(
    facts: DigestFacts, today: date, last_week: Mapping[int, Stage | None]
) -> KPIsSection | None:
    """The four figures against their seed targets. The section speaks when a figure moved
    since last week or misses its target; steady figures on target make no news."""
    live = [p for p in facts.partnerships if p.stage is not Stage.ENDED]

    def was_live(p: PartnershipFact) -> bool:
        before = last_week.get(p.partnership_id)
        return before is not None and before is not Stage.ENDED

    fees = _band_share(
        [
            (p.quarterly_fee, was_live(p))
            for p in live
            if p.quarterly_fee is not None and p.currency == kpis.TARGET_CURRENCY
        ],
        lambda fee: kpis.fee_band(fee, kpis.TARGET_CURRENCY),
    )
    premium = _band_share(
        [(p.premium_pct, was_live(p)) for p in live if p.premium_pct is not None],
        kpis.premium_band,
    )
    section = KPIsSection(
        cpae=_cpae(facts.spend, today), nps=_nps(facts, today), fees=fees, premium=premium
    )
    if section.cpae is None and not section.nps and fees is None and premium is None:
        return None
    news = (
        (
            section.cpae is not None
            and (section.cpae.change or section.cpae.status is kpis.TargetStatus.NOT_MET)
        )
        or any(b.change or b.status is kpis.TargetStatus.NOT_MET for b in section.nps)
        or any(
            band is not None and (band.change or band.below or band.above)
            for band in (fees, premium)
        )
    )
    return section if news else None
