"""Approval requests: the channel message, thread notes, DMs, modals and the pending list."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from domain.approvals import (
    MAX_DETAILS,
    MAX_REASON,
    MAX_SUBJECT,
    ApprovalSettings,
    Decision,
    Rule,
    Status,
)
from domain.values import ApprovalKind
from handlers.blocks.common import (
    button,
    context_line,
    ephemeral,
    escape,
    escape_within,
    header,
    mrkdwn_section,
    shorten,
)
from handlers.blocks.forms import select_input, text_input, user_input
from locales import N_, Translator

# Buttons on the request message (value "<request id>:<version>"); a suffix "_<n>" tells the
# same buttons apart in the pending list, where one message holds several requests.
APPROVE_ACTION = "approval_approve"
CHANGES_ACTION = "approval_changes"
REJECT_ACTION = "approval_reject"
EDIT_ACTION = "approval_edit"
CANCEL_ACTION = "approval_cancel"
PICK_ACTION = "approval_pick"  # a creator picked from an ambiguous name in `/creator approve`
DECISION_ACTIONS = {
    APPROVE_ACTION: Decision.APPROVE,
    CHANGES_ACTION: Decision.REQUEST_CHANGES,
    REJECT_ACTION: Decision.REJECT,
}

REASON_CALLBACK = "approval_reason"
EDIT_CALLBACK = "approval_edit_form"
SETTINGS_CALLBACK = "approval_settings"
REQUEST_CALLBACK = "approval_request_form"
SHORTCUT_CALLBACK = "request_approval"  # the message shortcut (manifest.json)

MAX_LISTED = 15  # requests shown by `/creator approvals` (two blocks each, 50 per message)
MAX_CREATOR_OPTIONS = 100  # Slack's limit on a select's options

KIND = {
    ApprovalKind.BRIEF: N_("Brief"),
    ApprovalKind.CONTENT: N_("Content"),
    ApprovalKind.CONTRACT: N_("Contract"),
    ApprovalKind.EXCLUSIVITY: N_("Exclusivity"),
    ApprovalKind.PAYMENT: N_("Payment"),
    ApprovalKind.BUDGET: N_("Budget"),
}

FIELD_ERRORS = {
    "required": N_("This field is required."),
    "too_long": N_("At most {limit} characters."),
    "not_whole": N_("Type a whole number."),
    "out_of_range": N_("A whole number from {low} to {high}."),
    "bad_user_group": N_("A user group ID starts with S, for example S0123ABCD."),
    "expiry_before_due": N_("A request must expire after it is due."),
    "unchanged": N_("Change the subject or the details to ask again."),
}


def _plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text, "emoji": True}


def kind_label(t: Translator, kind: ApprovalKind | str) -> str:
    return t.gettext(KIND[ApprovalKind(kind)])


def kind_word(t: Translator, kind: ApprovalKind | str) -> str:
    """The kind inside a sentence ("your contract request")."""
    return kind_label(t, kind).lower()


def when(t: Translator, moment: datetime, timezone: str) -> str:
    """A moment in the team's time zone."""
    return t.datetime(moment.astimezone(ZoneInfo(timezone)))


def people(user_ids: Sequence[str]) -> str:
    return ", ".join(f"<@{u}>" for u in user_ids)


def quoted(text: str, limit: int = 300) -> str:
    """Typed text in quotes, escaped, in at most `limit` characters plus the quotes."""
    return "“" + escape_within(" ".join(text.split()), limit) + "”"


@dataclass(frozen=True)
class RequestCard:
    """What the request message shows."""

    id: int
    version: int
    kind: ApprovalKind
    subject: str
    details: str
    requester: str
    approvers: tuple[str, ...]
    group: str | None
    rule: Rule
    status: Status
    due_at: datetime
    expires_at: datetime
    creator_name: str | None = None
    brand_name: str | None = None
    decided_by: str | None = None
    decided_at: datetime | None = None
    reason: str | None = None
    approved_by: tuple[str, ...] = ()  # approvals so far (rule "all")
    changed: tuple[str, ...] = ()  # what the latest edit changed
    fallback: str | None = None

    @property
    def value(self) -> str:
        return f"{self.id}:{self.version}"


