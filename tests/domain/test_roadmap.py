"""The 12-week roadmap: template, dates, week numbers, progress and data-tied completion."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.kpis import KPIRecord, NPSAnswer
from domain.roadmap import (
    DEFAULT_TEMPLATE,
    Milestone,
    MilestoneId,
    MilestoneState,
    PlannedMilestone,
    RoadmapFacts,
    RoadmapTemplate,
    auto_complete,
    completed_by_data,
    plan,
    progress,
    snooze,
    week_number,
    week_starts,
)
from domain.values import IPModel, KPIKind, Stage

# A Monday, though nothing depends on the weekday: weeks count from the start date.
START = date(2026, 1, 5)
M = MilestoneId


def day(n: int) -> date:
    """The n-th day of the roadmap, day 1 being the start."""
    return START + timedelta(days=n - 1)


def planned(milestone: str) -> PlannedMilestone:
    return next(p for p in plan(START) if p.id == milestone)


# --- the template ---------------------------------------------------------------------------


def test_template_follows_domain_md() -> None:
    weeks = {m.id: (m.start_week, m.due_week) for m in DEFAULT_TEMPLATE.milestones}
    assert DEFAULT_TEMPLATE.weeks == 12
    assert weeks == {
        "kickoff": (1, 2),
        "share_first_party_data": (1, 2),
        "record_brand_fit": (1, 2),
        "briefing_canvas": (3, 4),
        "settle_ip_exclusivity": (3, 4),
        "contract_signed": (3, 4),
        "co_creation": (5, 8),
        "content_approvals": (5, 8),
        "first_payment": (5, 8),
        "share_feedback": (9, 10),
        "compute_cpae": (9, 10),
        "nps_survey": (11, 12),
        "mutual_value_review": (11, 12),
        "renew_or_exit": (11, 12),
    }


def test_template_stages_never_go_backwards() -> None:
    steps = [m.stage.step for m in DEFAULT_TEMPLATE.milestones if m.stage is not None]
    assert steps == sorted(steps)
    assert {m.id for m in DEFAULT_TEMPLATE.milestones if m.stage is Stage.ALIGNMENT} == {
        "kickoff",
        "share_first_party_data",
        "record_brand_fit",
    }


def test_template_refuses_duplicate_ids_and_weeks_beyond_its_end() -> None:
    with pytest.raises(ValueError):
        RoadmapTemplate(12, (Milestone("a", 1, 2), Milestone("a", 3, 4)))
    with pytest.raises(ValueError):
        RoadmapTemplate(12, (Milestone("a", 11, 13),))
    with pytest.raises(ValueError):
        Milestone("a", 3, 2)
    with pytest.raises(ValueError):
        Milestone("a", 0, 2)


# --- plan and week starts -------------------------------------------------------------------


def test_plan_dates() -> None:
    # Weeks 1-2: 5 Jan to 18 Jan 2026.
    assert planned("kickoff") == PlannedMilestone(
        "kickoff", date(2026, 1, 5), date(2026, 1, 18), Stage.ALIGNMENT
    )
    # Weeks 3-4: 19 Jan to 1 Feb.
    contract = planned("contract_signed")
    assert (contract.start_on, contract.due_on) == (date(2026, 1, 19), date(2026, 2, 1))
    # Weeks 5-8: 2 Feb to 1 Mar (February 2026 has 28 days).
    payment = planned("first_payment")
    assert (payment.start_on, payment.due_on, payment.stage) == (
        date(2026, 2, 2),
        date(2026, 3, 1),
        None,
    )
    # Weeks 11-12: 16 Mar to 29 Mar, the roadmap's last day (day 84).
    renew = planned("renew_or_exit")
    assert (renew.start_on, renew.due_on) == (date(2026, 3, 16), date(2026, 3, 29))
    assert renew.due_on == day(84)


def test_plan_keeps_template_order() -> None:
    assert [p.id for p in plan(START)] == [m.id for m in DEFAULT_TEMPLATE.milestones]


def test_plan_with_a_custom_template() -> None:
    template = RoadmapTemplate(2, (Milestone("intro", 1, 1), Milestone("wrap_up", 2, 2)))
    assert plan(START, template) == [
        PlannedMilestone("intro", date(2026, 1, 5), date(2026, 1, 11)),
        PlannedMilestone("wrap_up", date(2026, 1, 12), date(2026, 1, 18)),
    ]
    assert week_starts(START, template) == [date(2026, 1, 5), date(2026, 1, 12)]


def test_week_starts() -> None:
    starts = week_starts(START)
    assert len(starts) == 12
    assert starts[0] == START
    assert starts[1] == date(2026, 1, 12)
    assert starts[-1] == date(2026, 3, 23)  # day 78


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)))
def test_planned_weeks_are_whole_weeks(start: date) -> None:
    for milestone, scheduled in zip(DEFAULT_TEMPLATE.milestones, plan(start), strict=True):
        length = (scheduled.due_on - scheduled.start_on).days + 1
        assert length == 7 * (milestone.due_week - milestone.start_week + 1)
        assert scheduled.start_on in week_starts(start)


# --- week numbers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "week"),
    [
        (day(0), 0),  # the day before the start
        (day(-30), 0),
        (day(1), 1),
        (day(7), 1),
        (day(8), 2),
        (day(14), 2),
        (day(15), 3),
        (day(78), 12),
        (day(84), 12),  # the last day
        (day(85), 13),  # finished
        (day(400), 13),
    ],
)
def test_week_number_at_the_boundaries(today: date, week: int) -> None:
    assert week_number(START, today) == week
    assert progress(START, {}, today).week == week


@given(
    st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 1, 1)),
    st.integers(min_value=-100, max_value=200),
    st.integers(min_value=0, max_value=30),
)
def test_week_number_is_clamped_and_never_goes_back(start: date, offset: int, later: int) -> None:
    today = start + timedelta(days=offset)
    week = week_number(start, today)
    assert 0 <= week <= 13
    assert week_number(start, today + timedelta(days=later)) >= week


# --- progress -------------------------------------------------------------------------------

WEEK_1_2 = ("kickoff", "share_first_party_data", "record_brand_fit")
WEEK_3_4 = ("briefing_canvas", "settle_ip_exclusivity", "contract_signed")


def test_progress_before_anything_is_done() -> None:
    state = progress(START, {}, day(1))
    assert (state.week, state.done, state.total) == (1, 0, 14)
    assert state.overdue == ()
    assert state.due_this_week == ()  # week 1's milestones are due at the end of week 2


def test_due_on_the_last_day_of_the_due_week_and_overdue_the_day_after() -> None:
    in_week_2 = progress(START, {}, day(8))
    last_day = progress(START, {}, day(14))
    day_after = progress(START, {}, day(15))
    assert in_week_2.due_this_week == WEEK_1_2
    assert (last_day.due_this_week, last_day.overdue) == (WEEK_1_2, ())
    assert (day_after.due_this_week, day_after.overdue) == ((), WEEK_1_2)


def test_done_milestones_are_neither_overdue_nor_due() -> None:
    states = {"kickoff": MilestoneState(done=True), "briefing_canvas": MilestoneState(done=True)}
    state = progress(START, states, day(22))  # week 4
    assert state.done == 2
    assert state.overdue == ("share_first_party_data", "record_brand_fit")
    assert state.due_this_week == ("settle_ip_exclusivity", "contract_signed")


def test_auto_done_milestones_count_as_done() -> None:
    state = progress(START, {}, day(15), auto_done={"kickoff", "record_brand_fit"})
    assert state.done == 2
    assert state.overdue == ("share_first_party_data",)


def test_unknown_ids_in_the_state_are_ignored() -> None:
    state = progress(START, {"gone": MilestoneState(done=True)}, day(1), auto_done={"other"})
    assert (state.done, state.total) == (0, 14)


def test_a_snoozed_milestone_is_due_on_its_new_date() -> None:
    new_due = snooze(planned("kickoff").due_on)
    assert new_due == date(2026, 1, 25)  # 18 Jan + 7 days: the end of week 3
    states = {"kickoff": MilestoneState(due_on=new_due)}
    state = progress(START, states, day(15))
    assert state.overdue == ("share_first_party_data", "record_brand_fit")
    assert state.due_this_week == ("kickoff",)
    assert progress(START, states, day(22)).overdue[0] == "kickoff"


def test_a_milestone_snoozed_past_the_end_is_still_tracked() -> None:
    states = {"renew_or_exit": MilestoneState(due_on=snooze(planned("renew_or_exit").due_on))}
    after_the_end = progress(START, states, day(85))  # day 1 of a 13th week
    assert after_the_end.week == 13
    assert "renew_or_exit" in after_the_end.due_this_week
    assert "nps_survey" in after_the_end.overdue


def test_everything_done_at_the_end() -> None:
    states = {m.id: MilestoneState(done=True) for m in DEFAULT_TEMPLATE.milestones}
    state = progress(START, states, day(90))
    assert (state.week, state.done, state.total, state.overdue) == (13, 14, 14, ())


def test_snooze() -> None:
    assert snooze(date(2026, 1, 18)) == date(2026, 1, 25)
    assert snooze(date(2026, 1, 18), weeks=2) == date(2026, 2, 1)
    with pytest.raises(ValueError):
        snooze(date(2026, 1, 18), weeks=0)


# --- data-tied completion -------------------------------------------------------------------


def kpi(kind: KPIKind, end: date, value: str = "1", currency: str | None = None) -> KPIRecord:
    return KPIRecord(kind, end - timedelta(days=6), end, Decimal(value), currency)


def test_nothing_recorded_completes_nothing() -> None:
    assert auto_complete(RoadmapFacts(START)) == set()


@pytest.mark.parametrize(
    ("terms", "completed"), [(14, True), (89, True), (90, False), (120, False), (None, False)]
)
def test_contract_signed_needs_payment_terms_under_90_days(
    terms: int | None, completed: bool
) -> None:
    facts = RoadmapFacts(START, contract_signed=True, payment_terms_days=terms)
    assert (M.CONTRACT_SIGNED in auto_complete(facts)) == completed


def test_terms_alone_do_not_sign_a_contract() -> None:
    assert auto_complete(RoadmapFacts(START, payment_terms_days=30)) == set()


def test_brand_fit_needs_brand_fit_and_audience_overlap() -> None:
    brand_fit = kpi(KPIKind.BRAND_FIT, day(5))
    overlap = kpi(KPIKind.AUDIENCE_OVERLAP, day(5))
    assert auto_complete(RoadmapFacts(START, kpi_records=(brand_fit,))) == set()
    assert auto_complete(RoadmapFacts(START, kpi_records=(brand_fit, overlap))) == {
        "record_brand_fit"
    }


def test_brand_fit_recorded_at_selection_before_the_start_counts() -> None:
    records = (kpi(KPIKind.BRAND_FIT, day(-10)), kpi(KPIKind.AUDIENCE_OVERLAP, day(-10)))
    assert auto_complete(RoadmapFacts(START, kpi_records=records)) == {"record_brand_fit"}


def test_compute_cpae_needs_spend_and_authentic_engagements_of_this_roadmap() -> None:
    spend = kpi(KPIKind.SPEND, day(60), "840", "EUR")
    engagements = kpi(KPIKind.AUTHENTIC_ENGAGEMENTS, day(60), "1000")
    old_engagements = kpi(KPIKind.AUTHENTIC_ENGAGEMENTS, day(-1), "1000")
    assert auto_complete(RoadmapFacts(START, kpi_records=(spend,))) == set()
    assert auto_complete(RoadmapFacts(START, kpi_records=(spend, old_engagements))) == set()
    assert auto_complete(RoadmapFacts(START, kpi_records=(spend, engagements))) == {"compute_cpae"}


def test_share_feedback_when_a_period_of_this_roadmap_was_marked_shared() -> None:
    assert auto_complete(RoadmapFacts(START, feedback_shared_period_ends=(day(63),))) == {
        "share_feedback"
    }
    assert auto_complete(RoadmapFacts(START, feedback_shared_period_ends=(day(-3),))) == set()


def test_nps_survey_when_the_creator_answered_since_the_start() -> None:
    before = NPSAnswer("anna", day(0), 9)
    on_start = NPSAnswer("anna", day(1), 9)
    late = NPSAnswer("anna", day(90), 9)
    assert auto_complete(RoadmapFacts(START, nps_answers=(before,))) == set()
    assert auto_complete(RoadmapFacts(START, nps_answers=(on_start,))) == {"nps_survey"}
    assert auto_complete(RoadmapFacts(START, nps_answers=(late,))) == {"nps_survey"}


def test_settle_ip_exclusivity_needs_clear_ip_and_settled_exclusivity() -> None:
    def done(ip_model: IPModel | None, exclusivity: bool) -> bool:
        facts = RoadmapFacts(START, ip_model=ip_model, exclusivity_settled=exclusivity)
        return M.SETTLE_IP_EXCLUSIVITY in auto_complete(facts)

    assert done(IPModel.SHARED, True)
    assert not done(IPModel.UNCLEAR, True)
    assert not done(None, True)
    assert not done(IPModel.LICENSED, False)


def test_recorded_steps_complete_their_milestones() -> None:
    facts = RoadmapFacts(
        START,
        kickoff_held=True,
        first_party_data_shared=True,
        briefing_canvas_agreed=True,
        renewal_decided=True,
        kpi_records=(kpi(KPIKind.MUTUAL_VALUE, day(80), "72"),),
    )
    assert auto_complete(facts) == {
        "kickoff",
        "share_first_party_data",
        "briefing_canvas",
        "mutual_value_review",
        "renew_or_exit",
    }


def test_manual_milestones_never_complete_from_data() -> None:
    everything = RoadmapFacts(
        START,
        kpi_records=tuple(
            kpi(kind, day(60), "1", "EUR" if kind is KPIKind.SPEND else None) for kind in KPIKind
        ),
        nps_answers=(NPSAnswer("anna", day(80), 10),),
        kickoff_held=True,
        first_party_data_shared=True,
        briefing_canvas_agreed=True,
        ip_model=IPModel.SHARED,
        exclusivity_settled=True,
        contract_signed=True,
        payment_terms_days=30,
        feedback_shared_period_ends=(day(60),),
        renewal_decided=True,
    )
    manual = {"co_creation", "content_approvals", "first_payment"}
    assert auto_complete(everything) == {m.id for m in DEFAULT_TEMPLATE.milestones} - manual


def test_completed_by_data_reports_only_open_milestones_the_data_shows_done() -> None:
    signed = RoadmapFacts(START, contract_signed=True, payment_terms_days=30, renewal_decided=True)
    completed = completed_by_data(
        {1: {M.CONTRACT_SIGNED, M.KICKOFF}, 2: {M.KICKOFF}, 3: {M.CONTRACT_SIGNED}},
        {1: signed, 2: signed},
    )
    # Roadmap 1: the renewal decision is done in the data but no longer open (marked already);
    # roadmap 2 has nothing the data completes; roadmap 3 has no facts loaded.
    assert completed == {1: {M.CONTRACT_SIGNED}}
