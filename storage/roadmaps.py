"""12-week roadmaps: a row per milestone, creating, reading, marking done (by hand or, once the
caller has applied domain.roadmap's rule, from the data) and snoozing, all scoped by team.

The reminders live in storage/roadmap_reminders.py; what data-tied completion looks at is
loaded by storage/roadmap_facts.py."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import bindparam
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select, update

from domain.roadmap import (
    DEFAULT_TEMPLATE,
    MilestoneState,
    RoadmapTemplate,
    plan,
    snooze_until_due,
)
from storage import home as home_tabs
from storage import roadmap_reminders
from storage.models import (
    Partnership,
    Roadmap,
    RoadmapMilestone,
)

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
    roadmap_reminders.schedule_reminders(
        session, partnership, loaded.roadmap, loaded.milestones, timezone, now, template
    )
    return loaded


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
    roadmap_reminders.schedule_overdue(
        session,
        roadmap,
        roadmap_reminders.reminder_channel(partnership, roadmap),
        new_due,
        timezone,
        now,
    )
    return new_due


# -- data-tied completion (the rule is domain.roadmap's, applied by the caller) -----------
def open_milestones(loaded: Iterable[LoadedRoadmap]) -> dict[int, set[str]]:
    """The milestones not marked done yet, by roadmap id."""
    return {
        item.roadmap.id: {m.milestone for m in item.milestones if m.done_at is None}
        for item in loaded
    }


def mark_done_by_data(
    *, session: Session, team_id: str, completed: Mapping[int, Collection[str]], now: datetime
) -> None:
    """Mark done (by "auto") the milestones the data shows done, by roadmap id: one update per
    roadmap with something to complete. Completion sticks: later data does not reopen one."""
    for roadmap_id, milestones in completed.items():
        if not milestones:
            continue
        session.exec(
            update(RoadmapMilestone)
            .where(
                col(RoadmapMilestone.team_id) == team_id,
                col(RoadmapMilestone.roadmap_id) == roadmap_id,
                col(RoadmapMilestone.milestone).in_(milestones),
                col(RoadmapMilestone.done_at).is_(None),
            )
            .values(done_at=now, done_by=AUTO)
            .execution_options(synchronize_session="fetch")
        )


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
