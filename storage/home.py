"""Home tabs: the facts one shows, and when each needs publishing again.

Facts: the weekly digest's facts (storage.digest_facts, a fixed number of queries) plus the
user's partnerships and the pending requests with their versions and decisions: sixteen
statements, whatever the workspace's size.

Republishing, debounced across processes without a clock in the changing transaction:
- a flush that adds or changes an approval request or decision, a milestone or a
  partnership raises `changes` on the Home rows of the users it concerns (the listener at
  the end of this module), so no surface has to remember to; a milestone marked done or
  snoozed by an UPDATE statement does it through `mark_roadmap_changed` (storage.roadmaps);
- a publisher (the clock's pass, `due_for_publishing`) that sees `changes` ahead of
  `published_changes` sets `due_at` = its now + DEBOUNCE, once; when that moment has come
  one worker claims the row (a compare-and-set), publishes and records the changes it
  covered. Changes during the debounce ride along: a burst publishes once. A row not
  published since the start of the day is due too (the clock's daily pass).
Only users who have opened their Home tab have a row: nobody else has a tab to refresh.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import bindparam, event, or_, select, update
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session, col

from domain.approvals import Decision, RequestFacts, Rule, Status
from domain.home import HomeApproval, HomeFacts, Scope
from storage import approvals, digest_facts
from storage.models import (
    ApprovalDecision,
    ApprovalRequest,
    HomeRefresh,
    Partnership,
    Roadmap,
    RoadmapMilestone,
)

DEBOUNCE = timedelta(seconds=10)
LEASE = timedelta(minutes=2)
RETRY = timedelta(minutes=1)


# -- facts ------------------------------------------------------------------------------------
_OWNED = (
    select(Partnership.id)
    .where(
        Partnership.team_id == bindparam("team_id"),
        Partnership.owner_user_id == bindparam("user_id"),
    )
    .order_by(Partnership.id)
)
_PENDING_COLUMNS = (
    ApprovalRequest.id,
    ApprovalRequest.version,
    ApprovalRequest.partnership_id,
    ApprovalRequest.kind,
    ApprovalRequest.subject,
    ApprovalRequest.channel_id,
    ApprovalRequest.requester_id,
    ApprovalRequest.approvers,
    ApprovalRequest.rule,
    ApprovalRequest.fallback_approver,
    ApprovalRequest.due_at,
    ApprovalRequest.expires_at,
)
_PENDING_WHERE = (
    ApprovalRequest.team_id == bindparam("team_id"),
    ApprovalRequest.status == Status.PENDING.value,
    col(ApprovalRequest.expires_at) > bindparam("now"),
)
_PENDING = (
    select(*_PENDING_COLUMNS)
    .where(*_PENDING_WHERE)
    .order_by(ApprovalRequest.due_at, ApprovalRequest.id)
)
_DECISIONS = approvals.current_decisions(*_PENDING_WHERE)


def load_facts(
    *, session: Session, team_id: str, user_id: str, now: datetime, today: date, timezone: str
) -> HomeFacts:
    """Everything a Home tab at `now` shows, in a fixed number of queries."""
    params = {"team_id": team_id, "user_id": user_id, "now": now}
    connection = session.connection()
    owned = frozenset(row[0] for row in connection.execute(_OWNED, params))
    decided: dict[int, dict[str, Decision]] = defaultdict(dict)
    for request_id, approver, decision in connection.execute(_DECISIONS, params):
        decided[request_id][approver] = Decision(decision)
    approvals = [
        HomeApproval(
            request_id=row.id,
            version=row.version,
            partnership_id=row.partnership_id,
            kind=row.kind,
            subject=row.subject,
            channel_id=row.channel_id,
            rules=RequestFacts(
                requester=row.requester_id,
                approvers=tuple(row.approvers or ()),
                rule=Rule(row.rule),
                fallback=row.fallback_approver,
                status=Status.PENDING,
                version=row.version,
                due_at=row.due_at,
                expires_at=row.expires_at,
            ),
            decisions=decided[row.id],
        )
        for row in connection.execute(_PENDING, params)
    ]
    digest = digest_facts.load_facts(
        session=session, team_id=team_id, now=now, today=today, timezone=timezone
    )
    return HomeFacts(digest=digest, owned=owned, approvals=approvals)


# -- what each user's tab shows -----------------------------------------------------------------
@dataclass(frozen=True)
class Tab:
    team_id: str
    user_id: str
    scope: Scope
    page: int
    changes: int


def _tab(row: HomeRefresh) -> Tab:
    scope = Scope(row.scope) if row.scope in Scope._value2member_map_ else Scope.MINE
    return Tab(row.team_id, row.user_id, scope, row.page, row.changes)


def opened(*, session: Session, team_id: str, user_id: str) -> Tab:
    """The user's tab, created the first time they open it."""
    row = session.get(HomeRefresh, (team_id, user_id))
    if row is None:
        row = HomeRefresh(team_id=team_id, user_id=user_id)
        try:
            with session.begin_nested():
                session.add(row)
        except Exception:  # noqa: BLE001 - opened at the same time elsewhere: theirs stands
            row = session.get(HomeRefresh, (team_id, user_id), populate_existing=True)
            assert row is not None
    return _tab(row)


def show(
    *,
    session: Session,
    team_id: str,
    user_id: str,
    scope: Scope | None = None,
    page: int | None = None,
) -> Tab:
    """Change what the user's tab shows (the filter, the page)."""
    opened(session=session, team_id=team_id, user_id=user_id)
    values: dict[str, object] = {}
    if scope is not None:
        values["scope"] = scope.value
    if page is not None:
        values["page"] = max(0, page)
    if values:
        session.exec(
            update(HomeRefresh)
            .where(col(HomeRefresh.team_id) == team_id, col(HomeRefresh.user_id) == user_id)
            .values(**values)
        )
    row = session.get(HomeRefresh, (team_id, user_id), populate_existing=True)
    assert row is not None
    return _tab(row)


