"""The 12-week roadmap: its milestone template, the plan in dates, progress and completion.

Week n of a roadmap starting on `start` runs from start + 7(n-1) to start + 7n - 1 (dates only,
so time zones and DST play no part); a milestone is due on the last day of its due week.
Milestones are stable string ids; the handlers translate them.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, time, timedelta
from enum import StrEnum

from domain.flags import PAYMENT_TERMS_FLAG_DAYS
from domain.kpis import KPIRecord, NPSAnswer
from domain.values import IPModel, KPIKind, Stage

DAYS_PER_WEEK = 7
# default: the seed promises a transformation "within one quarter": 12 weeks.
ROADMAP_WEEKS = 12
# default: a snooze moves a milestone's due date by one week.
SNOOZE_WEEKS = 1
# default (issue 5): roadmap reminders go out at 09:00 team time, on the first day of each
# week and on the day after a milestone's due date.
REMINDER_TIME = time(9, 0)


class MilestoneId(StrEnum):
    """The milestones of the default template (stable ids: stored, and keys in the catalogs)."""

    KICKOFF = "kickoff"
    SHARE_FIRST_PARTY_DATA = "share_first_party_data"
    RECORD_BRAND_FIT = "record_brand_fit"
    BRIEFING_CANVAS = "briefing_canvas"
    SETTLE_IP_EXCLUSIVITY = "settle_ip_exclusivity"
    CONTRACT_SIGNED = "contract_signed"
    CO_CREATION = "co_creation"
    CONTENT_APPROVALS = "content_approvals"
    FIRST_PAYMENT = "first_payment"
    SHARE_FEEDBACK = "share_feedback"
    COMPUTE_CPAE = "compute_cpae"
    NPS_SURVEY = "nps_survey"
    MUTUAL_VALUE_REVIEW = "mutual_value_review"
    RENEW_OR_EXIT = "renew_or_exit"


@dataclass(frozen=True)
class Milestone:
    """One row of a template: worked on from `start_week`, due at the end of `due_week`."""

    id: str
    start_week: int
    due_week: int
    stage: Stage | None = None  # the framework step the milestone's work belongs to, if one

    def __post_init__(self) -> None:
        if not self.id:
            raise ValueError("milestone id is empty")
        if not 1 <= self.start_week <= self.due_week:
            raise ValueError(f"{self.id}: weeks must satisfy 1 <= start_week <= due_week")


@dataclass(frozen=True)
class RoadmapTemplate:
    """A roadmap of `weeks` weeks and its milestones, in the order they are shown."""

    weeks: int
    milestones: tuple[Milestone, ...]

    def __post_init__(self) -> None:
        if self.weeks < 1:
            raise ValueError("a roadmap has at least one week")
        ids = [m.id for m in self.milestones]
        if len(set(ids)) != len(ids):
            raise ValueError("milestone ids must be unique")
        late = [m.id for m in self.milestones if m.due_week > self.weeks]
        if late:
            raise ValueError(f"milestones due after week {self.weeks}: {late}")


def _m(
    milestone: MilestoneId, start_week: int, due_week: int, stage: Stage | None = None
) -> Milestone:
    return Milestone(milestone.value, start_week, due_week, stage)


# default: domain.md's table. Stages: weeks 1-2 are alignment's work, 3-8 the creative
# guardrails' (briefing, IP, contract, then the creator's execution), the review and the
# renewal decision are mutual value & growth's. Payment, feedback, CPAE and NPS belong to the
# measurement model and the green lights rather than to one step.
DEFAULT_TEMPLATE = RoadmapTemplate(
    weeks=ROADMAP_WEEKS,
    milestones=(
        _m(MilestoneId.KICKOFF, 1, 2, Stage.ALIGNMENT),
        _m(MilestoneId.SHARE_FIRST_PARTY_DATA, 1, 2, Stage.ALIGNMENT),
        _m(MilestoneId.RECORD_BRAND_FIT, 1, 2, Stage.ALIGNMENT),
        _m(MilestoneId.BRIEFING_CANVAS, 3, 4, Stage.GUARDRAILS),
        _m(MilestoneId.SETTLE_IP_EXCLUSIVITY, 3, 4, Stage.GUARDRAILS),
        _m(MilestoneId.CONTRACT_SIGNED, 3, 4, Stage.GUARDRAILS),
        _m(MilestoneId.CO_CREATION, 5, 8, Stage.GUARDRAILS),
        _m(MilestoneId.CONTENT_APPROVALS, 5, 8, Stage.GUARDRAILS),
        _m(MilestoneId.FIRST_PAYMENT, 5, 8),
        _m(MilestoneId.SHARE_FEEDBACK, 9, 10),
        _m(MilestoneId.COMPUTE_CPAE, 9, 10),
        _m(MilestoneId.NPS_SURVEY, 11, 12),
        _m(MilestoneId.MUTUAL_VALUE_REVIEW, 11, 12, Stage.GROWTH),
        _m(MilestoneId.RENEW_OR_EXIT, 11, 12, Stage.GROWTH),
    ),
)


@dataclass(frozen=True)
class PlannedMilestone:
    id: str
    start_on: date  # first day of its start week
    due_on: date  # last day of its due week
    stage: Stage | None = None


@dataclass(frozen=True)
class MilestoneState:
    """What is stored about one milestone of one roadmap."""

    done: bool = False
    due_on: date | None = None  # a snoozed due date; None: the planned one


@dataclass(frozen=True)
class RoadmapProgress:
    week: int  # 1..weeks; 0 before the start; weeks + 1 once finished
    done: int
    total: int
    overdue: tuple[str, ...]  # not done and due before today, in template order
    due_this_week: tuple[str, ...]  # not done and due from today to the end of this week


@dataclass(frozen=True)
class RoadmapFacts:
    """What data-tied completion looks at, for one partnership's roadmap."""

    start: date
    kpi_records: tuple[KPIRecord, ...] = ()
    nps_answers: tuple[NPSAnswer, ...] = ()  # this creator's answers
    kickoff_held: bool = False
    first_party_data_shared: bool = False
    briefing_canvas_agreed: bool = False
    ip_model: IPModel | None = None
    exclusivity_settled: bool = False
    contract_signed: bool = False
    payment_terms_days: int | None = None
    feedback_shared_period_ends: tuple[date, ...] = ()  # ends of KPI periods marked shared
    renewal_decided: bool = False