def _approvers_text(t: Translator, card: RequestCard) -> str:
    names = people(card.approvers) or "–"
    if card.group:
        names += f" (<!subteam^{card.group}>)"
    if len(card.approvers) < 2:
        return names
    rule = t.gettext("all must approve") if card.rule is Rule.ALL else t.gettext("any one decides")
    return f"{names}\n{rule}"


def _result_text(t: Translator, card: RequestCard, timezone: str) -> str | None:
    at = when(t, card.decided_at, timezone) if card.decided_at else ""
    who = f"<@{card.decided_by}>" if card.decided_by else ""
    reason = quoted(card.reason, 1000) if card.reason else ""
    match card.status:
        case Status.APPROVED:
            return "✅ " + t.gettext("*Approved* by {who} on {when}").format(who=who, when=at)
        case Status.CHANGES_REQUESTED:
            return "✏️ " + t.gettext("*Changes requested* by {who} on {when}: {reason}").format(
                who=who, when=at, reason=reason
            )
        case Status.REJECTED:
            return "⛔ " + t.gettext("*Rejected* by {who} on {when}: {reason}").format(
                who=who, when=at, reason=reason
            )
        case Status.EXPIRED:
            return "⌛ " + t.gettext("*Expired* on {when} without a decision").format(
                when=when(t, card.expires_at, timezone)
            )
        case Status.CANCELLED:
            return "🚫 " + t.gettext("*Cancelled* by {who} on {when}").format(who=who, when=at)
    return None


def changed_text(t: Translator, changed: Sequence[str]) -> str:
    names = {"subject": t.gettext("the subject"), "details": t.gettext("the details")}
    parts = [names[c] for c in changed if c in names]
    if len(parts) == 2:
        return t.gettext("{first} and {second}").format(first=parts[0], second=parts[1])
    return parts[0] if parts else ""


def build_request_message(t: Translator, card: RequestCard, timezone: str) -> dict[str, Any]:
    """The request in its channel: buttons while pending; the result once settled."""
    kind = kind_label(t, card.kind)
    body = f"*{escape_within(card.subject, 1000)}*"
    if card.details:
        body += "\n" + escape_within(card.details, 2900 - len(body))
    partnership = (
        f"{card.creator_name} · {card.brand_name}" if card.creator_name else t.gettext("none")
    )
    fields = [
        (t.gettext("Partnership"), escape(partnership)),
        (t.gettext("Requested by"), f"<@{card.requester}>"),
        (t.gettext("Approvers"), _approvers_text(t, card)),
        (t.gettext("Due"), when(t, card.due_at, timezone)),
        (t.gettext("Expires"), when(t, card.expires_at, timezone)),
    ]
    blocks: list[dict[str, Any]] = [
        header(t.gettext("Approval requested: {kind}").format(kind=kind)),
        mrkdwn_section(body, block_id="approval_subject"),
        {
            "type": "section",
            "block_id": "approval_facts",
            "fields": [{"type": "mrkdwn", "text": f"*{name}*\n{value}"} for name, value in fields],
        },
    ]
    if card.version > 1:
        blocks.append(
            context_line(
                t.gettext(
                    "Version {version}: {changed} changed, so earlier decisions no longer count."
                ).format(version=card.version, changed=changed_text(t, card.changed) or "?")
            )
        )
    result = _result_text(t, card, timezone)
    if result is not None:
        blocks.append(mrkdwn_section(result, block_id="approval_result"))
        fallback = t.gettext("{kind} approval “{subject}”: {result}").format(
            kind=kind, subject=escape(card.subject), result=_status_word(t, card.status)
        )
        return {"text": fallback, "blocks": blocks}
    if card.approved_by:
        waiting = [a for a in card.approvers if a not in card.approved_by]
        blocks.append(
            context_line(
                t.gettext("Approved so far: {approved} · still waiting for {waiting}").format(
                    approved=people(card.approved_by), waiting=people(waiting) or "–"
                )
            )
        )
    blocks.append(
        {
            "type": "actions",
            "block_id": "approval_decide",
            "elements": decision_buttons(t, card.value),
        }
    )
    blocks.append(
        {
            "type": "actions",
            "block_id": "approval_owner",
            "elements": [
                button(t.gettext("Edit request"), EDIT_ACTION, card.value),
                {
                    **button(t.gettext("Cancel request"), CANCEL_ACTION, card.value),
                    "confirm": {
                        "title": _plain(t.gettext("Cancel this request?")),
                        "text": _plain(t.gettext("The approvers will no longer be asked.")),
                        "confirm": _plain(t.gettext("Cancel request")),
                        "deny": _plain(t.gettext("Keep it")),
                    },
                },
            ],
        }
    )
    fallback = t.gettext("{requester} asks for approval ({kind}): {subject}").format(
        requester=f"<@{card.requester}>", kind=kind, subject=escape(card.subject)
    )
    return {"text": fallback, "blocks": blocks}


