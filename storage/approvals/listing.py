"""Lists: the pending requests someone asked or may decide, and the shortcut's creators."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache

from sqlalchemy import Select, bindparam
from sqlmodel import Session, col, select

from domain.approvals import Decision, Status, is_escalated
from storage.approvals.reading import decisions_of, facts, names_of
from storage.models import ApprovalRequest, Creator


@dataclass(frozen=True)
class PendingItem:
    request: ApprovalRequest
    creator_name: str | None
    brand_name: str | None
    decisions: dict[str, Decision]


@cache
def _pending_statement(unexpired: bool, of_partnership: bool) -> Select:
    # Built once per shape, values bound at execution: the status card's path (see
    # storage/creators.py).
    statement = select(ApprovalRequest).where(
        ApprovalRequest.team_id == bindparam("team_id"),
        ApprovalRequest.status == Status.PENDING.value,
    )
    if unexpired:
        statement = statement.where(col(ApprovalRequest.expires_at) > bindparam("now"))
    if of_partnership:
        statement = statement.where(ApprovalRequest.partnership_id == bindparam("partnership_id"))
    return statement.order_by(ApprovalRequest.due_at, ApprovalRequest.id)


def list_pending(
    *,
    session: Session,
    team_id: str,
    now: datetime | None,
    user_id: str | None = None,
    partnership_id: int | None = None,
    limit: int | None = None,
) -> list[PendingItem]:
    """Pending requests, soonest due first: all of the team's, or the ones `user_id` asked or
    may decide (as approver, or as the fallback once escalated), or one partnership's.

    With `now`, requests whose expiry has passed (and that the clock has not expired yet)
    are left out.
    """
    rows = session.exec(
        _pending_statement(now is not None, partnership_id is not None),
        params={"team_id": team_id, "now": now, "partnership_id": partnership_id},
    ).all()
    if user_id is not None:
        rows = [
            r
            for r in rows
            if user_id == r.requester_id
            or user_id in (r.approvers or ())
            or (user_id == r.fallback_approver and now is not None and is_escalated(facts(r), now))
        ]
    if limit is not None:
        rows = rows[:limit]
    items = []
    for request in rows:
        creator_name, brand_name = names_of(session=session, request=request)
        items.append(
            PendingItem(
                request,
                creator_name,
                brand_name,
                decisions_of(session=session, request=request),
            )
        )
    return items


def creator_choices(*, session: Session, team_id: str, limit: int) -> list[tuple[int, str, str]]:
    """Live creators as (id, display name, handle), by name: the shortcut's select."""
    rows = session.exec(
        select(Creator.id, Creator.display_name, Creator.handle)
        .where(
            Creator.team_id == team_id,
            col(Creator.archived).is_(False),
            col(Creator.erased).is_(False),
        )
        .order_by(Creator.name_key, Creator.id)
        .limit(limit)
    ).all()
    return [(row[0], row[1], row[2]) for row in rows]
