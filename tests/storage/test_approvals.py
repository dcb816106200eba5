"""Approval storage on SQLite and PostgreSQL: one decision under concurrency, edits, reminders."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine
from sqlmodel import select

from domain.approvals import ApprovalSettings, Decision, KindSettings, Rule, Status
from domain.values import ApprovalKind
from storage import approvals, teams
from storage.db import session_scope
from storage.models import ApprovalDecision, ApprovalRequest, Reminder
from tests.factories import make_brand, make_creator, make_partnership
from tests.harness import TEAM_ID

ASKED = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
A, B, R, F = "UAPPROVERA", "UAPPROVERB", "UREQUESTER", "UFALLBACK1"


def _request(engine: Engine, rule: Rule = Rule.ANY, fallback: str | None = F) -> ApprovalRequest:
    partnership = make_partnership(engine, make_creator(engine), make_brand(engine))
    settings = ApprovalSettings(
        kinds={ApprovalKind.CONTRACT: KindSettings((A, B, R), None, rule)}, fallback=fallback
    )
    with session_scope(engine) as session:
        teams.get_or_create_settings(
            session=session,
            team_id=TEAM_ID,
            default_locale="en",
            timezone="Europe/Amsterdam",
            now=ASKED,
        )
        approvals.save_settings(session=session, team_id=TEAM_ID, settings=settings)
        request = approvals.create(
            session=session,
            team_id=TEAM_ID,
            partnership_id=partnership.id,
            kind=ApprovalKind.CONTRACT,
            subject="Renewal terms 2027",
            details="12 months, same fee",
            requester_id=R,
            settings=approvals.get_settings(session=session, team_id=TEAM_ID),
            channel_id="C0123456789",
            now=ASKED,
        )
        approvals.mark_posted(
            session=session,
            team_id=TEAM_ID,
            request_id=request.id,
            channel_id="C0123456789",
            message_ts="1700000000.000100",
            now=ASKED,
        )
        return request


def _decide(engine: Engine, request_id: int, actor: str, decision: Decision = Decision.APPROVE):  # noqa: ANN202
    with session_scope(engine) as session:
        return approvals.decide(
            session=session,
            team_id=TEAM_ID,
            request_id=request_id,
            version=1,
            actor=actor,
            decision=decision,
            reason=None if decision is Decision.APPROVE else "why not",
            now=ASKED + timedelta(hours=1),
        )


def _rows(engine: Engine, model) -> list:  # noqa: ANN001
    with session_scope(engine) as session:
        return list(session.exec(select(model)).all())


def _clicks_at_once(engine: Engine, request_id: int, actors: list[str]) -> list[str]:
    """Every actor clicks at the same moment, each on a thread of its own."""
    barrier = threading.Barrier(len(actors))

    def click(actor: str) -> str:
        barrier.wait()
        return _decide(engine, request_id, actor).code

    with ThreadPoolExecutor(max_workers=len(actors)) as pool:
        return list(pool.map(click, actors))


def test_the_requester_is_not_an_approver_and_reminders_are_scheduled(engine: Engine) -> None:
    request = _request(engine)
    assert request.approvers == [A, B]
    assert request.due_at == ASKED + timedelta(hours=48)
    keys = {r.dedupe_key: r for r in _rows(engine, Reminder)}
    prefix = f"approval:{request.id}:v1:"
    assert set(keys) == {
        prefix + "remind:thread",
        prefix + f"remind:{A}",
        prefix + f"remind:{B}",
        prefix + "escalate:thread",
        prefix + f"escalate:{F}",
        prefix + "expire:message",
        prefix + f"expire:{R}",
    }
    assert keys[prefix + "remind:thread"].thread_ts == "1700000000.000100"
    assert keys[prefix + f"remind:{A}"].channel_id == A
    assert keys[prefix + "escalate:thread"].due_at == ASKED + timedelta(hours=48 + 24)
    assert keys[prefix + "expire:message"].due_at == ASKED + timedelta(days=7)


def test_twenty_concurrent_clicks_from_two_approvers_decide_once(engine: Engine) -> None:
    request = _request(engine)
    codes = _clicks_at_once(engine, request.id, [A, B] * 10)
    assert codes.count("decided") == 1
    assert set(codes) <= {"decided", "late", "duplicate"}
    [decision] = _rows(engine, ApprovalDecision)
    [stored] = _rows(engine, ApprovalRequest)
    assert (stored.status, stored.decided_by) == ("approved", decision.approver_id)
    # The decision cancels what was still to be sent.
    states = {r.dedupe_key: r.state for r in _rows(engine, Reminder)}
    assert set(states.values()) == {"cancelled"}


def test_concurrent_approvals_under_rule_all_count_each_approver_once(engine: Engine) -> None:
    request = _request(engine, Rule.ALL)
    codes = _clicks_at_once(engine, request.id, [A, B] * 10)
    assert codes.count("decided") == 1
    assert codes.count("recorded") == 1
    assert sorted(d.approver_id for d in _rows(engine, ApprovalDecision)) == [A, B]
    [stored] = _rows(engine, ApprovalRequest)
    assert stored.status == "approved"


def test_refusals_change_nothing(engine: Engine) -> None:
    request = _request(engine)
    assert _decide(engine, request.id, R).refusal == "own_request"
    assert _decide(engine, request.id, "USTRANGER1").refusal == "not_approver"
    assert _decide(engine, request.id, F).refusal == "not_approver"  # not escalated yet
    assert _rows(engine, ApprovalDecision) == []
    [stored] = _rows(engine, ApprovalRequest)
    assert stored.status == "pending"


def test_a_late_click_finds_who_decided(engine: Engine) -> None:
    request = _request(engine)
    assert _decide(engine, request.id, A, Decision.REJECT).code == "decided"
    late = _decide(engine, request.id, B)
    assert late.code == "late"
    assert (late.request.status, late.request.decided_by) == ("rejected", A)
    assert late.request.decision_reason == "why not"


def test_an_edit_invalidates_the_decisions_so_far_and_asks_again(engine: Engine) -> None:
    request = _request(engine, Rule.ALL)
    assert _decide(engine, request.id, A).code == "recorded"
    edited_at = ASKED + timedelta(hours=5)
    with session_scope(engine) as session:
        outcome = approvals.edit(
            session=session,
            team_id=TEAM_ID,
            request_id=request.id,
            version=1,
            actor=R,
            subject="Renewal terms 2027, 18 months",
            details="12 months, same fee",
            now=edited_at,
            settings=approvals.get_settings(session=session, team_id=TEAM_ID),
        )
    assert (outcome.code, outcome.changed) == ("edited", ("subject",))
    stored = outcome.request
    assert (stored.version, stored.status) == (2, "pending")
    assert stored.due_at == edited_at + timedelta(hours=48)
    with session_scope(engine) as session:
        assert approvals.decisions_of(session=session, request=stored) == {}
        events = [e.event for e in approvals.events_of(session=session, request_id=request.id)]
    assert events == ["created", "posted", "decision", "edited"]
    # The old version's buttons no longer decide anything.
    assert _decide(engine, request.id, B).code == "late"
    reminders_by_key = {r.dedupe_key: r.state for r in _rows(engine, Reminder)}
    assert reminders_by_key[f"approval:{request.id}:v1:remind:thread"] == "cancelled"
    assert reminders_by_key[f"approval:{request.id}:v2:remind:thread"] == "pending"


def test_expiry_after_its_time_only(engine: Engine) -> None:
    request = _request(engine)
    with session_scope(engine) as session:
        early = approvals.expire(
            session=session,
            team_id=TEAM_ID,
            request_id=request.id,
            version=1,
            now=request.expires_at - timedelta(minutes=1),
        )
    assert early is None
    with session_scope(engine) as session:
        expired = approvals.expire(
            session=session,
            team_id=TEAM_ID,
            request_id=request.id,
            version=1,
            now=request.expires_at,
        )
    assert expired is not None and expired.status == Status.EXPIRED.value
    late = _decide(engine, request.id, A)
    assert late.code == "late"


def test_pending_lists_mine_and_all(engine: Engine) -> None:
    request = _request(engine)
    with session_scope(engine) as session:
        at = ASKED + timedelta(hours=1)
        assert [
            i.request.id
            for i in approvals.list_pending(session=session, team_id=TEAM_ID, now=at, user_id=A)
        ] == [request.id]
        assert approvals.list_pending(session=session, team_id=TEAM_ID, now=at, user_id=F) == []
        escalated = request.due_at + timedelta(hours=24)
        assert (
            len(approvals.list_pending(session=session, team_id=TEAM_ID, now=escalated, user_id=F))
            == 1
        )
        assert (
            approvals.list_pending(session=session, team_id=TEAM_ID, now=request.expires_at) == []
        )


def test_exclusivity_requests_need_exclusivity_approvers(engine: Engine) -> None:
    partnership = make_partnership(engine, make_creator(engine), make_brand(engine))
    with session_scope(engine) as session:
        teams.get_or_create_settings(
            session=session,
            team_id=TEAM_ID,
            default_locale="en",
            timezone="Europe/Amsterdam",
            now=ASKED,
        )
        assert (
            approvals.create_for_exclusivity(
                session,
                team_id=TEAM_ID,
                partnership_id=partnership.id,
                window_id=7,
                requester_id=R,
                subject="Exclusivity: 30 days category",
                details="",
                now=ASKED,
            )
            is None
        )
        approvals.save_settings(
            session=session,
            team_id=TEAM_ID,
            settings=ApprovalSettings(kinds={ApprovalKind.EXCLUSIVITY: KindSettings((A,))}),
        )
        request = approvals.create_for_exclusivity(
            session,
            team_id=TEAM_ID,
            partnership_id=partnership.id,
            window_id=7,
            requester_id=R,
            subject="Exclusivity: 30 days category",
            details="",
            channel_id="C0123456789",
            now=ASKED,
        )
    assert request.source == {"window_id": 7}
    assert (request.kind, request.approvers, request.channel_id) == (
        "exclusivity",
        [A],
        "C0123456789",
    )


def test_whatever_waits_on_a_request_hears_its_outcome(engine: Engine, monkeypatch) -> None:  # noqa: ANN001
    heard: list[tuple[int, str]] = []
    monkeypatch.setitem(
        approvals.STATUS_HOOKS,
        "window_id",
        lambda session, request: heard.append((request.source["window_id"], request.status)),
    )
    partnership = make_partnership(engine, make_creator(engine), make_brand(engine))
    with session_scope(engine) as session:
        teams.get_or_create_settings(
            session=session,
            team_id=TEAM_ID,
            default_locale="en",
            timezone="Europe/Amsterdam",
            now=ASKED,
        )
        approvals.save_settings(
            session=session,
            team_id=TEAM_ID,
            settings=ApprovalSettings(kinds={ApprovalKind.EXCLUSIVITY: KindSettings((A,))}),
        )
        kept = approvals.create_for_exclusivity(
            session,
            team_id=TEAM_ID,
            partnership_id=partnership.id,
            window_id=7,
            requester_id=R,
            subject="30 days category",
            details="",
            channel_id="C0123456789",
            now=ASKED,
        )
        unposted = approvals.create_for_exclusivity(
            session,
            team_id=TEAM_ID,
            partnership_id=partnership.id,
            window_id=8,
            requester_id=R,
            subject="14 days full",
            details="",
            channel_id="C0123456789",
            now=ASKED,
        )
        approvals.mark_posted(
            session=session,
            team_id=TEAM_ID,
            request_id=kept.id,
            channel_id="C0123456789",
            message_ts="1700000000.000100",
            now=ASKED,
        )
    assert _decide(engine, kept.id, A).code == "decided"
    # A request that could not be posted is not silently dropped: its window hears it.
    with session_scope(engine) as session:
        approvals.discard(session=session, team_id=TEAM_ID, request_id=unposted.id, now=ASKED)
    assert heard == [(7, "approved"), (8, "cancelled")]
    assert {r.id for r in _rows(engine, ApprovalRequest)} == {kept.id, unposted.id}