def decision_buttons(t: Translator, value: str, suffix: str = "") -> list[dict[str, Any]]:
    return [
        button(t.gettext("Approve"), APPROVE_ACTION + suffix, value, style="primary"),
        button(t.gettext("Request changes"), CHANGES_ACTION + suffix, value),
        button(t.gettext("Reject"), REJECT_ACTION + suffix, value, style="danger"),
    ]


def _status_word(t: Translator, status: Status) -> str:
    return {
        Status.PENDING: t.gettext("pending"),
        Status.APPROVED: t.gettext("approved"),
        Status.CHANGES_REQUESTED: t.gettext("changes requested"),
        Status.REJECTED: t.gettext("rejected"),
        Status.EXPIRED: t.gettext("expired"),
        Status.CANCELLED: t.gettext("cancelled"),
    }[status]


def _text_message(text: str) -> dict[str, Any]:
    return {"text": text, "blocks": [mrkdwn_section(text)]}


# -- thread notes ------------------------------------------------------------------------------
def build_decision_note(
    t: Translator,
    decision: Decision,
    approver: str,
    reason: str | None,
    waiting: Sequence[str] = (),
) -> dict[str, Any]:
    """What an approver decided, in the request's thread."""
    who = f"<@{approver}>"
    if decision is Decision.APPROVE and waiting:
        text = "✅ " + t.gettext("{who} approved; still waiting for {waiting}.").format(
            who=who, waiting=people(waiting)
        )
    elif decision is Decision.APPROVE:
        text = "✅ " + t.gettext("{who} approved.").format(who=who)
    elif decision is Decision.REQUEST_CHANGES:
        text = "✏️ " + t.gettext("{who} requested changes: {reason}").format(
            who=who, reason=quoted(reason or "", 1000)
        )
    else:
        text = "⛔ " + t.gettext("{who} rejected the request: {reason}").format(
            who=who, reason=quoted(reason or "", 1000)
        )
    return _text_message(text)


def build_cancel_note(t: Translator, requester: str) -> dict[str, Any]:
    return _text_message(
        "🚫 " + t.gettext("{who} cancelled this request.").format(who=f"<@{requester}>")
    )


