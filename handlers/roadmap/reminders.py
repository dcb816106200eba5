"""What the roadmap's reminders say when due (`roadmap_week`, `roadmap_overdue`); nothing when
there is nothing left to remind about."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlmodel import Session

from domain.roadmap import (
    DAYS_PER_WEEK,
)
from domain.values import Stage
from handlers.blocks.roadmap import (
    build_overdue_reminder,
    build_week_reminder,
)
from handlers.roadmap.view import RoadmapView, load_view, milestone_lines
from handlers.voice import SEED_DEFAULTS, team_voice
from storage.reminder_claims import ClaimedReminder


# -- the reminders --------------------------------------------------------------------------
def _for_reminder(session: Session, reminder: ClaimedReminder) -> RoadmapView | None:
    """The reminder's roadmap, completed from the data; None when there is nothing to remind
    about any more (no roadmap, an ended partnership, every milestone done)."""
    if reminder.subject_id is None:
        return None
    # The renderer has no clock of its own: the reminder's due time stands in for "now".
    found = load_view(session, reminder.team_id, reminder.subject_id, reminder.due_at)
    if found is None or found.partnership.stage is Stage.ENDED:
        return None
    if all(m.done_at is not None for m in found.loaded.milestones):
        return None
    return found


def render_week(session: Session, reminder: ClaimedReminder) -> dict[str, Any] | None:
    """Week n's message: what is due this week, what is overdue, what is under way."""
    found = _for_reminder(session, reminder)
    if found is None:
        return None
    week = int(reminder.payload["week"])
    first_day = found.loaded.roadmap.start_on + timedelta(days=DAYS_PER_WEEK * (week - 1))
    last_day = first_day + timedelta(days=DAYS_PER_WEEK - 1)
    open_lines = [line for line in milestone_lines(found.loaded) if not line.done]
    due = [m for m in open_lines if first_day <= m.due_on <= last_day]
    overdue = [m for m in open_lines if m.due_on < first_day]
    under_way = [m for m in open_lines if m.start_on <= last_day < m.due_on]
    if not (due or overdue or under_way):
        return None
    t = team_voice(session, reminder.team_id, SEED_DEFAULTS).t
    return build_week_reminder(t, found.subject, week, due, overdue, under_way)


def render_overdue(session: Session, reminder: ClaimedReminder) -> dict[str, Any] | None:
    """The day after a due date: the milestones due that day and still open (snoozed or done
    ones are not; with none left there is nothing to say)."""
    found = _for_reminder(session, reminder)
    if found is None:
        return None
    due_on = date.fromisoformat(reminder.payload["due_on"])
    overdue = [m for m in milestone_lines(found.loaded) if not m.done and m.due_on == due_on]
    if not overdue:
        return None
    t = team_voice(session, reminder.team_id, SEED_DEFAULTS).t
    return build_overdue_reminder(t, found.subject, due_on, overdue)
