"""The 12-week roadmap: the card with its buttons, the status card's line and the reminders."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from domain.flags import PAYMENT_TERMS_FLAG_DAYS, FlagKind
from domain.roadmap import DAYS_PER_WEEK, REMINDER_TIME, MilestoneId, RoadmapProgress
from handlers.blocks import labels
from handlers.blocks.choice import build_creator_choice
from handlers.blocks.common import button, context_line, escape, header, mrkdwn_section
from locales import Translator

DONE_ACTION = "roadmap_done"  # + "_<milestone>": one per open milestone
SNOOZE_ACTION = "roadmap_snooze"  # + "_<milestone>"
SHOW_ACTION = "roadmap_show"  # the reminders' button: the card, for whoever clicks
START_PICK_ACTION = "roadmap_start_pick"  # + "_<n>": a candidate for an ambiguous name


@dataclass(frozen=True)
class MilestoneLine:
    id: str
    start_on: date
    due_on: date
    done: bool
    done_by: str | None = None


@dataclass(frozen=True)
class RoadmapSubject:
    """Whose roadmap, and where its reminders go."""

    roadmap_id: int
    creator_name: str
    handle: str
    brand_name: str
    owner_id: str | None
    start_on: date
    weeks: int
    reminder_channel: str | None = None
    payment_terms_days: int | None = None

    @property
    def title(self) -> str:
        return f"{self.creator_name} · {self.brand_name}"


def milestone_name(t: Translator, milestone_id: str) -> str:
    """A milestone's translated name (a milestone of a custom template shows its id)."""
    message = labels.MILESTONE.get(milestone_id)  # type: ignore[call-overload]
    return t.gettext(message) if message else milestone_id


def _week_text(t: Translator, subject: RoadmapSubject, progress: RoadmapProgress) -> str:
    if progress.week == 0:
        return t.gettext("Starts on {date}").format(date=t.date(subject.start_on))
    if progress.week > subject.weeks:
        end = subject.start_on + timedelta(days=DAYS_PER_WEEK * subject.weeks - 1)
        return t.gettext("Finished on {date}").format(date=t.date(end))
    return t.gettext("Week {week} of {weeks}").format(week=progress.week, weeks=subject.weeks)


def progress_line(t: Translator, subject: RoadmapSubject, progress: RoadmapProgress) -> str:
    """`week 5 of 12 · 6/14 done · 1 overdue` (the status card's roadmap line)."""
    parts = [
        _week_text(t, subject, progress),
        t.gettext("{done}/{total} done").format(done=progress.done, total=progress.total),
    ]
    if progress.overdue:
        parts.append(
            t.ngettext("{n} overdue", "{n} overdue", len(progress.overdue)).format(
                n=len(progress.overdue)
            )
        )
    return " · ".join(parts)


def _milestone_text(
    t: Translator, subject: RoadmapSubject, line: MilestoneLine, progress: RoadmapProgress
) -> str:
    name = milestone_name(t, line.id)
    if line.done:
        how = t.gettext("done (from the data)") if line.done_by == "auto" else t.gettext("done")
        return f"✅ *{name}* · {how}"
    if line.id in progress.overdue:
        text = f"⚠️ *{name}* · " + t.gettext("overdue: was due {date}").format(
            date=t.date(line.due_on)
        )
    elif line.id in progress.due_this_week:
        text = f"🔜 *{name}* · " + t.gettext("due this week ({date})").format(
            date=t.date(line.due_on)
        )
    else:
        text = f"⬜ *{name}* · " + t.gettext("due {date}").format(date=t.date(line.due_on))
    terms = subject.payment_terms_days
    if (
        line.id == MilestoneId.CONTRACT_SIGNED
        and terms is not None
        and terms >= PAYMENT_TERMS_FLAG_DAYS
    ):
        text += "\n🚩 " + t.gettext(labels.FLAG[FlagKind.PAYMENT_TERMS]).format(days=terms)
    return text


def _where_reminders_go(t: Translator, subject: RoadmapSubject) -> str:
    weekday = t.date(subject.start_on, "EEEE")
    at = REMINDER_TIME.strftime("%H:%M")
    channel = subject.reminder_channel
    if channel and channel[0] in "CG":
        where = f"<#{channel}>"
    elif channel:
        where = t.gettext("<@{user}>'s direct messages").format(user=channel)
    else:
        return ""
    return t.gettext(
        "Reminders go to {where} at {time} team time: each {weekday} for the week ahead, and "
        "the day after a milestone falls due."
    ).format(where=where, time=at, weekday=weekday)


