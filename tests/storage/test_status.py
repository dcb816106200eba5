"""The status card's facts as storage reads them, on both databases."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import Engine

from domain.values import IPModel, KPIKind, Platform, Scope, Stage
from storage import status
from storage.db import read_scope, session_scope
from storage.models import ExclusivityWindow
from tests.factories import answer_nps, log_period, make_brand, make_creator, make_partnership
from tests.harness import START, TEAM_ID


def by_handle(engine: Engine, handle: str, team_id: str = TEAM_ID) -> status.CardFacts | None:
    with read_scope(engine) as connection:
        return status.status_facts_by_handle(connection=connection, team_id=team_id, handle=handle)


def test_a_handle_finds_the_creators_live_partnership_over_a_later_ended_one(
    engine: Engine,
) -> None:
    creator = make_creator(engine, "Zoë de Vries", "zoe.dv")
    live = make_partnership(
        engine, creator, make_brand(engine, "Koffie & Co"), stage=Stage.AMBASSADOR
    )
    make_partnership(
        engine,
        creator,
        make_brand(engine, "Thee BV"),
        stage=Stage.ENDED,
        start_date=date(2026, 11, 1),
    )
    facts = by_handle(engine, "@Zoe.DV")  # as typed: "@", capitals
    assert facts is not None
    assert (facts.partnership_id, facts.brand_name) == (live.id, "Koffie & Co")
    assert (facts.creator_name, facts.handle) == ("Zoë de Vries", "zoe.dv")
    assert facts.status.stage is Stage.AMBASSADOR


def test_no_card_by_handle_for_another_team_an_archived_creator_or_none_without_partnership(
    engine: Engine,
) -> None:
    brand = make_brand(engine)
    make_partnership(engine, make_creator(engine, "Anna Archief", "anna", archived=True), brand)
    make_creator(engine, "Nog Niets", "nogniets")
    make_partnership(engine, make_creator(engine, "Zoë", "zoe"), brand)
    assert by_handle(engine, "anna") is None
    assert by_handle(engine, "nogniets") is None
    assert by_handle(engine, "zoe", team_id="T0OTHER0001") is None
    assert by_handle(engine, "zoe") is not None


def test_the_facts_read_back_what_was_stored(engine: Engine) -> None:
    brand = make_brand(engine)
    creator = make_creator(engine, "Zoë de Vries", "zoe.dv")
    partnership = make_partnership(
        engine,
        creator,
        brand,
        quarterly_fee=Decimal("18500.50"),
        premium_pct=Decimal("37.5"),
        ip_model=IPModel.SHARED,
        owner_user_id="U0OWNER001",
    )
    log_period(
        engine,
        partnership,
        date(2026, 9, 1),
        date(2026, 9, 30),
        {KPIKind.SPEND: "1200.25", KPIKind.AUTHENTIC_ENGAGEMENTS: 1500},
        feedback_shared=False,
    )
    answer_nps(engine, creator.id, brand.id, 9, date(2026, 10, 2))
    with session_scope(engine) as session:
        session.add(
            ExclusivityWindow(
                team_id=TEAM_ID,
                creator_id=creator.id,
                partnership_id=partnership.id,
                scope="category",
                competitors=["Bonen BV"],
                platforms=["instagram"],
                golive_at=START,
                after_hours=24 * 14,
                starts_at=START,
                ends_at=START + timedelta(days=14),
                price=1000,
                status="agreed",
                created_at=START,
            )
        )
    with session_scope(engine) as session:
        facts = status.status_facts(session=session, team_id=TEAM_ID, partnership_id=partnership.id)
    assert facts is not None and facts.owner_user_id == "U0OWNER001"
    stored = facts.status
    assert (stored.quarterly_fee, stored.premium_pct) == (Decimal("18500.50"), Decimal("37.5"))
    assert (stored.start_date, stored.ip_model) == (date(2026, 9, 1), IPModel.SHARED)
    assert {(r.kind, r.value, r.currency) for r in stored.kpi_records} == {
        (KPIKind.SPEND, Decimal("1200.25"), "EUR"),
        (KPIKind.AUTHENTIC_ENGAGEMENTS, Decimal("1500"), None),
    }
    assert (stored.latest_kpi_period_end, stored.latest_kpi_feedback_shared) == (
        date(2026, 9, 30),
        False,
    )
    assert stored.creator_nps is not None and stored.creator_nps.score == 9
    assert stored.brand_nps_scores == {9: 1}
    [window] = facts.windows
    assert window.terms.scope is Scope.CATEGORY
    assert window.terms.competitors == ("Bonen BV",)
    assert window.terms.platforms == frozenset({Platform.INSTAGRAM})
    assert (window.starts_at, window.ends_at) == (START, START + timedelta(days=14))
