"""The facts a digest is built from, loaded in bulk."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import Engine

from domain.digest.assembly import assemble
from domain.values import IPModel, KPIKind, Stage
from storage import digest_facts, exclusivity, kpis, roadmaps
from storage.db import session_scope
from storage.models import (
    ApprovalDecision,
    ApprovalRequest,
    ExclusivityWindow,
    StageChange,
)
from tests.factories import log_period, make_brand, make_creator, make_partnership
from tests.harness import TEAM_ID, USER_ID

ZONE = "Europe/Amsterdam"
# Monday 7 January 2030, 09:00 in Amsterdam: far from the moment the factories' rows are
# created (their creation is recorded at the real time), so the week's moves are ours alone.
NOW = datetime(2030, 1, 7, 8, 0, tzinfo=UTC)
TODAY = date(2030, 1, 7)


def test_facts_in_bulk(engine: Engine) -> None:
    brand = make_brand(engine)
    zoe = make_partnership(
        engine,
        make_creator(engine, "Zoë de Vries"),
        brand,
        stage=Stage.GUARDRAILS,
        ip_model=IPModel.UNCLEAR,
        end_date=TODAY + timedelta(days=20),
    )
    milan = make_partnership(
        engine, make_creator(engine, "Milan Jansen", archived=True), brand, payment_terms_days=120
    )
    log_period(
        engine,
        zoe,
        TODAY - timedelta(days=40),
        TODAY - timedelta(days=20),
        {KPIKind.SPEND: "840", KPIKind.AUTHENTIC_ENGAGEMENTS: "1000"},
        feedback_shared=True,
    )
    # A period with spend but no engagements yet: no CPAE can be computed from it. It is
    # the latest, and its feedback was not shared (the earlier one's was).
    log_period(
        engine,
        zoe,
        TODAY - timedelta(days=9),
        TODAY - timedelta(days=2),
        {KPIKind.SPEND: "500"},
        feedback_shared=False,
    )
    with session_scope(engine) as session:
        session.add(
            StageChange(
                team_id=TEAM_ID,
                partnership_id=zoe.id,
                from_stage=Stage.ALIGNMENT,
                to_stage=Stage.GUARDRAILS,
                changed_at=NOW - timedelta(days=2),
            )
        )
        session.add(
            StageChange(
                team_id=TEAM_ID,
                partnership_id=zoe.id,
                from_stage=Stage.PROSPECT,
                to_stage=Stage.ALIGNMENT,
                changed_at=NOW - timedelta(days=8),  # before last week
            )
        )
        request = ApprovalRequest(
            team_id=TEAM_ID,
            partnership_id=zoe.id,
            kind="contract",
            subject="Contract for 2030",
            requester_id=USER_ID,
            approvers=["U0000000001", "U0000000002"],
            rule="all",
            fallback_approver="U0000000009",
            due_at=NOW - timedelta(days=2),  # escalated a day later: the fallback is asked too
            expires_at=NOW + timedelta(days=5),
            created_at=NOW - timedelta(days=3),
            updated_at=NOW - timedelta(days=3),
        )
        session.add(request)
        session.flush()
        session.add(
            ApprovalDecision(
                team_id=TEAM_ID,
                request_id=request.id,
                version=1,
                approver_id="U0000000001",
                decision="approve",
                decided_at=NOW - timedelta(days=2),
            )
        )
        roadmaps.create_roadmap(
            session=session,
            partnership=zoe,
            start_on=TODAY - timedelta(days=27),  # week 4: the contract is due this week
            owner_id=USER_ID,
            created_by=USER_ID,
            timezone=ZONE,
            now=NOW,
        )
        exclusivity.record_window(
            session=session,
            window=ExclusivityWindow(
                team_id=TEAM_ID,
                creator_id=zoe.creator_id,
                partnership_id=zoe.id,
                scope="category",
                golive_at=NOW + timedelta(days=3),
                starts_at=NOW + timedelta(days=3),
                ends_at=NOW + timedelta(days=33),
                price=Decimal(0),
            ),
            now=NOW,
        )
    with session_scope(engine) as session:
        kpis.record_nps(
            session=session,
            team_id=TEAM_ID,
            creator_id=zoe.creator_id,
            brand_id=brand.id,
            score=10,
            answered_on=TODAY - timedelta(days=3),
            recorded_by=None,
        )
        facts = digest_facts.load_facts(
            session=session, team_id=TEAM_ID, now=NOW, today=TODAY, timezone=ZONE
        )
    assert [p.creator_name for p in facts.partnerships] == ["Zoë de Vries"]  # Milan archived
    assert milan.id not in {p.partnership_id for p in facts.partnerships}
    [zoe_fact] = facts.partnerships
    assert (zoe_fact.latest_period_end, zoe_fact.latest_feedback_shared) == (
        TODAY - timedelta(days=2),
        False,
    )
    assert [(m.from_stage, m.to_stage) for m in facts.moves] == [
        (Stage.ALIGNMENT, Stage.GUARDRAILS)
    ]
    [approval] = facts.approvals
    assert approval.waiting_on == ("U0000000002", "U0000000009")
    assert [s.spend for s in facts.spend] == [Decimal("840")]  # the unpaired period is left out
    assert [(a.brand_id, a.score) for a in facts.nps_answers] == [(brand.id, 10)]
    digest = assemble(facts, NOW, TODAY)
    assert [m.milestone for m in digest.milestones.overdue] == [
        "kickoff",
        "share_first_party_data",
        "record_brand_fit",
    ]
    # The contract is recorded with 30-day terms: the data completes it; the IP is unclear.
    assert [m.milestone for m in digest.milestones.due] == [
        "briefing_canvas",
        "settle_ip_exclusivity",
    ]
    assert [(w.edge, w.at) for w in digest.windows] == [("starts", NOW + timedelta(days=3))]
    assert [r.days_left for r in digest.renewals] == [20]
    assert [f.creator_name for f in digest.flags] == ["Zoë de Vries"]
