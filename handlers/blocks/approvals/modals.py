"""The approval modals: the reason for a decision, an edit, the shortcut's request, and the
errors their fields show."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from domain.approvals import MAX_DETAILS, MAX_REASON, MAX_SUBJECT, Decision
from domain.values import ApprovalKind
from handlers.blocks.approvals.card import RequestCard, kind_label, plain, quoted
from handlers.blocks.approvals.ids import EDIT_CALLBACK, REASON_CALLBACK, REQUEST_CALLBACK
from handlers.blocks.common import context_line, mrkdwn_section, shorten
from handlers.blocks.forms import select_input, text_input
from locales import N_, Translator

MAX_CREATOR_OPTIONS = 100  # Slack's limit on a select's options


FIELD_ERRORS = {
    "required": N_("This field is required."),
    "too_long": N_("At most {limit} characters."),
    "not_whole": N_("Type a whole number."),
    "out_of_range": N_("A whole number from {low} to {high}."),
    "bad_user_group": N_("A user group ID starts with S, for example S0123ABCD."),
    "expiry_before_due": N_("A request must expire after it is due."),
    "unchanged": N_("Change the subject or the details to ask again."),
}


def modal(
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
        "title": plain(shorten(title, 24)),
        "submit": plain(shorten(submit or t.gettext("Save"), 24)),
        "close": plain(t.gettext("Cancel")),
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
    return modal(t, REASON_CALLBACK, title, blocks, metadata, submit)


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
    return modal(
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
    return modal(
        t, REQUEST_CALLBACK, t.gettext("Request approval"), blocks, metadata, t.gettext("Ask")
    )


def field_errors(t: Translator, errors: Mapping[str, Any], **figures: Any) -> dict[str, str]:
    """`response_action: errors` content for the approval modals."""
    return {
        name: t.gettext(FIELD_ERRORS[error.code]).format(**{**figures, **error.figures})
        for name, error in errors.items()
    }
