"""A large, realistic workspace for benchmarks and scale tests, inserted in bulk."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, Engine, insert, select

from domain.names import name_key
from domain.values import Difficulty, IPModel, KPIKind, Stage
from storage.models import (
    Brand,
    Creator,
    KPIPeriod,
    KPIValue,
    NPSAnswer,
    Partnership,
    TeamSettings,
)

TEAM_ID = "T0BENCH0001"
BRANDS = 50
FIRST_NAMES = ("Zoë", "Milan", "Sanne", "Noor", "Daan", "Emma", "Lotte", "Ruben", "Fenna", "Bram")
LAST_NAMES = ("de Vries", "Jansen", "Bakker", "El Amrani", "Visser", "Smit", "de Boer", "Mulder")
KINDS = (
    KPIKind.BRAND_FIT,
    KPIKind.ENGAGEMENT_RATE,
    KPIKind.SPEND,
    KPIKind.AUTHENTIC_ENGAGEMENTS,
    KPIKind.RETENTION,
)
STAGES = (Stage.PROSPECT, Stage.ALIGNMENT, Stage.GUARDRAILS, Stage.AMBASSADOR, Stage.GROWTH)
CHUNK = 20_000


def load(
    engine: Engine,
    creators: int,
    *,
    months: int = 12,
    today: date | None = None,
    seed: int = 7,
    first: int = 0,
) -> None:
    """`creators` creators, each with a partnership, `months` monthly KPI periods and NPS.

    `first` numbers the creators from there, so a second call adds to the first one's.
    """
    rng = random.Random(seed + first)
    today = today or date(2026, 11, 23)
    now = datetime.now(UTC)
    with engine.begin() as connection:
        if first == 0:
            _team_and_brands(connection, now)
        brand_ids = _ids(connection, select(Brand.id).where(Brand.team_id == TEAM_ID))
        creator_ids = _insert(
            connection, Creator, [_creator(n, rng, now) for n in range(first, first + creators)]
        )
        partnership_ids = _insert(
            connection,
            Partnership,
            [
                _partnership(i, cid, brand_ids, today, now)
                for i, cid in enumerate(creator_ids, start=first)
            ],
        )
        period_ids = _insert(
            connection,
            KPIPeriod,
            [
                {
                    "team_id": TEAM_ID,
                    "partnership_id": pid,
                    "period_start": end - timedelta(days=29),
                    "period_end": end,
                    "feedback_shared": month % 3 != 0,
                    "recorded_at": now,
                }
                for pid in partnership_ids
                for month in range(months)
                for end in [today - timedelta(days=30 * (months - month) - 25)]
            ],
        )
        _insert(
            connection,
            KPIValue,
            [
                {
                    "team_id": TEAM_ID,
                    "period_id": period_id,
                    "kind": kind.value,
                    "value": Decimal(rng.randint(1, 5000)),
                    "currency": "EUR" if kind is KPIKind.SPEND else None,
                }
                for period_id in period_ids
                for kind in KINDS
            ],
            returning=False,
        )
        _insert(
            connection,
            NPSAnswer,
            [
                {
                    "team_id": TEAM_ID,
                    "creator_id": cid,
                    "brand_id": brand_ids[i % BRANDS],
                    "score": rng.randint(0, 10),
                    "answered_on": today - timedelta(days=i % 90),
                }
                for i, cid in enumerate(creator_ids, start=first)
            ],
            returning=False,
        )


def _team_and_brands(connection: Connection, now: datetime) -> None:
    connection.execute(
        insert(TeamSettings),
        [
            {
                "team_id": TEAM_ID,
                "default_locale": "en",
                "timezone": "Europe/Amsterdam",
                "approval_settings": {},
                "created_at": now,
            }
        ],
    )
    connection.execute(
        insert(Brand),
        [
            {
                "team_id": TEAM_ID,
                "name": f"Brand {b:02d}",
                "name_key": f"brand {b:02d}",
                "category": f"category {b % 10}",
                "difficulty": Difficulty.EASY.value,
                "competitors": [],
                "exclusivity_needs_approval": False,
                "pricing_overrides": {},
                "created_at": now,
                "updated_at": now,
            }
            for b in range(BRANDS)
        ],
    )


def _creator(n: int, rng: random.Random, now: datetime) -> dict[str, Any]:
    display = f"{FIRST_NAMES[n % 10]} {LAST_NAMES[(n // 10) % 8]} {n}"
    return {
        "team_id": TEAM_ID,
        "handle": f"creator{n}",
        "display_name": display,
        "name_key": name_key(display),
        "platforms": {"instagram": rng.randint(1, 10**6)},
        "niche": "",
        "country": "NL",
        "language": "nl",
        "base_rate": Decimal(rng.randint(200, 3000)),
        "currency": "EUR",
        "contact": "",
        "archived": False,
        "erased": False,
        "created_at": now,
        "updated_at": now,
    }


def _partnership(
    i: int, creator_id: int, brand_ids: list[int], today: date, now: datetime
) -> dict[str, Any]:
    return {
        "team_id": TEAM_ID,
        "creator_id": creator_id,
        "brand_id": brand_ids[i % BRANDS],
        "stage": STAGES[i % 5].value,
        "start_date": today - timedelta(days=200),
        "end_date": today + timedelta(days=165),
        "quarterly_fee": Decimal(20000),
        "currency": "EUR",
        "premium_pct": Decimal(35),
        "payment_terms_days": 90 if i % 17 == 0 else 30,
        "ip_model": IPModel.SHARED.value,
        "performance_incentive": "",
        "exit_scenario_agreed": False,
        "owner_user_id": f"U{i % 20:010d}",
        "stage_changed_at": now,
        "created_at": now,
        "updated_at": now,
    }


def _ids(connection: Connection, statement: Any) -> list[int]:
    return list(connection.execute(statement).scalars())


def _insert(
    connection: Connection, model: Any, rows: list[dict[str, Any]], *, returning: bool = True
) -> list[int]:
    """Insert in chunks; the new rows' ids in insertion order (when asked for)."""
    ids: list[int] = []
    table = model.__table__
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start : start + CHUNK]
        if returning:
            result = connection.execute(
                insert(table).returning(table.c.id, sort_by_parameter_order=True), chunk
            )
            ids.extend(result.scalars())
        else:
            connection.execute(insert(table), chunk)
    return ids
