"""Brands, creators, partnerships, KPI records and NPS answers: queries, all scoped by team."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from functools import cache

from sqlalchemy import Select, bindparam, func, or_
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from domain.kpis import KPIRecord
from domain.kpis import NPSAnswer as NPSAnswerFact
from domain.names import handle_key, handle_of, name_key
from domain.values import IPModel, KPIKind, Stage
from storage.models import (
    Brand,
    Creator,
    KPIPeriod,
    KPIValue,
    NPSAnswer,
    Partnership,
    StageChange,
)

MAX_CANDIDATES = 5
# Stages in which a partnership is the creator's "current" one (not over).
LIVE_STAGES = (Stage.PROSPECT, Stage.ALIGNMENT, Stage.GUARDRAILS, Stage.AMBASSADOR, Stage.GROWTH)


# -- brands --------------------------------------------------------------------------------
def find_brand(*, session: Session, team_id: str, name: str) -> Brand | None:
    statement = select(Brand).where(Brand.team_id == team_id, Brand.name_key == name_key(name))
    return session.exec(statement).first()


def list_brands(*, session: Session, team_id: str) -> Sequence[Brand]:
    return session.exec(select(Brand).where(Brand.team_id == team_id).order_by(Brand.name)).all()


def save_brand(*, session: Session, brand: Brand, now: datetime) -> Brand:
    """Insert or update a brand; its look-up key follows its name."""
    brand.name_key = name_key(brand.name)
    _stamp(brand, now)
    session.add(brand)
    session.flush()
    return brand


# -- creators -------------------------------------------------------------------------------
def get_creator(*, session: Session, team_id: str, creator_id: int) -> Creator | None:
    creator = session.get(Creator, creator_id)
    return creator if creator is not None and creator.team_id == team_id else None


def get_creator_by_handle(
    *, session: Session, team_id: str, handle: str, forgiving: bool = False
) -> Creator | None:
    """The creator with exactly this handle ("@Zoe.DV" is "zoe.dv", and not "zoedv").

    `forgiving` also takes a handle's look-up key ("zoedv", "Zoe DV" for "zoe.dv") when
    exactly one creator has it: for the command line, where there is no list to pick from.
    """
    exact = select(Creator).where(Creator.team_id == team_id, Creator.handle == handle_of(handle))
    found = session.exec(exact).first()
    if found is not None or not forgiving or not handle_key(handle):
        return found
    by_key = select(Creator).where(
        Creator.team_id == team_id, Creator.handle_key == handle_key(handle)
    )
    candidates = session.exec(by_key.limit(2)).all()
    return candidates[0] if len(candidates) == 1 else None


def find_creators(
    *, session: Session, team_id: str, query: str, include_archived: bool = False
) -> list[Creator]:
    """Creators whose handle or display name matches, forgivingly; exact matches win.

    Exact matches first (the handle, then the whole name), then partial ones (a word of the
    name, or the start of the handle) only when there was no exact match.
    """
    key, handle = name_key(query), handle_key(query)
    if not key:
        return []
    # One equality at a time: SQLite serves each from its own index, not an OR from neither.
    exact = (("handle", handle_of(query)), ("handle_key", handle), ("name_key", key))
    for column, value in exact:
        found = session.exec(
            _exact_creators_statement(column, include_archived),
            params={"team_id": team_id, "value": value},
        ).all()
        if found:
            return list(found)
    base = select(Creator).where(Creator.team_id == team_id, col(Creator.erased).is_(False))
    if not include_archived:
        base = base.where(col(Creator.archived).is_(False))
    like = _escape_like(key)
    partial = base.where(
        or_(
            col(Creator.handle_key).startswith(_escape_like(handle), autoescape=False),
            col(Creator.name_key).startswith(like, autoescape=False),
            col(Creator.name_key).contains(" " + like, autoescape=False),
        )
    )
    return list(session.exec(partial.order_by(Creator.display_name).limit(MAX_CANDIDATES)).all())


# Statements on the status card's and the list's paths are built once per shape, their values
# bound at execution: building a SQLAlchemy statement cost more than SQLite running it
# (bench/README.md, "creators.py").
@cache
def _exact_creators_statement(column: str, include_archived: bool) -> Select:
    statement = select(Creator).where(
        Creator.team_id == bindparam("team_id"), col(Creator.erased).is_(False)
    )
    if not include_archived:
        statement = statement.where(col(Creator.archived).is_(False))
    return statement.where(getattr(Creator, column) == bindparam("value")).limit(MAX_CANDIDATES)


def _escape_like(text: str) -> str:
    # name keys contain only word characters and spaces, but "_" is a word character.
    return text.replace("\\", "").replace("%", "").replace("_", "")


def creator_name_keys(*, session: Session, team_id: str) -> dict[str, str]:
    """Every live creator's name key and handle key -> handle (for "did you mean ...?")."""
    rows = session.exec(
        select(Creator.handle, Creator.handle_key, Creator.name_key).where(
            Creator.team_id == team_id,
            col(Creator.archived).is_(False),
            col(Creator.erased).is_(False),
        )
    ).all()
    keys: dict[str, str] = {}
    for handle, handle_lookup, key in rows:
        keys[key] = handle
        keys[handle_lookup] = handle
    return keys


