"""Exclusivity quotes, negotiation rounds and agreed windows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import Select, bindparam, update
from sqlmodel import Session, col, select

from storage.models import (
    ApprovalRequest,
    ExclusivityQuote,
    ExclusivityWindow,
    NegotiationRound,
)


def create_quote(*, session: Session, quote: ExclusivityQuote, now: datetime) -> ExclusivityQuote:
    quote.created_at = quote.updated_at = now
    session.add(quote)
    session.flush()
    return quote


def get_quote(*, session: Session, team_id: str, quote_id: int) -> ExclusivityQuote | None:
    found = session.get(ExclusivityQuote, quote_id)
    return found if found is not None and found.team_id == team_id else None


def quote_in_thread(
    *, session: Session, team_id: str, channel_id: str, thread_ts: str
) -> ExclusivityQuote | None:
    """The negotiation a thread belongs to, if any (a row lock on PostgreSQL)."""
    statement = select(ExclusivityQuote).where(
        ExclusivityQuote.team_id == team_id,
        ExclusivityQuote.channel_id == channel_id,
        ExclusivityQuote.thread_ts == thread_ts,
    )
    return session.exec(statement.with_for_update()).first()


def lock_quote(*, session: Session, team_id: str, quote_id: int) -> ExclusivityQuote | None:
    """The quote, locked for this transaction: two moves at once are applied one by one."""
    statement = select(ExclusivityQuote).where(
        ExclusivityQuote.team_id == team_id, ExclusivityQuote.id == quote_id
    )
    return session.exec(statement.with_for_update()).first()


@dataclass(frozen=True)
class Claim:
    """What claiming a quote for a move came to.

    `code`: "claimed" (locked for this transaction; `quote` is current), "stale" (still open,
    but changed since the version the click was shown), "closed" (agreed or withdrawn), or
    "missing".
    """

    code: str
    quote: ExclusivityQuote | None


def claim_quote(*, session: Session, team_id: str, quote_id: int, version: int | None) -> Claim:
    """Lock an open quote for one move if it is still at `version` (None: at any version).

    A conditional no-op UPDATE, as the approvals' claim (storage.approvals): on PostgreSQL
    concurrent clicks queue behind its row lock and then find the version moved on (rowcount
    0); on SQLite it must be the transaction's first statement, so the write lock is taken
    before anything is read. Every recorded move bumps the version (`record_round`), so of
    20 clicks on one message exactly one changes the quote.
    """
    statement = update(ExclusivityQuote).where(
        col(ExclusivityQuote.id) == quote_id,
        col(ExclusivityQuote.team_id) == team_id,
        col(ExclusivityQuote.status) == "open",
    )
    if version is not None:
        statement = statement.where(col(ExclusivityQuote.version) == version)
    result = session.exec(
        statement.values(version=ExclusivityQuote.version).execution_options(
            synchronize_session=False
        )
    )
    quote = session.exec(
        select(ExclusivityQuote).where(
            ExclusivityQuote.id == quote_id, ExclusivityQuote.team_id == team_id
        )
    ).first()
    if quote is None:
        return Claim("missing", None)
    if (result.rowcount or 0) == 1:
        return Claim("claimed", quote)
    return Claim("stale" if quote.status == "open" else "closed", quote)


def record_round(
    *,
    session: Session,
    quote: ExclusivityQuote,
    user_id: str | None,
    change: dict[str, Any],
    now: datetime,
) -> NegotiationRound:
    """Record a move with the price it led to (the quote's current figures)."""
    quote.updated_at = now
    session.add(quote)
    negotiation_round = NegotiationRound(
        team_id=quote.team_id,
        quote_id=quote.id,
        user_id=user_id,
        change=change,
        low=quote.low,
        typical=quote.typical,
        high=quote.high,
        creator_ask=quote.creator_ask,
        created_at=now,
    )
    session.add(negotiation_round)
    if change.get("code") != "quote":  # every move after the opening outdates the buttons
        quote.version = (quote.version or 1) + 1
    session.flush()
    return negotiation_round


def rounds(*, session: Session, quote_id: int) -> Sequence[NegotiationRound]:
    return session.exec(
        select(NegotiationRound)
        .where(NegotiationRound.quote_id == quote_id)
        .order_by(NegotiationRound.id)
    ).all()


def record_window(
    *, session: Session, window: ExclusivityWindow, now: datetime
) -> ExclusivityWindow:
    window.created_at = now
    session.add(window)
    session.flush()
    return window


def get_window(*, session: Session, team_id: str, window_id: int) -> ExclusivityWindow | None:
    found = session.get(ExclusivityWindow, window_id)
    return found if found is not None and found.team_id == team_id else None


def withdraw_window(*, session: Session, team_id: str, window_id: int, at: datetime) -> bool:
    """Withdraw a window not yet withdrawn; False when it was (or is gone): of concurrent
    clicks exactly one withdraws (a conditional UPDATE, as `claim_quote`)."""
    result = session.exec(
        update(ExclusivityWindow)
        .where(
            col(ExclusivityWindow.id) == window_id,
            col(ExclusivityWindow.team_id) == team_id,
            col(ExclusivityWindow.status) != "withdrawn",
        )
        .values(status="withdrawn", withdrawn_at=at)
        .execution_options(synchronize_session=False)
    )
    return (result.rowcount or 0) == 1


def windows(
    *,
    session: Session,
    team_id: str,
    creator_id: int | None = None,
    partnership_ids: Sequence[int] | None = None,
    ending_after: datetime | None = None,
    starting_before: datetime | None = None,
) -> Sequence[ExclusivityWindow]:
    """Windows in force (agreed or awaiting approval), oldest start first."""
    statement = _windows_statement(
        creator_id is not None,
        partnership_ids is not None,
        ending_after is not None,
        starting_before is not None,
    )
    params = {
        "team_id": team_id,
        "creator_id": creator_id,
        "partnership_ids": list(partnership_ids or ()),
        "ending_after": ending_after,
        "starting_before": starting_before,
    }
    return session.exec(statement, params=params).all()


@cache
def _windows_statement(
    by_creator: bool, by_partnerships: bool, ending_after: bool, starting_before: bool
) -> Select:
    # Built once per shape, values bound at execution: the status card's path (see
    # storage/creators.py).
    statement = select(ExclusivityWindow).where(
        ExclusivityWindow.team_id == bindparam("team_id"),
        col(ExclusivityWindow.status).in_(("agreed", "awaiting_approval")),
    )
    if by_creator:
        statement = statement.where(ExclusivityWindow.creator_id == bindparam("creator_id"))
    if by_partnerships:
        statement = statement.where(
            col(ExclusivityWindow.partnership_id).in_(bindparam("partnership_ids", expanding=True))
        )
    if ending_after:
        statement = statement.where(ExclusivityWindow.ends_at > bindparam("ending_after"))
    if starting_before:
        statement = statement.where(ExclusivityWindow.starts_at <= bindparam("starting_before"))
    return statement.order_by(ExclusivityWindow.starts_at)


# An exclusivity window whose brand requires approval follows its approval request.
WINDOW_STATUS_FOR_APPROVAL = {
    "approved": "agreed",
    "pending": "awaiting_approval",
    "changes_requested": "awaiting_approval",
    "rejected": "withdrawn",
    "cancelled": "withdrawn",
    "expired": "withdrawn",
}


def follow_approval(session: Session, request: ApprovalRequest) -> None:
    """Runs inside the deciding transaction, so the window and the decision agree."""
    window = session.get(ExclusivityWindow, request.source["window_id"])
    status = WINDOW_STATUS_FOR_APPROVAL.get(request.status)
    if window is None or status is None or window.status == "withdrawn":
        return
    window.status = status
    if status == "withdrawn":
        # When the request was settled, on the clock of whoever settled it.
        window.withdrawn_at = request.updated_at
    session.add(window)
