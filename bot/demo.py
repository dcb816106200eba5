"""The demo data set: small and clearly fictional, for the console and `partnerdesk demo`.

It shows every stage, every red flag, the renewal warning, KPI history with CPAE, Creator
NPS answers and an active exclusivity window. Dates are relative to the day it is loaded.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from domain.values import Difficulty, IPModel, KPIKind, Stage
from storage import approvals, creators, exclusivity, kpis, roadmaps, teams
from storage.db import session_scope
from storage.models import (
    BrandCreate,
    CreatorCreate,
    ExclusivityWindow,
    Partnership,
    PartnershipCreate,
)

LOCAL_TEAM_ID = "T0LOCAL0001"


def user_id_for(name: str) -> str:
    """The console's stable user id for a name, so the demo's people are the console's."""
    return "U" + hashlib.sha1(name.lower().encode()).hexdigest()[:10].upper()


DEMO_OWNER = user_id_for("you")  # the console's starting user
DEMO_APPROVER = user_id_for("lou")  # `!as lou` in the console to decide

BRANDS = (
    # name, category, difficulty, competitors, exclusivity needs approval
    ("Koffie & Co (demo)", "coffee machines", Difficulty.EASY, ["Bonenbar", "Espressa"], False),
    ("Maison Lumière (demo)", "skincare", Difficulty.HARD, ["Glow Lab", "Dewy"], True),
)

# handle, name, platforms, base rate, brand index, stage, months since start, months
# left, quarterly fee, premium %, payment terms, IP model, renewal decided
CREATORS = (
    (
        "zoedevries",
        "Zoë de Vries",
        {"instagram": 120000, "tiktok": 45000},
        "1000",
        0,
        Stage.AMBASSADOR,
        4,
        8,
        "24000",
        "35",
        30,
        IPModel.SHARED,
        False,
    ),
    (
        "milanjansen",
        "Milan Jansen",
        {"youtube": 80000},
        "1500",
        0,
        Stage.GROWTH,
        11,
        0.6,
        "18000",
        "32",
        30,
        IPModel.LICENSED,
        False,
    ),
    (
        "sannebakker",
        "Sanne Bakker",
        {"instagram": 60000},
        "800",
        1,
        Stage.GUARDRAILS,
        1,
        5,
        "15000",
        "30",
        45,
        IPModel.UNCLEAR,
        False,
    ),
    (
        "emmasmit",
        "Emma Smit",
        {"tiktok": 200000},
        "2000",
        1,
        Stage.AMBASSADOR,
        3,
        9,
        "52000",
        "45",
        90,
        IPModel.BUYOUT,
        False,
    ),
    (
        "daanvisser",
        "Daan Visser",
        {"instagram": 30000, "youtube": 12000},
        "600",
        0,
        Stage.ALIGNMENT,
        1,
        11,
        "16000",
        "30",
        30,
        IPModel.SHARED,
        False,
    ),
    (
        "noorelamrani",
        "Noor El Amrani",
        {"instagram": 15000},
        "400",
        1,
        Stage.PROSPECT,
        0,
        12,
        None,
        None,
        None,
        IPModel.UNCLEAR,
        False,
    ),
    (
        "lottedeboer",
        "Lotte de Boer",
        {"tiktok": 90000},
        "900",
        0,
        Stage.RENEWED,
        13,
        11,
        "20000",
        "38",
        30,
        IPModel.SHARED,
        True,
    ),
    (
        "ruben",
        "Ruben Mulder",
        {"instagram": 25000},
        "500",
        1,
        Stage.ENDED,
        14,
        -2,
        "15000",
        "30",
        30,
        IPModel.SHARED,
        True,
    ),
)