def save_creator(*, session: Session, creator: Creator, now: datetime) -> Creator:
    creator.handle = handle_of(creator.handle)
    creator.handle_key = handle_key(creator.handle)
    creator.name_key = name_key(creator.display_name)
    _stamp(creator, now)
    session.add(creator)
    session.flush()
    return creator


# -- partnerships ----------------------------------------------------------------------------
def current_partnership(
    *, session: Session, team_id: str, creator_id: int, brand_id: int | None = None
) -> Partnership | None:
    """The creator's live partnership (with that brand), else their most recent one."""
    return session.exec(
        _current_partnership_statement(brand_id is not None),
        params={"team_id": team_id, "creator_id": creator_id, "brand_id": brand_id},
    ).first()


@cache
def _current_partnership_statement(with_brand: bool) -> Select:
    statement = select(Partnership).where(
        Partnership.team_id == bindparam("team_id"),
        Partnership.creator_id == bindparam("creator_id"),
    )
    if with_brand:
        statement = statement.where(Partnership.brand_id == bindparam("brand_id"))
    live_first = func.coalesce(col(Partnership.stage).in_(LIVE_STAGES), False).desc()
    return statement.order_by(
        live_first, col(Partnership.start_date).desc(), col(Partnership.id).desc()
    ).limit(1)


def get_partnership(*, session: Session, team_id: str, partnership_id: int) -> Partnership | None:
    partnership = session.get(Partnership, partnership_id)
    return partnership if partnership is not None and partnership.team_id == team_id else None


def save_partnership(
    *, session: Session, partnership: Partnership, now: datetime, changed_by: str | None = None
) -> Partnership:
    """Insert or update a partnership, recording a stage change when the stage moved."""
    previous_stage = None
    if partnership.id is not None:
        # Without no_autoflush the query would first write the new stage and then read it.
        with session.no_autoflush:
            previous_stage = session.exec(
                select(Partnership.stage).where(Partnership.id == partnership.id)
            ).first()
    _stamp(partnership, now)
    moved = partnership.id is None or previous_stage != partnership.stage
    if moved:
        partnership.stage_changed_at = now
    session.add(partnership)
    session.flush()
    if moved:
        session.add(
            StageChange(
                team_id=partnership.team_id,
                partnership_id=partnership.id,
                from_stage=previous_stage,
                to_stage=partnership.stage,
                changed_by=changed_by,
                changed_at=now,
            )
        )
    return partnership


def _stamp(record: Brand | Creator | Partnership, now: datetime) -> None:
    """Updated now; created now too when it is new (the caller's clock, see models.columns.stamp)."""
    if record.id is None:
        record.created_at = now
    record.updated_at = now


# -- KPIs and NPS ----------------------------------------------------------------------------
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
    return dict(
        session.exec(_BRAND_SCORES, params={"team_id": team_id, "brand_id": brand_id}).all()
    )