def _week_start(start: date, week: int) -> date:
    return start + timedelta(days=DAYS_PER_WEEK * (week - 1))


def _week_end(start: date, week: int) -> date:
    return start + timedelta(days=DAYS_PER_WEEK * week - 1)


def plan(start: date, template: RoadmapTemplate = DEFAULT_TEMPLATE) -> list[PlannedMilestone]:
    """Every milestone of the template with its start and due date, in template order."""
    return [
        PlannedMilestone(
            m.id, _week_start(start, m.start_week), _week_end(start, m.due_week), m.stage
        )
        for m in template.milestones
    ]


def week_starts(start: date, template: RoadmapTemplate = DEFAULT_TEMPLATE) -> list[date]:
    """The first day of each week of the roadmap (when the weekly reminders go out)."""
    return [_week_start(start, week) for week in range(1, template.weeks + 1)]


def _calendar_week(start: date, today: date) -> int:
    # Unclamped: 0 or less before the start, beyond the last week after the end.
    return (today - start).days // DAYS_PER_WEEK + 1


def week_number(start: date, today: date, template: RoadmapTemplate = DEFAULT_TEMPLATE) -> int:
    """The roadmap week today is in: 1..weeks; 0 before the start; weeks + 1 once finished."""
    week = _calendar_week(start, today)
    if week < 1:
        return 0
    return min(week, template.weeks + 1)


def progress(
    start: date,
    milestones_state: Mapping[str, MilestoneState],
    today: date,
    template: RoadmapTemplate = DEFAULT_TEMPLATE,
    auto_done: Collection[str] = frozenset(),
) -> RoadmapProgress:
    """Where a roadmap stands today.

    A milestone is done when its state says so or it is in `auto_done` (see `auto_complete`);
    ids outside the template are ignored. "This week" is the 7-day roadmap week around today,
    continued on the same grid before the start and after the end (for snoozed milestones).
    """
    this_week_end = _week_end(start, _calendar_week(start, today))
    done = 0
    overdue: list[str] = []
    due_this_week: list[str] = []
    for planned in plan(start, template):
        state = milestones_state.get(planned.id, MilestoneState())
        if state.done or planned.id in auto_done:
            done += 1
            continue
        due_on = state.due_on or planned.due_on
        if due_on < today:
            overdue.append(planned.id)
        elif due_on <= this_week_end:
            due_this_week.append(planned.id)
    return RoadmapProgress(
        week=week_number(start, today, template),
        done=done,
        total=len(template.milestones),
        overdue=tuple(overdue),
        due_this_week=tuple(due_this_week),
    )


