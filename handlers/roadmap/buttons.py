"""The roadmap card's buttons: mark a milestone done, snooze it a week, open the card from a
reminder."""

from __future__ import annotations

from datetime import date
from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond

from handlers.background import after_ack
from handlers.blocks.common import ephemeral
from handlers.blocks.roadmap import (
    DONE_ACTION,
    milestone_name,
)
from handlers.context import deps, now, team_timezone, today, tr
from handlers.roadmap.view import card_reply
from storage import creators, roadmaps
from storage.db import session_scope


# -- the buttons ----------------------------------------------------------------------------
def _parse_value(value: str) -> tuple[int, str, date] | None:
    roadmap_id, milestone, due = (value.split(":") + ["", "", ""])[:3]
    try:
        return int(roadmap_id), milestone, date.fromisoformat(due)
    except ValueError:
        return None


async def handle_milestone(
    ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    """Done / Snooze a week: change the milestone once (a second click changes nothing) and
    update the card in place."""
    await ack()
    action = body["actions"][0]
    parsed = _parse_value(action.get("value", ""))
    t = tr(context)
    if parsed is None:
        after_ack(context, respond(**ephemeral(t.gettext("That roadmap no longer exists."))))
        return
    roadmap_id, milestone, shown_due = parsed
    team_id, user_id = context.team_id, context.user_id
    on, at = today(context), now(context)
    name = milestone_name(t, milestone)
    with session_scope(deps(context).engine) as session:
        loaded = roadmaps.get_roadmap(session=session, team_id=team_id, roadmap_id=roadmap_id)
        partnership = (
            creators.get_partnership(
                session=session, team_id=team_id, partnership_id=loaded.roadmap.partnership_id
            )
            if loaded
            else None
        )
        if loaded is None or partnership is None or loaded.milestone(milestone) is None:
            reply = ephemeral(t.gettext("That roadmap no longer exists."))
        elif action["action_id"].startswith(DONE_ACTION + "_"):
            changed = roadmaps.mark_done(
                session=session,
                team_id=team_id,
                roadmap_id=roadmap_id,
                milestone=milestone,
                done_by=user_id,
                now=at,
            )
            notice = (
                t.gettext("✅ {milestone}: done.")
                if changed
                else t.gettext("{milestone} was done already.")
            ).format(milestone=name)
            reply = card_reply(session, t, team_id, roadmap_id, on, at, notice)
        else:
            new_due = roadmaps.snooze(
                session=session,
                partnership=partnership,
                roadmap_id=roadmap_id,
                milestone=milestone,
                shown_due_on=shown_due,
                today=on,
                timezone=team_timezone(context),
                now=at,
            )
            notice = (
                t.gettext("⏰ {milestone} snoozed: now due {date}.").format(
                    milestone=name, date=t.date(new_due)
                )
                if new_due is not None
                else t.gettext("{milestone} was snoozed or done already.").format(milestone=name)
            )
            reply = card_reply(session, t, team_id, roadmap_id, on, at, notice)
    after_ack(context, respond(**reply, replace_original=True))


async def handle_show(
    ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    """A reminder's "Open the roadmap": the card, for whoever clicked (only they see it)."""
    await ack()
    t = tr(context)
    value = body["actions"][0].get("value", "")
    with session_scope(deps(context).engine) as session:
        reply = (
            card_reply(session, t, context.team_id, int(value), today(context), now(context))
            if value.isdigit()
            else ephemeral(t.gettext("That roadmap no longer exists."))
        )
    after_ack(context, respond(**reply, replace_original=False))
