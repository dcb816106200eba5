"""Ephemeral answers to whoever clicked: refused, too late, already decided, done."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from domain.approvals import Decision, Status
from handlers.blocks.approvals.card import RequestCard, people, quoted, when
from handlers.blocks.common import ephemeral
from locales import N_, Translator


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