def snooze(due_on: date, weeks: int = SNOOZE_WEEKS) -> date:
    """The due date after snoozing a milestone by `weeks` (one by default)."""
    if weeks < 1:
        raise ValueError("a snooze moves a due date forward by at least one week")
    return due_on + timedelta(days=DAYS_PER_WEEK * weeks)


def snooze_until_due(due_on: date, today: date) -> date:
    """The due date after "snooze a week": one week later, or as many whole weeks as it takes
    to be due today or later, so that a snoozed milestone is never still overdue (and stays on
    the roadmap's week grid)."""
    overdue_days = (today - due_on).days
    return snooze(due_on, max(SNOOZE_WEEKS, -(-overdue_days // DAYS_PER_WEEK)))


def _has(records: Collection[KPIRecord], kind: KPIKind) -> bool:
    return any(r.kind is kind for r in records)


def auto_complete(facts: RoadmapFacts) -> set[str]:
    """The milestones the data shows done; co-creation, approvals and payment stay manual.

    Data of the roadmap's own work counts from its start on (period end or answer on or after
    the start), so a renewed partnership's new roadmap does not inherit last term's figures,
    and a late answer or record still completes its milestone. Brand fit and audience overlap
    count whenever recorded: selection on them (seed) comes before the kick-off.
    """
    this_roadmap = [r for r in facts.kpi_records if r.period_end >= facts.start]
    ip_settled = facts.ip_model is not None and facts.ip_model is not IPModel.UNCLEAR
    # seed: terms of 90+ days do not complete the milestone; they raise the red flag instead.
    terms_ok = (
        facts.payment_terms_days is not None and facts.payment_terms_days < PAYMENT_TERMS_FLAG_DAYS
    )
    checks = {
        MilestoneId.KICKOFF: facts.kickoff_held,
        MilestoneId.SHARE_FIRST_PARTY_DATA: facts.first_party_data_shared,
        MilestoneId.RECORD_BRAND_FIT: _has(facts.kpi_records, KPIKind.BRAND_FIT)
        and _has(facts.kpi_records, KPIKind.AUDIENCE_OVERLAP),
        MilestoneId.BRIEFING_CANVAS: facts.briefing_canvas_agreed,
        MilestoneId.SETTLE_IP_EXCLUSIVITY: ip_settled and facts.exclusivity_settled,
        MilestoneId.CONTRACT_SIGNED: facts.contract_signed and terms_ok,
        MilestoneId.SHARE_FEEDBACK: any(
            end >= facts.start for end in facts.feedback_shared_period_ends
        ),
        MilestoneId.COMPUTE_CPAE: _has(this_roadmap, KPIKind.SPEND)
        and _has(this_roadmap, KPIKind.AUTHENTIC_ENGAGEMENTS),
        MilestoneId.NPS_SURVEY: any(a.answered_on >= facts.start for a in facts.nps_answers),
        MilestoneId.MUTUAL_VALUE_REVIEW: _has(this_roadmap, KPIKind.MUTUAL_VALUE),
        MilestoneId.RENEW_OR_EXIT: facts.renewal_decided,
    }
    return {milestone.value for milestone, met in checks.items() if met}


def completed_by_data(
    open_milestones: Mapping[int, Collection[str]], facts: Mapping[int, RoadmapFacts]
) -> dict[int, set[str]]:
    """Of each roadmap's open milestones (by roadmap id), those the data shows done; roadmaps
    without facts or with nothing to complete are left out."""
    completed = {}
    for roadmap_id, open_ids in open_milestones.items():
        roadmap_facts = facts.get(roadmap_id)
        ready = auto_complete(roadmap_facts) & set(open_ids) if roadmap_facts else set()
        if ready:
            completed[roadmap_id] = ready
    return completed
