"""Pending requests, one line each: `/creator approvals` and the status card."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from domain.values import ApprovalKind
from handlers.blocks.approvals.card import RequestCard, kind_label, people, quoted, when, where
from handlers.blocks.approvals.message import decision_buttons
from handlers.blocks.common import context_line, ephemeral, escape, header, mrkdwn_section
from locales import Translator

MAX_LISTED = 15  # requests shown by `/creator approvals` (two blocks each, 50 per message)


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
                requester=f"<@{card.requester}>", channel=where(item.channel_id)
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
