"""12-week roadmaps: a row per milestone, marking done and snoozing, data-tied completion and
the reminders (weekly, and when milestones become overdue), all scoped by team."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import bindparam
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select, update

from domain.kpis import NPSAnswer as NPSAnswerFact
from domain.roadmap import (
    DEFAULT_TEMPLATE,
    REMINDER_TIME,
    MilestoneState,
    RoadmapFacts,
    RoadmapTemplate,
    auto_complete,
    plan,
    snooze_until_due,
    week_starts,
)
from domain.schedule import local_to_utc
from storage import home as home_tabs
from storage import reminders
from storage.kpis import kpi_histories
from storage.models import (
    ExclusivityWindow,
    NPSAnswer,
    Partnership,
    Roadmap,
    RoadmapMilestone,
)

WEEK_KIND = "roadmap_week"  # the reminder on the first day of each week
OVERDUE_KIND = "roadmap_overdue"  # the reminder the day after milestones fall due
AUTO = "auto"  # done_by when the data completed a milestone


class RoadmapExists(Exception):
    """The partnership has a roadmap already (one per partnership)."""

    def __init__(self, roadmap: Roadmap) -> None:
        super().__init__(f"partnership {roadmap.partnership_id} has roadmap {roadmap.id}")
        self.roadmap = roadmap
        self.roadmap_id: int = roadmap.id
        self.start_on: date = roadmap.start_on


@dataclass
class LoadedRoadmap:
    """A roadmap with its milestones, in template order."""

    roadmap: Roadmap
    milestones: list[RoadmapMilestone]

    def states(self) -> dict[str, MilestoneState]:
        return {
            m.milestone: MilestoneState(done=m.done_at is not None, due_on=m.due_on)
            for m in self.milestones
        }

    def milestone(self, milestone_id: str) -> RoadmapMilestone | None:
        return next((m for m in self.milestones if m.milestone == milestone_id), None)


def week_key(roadmap_id: int, week: int) -> str:
    return f"roadmap:{roadmap_id}:week:{week}"


def overdue_key(roadmap_id: int, due_on: date) -> str:
    return f"roadmap:{roadmap_id}:overdue:{due_on.isoformat()}"


def reminder_channel(partnership: Partnership, roadmap: Roadmap) -> str | None:
    """The partnership's channel, else the owner's DM (a user id: chat.postMessage opens it)."""
    return partnership.channel_id or roadmap.owner_id or partnership.owner_user_id


# -- creating and reading -----------------------------------------------------------------
def create_roadmap(
    *,
    session: Session,
    partnership: Partnership,
    start_on: date,
    owner_id: str | None,
    created_by: str | None,
    timezone: str,
    now: datetime,
    template: RoadmapTemplate = DEFAULT_TEMPLATE,
) -> LoadedRoadmap:
    """Create the partnership's roadmap from the template and schedule its reminders.

    Reminders that would be due at or before `now` (a roadmap started in the past) are left
    out. Raises RoadmapExists when the partnership has one already (also when another request
    created it a moment ago).
    """
    team_id = partnership.team_id
    existing = session.exec(
        select(Roadmap).where(Roadmap.team_id == team_id, Roadmap.partnership_id == partnership.id)
    ).first()
    if existing is not None:
        raise RoadmapExists(existing)
    roadmap = Roadmap(
        team_id=team_id,
        partnership_id=partnership.id,
        start_on=start_on,
        owner_id=owner_id,
        created_by=created_by,
        created_at=now,
    )
    try:
        with session.begin_nested():
            session.add(roadmap)
    except IntegrityError:
        raise RoadmapExists(
            session.exec(
                select(Roadmap).where(
                    Roadmap.team_id == team_id, Roadmap.partnership_id == partnership.id
                )
            ).one()
        ) from None
    milestones = [
        RoadmapMilestone(
            team_id=team_id,
            roadmap_id=roadmap.id,
            milestone=planned.id,
            start_on=planned.start_on,
            due_on=planned.due_on,
        )
        for planned in plan(start_on, template)
    ]
    session.add_all(milestones)
    session.flush()
    loaded = LoadedRoadmap(roadmap, milestones)
    _schedule_reminders(session, partnership, loaded, timezone, now, template)
    return loaded


def _schedule_reminders(
    session: Session,
    partnership: Partnership,
    loaded: LoadedRoadmap,
    timezone: str,
    now: datetime,
    template: RoadmapTemplate,
) -> None:
    roadmap = loaded.roadmap
    channel = reminder_channel(partnership, roadmap)
    for week, first_day in enumerate(week_starts(roadmap.start_on, template), start=1):
        due_at = local_to_utc(first_day, REMINDER_TIME, timezone)
        if due_at > now:
            reminders.schedule(
                session=session,
                team_id=roadmap.team_id,
                kind=WEEK_KIND,
                dedupe_key=week_key(roadmap.id, week),
                due_at=due_at,
                now=now,
                channel_id=channel,
                subject_id=roadmap.id,
                # owner_id: whom the clock tells when the channel cannot be reached.
                payload={"week": week, "owner_id": roadmap.owner_id},
            )
    for due_on in sorted({m.due_on for m in loaded.milestones}):
        _schedule_overdue(session, roadmap, channel, due_on, timezone, now)


def _schedule_overdue(
    session: Session,
    roadmap: Roadmap,
    channel: str | None,
    due_on: date,
    timezone: str,
    now: datetime,
) -> None:
    """One reminder per due date, at 09:00 the day after: it names every milestone that
    became overdue that day (the renderer looks them up when it is sent)."""
    due_at = local_to_utc(due_on + timedelta(days=1), REMINDER_TIME, timezone)
    if due_at <= now:
        return
    reminders.schedule(
        session=session,
        team_id=roadmap.team_id,
        kind=OVERDUE_KIND,
        dedupe_key=overdue_key(roadmap.id, due_on),
        due_at=due_at,
        now=now,
        channel_id=channel,
        subject_id=roadmap.id,
        payload={"due_on": due_on.isoformat(), "owner_id": roadmap.owner_id},
    )


# Built once, values bound at execution: the status card's path (see storage/creators.py).
_MILESTONES = (
    select(RoadmapMilestone)
    .where(
        RoadmapMilestone.team_id == bindparam("team_id"),
        col(RoadmapMilestone.roadmap_id).in_(bindparam("ids", expanding=True)),
    )
    .order_by(RoadmapMilestone.roadmap_id, RoadmapMilestone.id)
)
_ROADMAPS = select(Roadmap).where(
    Roadmap.team_id == bindparam("team_id"),
    col(Roadmap.partnership_id).in_(bindparam("ids", expanding=True)),
)


def _milestones_of(session: Session, team_id: str, roadmap_ids: list[int]) -> dict[int, list]:
    rows = session.exec(_MILESTONES, params={"team_id": team_id, "ids": roadmap_ids}).all()
    grouped: dict[int, list[RoadmapMilestone]] = defaultdict(list)
    for row in rows:
        grouped[row.roadmap_id].append(row)
    return grouped


def get_roadmap(*, session: Session, team_id: str, roadmap_id: int) -> LoadedRoadmap | None:
    roadmap = session.get(Roadmap, roadmap_id)
    if roadmap is None or roadmap.team_id != team_id:
        return None
    return LoadedRoadmap(roadmap, _milestones_of(session, team_id, [roadmap.id])[roadmap.id])


def roadmaps_for_partnerships(
    *, session: Session, team_id: str, partnership_ids: Iterable[int]
) -> dict[int, LoadedRoadmap]:
    """The roadmaps of many partnerships (by partnership id) in two queries."""
    ids = list(partnership_ids)
    if not ids:
        return {}
    found = session.exec(_ROADMAPS, params={"team_id": team_id, "ids": ids}).all()
    if not found:
        return {}
    milestones = _milestones_of(session, team_id, [r.id for r in found])
    return {r.partnership_id: LoadedRoadmap(r, milestones.get(r.id, [])) for r in found}


def roadmap_for_partnership(
    *, session: Session, team_id: str, partnership_id: int
) -> LoadedRoadmap | None:
    return roadmaps_for_partnerships(
        session=session, team_id=team_id, partnership_ids=[partnership_id]
    ).get(partnership_id)


# -- marking done and snoozing ----------------------------------------------------------------
def mark_done(
    *,
    session: Session,
    team_id: str,
    roadmap_id: int,
    milestone: str,
    done_by: str,
    now: datetime,
) -> bool:
    """Mark a milestone done; False when it was done already (a double click changes nothing)."""
    result = session.exec(
        update(RoadmapMilestone)
        .where(
            col(RoadmapMilestone.team_id) == team_id,
            col(RoadmapMilestone.roadmap_id) == roadmap_id,
            col(RoadmapMilestone.milestone) == milestone,
            col(RoadmapMilestone.done_at).is_(None),
        )
        .values(done_at=now, done_by=done_by)
        .execution_options(synchronize_session="fetch")
    )
    if result.rowcount:
        home_tabs.mark_roadmap_changed(session=session, team_id=team_id, roadmap_id=roadmap_id)
    return bool(result.rowcount)


def snooze(
    *,
    session: Session,
    partnership: Partnership,
    roadmap_id: int,
    milestone: str,
    shown_due_on: date,
    today: date,
    timezone: str,
    now: datetime,
) -> date | None:
    """Move an open milestone's due date a week on (or as many weeks as it takes to be due
    today or later) and schedule its overdue reminder; None when nothing changed.

    `shown_due_on` is the due date the button was shown with: a second click on the same
    button finds the date moved already and changes nothing.
    """
    new_due = snooze_until_due(shown_due_on, today)
    result = session.exec(
        update(RoadmapMilestone)
        .where(
            col(RoadmapMilestone.team_id) == partnership.team_id,
            col(RoadmapMilestone.roadmap_id) == roadmap_id,
            col(RoadmapMilestone.milestone) == milestone,
            col(RoadmapMilestone.due_on) == shown_due_on,
            col(RoadmapMilestone.done_at).is_(None),
        )
        .values(due_on=new_due)
        .execution_options(synchronize_session="fetch")
    )
    if not result.rowcount:
        return None
    home_tabs.mark_roadmap_changed(
        session=session, team_id=partnership.team_id, roadmap_id=roadmap_id
    )
    roadmap = session.get(Roadmap, roadmap_id)
    # The old date's reminder stays: it names only what is still due that day (or nothing).
    _schedule_overdue(
        session, roadmap, reminder_channel(partnership, roadmap), new_due, timezone, now
    )
    return new_due


# -- data-tied completion -----------------------------------------------------------------------
def roadmap_facts(
    *, session: Session, team_id: str, loaded: Sequence[LoadedRoadmap]
) -> dict[int, RoadmapFacts]:
    """What auto-completion looks at, for many roadmaps (by roadmap id), in five queries."""
    if not loaded:
        return {}
    partnership_ids = [item.roadmap.partnership_id for item in loaded]
    partnerships = {
        p.id: p
        for p in session.exec(
            select(Partnership).where(
                Partnership.team_id == team_id, col(Partnership.id).in_(partnership_ids)
            )
        ).all()
    }
    histories = kpi_histories(session=session, team_id=team_id, partnership_ids=partnership_ids)
    earliest = min(item.roadmap.start_on for item in loaded)
    creator_ids = {p.creator_id for p in partnerships.values()}
    answers = session.exec(
        select(NPSAnswer).where(
            NPSAnswer.team_id == team_id,
            col(NPSAnswer.creator_id).in_(creator_ids),
            col(NPSAnswer.answered_on) >= earliest,
        )
    ).all()
    settled = set(
        session.exec(
            select(ExclusivityWindow.partnership_id).where(
                ExclusivityWindow.team_id == team_id,
                col(ExclusivityWindow.partnership_id).in_(partnership_ids),
                ExclusivityWindow.status == "agreed",
            )
        ).all()
    )
    facts: dict[int, RoadmapFacts] = {}
    for item in loaded:
        partnership = partnerships.get(item.roadmap.partnership_id)
        if partnership is None:
            continue
        history = histories[partnership.id]
        facts[item.roadmap.id] = RoadmapFacts(
            start=item.roadmap.start_on,
            kpi_records=history.records,
            nps_answers=tuple(
                NPSAnswerFact(str(a.creator_id), a.answered_on, a.score)
                for a in answers
                if a.creator_id == partnership.creator_id
                and a.brand_id in (None, partnership.brand_id)
            ),
            ip_model=partnership.ip_model,
            exclusivity_settled=partnership.id in settled,
            # As on the status card: a contract is recorded once its end and payment terms are.
            contract_signed=partnership.payment_terms_days is not None
            and partnership.end_date is not None,
            payment_terms_days=partnership.payment_terms_days,
            feedback_shared_period_ends=tuple(
                p.period_end for p in history.periods if p.feedback_shared
            ),
            renewal_decided=partnership.renewal_decision is not None,
        )
    return facts


def complete_from_data(
    *, session: Session, team_id: str, loaded: Sequence[LoadedRoadmap], now: datetime
) -> dict[int, set[str]]:
    """Mark done (by "auto") the open milestones the data shows done; returns them by roadmap.

    A fixed number of queries for any number of roadmaps, plus one update per roadmap that
    has something to complete. Completion sticks: later data does not reopen a milestone.
    """
    facts = roadmap_facts(session=session, team_id=team_id, loaded=loaded)
    completed: dict[int, set[str]] = {}
    for item in loaded:
        item_facts = facts.get(item.roadmap.id)
        if item_facts is None:
            continue
        open_ids = {m.milestone for m in item.milestones if m.done_at is None}
        ready = auto_complete(item_facts) & open_ids
        if not ready:
            continue
        session.exec(
            update(RoadmapMilestone)
            .where(
                col(RoadmapMilestone.team_id) == team_id,
                col(RoadmapMilestone.roadmap_id) == item.roadmap.id,
                col(RoadmapMilestone.milestone).in_(ready),
                col(RoadmapMilestone.done_at).is_(None),
            )
            .values(done_at=now, done_by=AUTO)
            .execution_options(synchronize_session="fetch")
        )
        completed[item.roadmap.id] = ready
    return completed


# -- demo data ---------------------------------------------------------------------------------
def seed_roadmap(
    *,
    session: Session,
    partnership: Partnership,
    start_on: date,
    done: Iterable[str],
    timezone: str,
    now: datetime,
) -> LoadedRoadmap:
    """A roadmap with some milestones already done by its owner (the demo data set); an
    existing roadmap is returned as it is."""
    try:
        loaded = create_roadmap(
            session=session,
            partnership=partnership,
            start_on=start_on,
            owner_id=partnership.owner_user_id,
            created_by=partnership.owner_user_id,
            timezone=timezone,
            now=now,
        )
    except RoadmapExists as exists:
        found = get_roadmap(
            session=session, team_id=partnership.team_id, roadmap_id=exists.roadmap.id
        )
        assert found is not None
        return found
    for milestone in done:
        mark_done(
            session=session,
            team_id=partnership.team_id,
            roadmap_id=loaded.roadmap.id,
            milestone=milestone,
            done_by=partnership.owner_user_id or AUTO,
            now=now,
        )
    found = get_roadmap(session=session, team_id=partnership.team_id, roadmap_id=loaded.roadmap.id)
    assert found is not None
    return found