_later = aliased(NPSAnswer)
_BRAND_SCORES = (
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


# -- lists -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ListedPartnership:
    """One line of `/creator list`: a creator with one of their partnerships (or none)."""

    creator_id: int
    display_name: str
    handle: str
    partnership_id: int | None
    brand_name: str | None
    stage: Stage | None
    owner_user_id: str | None
    payment_terms_days: int | None
    ip_model: IPModel | None
    end_date: date | None
    renewal_decided: bool
    latest_period_end: date | None = None
    latest_feedback_shared: bool = False


LISTED_COLUMNS = (
    Creator.id,
    Creator.display_name,
    Creator.handle,
    Partnership.id,
    # A scalar subquery rather than a join: the database looks the brand up for the page's
    # rows only, after sorting, instead of for every match (a stage list: 2,000 look-ups).
    select(Brand.name).where(col(Brand.id) == Partnership.brand_id).scalar_subquery(),
    Partnership.stage,
    Partnership.owner_user_id,
    Partnership.payment_terms_days,
    Partnership.ip_model,
    Partnership.end_date,
    Partnership.renewal_decision,
)


@cache
def _list_statement(
    with_stage: bool, with_owner: bool, *, paged: bool = False, counting: bool = False
) -> Select:
    """The rows of the list (or their count), in the name index's order."""
    statement = (
        select(*((func.count(),) if counting else LISTED_COLUMNS))
        .select_from(Creator)
        # Both columns in the join let the (creator_id, team_id) index serve it.
        .outerjoin(
            Partnership,
            (col(Partnership.team_id) == Creator.team_id)
            & (col(Partnership.creator_id) == Creator.id),
        )
    )
    statement = statement.where(
        Creator.team_id == bindparam("team_id"),
        col(Creator.archived).is_(False),
        col(Creator.erased).is_(False),
    )
    if with_stage:
        statement = statement.where(Partnership.stage == bindparam("stage"))
    if with_owner:
        statement = statement.where(Partnership.owner_user_id == bindparam("owner"))
    if counting:
        return statement
    # name_key then id is the (team_id, name_key) index's own order: no sort of every row.
    statement = statement.order_by(Creator.name_key, Creator.id)
    return statement.offset(bindparam("offset")).limit(bindparam("limit")) if paged else statement


def list_partnerships(
    *,
    session: Session,
    team_id: str,
    stage: Stage | None = None,
    owner: str | None = None,
    offset: int = 0,
    limit: int | None = None,
) -> tuple[list[ListedPartnership], int]:
    """A page of creators with their partnerships, and how many there are in all.

    Three queries whatever the page: the count, the page, and the page's latest KPI periods.
    `offset` pages need a `limit`; without one, every row is returned.
    """
    if offset and limit is None:
        raise ValueError("an offset needs a limit")
    shape = (stage is not None, owner is not None)
    params = {"team_id": team_id, "stage": stage, "owner": owner, "offset": offset, "limit": limit}
    total = session.exec(_list_statement(*shape, counting=True), params=params).one()
    page = session.exec(_list_statement(*shape, paged=limit is not None), params=params)
    rows = [
        ListedPartnership(
            creator_id=row[0],
            display_name=row[1],
            handle=row[2],
            partnership_id=row[3],
            brand_name=row[4],
            stage=row[5],
            owner_user_id=row[6],
            payment_terms_days=row[7],
            ip_model=row[8],
            end_date=row[9],
            renewal_decided=row[10] is not None,
        )
        for row in page.all()
    ]
    latest = latest_periods(
        session=session,
        team_id=team_id,
        partnership_ids=[r.partnership_id for r in rows if r.partnership_id],
    )
    return [
        replace(
            r,
            latest_period_end=latest[r.partnership_id][0],
            latest_feedback_shared=latest[r.partnership_id][1],
        )
        if r.partnership_id in latest
        else r
        for r in rows
    ], total


def latest_periods(
    *, session: Session, team_id: str, partnership_ids: Iterable[int] | None = None
) -> dict[int, tuple[date, bool]]:
    """Each partnership's latest KPI period end and whether its feedback was shared."""
    params: dict[str, object] = {"team_id": team_id}
    if partnership_ids is not None:
        params["ids"] = list(partnership_ids)
        if not params["ids"]:
            return {}
    rows = session.exec(_latest_periods_statement(partnership_ids is not None), params=params)
    return {pid: (end, shared) for pid, end, shared in rows.all()}


@cache
def _latest_periods_statement(of_some: bool) -> Select:
    ranked = select(
        KPIPeriod.partnership_id,
        KPIPeriod.period_end,
        KPIPeriod.feedback_shared,
        func.row_number()
        .over(
            partition_by=KPIPeriod.partnership_id,
            order_by=(col(KPIPeriod.period_end).desc(), col(KPIPeriod.id).desc()),
        )
        .label("position"),
    ).where(KPIPeriod.team_id == bindparam("team_id"))
    if of_some:
        ranked = ranked.where(col(KPIPeriod.partnership_id).in_(bindparam("ids", expanding=True)))
    latest = ranked.subquery()
    return select(latest.c.partnership_id, latest.c.period_end, latest.c.feedback_shared).where(
        latest.c.position == 1
    )
