"""A creator's data on request: everything held about them (export), or their erasure.

Erasure removes what identifies the person and keeps the anonymous figures the portfolio
KPIs are built from: partnerships (stages, dates, fees), KPI values and NPS scores stay,
attached to a creator row that no longer says who it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, SQLModel, col, select

from domain.names import name_key
from storage.creators import get_creator_by_handle
from storage.models import (
    Brand,
    KPIPeriod,
    KPIValue,
    NPSAnswer,
    Partnership,
    StageChange,
)
from storage.status_cards import forget_cards

EXPORT_FORMAT = "partnerdesk-creator-export"
EXPORT_VERSION = 1
ERASED_DISPLAY_NAME = "Erased creator"


# -- export ----------------------------------------------------------------------------------
def export_creator(*, session: Session, team_id: str, handle: str) -> dict[str, Any] | None:
    """Everything held about a creator, JSON-ready (Decimals as strings, dates in ISO form).

    The partnerships carry their brand's name, stage changes and KPI periods with values;
    `brands` lists the names of every brand referred to. None when there is no such creator.
    """
    creator = get_creator_by_handle(session=session, team_id=team_id, handle=handle, forgiving=True)
    if creator is None:
        return None
    partnerships = _partnerships(session, team_id, creator.id)
    answers = session.exec(
        select(NPSAnswer)
        .where(NPSAnswer.team_id == team_id, NPSAnswer.creator_id == creator.id)
        .order_by(NPSAnswer.answered_on, NPSAnswer.id)
    ).all()
    brand_ids = {p.brand_id for p in partnerships} | {a.brand_id for a in answers if a.brand_id}
    brand_names = _brand_names(session, team_id, brand_ids)
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "team_id": team_id,
        "creator": _plain_row(creator),
        "brands": sorted(brand_names.values()),
        "partnerships": _export_partnerships(session, team_id, partnerships, brand_names),
        "nps_answers": [
            {**_plain_row(answer), "brand": brand_names.get(answer.brand_id)} for answer in answers
        ],
    }


def _partnerships(session: Session, team_id: str, creator_id: int | None) -> Sequence[Partnership]:
    return session.exec(
        select(Partnership)
        .where(Partnership.team_id == team_id, Partnership.creator_id == creator_id)
        .order_by(Partnership.id)
    ).all()


def _brand_names(session: Session, team_id: str, brand_ids: set[int]) -> dict[int, str]:
    if not brand_ids:
        return {}
    rows = session.exec(
        select(Brand.id, Brand.name).where(Brand.team_id == team_id, col(Brand.id).in_(brand_ids))
    ).all()
    return {brand_id: name for brand_id, name in rows if brand_id is not None}


def _export_partnerships(
    session: Session,
    team_id: str,
    partnerships: Sequence[Partnership],
    brand_names: dict[int, str],
) -> list[dict[str, Any]]:
    """Each partnership with its brand's name, stage changes and KPI periods (with values)."""
    ids = [p.id for p in partnerships]
    changes = session.exec(
        select(StageChange)
        .where(StageChange.team_id == team_id, col(StageChange.partnership_id).in_(ids))
        .order_by(StageChange.changed_at, StageChange.id)
    ).all()
    periods = session.exec(
        select(KPIPeriod)
        .where(KPIPeriod.team_id == team_id, col(KPIPeriod.partnership_id).in_(ids))
        .order_by(KPIPeriod.period_start, KPIPeriod.id)
    ).all()
    values = session.exec(
        select(KPIValue)
        .where(KPIValue.team_id == team_id, col(KPIValue.period_id).in_([p.id for p in periods]))
        .order_by(KPIValue.id)
    ).all()
    exported = []
    for partnership in partnerships:
        mine = [period for period in periods if period.partnership_id == partnership.id]
        exported.append(
            {
                **_plain_row(partnership),
                "brand": brand_names.get(partnership.brand_id),
                "stage_changes": [
                    _plain_row(change)
                    for change in changes
                    if change.partnership_id == partnership.id
                ],
                "kpi_periods": [
                    {
                        **_plain_row(period),
                        "values": [_plain_row(v) for v in values if v.period_id == period.id],
                    }
                    for period in mine
                ],
            }
        )
    return exported


def _plain_row(row: SQLModel) -> dict[str, Any]:
    """A row's columns as JSON-ready values."""
    return {name: _plain(getattr(row, name)) for name in type(row).model_fields}


def _plain(value: Any) -> Any:
    """JSON-ready: Decimals as strings (exact), dates and times in ISO 8601, enums by value."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


# -- erasure ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Erasure:
    """What an erasure did: the creator's new handle and the anonymous figures kept."""

    creator_id: int
    handle: str
    partnerships_kept: int
    kpi_values_kept: int
    nps_answers_kept: int


def erase_creator(*, session: Session, team_id: str, handle: str, now: datetime) -> Erasure | None:
    """Remove a creator's personal data, keeping the anonymous figures; None if not found.

    Cleared: handle (becomes `erased-<id>`), display name, contact, niche, country and the
    platforms with their audiences (an exact audience size can single a person out); on the
    partnerships, the free-text performance incentive and the Slack channel. Kept: language,
    base rate and currency, partnership stages, dates and fees, KPI values and NPS scores.
    """
    creator = get_creator_by_handle(session=session, team_id=team_id, handle=handle, forgiving=True)
    if creator is None or creator.id is None:
        return None
    # Set directly, not through save_creator: its handle_key would turn "erased-7" into
    # "erased7". With the hyphen, which no handle or look-up key holds, no look-up or import
    # can ever reach the row again, nor collide with a real handle.
    creator.handle = creator.handle_key = f"erased-{creator.id}"
    creator.display_name = ERASED_DISPLAY_NAME
    creator.name_key = name_key(ERASED_DISPLAY_NAME)
    creator.contact = ""
    creator.niche = ""
    creator.country = ""
    creator.platforms = {}
    creator.erased = True
    creator.archived = True
    creator.updated_at = now
    session.add(creator)
    partnerships = _partnerships(session, team_id, creator.id)
    for partnership in partnerships:
        partnership.performance_incentive = ""
        partnership.channel_id = None
        partnership.updated_at = now
        session.add(partnership)
    # Kept status cards may show what was just erased: none may stay (storage.status_cards).
    forget_cards(session, team_id)
    session.flush()
    return Erasure(
        creator_id=creator.id,
        handle=creator.handle,
        partnerships_kept=len(partnerships),
        kpi_values_kept=_count_kpi_values(session, team_id, [p.id for p in partnerships]),
        nps_answers_kept=session.exec(
            select(func.count())
            .select_from(NPSAnswer)
            .where(NPSAnswer.team_id == team_id, NPSAnswer.creator_id == creator.id)
        ).one(),
    )


def _count_kpi_values(session: Session, team_id: str, partnership_ids: list[int | None]) -> int:
    statement = (
        select(func.count())
        .select_from(KPIValue)
        .join(KPIPeriod, col(KPIPeriod.id) == KPIValue.period_id)
        .where(KPIValue.team_id == team_id, col(KPIPeriod.partnership_id).in_(partnership_ids))
    )
    return session.exec(statement).one()
