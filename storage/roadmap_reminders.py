"""A roadmap's reminders: one on the first day of each week, and one the day after milestones
fall due, at the template's reminder time in the team's time zone."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from sqlmodel import Session

from domain.roadmap import REMINDER_TIME, RoadmapTemplate, week_starts
from domain.schedule import local_to_utc
from storage import reminders
from storage.models import Partnership, Roadmap, RoadmapMilestone

WEEK_KIND = "roadmap_week"  # the reminder on the first day of each week
OVERDUE_KIND = "roadmap_overdue"  # the reminder the day after milestones fall due


def week_key(roadmap_id: int, week: int) -> str:
    return f"roadmap:{roadmap_id}:week:{week}"


def overdue_key(roadmap_id: int, due_on: date) -> str:
    return f"roadmap:{roadmap_id}:overdue:{due_on.isoformat()}"


def reminder_channel(partnership: Partnership, roadmap: Roadmap) -> str | None:
    """The partnership's channel, else the owner's DM (a user id: chat.postMessage opens it)."""
    return partnership.channel_id or roadmap.owner_id or partnership.owner_user_id


def _schedule_ahead(
    session: Session,
    roadmap: Roadmap,
    channel: str | None,
    kind: str,
    dedupe_key: str,
    due_at: datetime,
    now: datetime,
    payload: dict[str, object],
) -> None:
    """Schedule one of the roadmap's reminders unless it would be due at or before `now`."""
    if due_at <= now:
        return
    reminders.schedule(
        session=session,
        team_id=roadmap.team_id,
        kind=kind,
        dedupe_key=dedupe_key,
        due_at=due_at,
        now=now,
        channel_id=channel,
        subject_id=roadmap.id,
        # owner_id: whom the clock tells when the channel cannot be reached.
        payload={**payload, "owner_id": roadmap.owner_id},
    )


def schedule_reminders(
    session: Session,
    partnership: Partnership,
    roadmap: Roadmap,
    milestones: Iterable[RoadmapMilestone],
    timezone: str,
    now: datetime,
    template: RoadmapTemplate,
) -> None:
    """Schedule a new roadmap's weekly and overdue reminders (those still ahead of `now`)."""
    channel = reminder_channel(partnership, roadmap)
    for week, first_day in enumerate(week_starts(roadmap.start_on, template), start=1):
        _schedule_ahead(
            session,
            roadmap,
            channel,
            WEEK_KIND,
            week_key(roadmap.id, week),
            local_to_utc(first_day, REMINDER_TIME, timezone),
            now,
            {"week": week},
        )
    for due_on in sorted({m.due_on for m in milestones}):
        schedule_overdue(session, roadmap, channel, due_on, timezone, now)


def schedule_overdue(
    session: Session,
    roadmap: Roadmap,
    channel: str | None,
    due_on: date,
    timezone: str,
    now: datetime,
) -> None:
    """One reminder per due date, at 09:00 the day after: it names every milestone that
    became overdue that day (the renderer looks them up when it is sent)."""
    _schedule_ahead(
        session,
        roadmap,
        channel,
        OVERDUE_KIND,
        overdue_key(roadmap.id, due_on),
        local_to_utc(due_on + timedelta(days=1), REMINDER_TIME, timezone),
        now,
        {"due_on": due_on.isoformat()},
    )
