"""The request message in its channel: the facts, the buttons while pending, the result."""

from __future__ import annotations

from typing import Any

from domain.approvals import Rule, Status
from handlers.blocks.approvals.card import (
    RequestCard,
    changed_text,
    kind_label,
    people,
    plain,
    quoted,
    status_word,
    when,
)
from handlers.blocks.approvals.ids import (
    APPROVE_ACTION,
    CANCEL_ACTION,
    CHANGES_ACTION,
    EDIT_ACTION,
    REJECT_ACTION,
)
from handlers.blocks.common import (
    button,
    context_line,
    escape,
    escape_within,
    header,
    mrkdwn_section,
)
from locales import Translator


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
            kind=kind, subject=escape(card.subject), result=status_word(t, card.status)
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
                        "title": plain(t.gettext("Cancel this request?")),
                        "text": plain(t.gettext("The approvers will no longer be asked.")),
                        "confirm": plain(t.gettext("Cancel request")),
                        "deny": plain(t.gettext("Keep it")),
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
