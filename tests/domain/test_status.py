"""domain.status.assemble_card: the card's rules, from facts alone (no SQL, no Slack)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from domain.approvals import Decision, RequestFacts, Rule, Status
from domain.negotiation import Terms
from domain.roadmap import MilestoneState, RoadmapFacts
from domain.stages import Requirement, RequirementCode
from domain.status import (
    CardFacts,
    PendingFacts,
    RoadmapOnCard,
    StatusFacts,
    WindowFacts,
    assemble_card,
    card_reads_the_same_until,
)
from domain.values import ApprovalKind, IPModel, Stage

# 23:30 in Amsterdam on Monday 23 November: the team's day is the 23rd, UTC's too.
NOW = datetime(2026, 11, 23, 22, 30, tzinfo=UTC)
ZONE = "Europe/Amsterdam"


def status_facts(**fields: object) -> StatusFacts:
    values: dict[str, object] = {
        "stage": Stage.ALIGNMENT,
        "start_date": date(2026, 10, 1),
        "end_date": date(2027, 9, 30),
        "quarterly_fee": Decimal("15000"),
        "currency": "EUR",
        "premium_pct": Decimal("35"),
        "payment_terms_days": 30,
        "ip_model": IPModel.SHARED,
        "performance_incentive": "",
        "renewal_decided": False,
    }
    values.update(fields)
    return StatusFacts(**values)  # type: ignore[arg-type]


def card_facts(**fields: object) -> CardFacts:
    values: dict[str, object] = {
        "partnership_id": 3,
        "creator_name": "Zoë",
        "handle": "zoe",
        "brand_name": "Koffie & Co",
        "owner_user_id": "U0OWNER001",
        "status": status_facts(),
    }
    values.update(fields)
    return CardFacts(**values)  # type: ignore[arg-type]


def met(requirements: tuple[Requirement, ...]) -> dict[RequirementCode, bool]:
    return {r.code: r.met for r in requirements}


def request(due: datetime, expires: datetime, approvers: tuple[str, ...]) -> RequestFacts:
    return RequestFacts(
        requester="U0ASKER001",
        approvers=approvers,
        rule=Rule.ALL,
        fallback=None,
        status=Status.PENDING,
        version=1,
        due_at=due,
        expires_at=expires,
    )


def pending(subject: str, due: datetime, expires: datetime, **decisions: Decision) -> PendingFacts:
    return PendingFacts(
        kind=ApprovalKind.PAYMENT,
        subject=subject,
        request=request(due, expires, ("U0ASKER001", "U0ANNA0001", "U0BOB00001")),
        decisions=decisions,
    )


def test_pending_approvals_leave_out_expired_ones_and_name_who_is_still_awaited() -> None:
    facts = card_facts(
        pending=(
            pending(
                "late fee",
                NOW - timedelta(days=2),
                NOW + timedelta(days=1),
                U0ANNA0001=Decision.APPROVE,
            ),
            pending("expired", NOW - timedelta(days=9), NOW),
            pending("next week", NOW + timedelta(days=7), NOW + timedelta(days=14)),
        )
    )
    card = assemble_card(facts, NOW, ZONE)
    assert [a.subject for a in card.approvals] == ["late fee", "next week"]
    late, upcoming = card.approvals
    assert late.overdue and not upcoming.overdue
    # The requester never waits on themselves; Anna has decided.
    assert late.waiting == ("U0BOB00001",)
    assert upcoming.waiting == ("U0ANNA0001", "U0BOB00001")


def window(start: datetime, end: datetime) -> WindowFacts:
    return WindowFacts(terms=Terms(), starts_at=start, ends_at=end)


def test_windows_are_seen_on_the_teams_day() -> None:
    # The team's day (Amsterdam) starts at 23:00 UTC on the 22nd.
    day_start = datetime(2026, 11, 22, 23, 0, tzinfo=UTC)
    facts = card_facts(
        windows=(
            window(day_start - timedelta(days=20), day_start),  # ended at midnight
            window(day_start - timedelta(days=3), day_start + timedelta(hours=1)),
            window(day_start + timedelta(hours=23), day_start + timedelta(days=10)),
            window(day_start + timedelta(days=3), day_start + timedelta(days=10)),
        )
    )
    card = assemble_card(facts, NOW, ZONE)
    assert [(w.start, w.end, w.active) for w in card.windows] == [
        (date(2026, 11, 20), date(2026, 11, 23), True),
        (date(2026, 11, 23), date(2026, 12, 3), True),  # starts later today: active
        (date(2026, 11, 26), date(2026, 12, 3), False),
    ]


def test_at_most_five_windows() -> None:
    facts = card_facts(
        windows=tuple(
            window(NOW + timedelta(days=n), NOW + timedelta(days=n + 5)) for n in range(8)
        )
    )
    assert len(assemble_card(facts, NOW, ZONE).windows) == 5


def test_the_roadmap_counts_milestones_the_data_completes_for_the_stage() -> None:
    start = date(2026, 10, 26)  # week 5 on the 23rd of November
    facts = card_facts(
        roadmap=RoadmapOnCard(
            roadmap_id=9,
            owner_id="U0OWNER001",
            states={
                "kickoff": MilestoneState(done=True),
                "share_first_party_data": MilestoneState(done=False),
            },
            # A recorded IP model and contract complete their milestones without a click.
            facts=RoadmapFacts(
                start=start, ip_model=IPModel.SHARED, contract_signed=True, payment_terms_days=30
            ),
        )
    )
    card = assemble_card(facts, NOW, ZONE)
    assert card.roadmap is not None
    assert card.roadmap.progress.week == 5
    # The kick-off by hand, the contract from the data (recorded, terms under 90 days); the
    # IP milestone also needs an agreed window, which this partnership has not.
    assert card.roadmap.progress.done == 2
    assert card.roadmap.progress.total == 14
    needs = met(card.status.requirements)
    assert needs[RequirementCode.KICKOFF_HELD]
    assert not needs[RequirementCode.FIRST_PARTY_DATA_SHARED]


def test_no_roadmap_no_windows_no_approvals() -> None:
    card = assemble_card(card_facts(), NOW, ZONE)
    assert card.roadmap is None and card.windows == () and card.approvals == ()
    assert card.status.stage is Stage.ALIGNMENT
    # No roadmap: nothing counts the kick-off as held.
    assert not met(card.status.requirements)[RequirementCode.KICKOFF_HELD]


def test_a_card_reads_the_same_until_the_teams_midnight() -> None:
    # 30 Mar 2026 is after the clocks went forward in Amsterdam (UTC+2): midnight is 22:00 UTC.
    at = datetime(2026, 3, 30, 21, 59, tzinfo=UTC)
    until = card_reads_the_same_until(card_facts(), at, "Europe/Amsterdam")
    assert until == datetime(2026, 3, 30, 22, 0, tzinfo=UTC)
    assert card_reads_the_same_until(card_facts(), at, "UTC") == datetime(2026, 3, 31, tzinfo=UTC)


def test_or_until_an_approval_falls_overdue_or_expires() -> None:
    at = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    due, expires = at + timedelta(hours=2), at + timedelta(hours=5)
    facts = card_facts(pending=(pending("Fee", due, expires),))
    assert card_reads_the_same_until(facts, at, "UTC") == due
    assert card_reads_the_same_until(facts, due, "UTC") == expires  # overdue already
    later = datetime(2026, 11, 24, tzinfo=UTC)
    assert card_reads_the_same_until(facts, expires, "UTC") == later
