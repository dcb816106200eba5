"""Digest subscriptions, their occurrences as reminders (DST-correct, once a week), and the
facts a digest is built from, loaded in bulk."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import Engine
from sqlmodel import select

from domain.digest.assembly import assemble
from domain.values import IPModel, KPIKind, Stage
from storage import creators, digest_facts, digests, exclusivity, reminders, roadmaps
from storage.db import session_scope
from storage.models import (
    ApprovalDecision,
    ApprovalRequest,
    DigestSubscription,
    ExclusivityWindow,
    Reminder,
    StageChange,
)
from tests.factories import log_period, make_brand, make_creator, make_partnership
from tests.harness import CHANNEL_ID, TEAM_ID, USER_ID

ZONE = "Europe/Amsterdam"
# Monday 7 January 2030, 09:00 in Amsterdam: far from the moment the factories' rows are
# created (their creation is recorded at the real time), so the week's moves are ours alone.
NOW = datetime(2030, 1, 7, 8, 0, tzinfo=UTC)
TODAY = date(2030, 1, 7)


def subscribe(engine: Engine, weekday: int = 0, at: time = time(9, 0), channel: str = CHANNEL_ID):
    with session_scope(engine) as session:
        row, created = digests.subscribe(
            session=session,
            team_id=TEAM_ID,
            channel_id=channel,
            weekday=weekday,
            at=at,
            locale="en",
            created_by=USER_ID,
            now=NOW,
        )
        return row.id, created


def ahead(engine: Engine, subscription_id: int, after: datetime) -> datetime:
    with session_scope(engine) as session:
        row = digests.get_subscription_by_id(
            session=session, team_id=TEAM_ID, subscription_id=subscription_id
        )
        return digests.schedule_ahead(
            session=session, subscription=row, timezone=ZONE, after=after
        ).due_at


def pending(engine: Engine) -> list[tuple[str, datetime]]:
    with session_scope(engine) as session:
        rows = session.exec(
            select(Reminder)
            .where(Reminder.kind == digests.KIND, Reminder.state == reminders.PENDING)
            .order_by(Reminder.due_at)
        ).all()
        return [(r.dedupe_key, r.due_at) for r in rows]


# -- subscriptions -----------------------------------------------------------------------------
def test_one_subscription_per_channel_and_resubscribing_changes_it(engine: Engine) -> None:
    first, created = subscribe(engine)
    again, created_again = subscribe(engine, weekday=4, at=time(16, 30))
    assert (created, created_again) == (True, False)
    assert first == again
    with session_scope(engine) as session:
        [row] = session.exec(select(DigestSubscription)).all()
        assert (row.weekday, row.local_time, row.locale) == (4, "16:30", "en")


def test_unsubscribing_cancels_the_pending_digests(engine: Engine) -> None:
    sid, _ = subscribe(engine)
    ahead(engine, sid, NOW)
    assert len(pending(engine)) == 2
    with session_scope(engine) as session:
        assert digests.unsubscribe(session=session, team_id=TEAM_ID, channel_id=CHANNEL_ID)
        assert not digests.unsubscribe(session=session, team_id=TEAM_ID, channel_id=CHANNEL_ID)
    assert pending(engine) == []


# -- occurrences -------------------------------------------------------------------------------
def test_monday_0900_is_0800_utc_in_winter_and_0700_in_summer(engine: Engine) -> None:
    sid, _ = subscribe(engine)
    # Tuesday 16 March 2027; summer time starts on Sunday 28 March.
    first = ahead(engine, sid, datetime(2027, 3, 16, 12, 0, tzinfo=UTC))
    assert first == datetime(2027, 3, 22, 8, 0, tzinfo=UTC)
    assert [due for _, due in pending(engine)] == [
        datetime(2027, 3, 22, 8, 0, tzinfo=UTC),  # 09:00 CET
        datetime(2027, 3, 29, 7, 0, tzinfo=UTC),  # 09:00 CEST
    ]
    # And back in the autumn (winter time from Sunday 31 October 2027).
    assert ahead(engine, sid, datetime(2027, 10, 26, tzinfo=UTC)) == datetime(
        2027, 11, 1, 8, 0, tzinfo=UTC
    )


def test_scheduling_is_idempotent_one_row_per_week(engine: Engine) -> None:
    sid, _ = subscribe(engine)
    ahead(engine, sid, NOW - timedelta(days=1))
    ahead(engine, sid, NOW - timedelta(days=1))
    keys = [key for key, _ in pending(engine)]
    assert keys == [f"digest:{sid}:2030-W02", f"digest:{sid}:2030-W03"]


def test_a_changed_time_moves_this_weeks_digest_instead_of_adding_one(engine: Engine) -> None:
    sid, _ = subscribe(engine)
    ahead(engine, sid, NOW - timedelta(days=1))
    subscribe(engine, weekday=0, at=time(10, 30))
    with session_scope(engine) as session:
        row = digests.get_subscription_by_id(session=session, team_id=TEAM_ID, subscription_id=sid)
        digests.cancel_pending(session=session, subscription=row)
    ahead(engine, sid, NOW - timedelta(days=1))
    assert pending(engine) == [
        (f"digest:{sid}:2030-W02", datetime(2030, 1, 7, 9, 30, tzinfo=UTC)),
        (f"digest:{sid}:2030-W03", datetime(2030, 1, 14, 9, 30, tzinfo=UTC)),
    ]


def test_a_week_already_sent_is_not_sent_again(engine: Engine) -> None:
    sid, _ = subscribe(engine)
    ahead(engine, sid, NOW - timedelta(days=1))
    with session_scope(engine) as session:
        row = session.exec(
            select(Reminder).where(Reminder.dedupe_key == f"digest:{sid}:2030-W02")
        ).one()
        row.state = reminders.SENT
        session.add(row)
    # Subscribed again at 10:30 the same Monday, after the 09:00 digest went out.
    subscribe(engine, at=time(10, 30))
    assert ahead(engine, sid, NOW) == datetime(2030, 1, 14, 9, 30, tzinfo=UTC)


# -- facts -------------------------------------------------------------------------------------
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
        creators.record_nps(
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
