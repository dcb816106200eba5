"""Changing a request on SQLite and PostgreSQL: one decision under concurrency, refusals,
late clicks, cancel, edits and expiry."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Engine

from domain.approvals import Decision, Rule, Status
from storage.approvals import changing, reading
from storage.approvals.settings import get_settings
from storage.db import session_scope
from storage.models import ApprovalDecision, ApprovalRequest, Reminder
from tests.harness import TEAM_ID
from tests.storage.approvals.making import (
    ASKED,
    A,
    B,
    F,
    R,
    clicks_at_once,
    decide,
    posted_request,
    rows,
)


def test_twenty_concurrent_clicks_from_two_approvers_decide_once(engine: Engine) -> None:
    request = posted_request(engine)
    codes = clicks_at_once(engine, request.id, [A, B] * 10)
    assert codes.count("decided") == 1
    assert set(codes) <= {"decided", "late", "duplicate"}
    [decision] = rows(engine, ApprovalDecision)
    [stored] = rows(engine, ApprovalRequest)
    assert (stored.status, stored.decided_by) == ("approved", decision.approver_id)
    # The decision cancels what was still to be sent.
    assert {r.state for r in rows(engine, Reminder)} == {"cancelled"}


def test_concurrent_approvals_under_rule_all_count_each_approver_once(engine: Engine) -> None:
    request = posted_request(engine, Rule.ALL)
    codes = clicks_at_once(engine, request.id, [A, B] * 10)
    assert codes.count("decided") == 1
    assert codes.count("recorded") == 1
    assert sorted(d.approver_id for d in rows(engine, ApprovalDecision)) == [A, B]
    [stored] = rows(engine, ApprovalRequest)
    assert stored.status == "approved"


def test_refusals_change_nothing(engine: Engine) -> None:
    request = posted_request(engine)
    assert decide(engine, request.id, R).refusal == "own_request"
    assert decide(engine, request.id, "USTRANGER1").refusal == "not_approver"
    assert decide(engine, request.id, F).refusal == "not_approver"  # not escalated yet
    assert rows(engine, ApprovalDecision) == []
    [stored] = rows(engine, ApprovalRequest)
    assert stored.status == "pending"


def test_the_fallback_decides_once_the_request_is_escalated(engine: Engine) -> None:
    request = posted_request(engine, Rule.ALL)
    escalated = request.due_at + timedelta(hours=24)
    outcome = decide(engine, request.id, F, at=escalated)
    assert (outcome.code, outcome.request.status, outcome.request.decided_by) == (
        "decided",
        "approved",
        F,
    )


def test_a_late_click_finds_who_decided(engine: Engine) -> None:
    request = posted_request(engine)
    assert decide(engine, request.id, A, Decision.REJECT).code == "decided"
    late = decide(engine, request.id, B)
    assert late.code == "late"
    assert (late.request.status, late.request.decided_by) == ("rejected", A)
    assert late.request.decision_reason == "why not"


def _cancel(engine: Engine, request_id: int, actor: str) -> changing.Outcome:
    with session_scope(engine) as session:
        return changing.cancel(
            session=session,
            team_id=TEAM_ID,
            request_id=request_id,
            version=1,
            actor=actor,
            now=ASKED + timedelta(hours=2),
        )


def test_only_the_requester_cancels_and_then_nobody_decides(engine: Engine) -> None:
    request = posted_request(engine)
    refused = _cancel(engine, request.id, A)
    assert (refused.code, refused.refusal) == ("refused", "not_requester")
    cancelled = _cancel(engine, request.id, R)
    assert (cancelled.code, cancelled.request.status) == ("cancelled", "cancelled")
    assert {r.state for r in rows(engine, Reminder)} == {"cancelled"}
    assert decide(engine, request.id, A).code == "late"


def test_an_edit_invalidates_the_decisions_so_far_and_asks_again(engine: Engine) -> None:
    request = posted_request(engine, Rule.ALL)
    assert decide(engine, request.id, A).code == "recorded"
    edited_at = ASKED + timedelta(hours=5)
    with session_scope(engine) as session:
        outcome = changing.edit(
            session=session,
            team_id=TEAM_ID,
            request_id=request.id,
            version=1,
            actor=R,
            subject="Renewal terms 2027, 18 months",
            details="12 months, same fee",
            now=edited_at,
            settings=get_settings(session=session, team_id=TEAM_ID),
        )
    assert (outcome.code, outcome.changed) == ("edited", ("subject",))
    stored = outcome.request
    assert (stored.version, stored.status) == (2, "pending")
    assert stored.due_at == edited_at + timedelta(hours=48)
    with session_scope(engine) as session:
        assert reading.decisions_of(session=session, request=stored) == {}
        events = [e.event for e in reading.events_of(session=session, request_id=request.id)]
    assert events == ["created", "posted", "decision", "edited"]
    # The old version's buttons no longer decide anything.
    assert decide(engine, request.id, B).code == "late"
    reminders_by_key = {r.dedupe_key: r.state for r in rows(engine, Reminder)}
    assert reminders_by_key[f"approval:{request.id}:v1:remind:thread"] == "cancelled"
    assert reminders_by_key[f"approval:{request.id}:v2:remind:thread"] == "pending"


def _expire(engine: Engine, request: ApprovalRequest, at_offset: timedelta) -> object:
    with session_scope(engine) as session:
        return changing.expire(
            session=session,
            team_id=TEAM_ID,
            request_id=request.id,
            version=1,
            now=request.expires_at + at_offset,
        )


def test_expiry_after_its_time_only(engine: Engine) -> None:
    request = posted_request(engine)
    assert _expire(engine, request, -timedelta(minutes=1)) is None
    expired = _expire(engine, request, timedelta(0))
    assert isinstance(expired, ApprovalRequest) and expired.status == Status.EXPIRED.value
    assert decide(engine, request.id, A).code == "late"
    # The expiry's own messages (the card, the requester's DM) are still to be sent.
    expiry = {r.dedupe_key: r.state for r in rows(engine, Reminder) if ":expire:" in r.dedupe_key}
    assert expiry == {
        f"approval:{request.id}:v1:expire:message": "pending",
        f"approval:{request.id}:v1:expire:{R}": "pending",
    }
