"""The ids an approval message, modal or shortcut carries, shared with the listeners that
answer them (handlers.approvals)."""

from __future__ import annotations

from domain.approvals import Decision

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