def build_roadmap_card(
    t: Translator,
    subject: RoadmapSubject,
    progress: RoadmapProgress,
    milestones: list[MilestoneLine],
    *,
    notice: str | None = None,
) -> dict[str, Any]:
    """The roadmap as an ephemeral message: each milestone, with Done and Snooze a week for
    the open ones (action ids carry the milestone, so they are unique within the message)."""
    title = t.gettext("12-week roadmap: {title}").format(title=subject.title)
    summary = f"*{_week_text(t, subject, progress)}* · " + t.gettext(
        "started {date} · {done} of {total} done"
    ).format(date=t.date(subject.start_on), done=progress.done, total=progress.total)
    if progress.overdue:
        summary += " · " + t.ngettext(
            "⚠️ {n} overdue", "⚠️ {n} overdue", len(progress.overdue)
        ).format(n=len(progress.overdue))
    if subject.owner_id:
        summary += "\n" + t.gettext("Owner: {user}").format(user=f"<@{subject.owner_id}>")
    blocks: list[dict[str, Any]] = [header(title)]
    if notice:
        blocks.append(mrkdwn_section(notice, block_id="roadmap_notice"))
    blocks.append(mrkdwn_section(summary, block_id="roadmap_summary"))
    for line in milestones:
        blocks.append(
            mrkdwn_section(_milestone_text(t, subject, line, progress), block_id=f"m_{line.id}")
        )
        if line.done:
            continue
        value = f"{subject.roadmap_id}:{line.id}:{line.due_on.isoformat()}"
        blocks.append(
            {
                "type": "actions",
                "block_id": f"m_{line.id}_actions",
                "elements": [
                    button(t.gettext("Done"), f"{DONE_ACTION}_{line.id}", value, style="primary"),
                    button(t.gettext("Snooze a week"), f"{SNOOZE_ACTION}_{line.id}", value),
                ],
            }
        )
    where = _where_reminders_go(t, subject)
    if where:
        blocks.append(context_line(where))
    fallback = t.gettext("12-week roadmap for {title}: {progress}").format(
        title=escape(subject.title), progress=progress_line(t, subject, progress)
    )
    return {"response_type": "ephemeral", "text": fallback, "blocks": blocks}


def build_start_candidates(
    t: Translator, query: str, start_on: date, candidates: list[tuple[int, str, str]]
) -> dict[str, Any]:
    """An ambiguous name in `roadmap start`: buttons that start it for the one picked."""
    return build_creator_choice(
        t,
        query,
        candidates,
        START_PICK_ACTION,
        lambda creator_id: f"{creator_id}:{start_on.isoformat()}",
    )


# -- reminders ------------------------------------------------------------------------------
def _bullets(t: Translator, items: list[MilestoneLine], with_date: bool = True) -> str:
    return "\n".join(
        f"• {milestone_name(t, m.id)}" + (f" ({t.date(m.due_on)})" if with_date else "")
        for m in items
    )


def _open_button(t: Translator, subject: RoadmapSubject) -> dict[str, Any]:
    return {
        "type": "actions",
        "block_id": "roadmap_open",
        "elements": [button(t.gettext("Open the roadmap"), SHOW_ACTION, str(subject.roadmap_id))],
    }


def _owner_line(t: Translator, subject: RoadmapSubject) -> dict[str, Any]:
    owner = f"<@{subject.owner_id}>" if subject.owner_id else t.gettext("nobody yet")
    return context_line(
        t.gettext("Owner: {user} · mark milestones done with `/creator roadmap {handle}`").format(
            user=owner, handle=escape(subject.handle)
        )
    )


def build_week_reminder(
    t: Translator,
    subject: RoadmapSubject,
    week: int,
    due_this_week: list[MilestoneLine],
    overdue: list[MilestoneLine],
    under_way: list[MilestoneLine],
) -> dict[str, Any]:
    """The message on the first day of a roadmap week (chat.postMessage arguments)."""
    title = escape(subject.title)
    lines = [
        t.gettext("*Week {week} of {weeks}* of the roadmap for *{title}*").format(
            week=week, weeks=subject.weeks, title=title
        )
    ]
    parts: list[str] = []
    if due_this_week:
        lines.append(t.gettext("*Due this week*") + "\n" + _bullets(t, due_this_week))
        parts.append(
            t.ngettext("{n} due this week", "{n} due this week", len(due_this_week)).format(
                n=len(due_this_week)
            )
        )
    else:
        lines.append(t.gettext("Nothing is due this week."))
    if overdue:
        lines.append(t.gettext("*Overdue*") + "\n" + _bullets(t, overdue))
        parts.append(t.ngettext("{n} overdue", "{n} overdue", len(overdue)).format(n=len(overdue)))
    if under_way:
        lines.append(t.gettext("*Under way*") + "\n" + _bullets(t, under_way))
    fallback = t.gettext("Week {week} of {weeks} for {title}").format(
        week=week, weeks=subject.weeks, title=title
    )
    if parts:
        fallback += ": " + ", ".join(parts)
    blocks = [mrkdwn_section(line) for line in lines]
    blocks += [_owner_line(t, subject), _open_button(t, subject)]
    return {"text": fallback, "blocks": blocks}


def build_overdue_reminder(
    t: Translator, subject: RoadmapSubject, due_on: date, overdue: list[MilestoneLine]
) -> dict[str, Any]:
    """The message the day after milestones fell due and were not done."""
    names = ", ".join(milestone_name(t, m.id) for m in overdue)
    lead = t.ngettext(
        "⚠️ Due on {date} and not done yet, on the roadmap for *{title}*:",
        "⚠️ {n} milestones were due on {date} and are not done yet, on the roadmap for *{title}*:",
        len(overdue),
    ).format(n=len(overdue), date=t.date(due_on), title=escape(subject.title))
    fallback = t.gettext("Overdue for {title}: {names}").format(
        title=escape(subject.title), names=names
    )
    blocks = [
        mrkdwn_section(lead + "\n" + _bullets(t, overdue, with_date=False)),
        _owner_line(t, subject),
        _open_button(t, subject),
    ]
    return {"text": fallback, "blocks": blocks}
