"""The rows of `/creator list`: creators with their partnerships, paged, filtered, counted."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from functools import cache

from sqlalchemy import Select, bindparam, func
from sqlmodel import Session, col, select

from domain.values import IPModel, Stage
from storage.models import Brand, Creator, KPIPeriod, Partnership


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
