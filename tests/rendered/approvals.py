"""Approval requests: the message, thread notes, DMs, modals and the list, rendered."""

from __future__ import annotations

from domain.approvals import ApprovalSettings, Decision, KindSettings, Rule, Status
from domain.values import ApprovalKind
from handlers.blocks import approvals
from locales import Translator
from tests.rendered.inputs import (
    APPROVER,
    CHANNEL,
    NOW,
    OWNER,
    ZONE,
    Inputs,
    Named,
    request_card,
)


def approvals_rendered(t: Translator, inputs: Inputs) -> list[Named]:
    found: list[Named] = []
    for state in Status:
        card = request_card(inputs, state)
        found += [
            (
                f"approvals.build_request_message {state}",
                approvals.build_request_message(t, card, ZONE),
            ),
            (f"approvals.build_late {state}", approvals.build_late(t, card, 1, ZONE)),
        ]
        if state in (Status.APPROVED, Status.CHANGES_REQUESTED, Status.REJECTED):
            for channel in (CHANNEL, None):
                dm = approvals.build_requester_dm(t, card, channel, ZONE)
                found.append((f"approvals.build_requester_dm {state} {channel}", dm))
    card = request_card(inputs, Status.PENDING)
    for decision in Decision:
        found += [
            (
                f"approvals.build_decision_note {decision}",
                approvals.build_decision_note(t, decision, APPROVER, inputs.note, (OWNER,)),
            ),
            (f"approvals.build_done {decision}", approvals.build_done(t, decision, inputs.subject)),
            (
                f"approvals.build_reason_modal {decision}",
                approvals.build_reason_modal(t, decision, card, {}),
            ),
        ]
    for channel in (CHANNEL, None):
        found += [
            (
                f"approvals.build_reminder_dm {channel}",
                approvals.build_reminder_dm(t, card, channel, ZONE),
            ),
            (
                f"approvals.build_escalation_dm {channel}",
                approvals.build_escalation_dm(t, card, channel, ZONE),
            ),
            (
                f"approvals.build_expiry_dm {channel}",
                approvals.build_expiry_dm(t, card, channel, ZONE),
            ),
        ]
    settings = ApprovalSettings(
        kinds={kind: KindSettings((APPROVER,), "S0GROUP0001", Rule.ALL) for kind in ApprovalKind},
        fallback=OWNER,
    )
    items = [
        approvals.ListedRequest(card, channel, overdue, True, (APPROVER,))
        for channel, overdue in ((CHANNEL, True), (None, False))
    ] * 8
    creators = [(n, inputs.creator, inputs.handle) for n in range(inputs.candidates)]
    found += [
        ("approvals.build_cancel_note", approvals.build_cancel_note(t, OWNER)),
        (
            "approvals.build_edit_note",
            approvals.build_edit_note(
                t, OWNER, 2, ("subject", "details"), inputs.note, inputs.subject, (APPROVER,)
            ),
        ),
        (
            "approvals.build_reminder_thread",
            approvals.build_reminder_thread(t, NOW, (APPROVER,), ZONE),
        ),
        (
            "approvals.build_escalation_thread",
            approvals.build_escalation_thread(t, NOW, OWNER, ZONE),
        ),
        *(
            (f"approvals.build_refusal {code}", approvals.build_refusal(t, code, card))
            for code in ("own_request", "not_requester", "not_approver")
        ),
        ("approvals.build_duplicate", approvals.build_duplicate(t, card, (APPROVER,))),
        ("approvals.build_edit_modal", approvals.build_edit_modal(t, card, {})),
        (
            "approvals.build_request_modal",
            approvals.build_request_modal(t, creators, inputs.subject, inputs.details, {}),
        ),
        ("approvals.build_settings_modal", approvals.build_settings_modal(t, settings)),
        ("approvals.build_settings_saved", {"text": approvals.build_settings_saved(t, settings)}),
        ("approvals.build_pending_list", approvals.build_pending_list(t, items, False, 20, ZONE)),
    ]
    return found
