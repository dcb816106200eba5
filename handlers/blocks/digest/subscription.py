"""The replies of `/creator digest subscribe|unsubscribe`: the schedule in words, the usage, and
what a channel's subscription needs (membership, confirmation)."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from domain.digest.subscription import GrammarError
from handlers.blocks.common import (
    ask_first,
    button,
    ephemeral,
    escape,
    mrkdwn_section,
)
from handlers.blocks.digest.words import language_name, local_time, weekday_name
from locales import Translator

CONFIRM_ACTION = "digest_subscribe_confirmed"
CANCEL_ACTION = "digest_subscribe_cancel"


# -- subscribing ----------------------------------------------------------------------------
def schedule_text(t: Translator, weekday: int, at: time, locale: str, timezone: str) -> str:
    return t.gettext("every {weekday} at {time} ({zone}), in {language}").format(
        weekday=weekday_name(t, weekday),
        time=f"{at.hour:02d}:{at.minute:02d}",
        zone=timezone,
        language=language_name(t, locale),
    )


def build_subscribed(
    t: Translator,
    channel_id: str,
    weekday: int,
    at: time,
    locale: str,
    timezone: str,
    next_at: datetime | None,
    *,
    changed: bool,
) -> dict[str, Any]:
    when = schedule_text(t, weekday, at, locale, timezone)
    text = (
        t.gettext("📰 Changed: <#{channel}> gets the weekly digest {when}.")
        if changed
        else t.gettext("📰 Subscribed: <#{channel}> gets the weekly digest {when}.")
    ).format(channel=channel_id, when=when)
    if next_at is not None:
        text += " " + t.gettext("The next one: {when}.").format(
            when=t.datetime(local_time(next_at, timezone))
        )
    text += " " + t.gettext("See it now with `/creator digest preview`.")
    return ephemeral(text)


def build_current(
    t: Translator,
    channel_id: str,
    subscription: tuple[int, time, str] | None,
    timezone: str,
    next_at: datetime | None,
) -> dict[str, Any]:
    """`/creator digest`: this channel's subscription, and how to change it."""
    if subscription is None:
        text = t.gettext(
            "<#{channel}> gets no weekly digest. Subscribe with "
            "`/creator digest subscribe [#channel] [weekday] [HH:MM] [nl|en]` "
            "(Monday 09:00 and your language unless you say otherwise)."
        ).format(channel=channel_id)
        return ephemeral(text)
    weekday, at, locale = subscription
    text = t.gettext("📰 <#{channel}> gets the weekly digest {when}.").format(
        channel=channel_id, when=schedule_text(t, weekday, at, locale, timezone)
    )
    if next_at is not None:
        text += " " + t.gettext("The next one: {when}.").format(
            when=t.datetime(local_time(next_at, timezone))
        )
    text += " " + t.gettext(
        "`/creator digest preview` shows it now; `/creator digest unsubscribe` stops it."
    )
    return ephemeral(text)


def build_unsubscribed(t: Translator, channel_id: str, was_subscribed: bool) -> dict[str, Any]:
    if was_subscribed:
        return ephemeral(
            t.gettext("Unsubscribed: <#{channel}> gets no more weekly digests.").format(
                channel=channel_id
            )
        )
    return ephemeral(
        t.gettext("<#{channel}> was not subscribed to the weekly digest.").format(
            channel=channel_id
        )
    )


def build_usage(t: Translator, error: GrammarError | None = None) -> dict[str, Any]:
    lines = []
    if error is not None:
        word = escape(error.word[:50].replace("`", "'"))
        lines.append(
            t.gettext("I don't understand `{word}`.").format(word=word)
            if error.code == "unknown_word"
            else t.gettext("`{word}` says something a second time.").format(word=word)
        )
    lines += [
        t.gettext("The weekly digest: what changed, what is at risk, what is due."),
        "`/creator digest subscribe [#channel] [weekday] [HH:MM] [nl|en]`  "
        + t.gettext("Subscribe a channel (this one, Monday 09:00, your language by default)."),
        "`/creator digest unsubscribe [#channel]`  " + t.gettext("Stop a channel's digest."),
        "`/creator digest preview`  " + t.gettext("The digest as it would be now, only for you."),
        "`/creator digest`  " + t.gettext("This channel's subscription."),
    ]
    text = "\n".join(lines)
    return ephemeral(lines[0], [mrkdwn_section(text)])


def build_connect_confirmation(
    t: Translator, channel_id: str, value: str, when: str
) -> dict[str, Any]:
    """Subscribing a Slack Connect channel: people of another organisation read it. Ask."""
    text = t.gettext(
        "<#{channel}> is shared with another organisation (Slack Connect): everyone in it, "
        "the creator or their agency included, would read the digest, fees and red flags "
        "included. Subscribe it anyway ({when})?"
    ).format(channel=channel_id, when=when)
    return ask_first(
        text,
        "digest_connect",
        [
            button(t.gettext("Subscribe anyway"), CONFIRM_ACTION, value, style="danger"),
            button(t.gettext("Cancel"), CANCEL_ACTION, value),
        ],
    )


def build_not_subscribed_after_all(t: Translator, channel_id: str) -> dict[str, Any]:
    return ephemeral(
        t.gettext("Not subscribed: <#{channel}> gets no weekly digest.").format(channel=channel_id)
    )


def build_not_member(t: Translator, channel_id: str) -> dict[str, Any]:
    return ephemeral(
        t.gettext(
            "I'm not in <#{channel}> yet, so I can't post the digest there. Invite me with "
            "`/invite @Partnerdesk` and subscribe again."
        ).format(channel=channel_id)
    )


def build_channel_unknown(t: Translator, name: str) -> dict[str, Any]:
    return ephemeral(
        t.gettext(
            "I can't find a channel called #{name} that I can see. Pick it from Slack's list "
            "as you type, or run the command in that channel."
        ).format(name=escape(name[:80]))
    )


def build_preview_note(t: Translator) -> str:
    return t.gettext("Preview, only for you: this is the digest as it would be now.")
