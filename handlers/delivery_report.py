"""The delivery report: what the clock tells a channel (or an owner) about a scheduled message
it gave up on, failed or uncertain (bot/delivery/ schedules it as a reminder of its own, kind
`delivery_report`, in the transaction that gives up)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session

from domain.schedule import utc_to_local
from handlers.voice import SEED_DEFAULTS, Defaults, reader_voice, team_voice
from locales import N_, Translator
from storage import reminders
from storage.reminder_claims import ClaimedReminder

# What a report calls the reminder it is about, by kind.
KIND_LABELS = {
    "approval_reminder": N_("an approval reminder"),
    "approval_escalation": N_("an approval escalation"),
    "roadmap_week": N_("a weekly roadmap reminder"),
    "roadmap_overdue": N_("a reminder about overdue milestones"),
    "digest": N_("the weekly digest"),
    reminders.THREAD_KIND: N_("the continuation of a message in its thread"),
}
DEFAULT_KIND_LABEL = N_("a scheduled message")


def render_delivery_report(session: Session, reminder: ClaimedReminder) -> dict[str, Any]:
    """The message that tells a channel (or an owner) about a reminder we gave up on."""
    payload = reminder.payload
    # The clock's configured defaults travel with the report, for a team without settings.
    defaults = Defaults(
        payload.get("default_locale", SEED_DEFAULTS.locale),
        payload.get("timezone", SEED_DEFAULTS.timezone),
    )
    target = reminder.channel_id or ""
    voice = (
        reader_voice(session, reminder.team_id, target, defaults)  # a DM: the owner's language
        if target[:1] in ("U", "W")
        else team_voice(session, reminder.team_id, defaults)
    )
    t, zone = voice.t, voice.timezone
    return {"text": report_text(t, payload, zone)}


def report_text(t: Translator, payload: dict[str, Any], timezone: str) -> str:
    """A failed or uncertain delivery, in words (pure: the tests read it in both languages)."""
    what = t.gettext(KIND_LABELS.get(payload.get("kind", ""), DEFAULT_KIND_LABEL))
    due_at = datetime.fromisoformat(payload["due_at"])
    when = t.datetime(utc_to_local(due_at, timezone))
    channel = payload.get("channel_id") or ""
    if channel[:1] in ("C", "G"):
        where = t.gettext("in <#{channel}>").format(channel=channel)
    else:
        where = t.gettext("in a direct message")
    error = payload.get("error")
    attempts = int(payload.get("attempts") or 0)
    if payload.get("state") == reminders.UNCERTAIN:
        parts = [
            t.gettext(
                ":grey_question: I don't know whether {what} (due {when}) arrived {where}: "
                "sending it was cut off before Slack answered, and I could not check the "
                "conversation's history."
            ).format(what=what, when=when, where=where),
        ]
        if error:
            parts.append(t.gettext("Slack answered `{error}`.").format(error=error))
        parts.append(
            t.gettext("I won't send it again by myself: please check whether it is there.")
        )
        return " ".join(parts)
    parts = [
        t.gettext(":warning: I couldn't deliver {what} (due {when}) {where}.").format(
            what=what, when=when, where=where
        )
    ]
    if error:
        parts.append(t.gettext("Slack answered `{error}`.").format(error=error))
    parts.append(
        t.ngettext(
            "I tried once and have stopped: please pass it on yourself.",
            "I tried {n} times and have stopped: please pass it on yourself.",
            attempts,
        ).format(n=attempts)
    )
    return " ".join(parts)
