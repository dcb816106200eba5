"""Requests for the approval storage tests, made through the same functions the app uses."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine
from sqlmodel import select

from domain.approvals import ApprovalSettings, Decision, KindSettings, Rule
from domain.values import ApprovalKind
from storage import teams
from storage.approvals import asking, changing
from storage.approvals.settings import save_settings
from storage.db import session_scope
from storage.models import ApprovalRequest, ExclusivityWindow, Partnership
from tests.factories import make_brand, make_creator, make_partnership
from tests.harness import TEAM_ID

ASKED = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
A, B, R, F = "UAPPROVERA", "UAPPROVERB", "UREQUESTER", "UFALLBACK1"
CHANNEL, TS = "C0123456789", "1700000000.000100"


def team_with(engine: Engine, settings: ApprovalSettings) -> None:
    """The team's settings row (the middleware makes it in the app) with these approvers."""
    with session_scope(engine) as session:
        teams.get_or_create_settings(
            session=session,
            team_id=TEAM_ID,
            default_locale="en",
            timezone="Europe/Amsterdam",
            now=ASKED,
        )
        save_settings(session=session, team_id=TEAM_ID, settings=settings)


def partnership(engine: Engine, creator: str = "Zoë de Vries", **fields: Any) -> Partnership:
    """The creator's partnership with a brand of its own."""
    brand = make_brand(engine, f"Brand of {creator}")
    return make_partnership(engine, make_creator(engine, creator), brand, **fields)


def ask(engine: Engine, partnership: Partnership, **fields: Any) -> ApprovalRequest | str:
    """`asking.ask` for a contract approval by R, in its own transaction."""
    arguments: dict[str, Any] = {
        "kind": ApprovalKind.CONTRACT,
        "subject": "Renewal terms 2027",
        "details": "12 months, same fee",
        "requester_id": R,
        "asked_in": CHANNEL,
        "now": ASKED,
        **fields,
    }
    with session_scope(engine) as session:
        return asking.ask(session=session, team_id=TEAM_ID, partnership=partnership, **arguments)


def post(engine: Engine, request_id: int) -> ApprovalRequest | None:
    with session_scope(engine) as session:
        return asking.mark_posted(
            session=session,
            team_id=TEAM_ID,
            request_id=request_id,
            channel_id=CHANNEL,
            message_ts=TS,
            now=ASKED,
        )


def posted_request(
    engine: Engine, rule: Rule = Rule.ANY, fallback: str | None = F
) -> ApprovalRequest:
    """A contract request by R for A and B (R, also listed, never decides on it), posted."""
    team_with(
        engine,
        ApprovalSettings(
            kinds={ApprovalKind.CONTRACT: KindSettings((A, B, R), None, rule)}, fallback=fallback
        ),
    )
    request = ask(engine, partnership(engine))
    assert isinstance(request, ApprovalRequest)
    post(engine, request.id)
    return request


def awaiting_window(engine: Engine) -> tuple[ExclusivityWindow, ApprovalRequest]:
    """An agreed window waiting on its exclusivity approval (asked of A), posted."""
    team_with(engine, ApprovalSettings(kinds={ApprovalKind.EXCLUSIVITY: KindSettings((A,))}))
    deal = partnership(engine)
    with session_scope(engine) as session:
        window = ExclusivityWindow(
            team_id=TEAM_ID,
            creator_id=deal.creator_id,
            partnership_id=deal.id,
            scope="category",
            golive_at=ASKED + timedelta(days=14),
            after_hours=24 * 30,
            starts_at=ASKED + timedelta(days=14),
            ends_at=ASKED + timedelta(days=44),
            price=1000,
            status="awaiting_approval",
            created_at=ASKED,
        )
        session.add(window)
        session.flush()
        window_id = window.id
    request = ask(
        engine,
        deal,
        kind=ApprovalKind.EXCLUSIVITY,
        subject="30 days category",
        details="",
        source={"window_id": window_id},
    )
    assert isinstance(request, ApprovalRequest)
    post(engine, request.id)
    return window, request


def window_status(engine: Engine, window_id: int) -> str:
    with session_scope(engine) as session:
        window = session.get(ExclusivityWindow, window_id)
        assert window is not None
        return window.status


def decide(
    engine: Engine,
    request_id: int,
    actor: str,
    decision: Decision = Decision.APPROVE,
    *,
    at: datetime = ASKED + timedelta(hours=1),
) -> changing.Outcome:
    with session_scope(engine) as session:
        return changing.decide(
            session=session,
            team_id=TEAM_ID,
            request_id=request_id,
            version=1,
            actor=actor,
            decision=decision,
            reason=None if decision is Decision.APPROVE else "why not",
            now=at,
        )


def rows(engine: Engine, model: type) -> list:
    with session_scope(engine) as session:
        return list(session.exec(select(model)).all())


def clicks_at_once(engine: Engine, request_id: int, actors: list[str]) -> list[str]:
    """Every actor clicks at the same moment, each on a thread of its own."""
    barrier = threading.Barrier(len(actors))

    def click(actor: str) -> str:
        barrier.wait()
        return decide(engine, request_id, actor).code

    with ThreadPoolExecutor(max_workers=len(actors)) as pool:
        return list(pool.map(click, actors))