def load_demo(
    engine: Engine,
    *,
    team_id: str = LOCAL_TEAM_ID,
    default_locale: str = "nl",
    timezone: str = "Europe/Amsterdam",
    now: datetime,
) -> str:
    """Load the demo data (idempotent); returns a one-line summary of what is there.

    Its dates are relative to `now`, the clock of whoever loads it (the console's, the CLI's
    wall clock, a test's), which also stamps every row."""
    today = now.astimezone(ZoneInfo(timezone)).date()
    with session_scope(engine) as session:
        teams.get_or_create_settings(
            session=session,
            team_id=team_id,
            default_locale=default_locale,
            timezone=timezone,
            now=now,
        )
        if creators.get_creator_by_handle(session=session, team_id=team_id, handle="zoedevries"):
            return "already loaded"
        brands = [
            creators.create_brand(
                session=session,
                team_id=team_id,
                values=BrandCreate(
                    name=name,
                    category=category,
                    difficulty=difficulty,
                    competitors=competitors,
                    exclusivity_needs_approval=approval,
                ),
                now=now,
            )
            for name, category, difficulty, competitors, approval in BRANDS
        ]
        partnerships = {}
        for row in CREATORS:
            (
                handle,
                name,
                platforms,
                rate,
                brand_index,
                stage,
                since,
                left,
                fee,
                premium,
                terms,
                ip_model,
                decided,
            ) = row
            creator = creators.create_creator(
                session=session,
                team_id=team_id,
                values=CreatorCreate(
                    handle=handle,
                    display_name=name,
                    platforms=platforms,
                    niche="demo",
                    country="NL",
                    base_rate=Decimal(rate),
                ),
                now=now,
            )
            partnerships[handle] = creators.create_partnership(
                session=session,
                creator=creator,
                brand=brands[brand_index],
                values=PartnershipCreate(
                    stage=stage,
                    start_date=today - timedelta(days=int(since * 30)),
                    end_date=today + timedelta(days=int(left * 30)),
                    quarterly_fee=Decimal(fee) if fee else None,
                    premium_pct=Decimal(premium) if premium else None,
                    payment_terms_days=terms,
                    ip_model=ip_model,
                    renewal_decision="renew" if decided else None,
                    performance_incentive="bonus at 5% engagement" if stage.step else "",
                    owner_user_id=DEMO_OWNER,
                ),
                now=now,
                changed_by=DEMO_OWNER,
            )
        _kpi_history(session, partnerships, today, now)
        _nps(session, team_id, partnerships, today)
        _window(session, partnerships["zoedevries"], today, timezone, now)
        # Zoë's 12-week roadmap started 31 days ago: week 5, the first milestones done.
        roadmaps.seed_roadmap(
            session=session,
            partnership=partnerships["zoedevries"],
            start_on=today - timedelta(days=31),
            done=("kickoff", "share_first_party_data", "record_brand_fit", "briefing_canvas"),
            timezone=timezone,
            now=now,
        )
        # A content approval waiting for Lou (requested by you, on Sanne's partnership).
        approvals.demo_pending_approval(
            session,
            team_id,
            partnerships["sannebakker"].id,
            requester=DEMO_OWNER,
            approver=DEMO_APPROVER,
            now=now,
        )
    return f"{len(BRANDS)} brands, {len(CREATORS)} creators with partnerships"


def _kpi_history(session, partnerships: dict[str, Partnership], today: date, now: datetime) -> None:  # noqa: ANN001
    """Monthly KPIs for Zoë (improving, feedback shared) and Daan (feedback not shared)."""
    for months_ago in (3, 2, 1):
        end = today - timedelta(days=30 * months_ago - 20)
        start = end - timedelta(days=29)
        step = 3 - months_ago
        kpis.log_kpis(
            session=session,
            partnership=partnerships["zoedevries"],
            period_start=start,
            period_end=end,
            values={
                KPIKind.BRAND_FIT: Decimal(7 + step),
                KPIKind.ENGAGEMENT_RATE: Decimal("4.2") + Decimal(step) / 2,
                KPIKind.SPEND: Decimal(2000),
                KPIKind.AUTHENTIC_ENGAGEMENTS: Decimal(2100 + 300 * step),
                KPIKind.RETENTION: Decimal(80 + 5 * step),
            },
            currency="EUR",
            feedback_shared=True,
            recorded_by=DEMO_OWNER,
            now=now,
        )
    kpis.log_kpis(
        session=session,
        partnership=partnerships["daanvisser"],
        period_start=today - timedelta(days=55),
        period_end=today - timedelta(days=25),
        values={KPIKind.BRAND_FIT: Decimal(6), KPIKind.AUDIENCE_OVERLAP: Decimal(22)},
        currency="EUR",
        feedback_shared=False,
        recorded_by=DEMO_OWNER,
        now=now,
    )


def _nps(session, team_id: str, partnerships: dict[str, Partnership], today: date) -> None:  # noqa: ANN001
    for handle, score in (
        ("zoedevries", 9),
        ("milanjansen", 10),
        ("lottedeboer", 8),
        ("daanvisser", 6),
        ("sannebakker", 9),
    ):
        partnership = partnerships[handle]
        kpis.record_nps(
            session=session,
            team_id=team_id,
            creator_id=partnership.creator_id,
            brand_id=partnership.brand_id,
            score=score,
            answered_on=today - timedelta(days=10),
            recorded_by=DEMO_OWNER,
        )


def _window(session, partnership: Partnership, today: date, timezone: str, now: datetime) -> None:  # noqa: ANN001
    """An active window: category exclusivity for Zoë, go-live three days ago, 14 days."""
    golive = datetime.combine(today - timedelta(days=3), time(0, 0), tzinfo=ZoneInfo(timezone))
    golive = golive.astimezone(UTC)
    exclusivity.record_window(
        session=session,
        window=ExclusivityWindow(
            team_id=partnership.team_id,
            creator_id=partnership.creator_id,
            partnership_id=partnership.id,
            scope="category",
            platforms=["instagram"],
            golive_at=golive,
            before_hours=24,
            after_hours=14 * 24,
            starts_at=golive - timedelta(hours=24),
            ends_at=golive + timedelta(days=14),
            price=Decimal("233.33"),
            created_by=DEMO_OWNER,
        ),
        now=now,
    )


def existing_creators(engine: Engine, *, team_id: str = LOCAL_TEAM_ID) -> int:
    """How many creators the team has, archived ones included.

    The demo goes only into a team with none: not "no team settings", because
    `partnerdesk import` creates creators and no settings, and fictional creators must never
    sit beside real ones.
    """
    with session_scope(engine) as session:
        return teams.creator_count(session=session, team_id=team_id)
