"""What follows a request's status: the one visible list of the rows that wait on a request.

A request created with `source={key: ...}` is followed by `STATUS_HOOKS[key]`, called inside
the transaction that approves, rejects, sends back, cancels, expires, discards or re-asks it,
so that the follower and the request always agree. The list is written out here, not filled
by whoever happens to be imported: deciding a request runs its follower in any process.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlmodel import Session

from storage import exclusivity
from storage.models import ApprovalRequest

StatusHook = Callable[[Session, ApprovalRequest], None]

STATUS_HOOKS: dict[str, StatusHook] = {
    # An agreed exclusivity window whose brand requires approval follows its request.
    "window_id": exclusivity.follow_approval,
}


def is_followed(request: ApprovalRequest) -> bool:
    """Whether something waits on this request (then it is never silently dropped)."""
    return any(key in (request.source or {}) for key in STATUS_HOOKS)


def tell_followers(session: Session, request: ApprovalRequest) -> None:
    for key, hook in STATUS_HOOKS.items():
        if key in (request.source or {}):
            hook(session, request)
