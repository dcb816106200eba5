"""A large, realistic workspace for benchmarks and scale tests, inserted in bulk."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, Engine, insert, select

from domain.names import name_key
from domain.roadmap import plan
from domain.values import Difficulty, IPModel, KPIKind, Stage
from storage.models import (
    ApprovalDecision,
    ApprovalRequest,
    Brand,
    Creator,
    ExclusivityWindow,
    KPIPeriod,
    KPIValue,
    NPSAnswer,
    Partnership,
    Roadmap,
    RoadmapMilestone,
    StageChange,
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
    digest: bool = False,
) -> None:
    """`creators` creators, each with a partnership, `months` monthly KPI periods and NPS.

    `first` numbers the creators from there, so a second call adds to the first one's.
    `digest` adds what a weekly digest reports besides (see `_digest_extras`): the week's
    stage moves, pending approvals, roadmaps with open milestones and exclusivity windows.
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
        if digest:
            _digest_extras(connection, partnership_ids, first, today, now)


# Of every 100 partnerships (by number): how many the digest extras touch.
MOVED_EVERY = 10  # moved a stage this week
APPROVAL_EVERY = 25  # a pending approval (every other one overdue)
ROADMAP_EVERY = 20  # a 12-week roadmap in week 8, the first four milestones done
WINDOW_EVERY = 30  # an exclusivity window starting in 3 days, ending in 10


def _digest_extras(
    connection: Connection, partnership_ids: list[int], first: int, today: date, now: datetime
) -> None:
    """What a weekly digest reports besides the stages, flags, renewals and KPIs above."""
    week_start = datetime.combine(today, datetime.min.time(), tzinfo=UTC)
    numbered = list(enumerate(partnership_ids, start=first))
    _insert(
        connection,
        StageChange,
        [
            {
                "team_id": TEAM_ID,
                "partnership_id": pid,
                "from_stage": STAGES[(i - 1) % 5].value,
                "to_stage": STAGES[i % 5].value,
                "changed_by": f"U{i % 20:010d}",
                "changed_at": week_start - timedelta(days=2, hours=i % 24),
            }
            for i, pid in numbered
            if i % MOVED_EVERY == 0
        ],
        returning=False,
    )
    asked = [(i, pid) for i, pid in numbered if i % APPROVAL_EVERY == 0]
    request_ids = _insert(
        connection,
        ApprovalRequest,
        [
            {
                "team_id": TEAM_ID,
                "partnership_id": pid,
                "kind": "content",
                "subject": f"Draft {i} for the winter campaign",
                "details": "",
                "requester_id": f"U{i % 20:010d}",
                "approvers": ["U0000000101", "U0000000102"],
                "rule": "all",
                "status": "pending",
                "version": 1,
                "due_at": week_start + timedelta(days=1 if i % 2 else -1),
                "expires_at": week_start + timedelta(days=6),
                "source": {},
                "created_at": now,
                "updated_at": now,
            }
            for i, pid in asked
        ],
    )
    _insert(
        connection,
        ApprovalDecision,
        [
            {
                "team_id": TEAM_ID,
                "request_id": request_id,
                "version": 1,
                "approver_id": "U0000000101",
                "decision": "approve",
                "decided_at": now,
            }
            for request_id in request_ids
        ],
        returning=False,
    )
    mapped = [(i, pid) for i, pid in numbered if i % ROADMAP_EVERY == 0]
    start = today - timedelta(days=49)  # week 8: three milestones due this week
    roadmap_ids = _insert(
        connection,
        Roadmap,
        [
            {"team_id": TEAM_ID, "partnership_id": pid, "start_on": start, "created_at": now}
            for _, pid in mapped
        ],
    )
    planned = plan(start)
    _insert(
        connection,
        RoadmapMilestone,
        [
            {
                "team_id": TEAM_ID,
                "roadmap_id": roadmap_id,
                "milestone": milestone.id,
                "start_on": milestone.start_on,
                "due_on": milestone.due_on,
                "done_at": now if n < 4 else None,
                "done_by": "U0000000101" if n < 4 else None,
            }
            for roadmap_id in roadmap_ids
            for n, milestone in enumerate(planned)
        ],
        returning=False,
    )
    _insert(
        connection,
        ExclusivityWindow,
        [
            {
                "team_id": TEAM_ID,
                "creator_id": creator_id,
                "partnership_id": pid,
                "scope": "category",
                "competitors": [],
                "platforms": [],
                "content_types": [],
                "covers_other_accounts": False,
                "covers_pr_packages": False,
                "golive_at": week_start + timedelta(days=3),
                "before_hours": 0,
                "after_hours": 168,
                "starts_at": week_start + timedelta(days=3),
                "ends_at": week_start + timedelta(days=10),
                "price": Decimal(0),
                "currency": "EUR",
                "status": "agreed",
                "created_at": now,
            }
            for (i, pid), creator_id in zip(
                numbered,
                connection.execute(
                    select(Partnership.creator_id)
                    .where(Partnership.id.in_(partnership_ids))
                    .order_by(Partnership.id)
                ).scalars(),
                strict=True,
            )
            if i % WINDOW_EVERY == 0
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
        "handle_key": f"creator{n}",
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
