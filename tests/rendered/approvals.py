"""Approval requests: the message, thread notes, DMs, modals and the list, rendered."""

from __future__ import annotations

from domain.approvals import ApprovalSettings, Decision, KindSettings, Rule, Status
from domain.values import ApprovalKind
from handlers.blocks.approvals.answers import build_done, build_duplicate, build_late, build_refusal
from handlers.blocks.approvals.dms import (
    build_escalation_dm,
    build_expiry_dm,
    build_reminder_dm,
    build_requester_dm,
)
from handlers.blocks.approvals.message import build_request_message
from handlers.blocks.approvals.modals import (
    build_edit_modal,
    build_reason_modal,
    build_request_modal,
)
from handlers.blocks.approvals.notes import (
    build_cancel_note,
    build_decision_note,
    build_edit_note,
    build_escalation_thread,
    build_reminder_thread,
)
from handlers.blocks.approvals.pending import ListedRequest, build_pending_list
from handlers.blocks.approvals.settings import build_settings_modal, build_settings_saved
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
                build_request_message(t, card, ZONE),
            ),
            (f"approvals.build_late {state}", build_late(t, card, 1, ZONE)),
        ]
        if state in (Status.APPROVED, Status.CHANGES_REQUESTED, Status.REJECTED):
            for channel in (CHANNEL, None):
                dm = build_requester_dm(t, card, channel, ZONE)
                found.append((f"approvals.build_requester_dm {state} {channel}", dm))
    card = request_card(inputs, Status.PENDING)
    for decision in Decision:
        found += [
            (
                f"approvals.build_decision_note {decision}",
                build_decision_note(t, decision, APPROVER, inputs.note, (OWNER,)),
            ),
            (f"approvals.build_done {decision}", build_done(t, decision, inputs.subject)),
            (
                f"approvals.build_reason_modal {decision}",
                build_reason_modal(t, decision, card, {}),
            ),
        ]
    for channel in (CHANNEL, None):
        found += [
            (
                f"approvals.build_reminder_dm {channel}",
                build_reminder_dm(t, card, channel, ZONE),
            ),
            (
                f"approvals.build_escalation_dm {channel}",
                build_escalation_dm(t, card, channel, ZONE),
            ),
            (
                f"approvals.build_expiry_dm {channel}",
                build_expiry_dm(t, card, channel, ZONE),
            ),
        ]
    settings = ApprovalSettings(
        kinds={kind: KindSettings((APPROVER,), "S0GROUP0001", Rule.ALL) for kind in ApprovalKind},
        fallback=OWNER,
    )
    items = [
        ListedRequest(card, channel, overdue, True, (APPROVER,))
        for channel, overdue in ((CHANNEL, True), (None, False))
    ] * 8
    creators = [(n, inputs.creator, inputs.handle) for n in range(inputs.candidates)]
    found += [
        ("approvals.build_cancel_note", build_cancel_note(t, OWNER)),
        (
            "approvals.build_edit_note",
            build_edit_note(
                t, OWNER, 2, ("subject", "details"), inputs.note, inputs.subject, (APPROVER,)
            ),
        ),
        (
            "approvals.build_reminder_thread",
            build_reminder_thread(t, NOW, (APPROVER,), ZONE),
        ),
        (
            "approvals.build_escalation_thread",
            build_escalation_thread(t, NOW, OWNER, ZONE),
        ),
        *(
            (f"approvals.build_refusal {code}", build_refusal(t, code, card))
            for code in ("own_request", "not_requester", "not_approver")
        ),
        ("approvals.build_duplicate", build_duplicate(t, card, (APPROVER,))),
        ("approvals.build_edit_modal", build_edit_modal(t, card, {})),
        (
            "approvals.build_request_modal",
            build_request_modal(t, creators, inputs.subject, inputs.details, {}),
        ),
        ("approvals.build_settings_modal", build_settings_modal(t, settings)),
        ("approvals.build_settings_saved", {"text": build_settings_saved(t, settings)}),
        ("approvals.build_pending_list", build_pending_list(t, items, False, 20, ZONE)),
    ]
    return found
