"""Approval requests: `/creator approve`, `/creator approvals`, the buttons on a request, the
reason and edit modals, the "Request approval" message shortcut, and the renderers of a
request's reminders, escalation and expiry; each in a module named for its job.

Every change goes through `storage.approvals`, which claims the request row first, so that
concurrent clicks decide once; the transaction is committed before any Slack call, and what
Slack should then see is planned inside it (`plan`) and carried out after the ack.
`/creator settings` is handlers.approval_settings; asking itself is handlers.approval_requests.
"""

from __future__ import annotations

import re

from slack_bolt.async_app import AsyncApp

from handlers.approvals.asking import handle_approve, handle_pick
from handlers.approvals.deciding import (
    ACTION_PATTERN,
    handle_decision_click,
    handle_reason_submission,
)
from handlers.approvals.listing import handle_approvals
from handlers.approvals.requester import (
    handle_cancel_click,
    handle_edit_click,
    handle_edit_submission,
)
from handlers.approvals.shortcut import handle_request_submission, handle_shortcut
from handlers.blocks.approvals.ids import (
    CANCEL_ACTION,
    EDIT_ACTION,
    EDIT_CALLBACK,
    PICK_ACTION,
    REASON_CALLBACK,
    REQUEST_CALLBACK,
    SHORTCUT_CALLBACK,
)

# `/creator approve` and `/creator approvals` are subcommands of the creator surface
# (bot/app.py hands them to it); the clock's renderers are in `handlers.approvals.reminders`
# (bot/wiring.py lists them).
__all__ = ["handle_approvals", "handle_approve", "register"]


def register(app: AsyncApp) -> None:
    app.action(ACTION_PATTERN)(handle_decision_click)
    app.action(EDIT_ACTION)(handle_edit_click)
    app.action(CANCEL_ACTION)(handle_cancel_click)
    app.action(re.compile(rf"^{PICK_ACTION}_\d+$"))(handle_pick)
    app.view(REASON_CALLBACK)(handle_reason_submission)
    app.view(EDIT_CALLBACK)(handle_edit_submission)
    app.view(REQUEST_CALLBACK)(handle_request_submission)
    app.shortcut(SHORTCUT_CALLBACK)(handle_shortcut)
