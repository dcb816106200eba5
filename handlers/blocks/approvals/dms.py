"""Direct messages about a request: to the requester (decided, expired), to an approver
(a reminder) and to the fallback approver (an escalation)."""

from __future__ import annotations

from typing import Any

from domain.approvals import Status
from handlers.blocks.approvals.card import (
    RequestCard,
    kind_word,
    partnership_suffix,
    quoted,
    text_message,
    when,
    where,
)
from handlers.blocks.approvals.ids import EDIT_ACTION
from handlers.blocks.common import button, mrkdwn_section
from locales import Translator


def build_requester_dm(
    t: Translator,
    card: RequestCard,
    channel_id: str | None,
    timezone: str,
) -> dict[str, Any]:
    """The requester hears the decision (with a button to edit after a request for changes)."""
    kind = kind_word(t, card.kind)
    subject = quoted(card.subject)
    who = f"<@{card.decided_by}>"
    at = when(t, card.decided_at, timezone) if card.decided_at else ""
    reason = quoted(card.reason or "", 1000)
    if card.status is Status.APPROVED:
        text = "✅ " + t.gettext(
            "Your {kind} request {subject} was approved by {who} on {when}."
        ).format(kind=kind, subject=subject, who=who, when=at)
    elif card.status is Status.CHANGES_REQUESTED:
        text = "✏️ " + t.gettext(
            "{who} requested changes to your {kind} request {subject} on {when}: {reason}\n"
            "Edit the request to ask again."
        ).format(kind=kind, subject=subject, who=who, when=at, reason=reason)
    else:
        text = "⛔ " + t.gettext(
            "Your {kind} request {subject} was rejected by {who} on {when}: {reason}"
        ).format(kind=kind, subject=subject, who=who, when=at, reason=reason)
    text += "\n" + (
        t.gettext("The request is in {channel}.").format(channel=where(channel_id))
        if channel_id
        else t.gettext("The request is in no channel: `/creator approvals mine` shows it.")
    )
    blocks = [mrkdwn_section(text)]
    if card.status is Status.CHANGES_REQUESTED:
        blocks.append(
            {
                "type": "actions",
                "block_id": "approval_owner",
                "elements": [button(t.gettext("Edit request"), EDIT_ACTION, card.value)],
            }
        )
    return {"text": text, "blocks": blocks}


def build_reminder_dm(
    t: Translator, card: RequestCard, channel_id: str | None, timezone: str
) -> dict[str, Any]:
    template = (
        t.gettext(
            "{requester} is waiting for your approval: {kind} {subject}{partnership}, due on "
            "{when}. The request is in {channel}."
        )
        if channel_id
        else t.gettext(
            "{requester} is waiting for your approval: {kind} {subject}{partnership}, due on "
            "{when}. The request is in no channel: decide on it from `/creator approvals`."
        )
    )
    return text_message(
        "⏰ "
        + template.format(
            requester=f"<@{card.requester}>",
            kind=kind_word(t, card.kind),
            subject=quoted(card.subject),
            partnership=partnership_suffix(card),
            when=when(t, card.due_at, timezone),
            channel=where(channel_id),
        )
    )


def build_escalation_dm(
    t: Translator, card: RequestCard, channel_id: str | None, timezone: str
) -> dict[str, Any]:
    template = (
        t.gettext(
            "You are the fallback approver: the {kind} request {subject}{partnership} from "
            "{requester} has had no decision since {when}. You can decide on it in {channel}."
        )
        if channel_id
        else t.gettext(
            "You are the fallback approver: the {kind} request {subject}{partnership} from "
            "{requester} has had no decision since {when}. You can decide on it from "
            "`/creator approvals`."
        )
    )
    return text_message(
        "⚠️ "
        + template.format(
            kind=kind_word(t, card.kind),
            subject=quoted(card.subject),
            partnership=partnership_suffix(card),
            requester=f"<@{card.requester}>",
            when=when(t, card.due_at, timezone),
            channel=where(channel_id),
        )
    )


def build_expiry_dm(
    t: Translator, card: RequestCard, channel_id: str | None, timezone: str
) -> dict[str, Any]:
    template = (
        t.gettext(
            "Your {kind} request {subject} expired on {when} without a decision. "
            "It is in {channel}; ask again with `/creator approve`."
        )
        if channel_id
        else t.gettext(
            "Your {kind} request {subject} expired on {when} without a decision; "
            "ask again with `/creator approve`."
        )
    )
    return text_message(
        "⌛ "
        + template.format(
            kind=kind_word(t, card.kind),
            subject=quoted(card.subject),
            when=when(t, card.expires_at, timezone),
            channel=where(channel_id),
        )
    )
