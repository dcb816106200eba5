"""Approval requests in Block Kit, by job: `card` (a request's facts and shared words),
`message`, `notes` (in its thread), `dms`, `answers` (ephemeral), `modals`, `settings`,
`pending` (the list and the status card's lines) and `ids` (what the listeners match).

The few names other surfaces' builders read are imported here.
"""

from handlers.blocks.approvals.card import RequestCard, kind_label, people
from handlers.blocks.approvals.pending import MAX_LISTED, pending_text

__all__ = ["MAX_LISTED", "RequestCard", "kind_label", "pending_text", "people"]
