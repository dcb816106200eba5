"""Approval requests in storage, by job: `reading` (a request, its decisions, its audit
trail), `asking` (the one place that creates a request and chooses its channel, and its
posting), `schedule` (what the clock sends about it), `changing` (decide, edit, cancel,
expire: claim first), `listing`, `followers` (what follows a request's status) and `demo`.

The few names other layers read are imported here; everything else from its module.
"""

from storage.approvals.asking import create_for_exclusivity
from storage.approvals.demo import DEMO_SUBJECT, demo_pending_approval
from storage.approvals.reading import current_decisions, facts
from storage.approvals.settings import get_settings, save_settings

__all__ = [
    "DEMO_SUBJECT",
    "create_for_exclusivity",
    "current_decisions",
    "demo_pending_approval",
    "facts",
    "get_settings",
    "save_settings",
]
