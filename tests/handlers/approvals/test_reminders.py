"""The clock's messages about a request: reminders, escalation to the fallback, expiry."""

from __future__ import annotations

from datetime import timedelta

from handlers.scheduled import web_api_call
from storage.models import ApprovalDecision, ApprovalRequest
from tests.handlers.approvals.desk import (
    APPROVER,
    FALLBACK,
    PARTNERSHIP_CHANNEL,
    REQUESTER,
    SECOND,
    actions_of,
    ask,
    click,
    configure,
    current,
    render_due,
    rows,
    text_of,
    told,
)
from tests.harness import AppHarness


def test_overdue_reminders_then_escalation_to_the_fallback(desk: AppHarness) -> None:
    configure(desk)
    request = ask(desk)
    reminder, message = render_due(desk, "remind:thread")
    assert reminder.due_at == desk.clock() + timedelta(hours=48)
    method, args = web_api_call(reminder, message)
    assert (method, args["channel"], args["thread_ts"]) == (
        "chat.postMessage",
        PARTNERSHIP_CHANNEL,
        request["ts"],
    )
    assert f"<@{APPROVER}>, <@{SECOND}>" in message["text"]
    # Sam spoke to the bot before (Slack says en-GB): English. Lou never did: the team's Dutch.
    desk.command("/creator", "help", user_id=SECOND)
    _, dm = render_due(desk, f"remind:{SECOND}")
    assert "waiting for your approval" in dm["text"] and "Renewal terms 2027" in dm["text"]
    _, dutch = render_due(desk, f"remind:{APPROVER}")
    assert "wacht op je goedkeuring" in dutch["text"]

    # Before the escalation the fallback may not decide; after it, they may.
    before = len(desk.standin.calls)
    click(desk, request, "approval_approve", FALLBACK)
    assert "Only the approvers" in told(desk, before)[0]
    escalation, note = render_due(desk, "escalate:thread")
    assert escalation.due_at == desk.clock() + timedelta(hours=72)
    assert f"<@{FALLBACK}>" in note["text"]
    _, fallback_dm = render_due(desk, f"escalate:{FALLBACK}")
    assert "fallback approver" in fallback_dm["text"]
    desk.clock.advance(hours=72)
    click(desk, request, "approval_approve", FALLBACK)
    [stored] = rows(desk.engine, ApprovalRequest)
    assert (stored.status, stored.decided_by) == ("approved", FALLBACK)
    # Nothing more to remind about.
    assert render_due(desk, "remind:thread")[1] is None
    assert render_due(desk, f"escalate:{FALLBACK}")[1] is None


def test_an_expired_request_loses_its_buttons_and_says_so(desk: AppHarness) -> None:
    configure(desk)
    request = ask(desk)
    reminder, message = render_due(desk, "expire:message")
    assert reminder.due_at == desk.clock() + timedelta(days=7)
    method, args = web_api_call(reminder, message)
    assert method == "chat.update" and args["ts"] == request["ts"]
    assert args["channel"] == PARTNERSHIP_CHANNEL
    assert actions_of(args) == []
    assert "Verlopen" in text_of(args["blocks"])  # the channel reads the team's Dutch
    _, dm = render_due(desk, f"expire:{REQUESTER}")
    assert "expired" in dm["text"]
    [stored] = rows(desk.engine, ApprovalRequest)
    assert stored.status == "expired"
    before = len(desk.standin.calls)
    desk.clock.advance(days=8)
    click(desk, request, "approval_approve", SECOND)
    assert "expired" in told(desk, before)[0]
    assert rows(desk.engine, ApprovalDecision) == []


def test_a_click_after_expiry_expires_the_request_even_before_the_clock_did(
    desk: AppHarness,
) -> None:
    configure(desk)
    request = ask(desk)
    desk.clock.advance(days=7)
    before = len(desk.standin.calls)
    click(desk, request, "approval_approve", SECOND)
    assert "expired" in told(desk, before)[0]
    assert actions_of(current(desk, request)) == []
    [stored] = rows(desk.engine, ApprovalRequest)
    assert stored.status == "expired"
