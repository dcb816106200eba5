"""Test data through the storage layer (the same code paths the app uses)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine

from domain.names import handle_key
from domain.values import Difficulty, IPModel, KPIKind, Stage
from storage import creators, kpis
from storage.db import session_scope
from storage.models import Brand, Creator, Partnership
from tests.harness import START, TEAM_ID


def make_brand(
    engine: Engine, name: str = "Koffie & Co", *, now: datetime = START, **fields: Any
) -> Brand:
    with session_scope(engine) as session:
        brand = Brand(
            team_id=fields.pop("team_id", TEAM_ID),
            name=name,
            name_key="",
            category=fields.pop("category", "coffee machines"),
            difficulty=fields.pop("difficulty", Difficulty.EASY),
            **fields,
        )
        return creators.save_brand(session=session, brand=brand, now=now)


def make_creator(
    engine: Engine,
    display_name: str = "Zoë de Vries",
    handle: str | None = None,
    *,
    now: datetime = START,
    **fields: Any,
) -> Creator:
    with session_scope(engine) as session:
        creator = Creator(
            team_id=fields.pop("team_id", TEAM_ID),
            handle=handle or handle_key(display_name),  # "Zoë de Vries": "zoedevries"
            display_name=display_name,
            name_key="",
            platforms=fields.pop("platforms", {"instagram": 120000, "tiktok": 45000}),
            base_rate=fields.pop("base_rate", Decimal("1000")),
            **fields,
        )
        return creators.save_creator(session=session, creator=creator, now=now)


def make_partnership(
    engine: Engine, creator: Creator, brand: Brand, *, now: datetime = START, **fields: Any
) -> Partnership:
    defaults: dict[str, Any] = {
        "stage": Stage.GUARDRAILS,
        "start_date": date(2026, 9, 1),
        "end_date": date(2027, 8, 31),
        "quarterly_fee": Decimal("20000"),
        "premium_pct": Decimal("35"),
        "payment_terms_days": 30,
        "ip_model": IPModel.SHARED,
    }
    defaults.update(fields)
    with session_scope(engine) as session:
        partnership = Partnership(
            team_id=creator.team_id, creator_id=creator.id, brand_id=brand.id, **defaults
        )
        return creators.save_partnership(session=session, partnership=partnership, now=now)


def log_period(
    engine: Engine,
    partnership: Partnership,
    start: date,
    end: date,
    values: dict[KPIKind, Decimal | int | str],
    feedback_shared: bool = True,
    now: datetime = START,
) -> None:
    with session_scope(engine) as session:
        kpis.log_kpis(
            session=session,
            partnership=partnership,
            period_start=start,
            period_end=end,
            values={kind: Decimal(str(v)) for kind, v in values.items()},
            currency=partnership.currency,
            feedback_shared=feedback_shared,
            recorded_by=None,
            now=now,
        )


def answer_nps(
    engine: Engine,
    creator_id: int,
    brand_id: int | None,
    score: int,
    on: date,
    team_id: str = TEAM_ID,
) -> None:
    """A creator's NPS answer about a brand, as `/creator nps` records it."""
    with session_scope(engine) as session:
        kpis.record_nps(
            session=session,
            team_id=team_id,
            creator_id=creator_id,
            brand_id=brand_id,
            score=score,
            answered_on=on,
            recorded_by=None,
        )
