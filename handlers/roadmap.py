"""`/creator roadmap start <name> [date]` and `/creator roadmap <name>`: the 12-week roadmap.

Also its buttons (done, snooze a week, open from a reminder), the status card's roadmap line
and the renderers of its reminders (`roadmap_week`, `roadmap_overdue`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from sqlmodel import Session

from domain.roadmap import (
    DAYS_PER_WEEK,
    DEFAULT_TEMPLATE,
    completed_by_data,
    progress,
)
from domain.values import Stage
from handlers.background import after_ack
from handlers.blocks.common import ephemeral, escape, fill
from handlers.blocks.roadmap import (
    DONE_ACTION,
    SHOW_ACTION,
    SNOOZE_ACTION,
    START_PICK_ACTION,
    MilestoneLine,
    RoadmapSubject,
    build_overdue_reminder,
    build_roadmap_card,
    build_start_candidates,
    build_week_reminder,
    milestone_name,
)
from handlers.commands import CommandRequest
from handlers.context import deps, now, team_timezone, today, tr
from handlers.lookup import resolve_creator
from handlers.scheduled import renderer
from locales import LANGUAGES, Translator, translator
from storage import creators, roadmap_reminders, roadmaps, teams
from storage.db import session_scope
from storage.models import Brand, Creator, Partnership, Reminder
from storage.roadmap_facts import roadmap_facts

START_WORDS = ("start", "begin")
# `2026-12-01` or `01-12-2026` (also with / or .): the optional start date, last on the line.
# ASCII digits only: `\d` also matches "٣", which no one types as a date here.
_ISO_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$", re.ASCII)
_DMY_DATE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$", re.ASCII)
_DATE_LIKE = re.compile(r"^\d[\d\-/.]*\d$", re.ASCII)
# A start date further than this from today is a typo, not a plan.
MAX_START_DISTANCE = timedelta(days=366)


def parse_start(text: str) -> tuple[str, date | None, str | None]:
    """`"zoe 2026-12-01"` -> (name, start, None); a date-like word that is no date comes back
    as the third item; no date at all -> (name, None, None)."""
    words = text.split()
    if not words or not _DATE_LIKE.match(words[-1]):
        return " ".join(words), None, None
    word, name = words[-1], " ".join(words[:-1])
    iso, dmy = _ISO_DATE.match(word), _DMY_DATE.match(word)
    try:
        if iso:
            return name, date(int(iso[1]), int(iso[2]), int(iso[3])), None
        if dmy:
            return name, date(int(dmy[3]), int(dmy[2]), int(dmy[1])), None
    except ValueError:
        pass
    if not name:
        return word, None, None  # a creator whose handle is all digits
    return name, None, word


# -- the card ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Loaded:
    loaded: roadmaps.LoadedRoadmap
    partnership: Partnership
    subject: RoadmapSubject


def _subject(
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


def _lines(loaded: roadmaps.LoadedRoadmap) -> list[MilestoneLine]:
    return [
        MilestoneLine(m.milestone, m.start_on, m.due_on, m.done_at is not None, m.done_by)
        for m in loaded.milestones
    ]


def _load(session: Session, team_id: str, roadmap_id: int, at: datetime) -> _Loaded | None:
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
    return _Loaded(loaded, partnership, _subject(session, loaded, partnership))


def _card(
    session: Session,
    t: Translator,
    team_id: str,
    roadmap_id: int,
    on: date,
    at: datetime,
    notice: str | None = None,
) -> dict[str, Any]:
    found = _load(session, team_id, roadmap_id, at)
    if found is None:
        return ephemeral(t.gettext("That roadmap no longer exists."))
    state = progress(found.loaded.roadmap.start_on, found.loaded.states(), on)
    return build_roadmap_card(t, found.subject, state, _lines(found.loaded), notice=notice)


def _no_partnership(t: Translator, creator: Creator) -> dict[str, Any]:
    return ephemeral(
        t.gettext(
            "{name} has no partnership yet, so there is no roadmap to plan. Add one with "
            "`/creator edit {handle}`."
        ).format(name=escape(creator.display_name), handle=creator.handle)
    )


def _show_for(
    session: Session, t: Translator, context: AsyncBoltContext, creator: Creator
) -> dict[str, Any]:
    partnership = creators.current_partnership(
        session=session, team_id=creator.team_id, creator_id=creator.id
    )
    if partnership is None:
        return _no_partnership(t, creator)
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
    return _card(session, t, creator.team_id, loaded.roadmap.id, today(context), now(context))


async def handle_roadmap(request: CommandRequest) -> None:
    """`/creator roadmap <name>` shows the roadmap; `/creator roadmap start <name> [date]`
    starts it."""
    first, _, rest = request.args.partition(" ")
    if first.lower() in START_WORDS:
        await _handle_start(request, rest)
        return
    context = request.context
    t = tr(context)
    with session_scope(deps(context).engine) as session:
        found = resolve_creator(
            session, t, team_id=request.team_id, query=request.args, subcommand="roadmap"
        )
        reply = found if isinstance(found, dict) else _show_for(session, t, context, found)
    await request.ack(reply)


async def roadmap_picked(
    creator_id: int, context: AsyncBoltContext, respond: AsyncRespond, body: dict[str, Any]
) -> None:
    """The roadmap of a creator picked from a list of candidates."""
    t = tr(context)
    with session_scope(deps(context).engine) as session:
        creator = creators.get_creator(
            session=session, team_id=context.team_id, creator_id=creator_id
        )
        if creator is None:
            reply = ephemeral(t.gettext("That creator no longer exists."))
        else:
            reply = _show_for(session, t, context, creator)
    await respond(**reply, replace_original=True)


# -- starting -----------------------------------------------------------------------------------
async def _handle_start(request: CommandRequest, text: str) -> None:
    context = request.context
    t = tr(context)
    name, start_on, bad = parse_start(text)
    on = today(context)
    if bad is not None:
        await request.ack(
            ephemeral(
                fill(
                    t.gettext(
                        "“{text}” is not a date I can read. Use YYYY-MM-DD or DD-MM-YYYY, e.g. "
                        "`/creator roadmap start {name} {example}`."
                    ),
                    text=bad[:20],
                    name=name[:80],
                    example=on.isoformat(),
                )
            )
        )
        return
    if not name:
        await request.ack(
            ephemeral(
                escape(
                    t.gettext(
                        "Which creator? `/creator roadmap start <name> [YYYY-MM-DD]` (from "
                        "today when you give no date)."
                    )
                )
            )
        )
        return
    start_on = start_on or on
    if abs(start_on - on) > MAX_START_DISTANCE:
        await request.ack(
            ephemeral(
                t.gettext(
                    "{date} is more than a year from today. Which start date do you mean?"
                ).format(date=t.date(start_on))
            )
        )
        return
    with session_scope(deps(context).engine) as session:
        found = creators.find_creators(session=session, team_id=request.team_id, query=name)
        if len(found) > 1:
            reply = build_start_candidates(
                t, name, start_on, [(c.id, c.display_name, c.handle) for c in found]
            )
        else:
            creator = (
                found[0]
                if found
                else resolve_creator(
                    session, t, team_id=request.team_id, query=name, subcommand="roadmap start"
                )
            )
            reply = (
                creator
                if isinstance(creator, dict)
                else _start_for(session, t, context, creator, start_on, request.user_id)
            )
    await request.ack(reply)


def _start_for(
    session: Session,
    t: Translator,
    context: AsyncBoltContext,
    creator: Creator,
    start_on: date,
    user_id: str,
) -> dict[str, Any]:
    partnership = creators.current_partnership(
        session=session, team_id=creator.team_id, creator_id=creator.id
    )
    if partnership is None:
        return _no_partnership(t, creator)
    brand = session.get(Brand, partnership.brand_id)
    title = escape(f"{creator.display_name} · {brand.name if brand else '?'}")
    if partnership.stage is Stage.ENDED:
        return ephemeral(
            t.gettext("The partnership {title} has ended: there is no roadmap to start.").format(
                title=title
            )
        )
    on, at = today(context), now(context)
    try:
        loaded = roadmaps.create_roadmap(
            session=session,
            partnership=partnership,
            start_on=start_on,
            owner_id=partnership.owner_user_id or user_id,
            created_by=user_id,
            timezone=team_timezone(context),
            now=at,
        )
    except roadmaps.RoadmapExists as exists:
        notice = t.gettext(
            "ℹ️ {title} already has a roadmap (one per partnership), started {date}. Here it is."
        ).format(title=title, date=t.date(exists.start_on))
        return _card(session, t, creator.team_id, exists.roadmap_id, on, at, notice)
    notice = t.gettext("✅ Roadmap started for {title}: 12 weeks from {date}.").format(
        title=title, date=t.date(start_on)
    )
    return _card(session, t, creator.team_id, loaded.roadmap.id, on, at, notice)


async def handle_start_pick(
    ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    """A candidate picked for `roadmap start`: start that creator's roadmap on the date given."""
    await ack()
    t = tr(context)
    creator_id, _, iso = body["actions"][0]["value"].partition(":")
    with session_scope(deps(context).engine) as session:
        creator = (
            creators.get_creator(
                session=session, team_id=context.team_id, creator_id=int(creator_id)
            )
            if creator_id.isdigit()
            else None
        )
        if creator is None:
            reply = ephemeral(t.gettext("That creator no longer exists."))
        else:
            reply = _start_for(
                session, t, context, creator, date.fromisoformat(iso), context.user_id
            )
    after_ack(context, respond(**reply, replace_original=True))


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
            reply = _card(session, t, team_id, roadmap_id, on, at, notice)
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
            reply = _card(session, t, team_id, roadmap_id, on, at, notice)
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
            _card(session, t, context.team_id, int(value), today(context), now(context))
            if value.isdigit()
            else ephemeral(t.gettext("That roadmap no longer exists."))
        )
    after_ack(context, respond(**reply, replace_original=False))