def build_edit_note(
    t: Translator,
    requester: str,
    version: int,
    changed: Sequence[str],
    old_subject: str,
    new_subject: str,
    approvers: Sequence[str],
) -> dict[str, Any]:
    """What changed, and the approvers asked again."""
    lines = [
        "✏️ "
        + t.gettext("{who} changed {changed} (version {version}).").format(
            who=f"<@{requester}>", changed=changed_text(t, changed), version=version
        )
    ]
    if "subject" in changed:
        lines.append(
            t.gettext("Subject: {old} → {new}").format(
                old=quoted(old_subject), new=quoted(new_subject)
            )
        )
    if "details" in changed:
        lines.append(t.gettext("The details are updated in the request above."))
    lines.append(
        t.gettext("The decisions so far no longer count: {approvers}, please decide again.").format(
            approvers=people(approvers) or "–"
        )
    )
    return _text_message("\n".join(lines))


# -- direct messages ---------------------------------------------------------------------------
def _where(channel_id: str | None) -> str:
    return f"<#{channel_id}>" if channel_id else "–"


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
        t.gettext("The request is in {channel}.").format(channel=_where(channel_id))
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


def build_reminder_thread(
    t: Translator, due_at: datetime, waiting: Sequence[str], timezone: str
) -> dict[str, Any]:
    return _text_message(
        "⏰ "
        + t.gettext("This request was due on {when} and is still waiting for {waiting}.").format(
            when=when(t, due_at, timezone), waiting=people(waiting) or "–"
        )
    )


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
    return _text_message(
        "⏰ "
        + template.format(
            requester=f"<@{card.requester}>",
            kind=kind_word(t, card.kind),
            subject=quoted(card.subject),
            partnership=_partnership_suffix(card),
            when=when(t, card.due_at, timezone),
            channel=_where(channel_id),
        )
    )


