"""A roadmap as the card shows it: loaded with its partnership, completed from the data first
(storage loads the facts, domain.roadmap decides, storage marks), and the card reply."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from slack_bolt.context.async_context import AsyncBoltContext
from sqlmodel import Session

from domain.roadmap import (
    DEFAULT_TEMPLATE,
    completed_by_data,
    progress,
)
from handlers.blocks.common import ephemeral, escape
from handlers.blocks.roadmap import (
    MilestoneLine,
    RoadmapSubject,
    build_roadmap_card,
)
from handlers.context import now, today
from locales import Translator
from storage import creators, roadmap_reminders, roadmaps
from storage.models import Brand, Creator, Partnership
from storage.roadmap_facts import roadmap_facts


# -- the card ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class RoadmapView:
    loaded: roadmaps.LoadedRoadmap
    partnership: Partnership
    subject: RoadmapSubject


def subject_of(
    session: Session, loaded: roadmaps.LoadedRoadmap, partnership: Partnership
) -> RoadmapSubject:
    creator = session.get(Creator, partnership.creator_id)
    brand = session.get(Brand, partnership.brand_id)
    return RoadmapSubject(
        roadmap_id=loaded.roadmap.id,
        creator_name=creator.display_name if creator else "?",
        handle=creator.handle if creator else "",
        brand_name=brand.name if brand else "?",
        owner_id=loaded.roadmap.owner_id,
        start_on=loaded.roadmap.start_on,
        weeks=DEFAULT_TEMPLATE.weeks,
        reminder_channel=roadmap_reminders.reminder_channel(partnership, loaded.roadmap),
        payment_terms_days=partnership.payment_terms_days,
    )


def milestone_lines(loaded: roadmaps.LoadedRoadmap) -> list[MilestoneLine]:
    return [
        MilestoneLine(m.milestone, m.start_on, m.due_on, m.done_at is not None, m.done_by)
        for m in loaded.milestones
    ]


def load_view(session: Session, team_id: str, roadmap_id: int, at: datetime) -> RoadmapView | None:
    """A roadmap with its partnership, completed from the data as of `at`."""
    loaded = roadmaps.get_roadmap(session=session, team_id=team_id, roadmap_id=roadmap_id)
    if loaded is None:
        return None
    partnership = creators.get_partnership(
        session=session, team_id=team_id, partnership_id=loaded.roadmap.partnership_id
    )
    if partnership is None:
        return None
    facts = roadmap_facts(session=session, team_id=team_id, loaded=[loaded])
    completed = completed_by_data(roadmaps.open_milestones([loaded]), facts)
    roadmaps.mark_done_by_data(session=session, team_id=team_id, completed=completed, now=at)
    return RoadmapView(loaded, partnership, subject_of(session, loaded, partnership))


def card_reply(
    session: Session,
    t: Translator,
    team_id: str,
    roadmap_id: int,
    on: date,
    at: datetime,
    notice: str | None = None,
) -> dict[str, Any]:
    found = load_view(session, team_id, roadmap_id, at)
    if found is None:
        return ephemeral(t.gettext("That roadmap no longer exists."))
    state = progress(found.loaded.roadmap.start_on, found.loaded.states(), on)
    return build_roadmap_card(t, found.subject, state, milestone_lines(found.loaded), notice=notice)


def no_partnership_reply(t: Translator, creator: Creator) -> dict[str, Any]:
    return ephemeral(
        t.gettext(
            "{name} has no partnership yet, so there is no roadmap to plan. Add one with "
            "`/creator edit {handle}`."
        ).format(name=escape(creator.display_name), handle=creator.handle)
    )


def show_for(
    session: Session, t: Translator, context: AsyncBoltContext, creator: Creator
) -> dict[str, Any]:
    partnership = creators.current_partnership(
        session=session, team_id=creator.team_id, creator_id=creator.id
    )
    if partnership is None:
        return no_partnership_reply(t, creator)
    loaded = roadmaps.roadmap_for_partnership(
        session=session, team_id=creator.team_id, partnership_id=partnership.id
    )
    if loaded is None:
        brand = session.get(Brand, partnership.brand_id)
        return ephemeral(
            t.gettext(
                "{title} has no roadmap yet. Start one with "
                "`/creator roadmap start {handle} [YYYY-MM-DD]` (from today when you give no date)."
            ).format(
                title=escape(f"{creator.display_name} · {brand.name if brand else '?'}"),
                handle=creator.handle,
            )
        )
    return card_reply(session, t, creator.team_id, loaded.roadmap.id, today(context), now(context))