# -- the status card ---------------------------------------------------------------------------
# -- the reminders --------------------------------------------------------------------------
def _team_translator(session: Session, team_id: str) -> Translator:
    settings = teams.get_settings(session=session, team_id=team_id)
    language = settings.default_locale if settings else None
    return translator(language if language in LANGUAGES else LANGUAGES[0])


def _for_reminder(session: Session, reminder: Reminder) -> _Loaded | None:
    """The reminder's roadmap, completed from the data; None when there is nothing to remind
    about any more (no roadmap, an ended partnership, every milestone done)."""
    if reminder.subject_id is None:
        return None
    # The renderer has no clock of its own: the reminder's due time stands in for "now".
    found = _load(session, reminder.team_id, reminder.subject_id, reminder.due_at)
    if found is None or found.partnership.stage is Stage.ENDED:
        return None
    if all(m.done_at is not None for m in found.loaded.milestones):
        return None
    return found


@renderer(roadmap_reminders.WEEK_KIND)
def render_week(session: Session, reminder: Reminder) -> dict[str, Any] | None:
    """Week n's message: what is due this week, what is overdue, what is under way."""
    found = _for_reminder(session, reminder)
    if found is None:
        return None
    week = int(reminder.payload["week"])
    first_day = found.loaded.roadmap.start_on + timedelta(days=DAYS_PER_WEEK * (week - 1))
    last_day = first_day + timedelta(days=DAYS_PER_WEEK - 1)
    open_lines = [line for line in _lines(found.loaded) if not line.done]
    due = [m for m in open_lines if first_day <= m.due_on <= last_day]
    overdue = [m for m in open_lines if m.due_on < first_day]
    under_way = [m for m in open_lines if m.start_on <= last_day < m.due_on]
    if not (due or overdue or under_way):
        return None
    t = _team_translator(session, reminder.team_id)
    return build_week_reminder(t, found.subject, week, due, overdue, under_way)


@renderer(roadmap_reminders.OVERDUE_KIND)
def render_overdue(session: Session, reminder: Reminder) -> dict[str, Any] | None:
    """The day after a due date: the milestones due that day and still open (snoozed or done
    ones are not; with none left there is nothing to say)."""
    found = _for_reminder(session, reminder)
    if found is None:
        return None
    due_on = date.fromisoformat(reminder.payload["due_on"])
    overdue = [m for m in _lines(found.loaded) if not m.done and m.due_on == due_on]
    if not overdue:
        return None
    t = _team_translator(session, reminder.team_id)
    return build_overdue_reminder(t, found.subject, due_on, overdue)


def register(app: AsyncApp) -> None:
    app.action(re.compile(rf"^(?:{DONE_ACTION}|{SNOOZE_ACTION})_[a-z0-9_]+$"))(handle_milestone)
    app.action(SHOW_ACTION)(handle_show)
    app.action(re.compile(rf"^{START_PICK_ACTION}_\d+$"))(handle_start_pick)