def build_escalation_thread(
    t: Translator, due_at: datetime, fallback: str, timezone: str
) -> dict[str, Any]:
    return _text_message(
        "⚠️ "
        + t.gettext(
            "Still no decision since {when}: escalated to {fallback}, who can now decide too."
        ).format(when=when(t, due_at, timezone), fallback=f"<@{fallback}>")
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
    return _text_message(
        "⚠️ "
        + template.format(
            kind=kind_word(t, card.kind),
            subject=quoted(card.subject),
            partnership=_partnership_suffix(card),
            requester=f"<@{card.requester}>",
            when=when(t, card.due_at, timezone),
            channel=_where(channel_id),
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
    return _text_message(
        "⌛ "
        + template.format(
            kind=kind_word(t, card.kind),
            subject=quoted(card.subject),
            when=when(t, card.expires_at, timezone),
            channel=_where(channel_id),
        )
    )


def _partnership_suffix(card: RequestCard) -> str:
    if not card.creator_name:
        return ""
    return f" ({escape(card.creator_name)} · {escape(card.brand_name or '?')})"


# -- ephemeral answers -------------------------------------------------------------------------
def build_refusal(t: Translator, code: str, card: RequestCard) -> dict[str, Any]:
    """Why the clicker may not do what they clicked (nothing changed)."""
    if code == "own_request":
        text = t.gettext("You can't decide on your own request; one of the approvers will.")
    elif code == "not_requester":
        text = t.gettext("Only {requester}, who asked, can edit or cancel this request.").format(
            requester=f"<@{card.requester}>"
        )
    else:
        text = t.gettext("Only the approvers can decide on this request: {approvers}.").format(
            approvers=people(card.approvers) or "–"
        )
    return {**ephemeral(text), "replace_original": False}


def build_late(
    t: Translator,
    card: RequestCard,
    clicked_version: int,
    timezone: str,
    actor: str | None = None,
) -> dict[str, Any]:
    """A click that came too late: who decided, and when (a double click: that you did)."""
    yours = {
        Status.APPROVED: N_("You already approved this on {when}."),
        Status.CHANGES_REQUESTED: N_("You already requested changes on {when}."),
        Status.REJECTED: N_("You already rejected this on {when}."),
    }
    if actor and card.decided_by == actor and card.status in yours and card.decided_at:
        text = t.gettext(yours[card.status]).format(when=when(t, card.decided_at, timezone))
    elif card.status is Status.PENDING and card.version != clicked_version:
        text = t.gettext(
            "This request changed since (it is now version {version}): decide on the updated "
            "message."
        ).format(version=card.version)
    else:
        at = when(t, card.decided_at or card.expires_at, timezone)
        who = f"<@{card.decided_by}>" if card.decided_by else ""
        text = {
            Status.APPROVED: t.gettext("Too late: {who} already approved this on {when}."),
            Status.CHANGES_REQUESTED: t.gettext(
                "Too late: {who} already requested changes on {when}."
            ),
            Status.REJECTED: t.gettext("Too late: {who} already rejected this on {when}."),
            Status.EXPIRED: t.gettext("Too late: this request expired on {when}."),
            Status.CANCELLED: t.gettext("Too late: {who} cancelled this request on {when}."),
            Status.PENDING: t.gettext("This request is still waiting for a decision."),
        }[card.status].format(who=who, when=at)
    return {**ephemeral(text), "replace_original": False}


def build_duplicate(t: Translator, card: RequestCard, waiting: Sequence[str]) -> dict[str, Any]:
    if waiting:
        text = t.gettext("You already approved this; still waiting for {waiting}.").format(
            waiting=people(waiting)
        )
    else:
        text = t.gettext("You already decided on this request.")
    return {**ephemeral(text), "replace_original": False}


def build_done(t: Translator, decision: Decision, subject: str) -> dict[str, Any]:
    text = {
        Decision.APPROVE: t.gettext("You approved {subject}."),
        Decision.REQUEST_CHANGES: t.gettext("You requested changes to {subject}."),
        Decision.REJECT: t.gettext("You rejected {subject}."),
    }[decision].format(subject=quoted(subject))
    return {**ephemeral(text), "replace_original": False}


# -- modals ------------------------------------------------------------------------------------
def _modal(
    t: Translator,
    callback_id: str,
    title: str,
    blocks: list[dict[str, Any]],
    metadata: Mapping[str, Any],
    submit: str | None = None,
) -> dict[str, Any]:
    return {
        "type": "modal",
        "callback_id": callback_id,
        "title": _plain(shorten(title, 24)),
        "submit": _plain(shorten(submit or t.gettext("Save"), 24)),
        "close": _plain(t.gettext("Cancel")),
        "private_metadata": json.dumps(dict(metadata)),
        "blocks": blocks,
    }


def build_reason_modal(
    t: Translator, decision: Decision, card: RequestCard, metadata: Mapping[str, Any]
) -> dict[str, Any]:
    """Request changes or reject: the reason is required."""
    if decision is Decision.REJECT:
        title, submit = t.gettext("Reject request"), t.gettext("Reject")
        label = t.gettext("Why do you reject it?")
    else:
        title, submit = t.gettext("Request changes"), t.gettext("Send")
        label = t.gettext("What should change?")
    blocks = [
        mrkdwn_section(
            t.gettext("{kind} request {subject} from {requester}").format(
                kind=kind_label(t, card.kind),
                subject=quoted(card.subject),
                requester=f"<@{card.requester}>",
            )
        ),
        text_input("reason", label, optional=False, multiline=True, max_length=MAX_REASON),
    ]
    return _modal(t, REASON_CALLBACK, title, blocks, metadata, submit)


def build_edit_modal(t: Translator, card: RequestCard, metadata: Mapping[str, Any]) -> dict:
    blocks = [
        text_input(
            "subject",
            t.gettext("Subject"),
            initial=card.subject,
            optional=False,
            max_length=MAX_SUBJECT,
        ),
        text_input(
            "details",
            t.gettext("Details"),
            initial=card.details,
            multiline=True,
            max_length=MAX_DETAILS,
        ),
        context_line(
            t.gettext("Saving asks the approvers again: their decisions so far no longer count.")
        ),
    ]
    return _modal(
        t, EDIT_CALLBACK, t.gettext("Edit request"), blocks, metadata, t.gettext("Ask again")
    )


def _kind_options(t: Translator) -> list[tuple[str, str]]:
    return [(kind.value, kind_label(t, kind)) for kind in ApprovalKind]


def build_request_modal(
    t: Translator,
    creators: Sequence[tuple[int, str, str]],
    subject: str,
    details: str,
    metadata: Mapping[str, Any],
) -> dict[str, Any]:
    """The message shortcut's modal: which partnership, which kind, subject and details."""
    if len(creators) <= MAX_CREATOR_OPTIONS:
        creator_block = select_input(
            "creator",
            t.gettext("Creator"),
            [(str(cid), f"{name} (@{handle})") for cid, name, handle in creators],
            optional=False,
        )
    else:
        creator_block = text_input("creator_name", t.gettext("Creator"), optional=False)
    blocks = [
        creator_block,
        select_input("kind", t.gettext("Kind"), _kind_options(t), optional=False),
        text_input(
            "subject",
            t.gettext("Subject"),
            initial=subject,
            optional=False,
            max_length=MAX_SUBJECT,
        ),
        text_input(
            "details",
            t.gettext("Details"),
            initial=details,
            multiline=True,
            max_length=MAX_DETAILS,
        ),
    ]
    return _modal(
        t, REQUEST_CALLBACK, t.gettext("Request approval"), blocks, metadata, t.gettext("Ask")
    )


def build_settings_modal(t: Translator, settings: ApprovalSettings) -> dict[str, Any]:
    """Approvers per kind (users or a user group), any/all, fallback, due time and expiry."""
    rules = [
        (Rule.ANY.value, t.gettext("Any one approver decides")),
        (Rule.ALL.value, t.gettext("All approvers must approve")),
    ]
    blocks: list[dict[str, Any]] = [
        mrkdwn_section(
            t.gettext(
                "Who approves each kind of request. Approvers never decide on their own requests."
            )
        )
    ]
    for kind in ApprovalKind:
        current = settings.for_kind(kind)
        users: dict[str, Any] = {"type": "multi_users_select", "action_id": f"users_{kind.value}"}
        if current.users:
            users["initial_users"] = list(current.users)
        blocks += [
            mrkdwn_section(f"*{kind_label(t, kind)}*"),
            {
                "type": "input",
                "block_id": f"users_{kind.value}",
                "label": _plain(t.gettext("Approvers")),
                "element": users,
                "optional": True,
            },
            text_input(
                f"group_{kind.value}",
                t.gettext("Or a user group ID"),
                initial=current.group,
                hint=t.gettext("For example S0123ABCD; its members approve too."),
            ),
            select_input(
                f"rule_{kind.value}",
                t.gettext("Who must approve"),
                rules,
                initial=current.rule.value,
                optional=False,
            ),
        ]
    blocks += [
        mrkdwn_section(t.gettext("*For every kind*")),
        user_input("fallback", t.gettext("Fallback approver (when overdue)"), settings.fallback),
        text_input(
            "due_hours",
            t.gettext("Due after (hours)"),
            initial=str(settings.due_hours),
            optional=False,
        ),
        text_input(
            "expiry_days",
            t.gettext("Expires after (days)"),
            initial=str(settings.expiry_days),
            optional=False,
        ),
    ]
    return _modal(t, SETTINGS_CALLBACK, t.gettext("Approval settings"), blocks, {})


def build_settings_saved(t: Translator, settings: ApprovalSettings) -> str:
    lines = [t.gettext("Approval settings saved.")]
    for kind in ApprovalKind:
        current = settings.for_kind(kind)
        if not current.configured:
            who = t.gettext("nobody yet")
        else:
            who = people(current.users)
            if current.group:
                who = (who + ", " if who else "") + f"<!subteam^{current.group}>"
            if current.rule is Rule.ALL:
                who += " " + t.gettext("(all must approve)")
        lines.append(f"• {kind_label(t, kind)}: {who}")
    fallback = f"<@{settings.fallback}>" if settings.fallback else t.gettext("none")
    lines.append(
        t.ngettext(
            "Fallback approver: {fallback} · due after {hours} hour · expires after {days} days",
            "Fallback approver: {fallback} · due after {hours} hours · expires after {days} days",
            settings.due_hours,
        ).format(fallback=fallback, hours=settings.due_hours, days=settings.expiry_days)
    )
    return "\n".join(lines)


# -- lists -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ListedRequest:
    card: RequestCard
    channel_id: str | None
    overdue: bool
    can_decide: bool
    waiting: tuple[str, ...] = field(default=())


def pending_line(t: Translator, item: ListedRequest, timezone: str) -> str:
    """One pending request on one line (the status card, the list)."""
    card = item.card
    return pending_text(
        t, card.kind, card.subject, item.waiting, card.due_at, timezone, overdue=item.overdue
    )


def pending_text(
    t: Translator,
    kind: ApprovalKind,
    subject: str,
    waiting: Sequence[str],
    due_at: datetime,
    timezone: str,
    *,
    overdue: bool,
) -> str:
    """A pending request's line from its facts: kind, subject, who is awaited, when it is due."""
    due = when(t, due_at, timezone)
    due_text = (
        t.gettext("overdue since {when}").format(when=due)
        if overdue
        else t.gettext("due {when}").format(when=due)
    )
    return t.gettext("{kind}: {subject} · waiting for {waiting} · {due}").format(
        kind=kind_label(t, kind),
        subject=quoted(subject, 120),
        waiting=people(waiting) or "–",
        due=due_text,
    )


def build_pending_list(
    t: Translator, items: Sequence[ListedRequest], mine: bool, total: int, timezone: str
) -> dict[str, Any]:
    """`/creator approvals [mine|all]`: what is pending, with buttons where you may decide."""
    title = t.gettext("Pending approvals: yours") if mine else t.gettext("Pending approvals: all")
    if not items:
        text = (
            t.gettext("Nothing is waiting for you or for your requests.")
            if mine
            else t.gettext("Nothing is waiting for approval.")
        )
        return ephemeral(text, [header(title), mrkdwn_section(text)])
    blocks: list[dict[str, Any]] = [header(title)]
    for n, item in enumerate(items[:MAX_LISTED]):
        card = item.card
        lines = [pending_line(t, item, timezone)]
        asked = (
            t.gettext("asked by {requester} in {channel}").format(
                requester=f"<@{card.requester}>", channel=_where(item.channel_id)
            )
            if item.channel_id
            else t.gettext("asked by {requester}").format(requester=f"<@{card.requester}>")
        )
        if card.creator_name:
            asked = f"{escape(card.creator_name)} · {escape(card.brand_name or '?')} · {asked}"
        lines.append(asked)
        blocks.append(mrkdwn_section("\n".join(lines)))
        if item.can_decide:
            blocks.append(
                {
                    "type": "actions",
                    "block_id": f"approval_list_{n}",
                    "elements": decision_buttons(t, card.value, f"_{n}"),
                }
            )
    if total > len(items[:MAX_LISTED]):
        blocks.append(
            context_line(
                t.gettext("Showing {shown} of {total}, soonest due first.").format(
                    shown=len(items[:MAX_LISTED]), total=total
                )
            )
        )
    other = "`/creator approvals all`" if mine else "`/creator approvals mine`"
    blocks.append(context_line(t.gettext("See also {command}.").format(command=other)))
    fallback = t.ngettext("{n} approval pending", "{n} approvals pending", total).format(n=total)
    return ephemeral(fallback, blocks)


def field_errors(t: Translator, errors: Mapping[str, Any], **figures: Any) -> dict[str, str]:
    """`response_action: errors` content for the approval modals."""
    return {
        name: t.gettext(FIELD_ERRORS[error.code]).format(**{**figures, **error.figures})
        for name, error in errors.items()
    }
