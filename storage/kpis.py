"""KPI periods and values, and creators' NPS answers: writes and histories, scoped by team."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import bindparam, func, or_
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from domain.kpis import KPIRecord
from domain.kpis import NPSAnswer as NPSAnswerFact
from domain.values import KPIKind
from storage.models import KPIPeriod, KPIValue, NPSAnswer, Partnership


@dataclass(frozen=True)
class LoggedPeriod:
    period_start: date
    period_end: date
    feedback_shared: bool


@dataclass(frozen=True)
class KPIHistory:
    """One partnership's KPI records and periods, oldest first."""

    records: tuple[KPIRecord, ...]
    periods: tuple[LoggedPeriod, ...]

    @property
    def latest_period(self) -> LoggedPeriod | None:
        return max(self.periods, key=lambda p: p.period_end, default=None)


def log_kpis(
    *,
    session: Session,
    partnership: Partnership,
    period_start: date,
    period_end: date,
    values: dict[KPIKind, Decimal],
    currency: str,
    feedback_shared: bool,
    recorded_by: str | None,
    now: datetime,
) -> KPIPeriod:
    """Record a period's KPI values (spend in the partnership's currency)."""
    period = KPIPeriod(
        team_id=partnership.team_id,
        partnership_id=partnership.id,
        period_start=period_start,
        period_end=period_end,
        feedback_shared=feedback_shared,
        recorded_by=recorded_by,
        recorded_at=now,
    )
    session.add(period)
    session.flush()
    for kind, value in values.items():
        session.add(
            KPIValue(
                team_id=partnership.team_id,
                period_id=period.id,
                kind=kind,
                value=value,
                currency=currency if kind is KPIKind.SPEND else None,
            )
        )
    session.flush()
    return period


# Plain columns, not ORM objects: a year of history is hundreds of rows per card. The outer
# join keeps a period logged without values (it still counts as "logged").
_KPI_HISTORY = (
    select(
        KPIPeriod.id,
        KPIPeriod.partnership_id,
        KPIPeriod.period_start,
        KPIPeriod.period_end,
        KPIPeriod.feedback_shared,
        KPIValue.kind,
        KPIValue.value,
        KPIValue.currency,
    )
    .outerjoin(KPIValue, col(KPIValue.period_id) == KPIPeriod.id)
    .where(
        KPIPeriod.team_id == bindparam("team_id"),
        col(KPIPeriod.partnership_id).in_(bindparam("ids", expanding=True)),
    )
    .order_by(KPIPeriod.period_end, KPIPeriod.id, KPIValue.id)
)


def kpi_histories(
    *, session: Session, team_id: str, partnership_ids: Iterable[int]
) -> dict[int, KPIHistory]:
    """KPI histories for many partnerships in one query (never one per partnership)."""
    ids = list(partnership_ids)
    if not ids:
        return {}
    rows = session.exec(_KPI_HISTORY, params={"team_id": team_id, "ids": ids}).all()
    records: dict[int, list[KPIRecord]] = defaultdict(list)
    logged: dict[int, list[LoggedPeriod]] = defaultdict(list)
    last_period = None
    for period_id, partnership_id, start, end, shared, kind, value, currency in rows:
        if period_id != last_period:
            logged[partnership_id].append(LoggedPeriod(start, end, shared))
            last_period = period_id
        if kind is not None:
            records[partnership_id].append(
                KPIRecord(
                    kind=kind,
                    period_start=start,
                    period_end=end,
                    value=Decimal(value),
                    currency=currency,
                )
            )
    return {
        pid: KPIHistory(records=tuple(records.get(pid, ())), periods=tuple(logged.get(pid, ())))
        for pid in ids
    }


def record_nps(
    *,
    session: Session,
    team_id: str,
    creator_id: int,
    brand_id: int | None,
    score: int,
    answered_on: date,
    recorded_by: str | None,
) -> NPSAnswer:
    if not 0 <= score <= 10:
        raise ValueError("an NPS answer is 0 to 10")
    answer = NPSAnswer(
        team_id=team_id,
        creator_id=creator_id,
        brand_id=brand_id,
        score=score,
        answered_on=answered_on,
        recorded_by=recorded_by,
    )
    session.add(answer)
    session.flush()
    return answer


def latest_nps_answer(
    *, session: Session, team_id: str, creator_id: int, brand_id: int | None
) -> NPSAnswerFact | None:
    """The creator's latest answer about the brand (of two on one day, the later recorded)."""
    row = session.exec(
        _LATEST_ANSWER,
        params={"team_id": team_id, "creator_id": creator_id, "brand_id": brand_id},
    ).first()
    return NPSAnswerFact(str(creator_id), row[1], row[0]) if row else None


_LATEST_ANSWER = (
    select(NPSAnswer.score, NPSAnswer.answered_on)
    .where(
        NPSAnswer.team_id == bindparam("team_id"),
        NPSAnswer.brand_id == bindparam("brand_id"),
        NPSAnswer.creator_id == bindparam("creator_id"),
    )
    .order_by(col(NPSAnswer.answered_on).desc(), col(NPSAnswer.id).desc())
    .limit(1)
)


def brand_nps_scores(*, session: Session, team_id: str, brand_id: int) -> dict[int, int]:
    """How many of the brand's creators gave each score as their latest answer about it.

    Counted in the database: the card reads at most 11 rows however many creators the brand
    has (the (team, brand, creator, date) index finds each answer's later ones).
    """
    return dict(session.exec(BRAND_SCORES, params={"team_id": team_id, "brand_id": brand_id}).all())


_later = aliased(NPSAnswer)
BRAND_SCORES = (
    select(NPSAnswer.score, func.count())
    .where(
        NPSAnswer.team_id == bindparam("team_id"),
        NPSAnswer.brand_id == bindparam("brand_id"),
        ~select(_later.id)
        .where(
            _later.team_id == NPSAnswer.team_id,
            _later.brand_id == NPSAnswer.brand_id,
            _later.creator_id == NPSAnswer.creator_id,
            or_(
                _later.answered_on > NPSAnswer.answered_on,
                (_later.answered_on == NPSAnswer.answered_on) & (col(_later.id) > NPSAnswer.id),
            ),
        )
        .exists(),
    )
    .group_by(NPSAnswer.score)
)
