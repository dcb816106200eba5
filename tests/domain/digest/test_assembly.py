"""The weekly digest assembled from facts: each section at the edges domain.md and the issue
set (14 days of windows, 30 days of renewals), and "since last week"."""

from __future__ import annotations

from datetime import timedelta

from domain.digest.facts import (
    ApprovalFact,
    MilestoneFact,
    StageMove,
    WindowFact,
)
from domain.digest.sections import WindowEdge
from domain.flags import FlagKind
from domain.roadmap import RoadmapFacts
from domain.values import IPModel, Scope, Stage
from tests.domain.digest.facts_for_tests import NOW, TODAY, digest_of, partnership


def test_a_quiet_week_is_empty() -> None:
    digest = digest_of(partnerships=[partnership(1), partnership(2)])
    assert digest.empty
    assert digest.partnerships == 2


def test_a_workspace_without_partnerships_is_empty() -> None:
    assert digest_of().empty


# -- stages ------------------------------------------------------------------------------------
def test_moves_since_last_week_and_counts_per_stage() -> None:
    partnerships = [
        partnership(1, "Zoë", stage=Stage.GUARDRAILS),
        partnership(2, "Milan", stage=Stage.PROSPECT),
        partnership(3, "Sanne", stage=Stage.AMBASSADOR),
        partnership(4, "Noor", stage=Stage.ALIGNMENT),  # moved and back: no net move
    ]
    moves = [
        StageMove(1, Stage.ALIGNMENT, Stage.GUARDRAILS, NOW - timedelta(days=3)),
        StageMove(2, None, Stage.PROSPECT, NOW - timedelta(days=2)),
        StageMove(4, Stage.ALIGNMENT, Stage.GUARDRAILS, NOW - timedelta(days=5)),
        StageMove(4, Stage.GUARDRAILS, Stage.ALIGNMENT, NOW - timedelta(days=1)),
    ]
    stages = digest_of(partnerships=partnerships, moves=moves).stages
    assert [(m.creator_name, m.from_stage, m.to_stage) for m in stages.moves] == [
        ("Milan", None, Stage.PROSPECT),
        ("Zoë", Stage.ALIGNMENT, Stage.GUARDRAILS),
    ]
    assert {c.stage: (c.count, c.change) for c in stages.counts} == {
        Stage.PROSPECT: (1, 1),
        Stage.ALIGNMENT: (1, -1),
        Stage.GUARDRAILS: (1, 1),
        Stage.AMBASSADOR: (1, 0),
    }


def test_no_moves_no_stage_section() -> None:
    assert digest_of(partnerships=[partnership(1)]).stages is None


# -- red flags ---------------------------------------------------------------------------------
def test_red_flags_newest_first_undated_last() -> None:
    partnerships = [
        partnership(1, "Terms", payment_terms_days=90),  # no date known: last
        # Feedback not shared: the flag stands from day 15 after the period's end.
        partnership(
            2,
            "Old feedback",
            latest_period_end=TODAY - timedelta(days=40),
            latest_feedback_shared=False,
        ),
        partnership(
            3,
            "New feedback",
            latest_period_end=TODAY - timedelta(days=15),
            latest_feedback_shared=False,
        ),
        partnership(
            4,
            "Unclear",
            stage=Stage.GUARDRAILS,
            ip_model=IPModel.UNCLEAR,
            stage_since=TODAY - timedelta(days=20),
        ),
        partnership(5, "Fine"),
        partnership(6, "Ended", stage=Stage.ENDED, payment_terms_days=120),
        partnership(
            7, "Day 14", latest_period_end=TODAY - timedelta(days=14), latest_feedback_shared=False
        ),
    ]
    flagged = digest_of(partnerships=partnerships).flags
    assert [f.creator_name for f in flagged] == ["New feedback", "Unclear", "Old feedback", "Terms"]
    assert [flag.kind for flag in flagged[-1].flags] == [FlagKind.PAYMENT_TERMS]
    assert flagged[0].newest == TODAY


# -- approvals ---------------------------------------------------------------------------------
def test_approvals_overdue_first_with_who_waits_on_whom() -> None:
    approvals = [
        ApprovalFact(1, 1, "content", "Draft", "U1", ("U2",), NOW + timedelta(hours=5)),
        ApprovalFact(2, None, "budget", "Q1 budget", "U1", ("U3", "U4"), NOW - timedelta(days=1)),
    ]
    section = digest_of(partnerships=[partnership(1, "Zoë")], approvals=approvals).approvals
    assert [(i.request_id, i.overdue, i.waiting_on) for i in section.items] == [
        (2, True, ("U3", "U4")),
        (1, False, ("U2",)),
    ]
    assert section.items[1].creator_name == "Zoë"
    assert section.overdue == 1


# -- milestones --------------------------------------------------------------------------------
def test_milestones_due_this_week_and_overdue() -> None:
    milestones = [
        MilestoneFact(1, "briefing_canvas", TODAY - timedelta(days=1)),  # overdue
        MilestoneFact(1, "co_creation", TODAY),  # due today: this week
        MilestoneFact(1, "content_approvals", TODAY + timedelta(days=6)),  # last day of the week
        MilestoneFact(1, "first_payment", TODAY + timedelta(days=7)),  # next week
        MilestoneFact(2, "kickoff", TODAY - timedelta(days=3)),  # an ended partnership
        # The data shows the contract signed with terms under 90 days: done, not overdue.
        MilestoneFact(1, "contract_signed", TODAY - timedelta(days=2)),
    ]
    roadmap = RoadmapFacts(
        start=TODAY - timedelta(days=30), contract_signed=True, payment_terms_days=30
    )
    section = digest_of(
        partnerships=[partnership(1, "Zoë"), partnership(2, stage=Stage.ENDED)],
        milestones=milestones,
        roadmap_facts={1: roadmap},
    ).milestones
    assert [m.milestone for m in section.overdue] == ["briefing_canvas"]
    assert [m.milestone for m in section.due] == ["co_creation", "content_approvals"]


# -- windows -----------------------------------------------------------------------------------
def test_windows_starting_or_ending_within_14_days() -> None:
    def window(wid: int, starts: timedelta, ends: timedelta) -> WindowFact:
        return WindowFact(wid, 1, Scope.CATEGORY, (), NOW + starts, NOW + ends)

    windows = [
        window(1, timedelta(days=2), timedelta(days=9)),  # starts and ends: two lines
        window(2, timedelta(days=-10), timedelta(days=14)),  # ends exactly 14 days ahead
        window(3, timedelta(days=-10), timedelta(days=15)),  # in force, ends later: nothing
        window(4, timedelta(days=14, seconds=1), timedelta(days=40)),  # starts too late
    ]
    items = digest_of(partnerships=[partnership(1)], windows=windows).windows
    assert [(i.window_id, i.edge) for i in items] == [
        (1, WindowEdge.STARTS),
        (1, WindowEdge.ENDS),
        (2, WindowEdge.ENDS),
    ]


# -- renewals ----------------------------------------------------------------------------------
def test_renewals_within_30_days_without_a_decision() -> None:
    partnerships = [
        partnership(1, "30 days", end_date=TODAY + timedelta(days=30)),
        partnership(2, "31 days", end_date=TODAY + timedelta(days=31)),
        partnership(3, "decided", end_date=TODAY + timedelta(days=5), renewal_decided=True),
        partnership(4, "past", end_date=TODAY - timedelta(days=3)),
    ]
    items = digest_of(partnerships=partnerships).renewals
    assert [(i.creator_name, i.days_left) for i in items] == [("past", -3), ("30 days", 30)]
