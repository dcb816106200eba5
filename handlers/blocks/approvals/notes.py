"""Notes in a request's thread: a decision, a cancel, an edit, a reminder, an escalation."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from domain.approvals import Decision
from handlers.blocks.approvals.card import changed_text, people, quoted, text_message, when
from locales import Translator


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
    return text_message(text)


def build_cancel_note(t: Translator, requester: str) -> dict[str, Any]:
    return text_message(
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
    return text_message("\n".join(lines))


def build_reminder_thread(
    t: Translator, due_at: datetime, waiting: Sequence[str], timezone: str
) -> dict[str, Any]:
    return text_message(
        "⏰ "
        + t.gettext("This request was due on {when} and is still waiting for {waiting}.").format(
            when=when(t, due_at, timezone), waiting=people(waiting) or "–"
        )
    )


def build_escalation_thread(
    t: Translator, due_at: datetime, fallback: str, timezone: str
) -> dict[str, Any]:
    return text_message(
        "⚠️ "
        + t.gettext(
            "Still no decision since {when}: escalated to {fallback}, who can now decide too."
        ).format(when=when(t, due_at, timezone), fallback=f"<@{fallback}>")
    )
