"""What the clock will send about a request: one reminder row per message."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Engine

from domain.approvals import ApprovalSettings, KindSettings
from domain.values import ApprovalKind
from storage.approvals import schedule
from storage.db import session_scope
from storage.models import ApprovalRequest, Reminder
from tests.storage.approvals.making import (
    ASKED,
    TS,
    A,
    B,
    F,
    R,
    ask,
    partnership,
    posted_request,
    rows,
    team_with,
)


def test_a_posted_request_is_reminded_in_its_thread_and_by_dm(engine: Engine) -> None:
    request = posted_request(engine)
    assert request.approvers == [A, B]  # the requester, also listed, is not asked
    assert request.due_at == ASKED + timedelta(hours=48)
    keys = {r.dedupe_key: r for r in rows(engine, Reminder)}
    prefix = schedule.key_prefix(request.id, 1)
    assert set(keys) == {
        prefix + "remind:thread",
        prefix + f"remind:{A}",
        prefix + f"remind:{B}",
        prefix + "escalate:thread",
        prefix + f"escalate:{F}",
        prefix + "expire:message",
        prefix + f"expire:{R}",
    }
    assert keys[prefix + "remind:thread"].thread_ts == TS
    assert keys[prefix + f"remind:{A}"].channel_id == A
    assert keys[prefix + "escalate:thread"].due_at == ASKED + timedelta(hours=48 + 24)
    assert keys[prefix + "expire:message"].due_at == ASKED + timedelta(days=7)


def test_a_request_in_no_thread_is_reminded_by_dm_only(engine: Engine) -> None:
    team_with(engine, ApprovalSettings(kinds={ApprovalKind.CONTRACT: KindSettings((A,))}))
    request = ask(engine, partnership(engine))
    assert isinstance(request, ApprovalRequest)
    with session_scope(engine) as session:
        stored = session.get(ApprovalRequest, request.id)
        schedule.schedule_reminders(session=session, request=stored, now=ASKED)
    prefix = schedule.key_prefix(request.id, 1)
    assert {r.dedupe_key for r in rows(engine, Reminder)} == {
        prefix + f"remind:{A}",
        prefix + f"expire:{R}",
    }
