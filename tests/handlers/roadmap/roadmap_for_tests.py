"""What the roadmap surface tests share: the template's milestones in English, and small ways
to start a roadmap, find its rows and render its reminders."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from sqlmodel import col, select

from bot.wiring import SCHEDULED_KINDS
from storage import roadmaps, teams
from storage.db import session_scope
from storage.models import Reminder, Roadmap, RoadmapMilestone
from tests.harness import AppHarness

TODAY = date(2026, 11, 23)  # the harness clock: Monday 23 November 2026, 10:00 in Amsterdam
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
# domain.md's template: the 14 milestones, in English, and the weeks each is due at the end of.
MILESTONES = {
    "Kick-off with the creator": 2,
    "Share first-party data and insights": 2,
    "Record brand-fit score and audience overlap": 2,
    "Agree the creative guardrails (Briefing Canvas)": 4,
    "Settle IP/licensing and exclusivity terms": 4,
    "Contract signed with payment terms under 90 days": 4,
    "Co-creation and production": 8,
    "Content approvals": 8,
    "First payment made on time": 8,
    "Share performance feedback with the creator": 10,
    "Compute CPAE and engagement": 10,
    "Creator NPS survey": 12,
    "Mutual Value Index review": 12,
    "Renew (6–12 months) or exit": 12,
}


def text_of(message: dict) -> str:
    return json.dumps(message, ensure_ascii=False)


def rows(engine, model) -> list:  # noqa: ANN001
    with session_scope(engine) as session:
        return list(session.exec(select(model)).all())


def buttons(message: dict) -> dict[str, dict]:
    return {
        element["action_id"]: element
        for block in message["blocks"]
        if block["type"] == "actions"
        for element in block["elements"]
    }


def milestone_row(engine, milestone: str) -> RoadmapMilestone:  # noqa: ANN001
    with session_scope(engine) as session:
        return session.exec(
            select(RoadmapMilestone).where(RoadmapMilestone.milestone == milestone)
        ).one()


def started_in_week_5(harness: AppHarness, partnership) -> dict:  # noqa: ANN001
    """A roadmap started 29 days ago (25 October): today is in week 5."""
    harness.command("/creator", "roadmap start zoe 2026-10-25")
    return harness.command("/creator", "roadmap zoe")


def roadmap_id(harness: AppHarness) -> int:
    [roadmap] = rows(harness.engine, Roadmap)
    return roadmap.id


def reminders_by_key(engine) -> dict[str, Reminder]:  # noqa: ANN001
    return {r.dedupe_key: r for r in rows(engine, Reminder)}


def start_directly(engine, partnership, start_on: date, locale: str = "en") -> int:  # noqa: ANN001
    with session_scope(engine) as session:
        teams.get_or_create_settings(
            session=session,
            team_id=partnership.team_id,
            default_locale=locale,
            timezone="Europe/Amsterdam",
            now=NOW,
        )
        loaded = roadmaps.create_roadmap(
            session=session,
            partnership=partnership,
            start_on=start_on,
            owner_id=partnership.owner_user_id,
            created_by=None,
            timezone="Europe/Amsterdam",
            now=datetime(2026, 1, 1, tzinfo=UTC),
        )
        return loaded.roadmap.id


def render_key(engine, key: str) -> dict | None:  # noqa: ANN001
    with session_scope(engine) as session:
        reminder = session.exec(select(Reminder).where(col(Reminder.dedupe_key) == key)).one()
        return SCHEDULED_KINDS.render(session, reminder)