def published(*, session: Session, tab: Tab, now: datetime) -> None:
    """The tab went out covering the changes counted in `tab`; a claim on it ends."""
    session.exec(
        update(HomeRefresh)
        .where(col(HomeRefresh.team_id) == tab.team_id, col(HomeRefresh.user_id) == tab.user_id)
        .values(
            published_changes=tab.changes,
            published_at=now,
            claimed_until=None,
            due_at=None,
        )
    )


def failed(*, session: Session, tab: Tab, now: datetime) -> None:
    """Publishing failed: try again a little later."""
    session.exec(
        update(HomeRefresh)
        .where(col(HomeRefresh.team_id) == tab.team_id, col(HomeRefresh.user_id) == tab.user_id)
        .values(claimed_until=None, due_at=now + RETRY)
    )


def mark_changed(*, session: Session, team_id: str, user_ids: Iterable[str]) -> None:
    """Something these users' tabs show changed (for callers outside a flush)."""
    users = sorted({u for u in user_ids if u})
    if users:
        session.connection().execute(_changed(team_id, users))


def _changed(team_id: str, users: list[str]):  # noqa: ANN202
    return (
        update(HomeRefresh)
        .where(col(HomeRefresh.team_id) == team_id, col(HomeRefresh.user_id).in_(users))
        .values(changes=HomeRefresh.changes + 1)
    )


def due_for_publishing(*, session: Session, now: datetime, limit: int = 100) -> list[Tab]:
    """Claim the tabs due at `now` (any team): see the module's docstring."""
    day_start = now.replace(hour=0, minute=0, second=0, microsecond=0)
    # Noticed changes, and tabs not published today, are due a debounce from now.
    session.exec(
        update(HomeRefresh)
        .where(
            col(HomeRefresh.due_at).is_(None),
            or_(
                col(HomeRefresh.changes) > col(HomeRefresh.published_changes),
                col(HomeRefresh.published_at) < day_start,
            ),
        )
        .values(due_at=now + DEBOUNCE)
    )
    rows = session.exec(
        select(HomeRefresh.team_id, HomeRefresh.user_id, HomeRefresh.due_at)
        .where(
            col(HomeRefresh.due_at) <= now,
            or_(col(HomeRefresh.claimed_until).is_(None), col(HomeRefresh.claimed_until) < now),
        )
        .order_by(HomeRefresh.due_at)
        .limit(limit)
    ).all()
    claimed = []
    for team_id, user_id, due_at in rows:
        # Compare-and-set: of two workers that read the same row, one claims it.
        result = session.exec(
            update(HomeRefresh)
            .where(
                col(HomeRefresh.team_id) == team_id,
                col(HomeRefresh.user_id) == user_id,
                col(HomeRefresh.due_at) == due_at,
                or_(col(HomeRefresh.claimed_until).is_(None), col(HomeRefresh.claimed_until) < now),
            )
            .values(claimed_until=now + LEASE)
        )
        if result.rowcount == 1:
            row = session.get(HomeRefresh, (team_id, user_id), populate_existing=True)
            if row is not None:
                claimed.append(_tab(row))
    return claimed


# -- who a change concerns -------------------------------------------------------------------
def _request_users(request: ApprovalRequest) -> set[str]:
    return {request.requester_id, *(request.approvers or ()), request.fallback_approver or ""}


@event.listens_for(OrmSession, "after_flush")
def _note_changes(session: OrmSession, _context: object) -> None:
    """Raise `changes` on the Home rows of the users a flush's changes concern."""
    touched = [*session.new, *session.dirty, *session.deleted]
    if not touched:
        return
    users: dict[str, set[str]] = defaultdict(set)
    roadmap_ids: dict[str, set[int]] = defaultdict(set)
    for obj in touched:
        if isinstance(obj, ApprovalRequest):
            users[obj.team_id] |= _request_users(obj)
        elif isinstance(obj, ApprovalDecision):
            request = session.identity_map.get(
                session.identity_key(ApprovalRequest, obj.request_id)  # type: ignore[attr-defined]
            )
            if request is not None:
                users[obj.team_id] |= _request_users(request)
        elif isinstance(obj, Partnership) and obj.owner_user_id:
            users[obj.team_id].add(obj.owner_user_id)
        elif isinstance(obj, RoadmapMilestone):
            roadmap_ids[obj.team_id].add(obj.roadmap_id)
    connection = session.connection()
    for team_id, ids in roadmap_ids.items():
        owners = connection.execute(
            select(Roadmap.owner_id, Partnership.owner_user_id)
            .join(Partnership, col(Partnership.id) == Roadmap.partnership_id)
            .where(col(Roadmap.id).in_(sorted(ids)))
        )
        for row in owners:
            users[team_id] |= {u for u in row if u}
    for team_id, found in users.items():
        found.discard("")
        if found:
            connection.execute(_changed(team_id, sorted(found)))


def mark_roadmap_changed(*, session: Session, team_id: str, roadmap_id: int) -> None:
    """A milestone of this roadmap changed (done, snoozed): its owner's and the
    partnership owner's tabs (called after the UPDATE, which holds the write lock)."""
    owners = session.connection().execute(
        select(Roadmap.owner_id, Partnership.owner_user_id)
        .join(Partnership, col(Partnership.id) == Roadmap.partnership_id)
        .where(col(Roadmap.id) == roadmap_id, col(Roadmap.team_id) == team_id)
    )
    mark_changed(session=session, team_id=team_id, user_ids=[u for row in owners for u in row if u])
