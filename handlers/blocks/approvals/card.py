"""A request's facts as every approval builder reads them (`RequestCard`), and the words
they share: the kind, people, a quoted subject, a moment in the team's time zone."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from domain.approvals import Rule, Status
from domain.values import ApprovalKind
from handlers.blocks.common import escape, escape_within, mrkdwn_section
from handlers.blocks.labels import APPROVAL_KIND
from locales import Translator


def plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text, "emoji": True}


def kind_label(t: Translator, kind: ApprovalKind | str) -> str:
    return t.gettext(APPROVAL_KIND[ApprovalKind(kind)])


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


def changed_text(t: Translator, changed: Sequence[str]) -> str:
    names = {"subject": t.gettext("the subject"), "details": t.gettext("the details")}
    parts = [names[c] for c in changed if c in names]
    if len(parts) == 2:
        return t.gettext("{first} and {second}").format(first=parts[0], second=parts[1])
    return parts[0] if parts else ""


def status_word(t: Translator, status: Status) -> str:
    return {
        Status.PENDING: t.gettext("pending"),
        Status.APPROVED: t.gettext("approved"),
        Status.CHANGES_REQUESTED: t.gettext("changes requested"),
        Status.REJECTED: t.gettext("rejected"),
        Status.EXPIRED: t.gettext("expired"),
        Status.CANCELLED: t.gettext("cancelled"),
    }[status]


def text_message(text: str) -> dict[str, Any]:
    return {"text": text, "blocks": [mrkdwn_section(text)]}


def where(channel_id: str | None) -> str:
    return f"<#{channel_id}>" if channel_id else "–"


def partnership_suffix(card: RequestCard) -> str:
    if not card.creator_name:
        return ""
    return f" ({escape(card.creator_name)} · {escape(card.brand_name or '?')})"
