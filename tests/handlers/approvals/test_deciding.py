"""Deciding through the stand-in: the round trip, refusals, the reason modal, and 20
concurrent clicks over real HTTP."""

from __future__ import annotations

from storage.models import ApprovalDecision, ApprovalEvent, ApprovalRequest
from tests.handlers.approvals.desk import (
    APPROVER,
    PARTNERSHIP_CHANNEL,
    REQUESTER,
    SECOND,
    STRANGER,
    actions_of,
    ask,
    click,
    configure,
    current,
    dms_to,
    rows,
    text_of,
    thread,
    told,
)
from tests.harness import AppHarness, block_actions_body, post_at_once, served


def test_full_round_trip(desk: AppHarness) -> None:
    configure(desk)
    request = ask(desk)
    assert request["channel"] == PARTNERSHIP_CHANNEL  # the partnership's channel
    assert "Renewal terms 2027" in text_of(request["blocks"])
    assert f"<@{APPROVER}>, <@{SECOND}>" in text_of(request["blocks"])
    assert actions_of(request) == [
        "approval_approve",
        "approval_changes",
        "approval_reject",
        "approval_edit",
        "approval_cancel",
    ]
    # The requester ran it elsewhere: told where it went.
    assert f"<#{PARTNERSHIP_CHANNEL}>" in told(desk)[-1]
    card = text_of(desk.command("/creator", "status zoe"))
    assert "Renewal terms 2027" in card and "waiting for" in card

    click(desk, request, "approval_approve", APPROVER)
    updated = current(desk, request)
    assert actions_of(updated) == []  # the buttons go
    result = text_of(updated["blocks"])
    # The channel reads the team's language (Dutch) and time zone (Amsterdam: 09:00 UTC = 10:00).
    assert f"*Goedgekeurd* door <@{APPROVER}> op ma 23 nov 10:00" in result
    [note] = thread(desk, request)
    assert note == f"✅ <@{APPROVER}> keurde goed."
    [dm] = dms_to(desk, REQUESTER)
    assert "was approved by" in dm["text"]  # Casey reads English
    [decision] = rows(desk.engine, ApprovalDecision)
    assert (decision.approver_id, decision.decision) == (APPROVER, "approve")
    events = [e.event for e in rows(desk.engine, ApprovalEvent)]
    assert events == ["created", "posted", "decision", "resolved"]
    assert "Renewal terms 2027" not in text_of(desk.command("/creator", "status zoe"))

    # A late click from the other approver: who decided, and when.
    before = len(desk.standin.calls)
    click(desk, request, "approval_approve", SECOND)
    [late] = told(desk, before)
    assert f"<@{APPROVER}>" in late and "already approved" in late
    assert len(rows(desk.engine, ApprovalDecision)) == 1


def test_a_non_approver_and_the_requester_are_refused(desk: AppHarness) -> None:
    configure(desk, users=(APPROVER, REQUESTER))
    request = ask(desk)
    updates_before = len(desk.standin.calls_to("chat.update"))
    before = len(desk.standin.calls)
    click(desk, request, "approval_approve", STRANGER)
    click(desk, request, "approval_reject", STRANGER)
    click(desk, request, "approval_approve", REQUESTER)
    answers = told(desk, before)
    assert "Only the approvers can decide" in answers[0] and f"<@{APPROVER}>" in answers[0]
    assert "Only the approvers can decide" in answers[1]
    assert "your own request" in answers[2]
    assert desk.standin.calls_to("views.open") == []  # no reason modal for a stranger
    assert len(desk.standin.calls_to("chat.update")) == updates_before
    assert rows(desk.engine, ApprovalDecision) == []
    [stored] = rows(desk.engine, ApprovalRequest)
    assert stored.status == "pending" and stored.approvers == [APPROVER]


def test_request_changes_with_a_reason_then_edit_and_ask_again(desk: AppHarness) -> None:
    configure(desk)
    request = ask(desk)
    click(desk, request, "approval_changes", APPROVER)
    modal = desk.last_view()
    assert modal["callback_id"] == "approval_reason"
    errors = desk.submit(modal, {"reason": "   "}, user_id=APPROVER)
    assert "reason" in errors["errors"]
    assert desk.submit(modal, {"reason": "Make it 18 months"}, user_id=APPROVER) == {}
    desk.standin.wait_for_call("chat.update")
    updated = current(desk, request)
    assert actions_of(updated) == []
    assert "Make it 18 months" in text_of(updated["blocks"])
    assert "Make it 18 months" in thread(desk, request)[0]
    [dm] = dms_to(desk, REQUESTER)
    assert "requested changes" in dm["text"] and "Make it 18 months" in dm["text"]
    [decision] = rows(desk.engine, ApprovalDecision)
    assert (decision.decision, decision.reason) == ("request_changes", "Make it 18 months")

    # The requester edits from the DM: a new version, asked again, saying what changed.
    dm_message = {**dm, "ts": desk.standin.calls_to("chat.postMessage")[-1].response["ts"]}
    dm_message["channel"] = desk.standin.calls_to("chat.postMessage")[-1].response["channel"]
    click(desk, dm_message, "approval_edit", REQUESTER)
    edit = desk.last_view()
    assert edit["callback_id"] == "approval_edit_form"
    assert "errors" in desk.submit(edit, {}, user_id=REQUESTER)  # nothing changed
    assert desk.submit(edit, {"subject": "Renewal terms 2027, 18 months"}, user_id=REQUESTER) == {}
    desk.standin.wait_for_call("chat.update", 2)
    again = current(desk, request)
    assert "Renewal terms 2027, 18 months" in text_of(again["blocks"])
    assert "approval_approve" in actions_of(again)
    note = thread(desk, request)[-1]
    assert "Renewal terms 2027" in note and "18 months" in note and f"<@{APPROVER}>" in note
    [stored] = rows(desk.engine, ApprovalRequest)
    assert (stored.version, stored.status) == (2, "pending")
    # The request's own buttons now carry the new version.
    click(desk, again, "approval_approve", SECOND)
    [stored] = rows(desk.engine, ApprovalRequest)
    assert (stored.status, stored.decided_by) == ("approved", SECOND)


def test_reject_with_a_reason(desk: AppHarness) -> None:
    configure(desk)
    request = ask(desk)
    click(desk, request, "approval_reject", SECOND)
    assert desk.submit(desk.last_view(), {"reason": "Over budget"}, user_id=SECOND) == {}
    desk.standin.wait_for_call("chat.update")
    assert "Over budget" in text_of(current(desk, request)["blocks"])
    [stored] = rows(desk.engine, ApprovalRequest)
    assert (stored.status, stored.decision_reason) == ("rejected", "Over budget")


def test_twenty_concurrent_http_clicks_from_two_approvers_decide_once(desk: AppHarness) -> None:
    configure(desk)
    request = ask(desk)
    message = {
        "type": "message",
        "ts": request["ts"],
        "text": request["text"],
        "blocks": request["blocks"],
    }
    value = request["blocks"][-2]["elements"][0]["value"]
    bodies = [
        block_actions_body(
            "approval_approve",
            value,
            response_url=desk.standin.hook_url("action"),
            user_id=user,
            channel_id=PARTNERSHIP_CHANNEL,
            message=message,
        )
        for user in [APPROVER, SECOND] * 10
    ]
    updates_before = len(desk.standin.calls_to("chat.update"))
    clicks_from = len(desk.standin.calls)
    with served(desk.app, desk.engine) as url:
        statuses = post_at_once(url, bodies)
        assert statuses == [200] * 20
        # The winner's update, thread note and DM; an ephemeral answer for each of the others.
        desk.standin.wait_for(
            lambda calls: (
                sum(c.method == "respond" for c in calls) >= 19
                and sum(c.method == "chat.update" for c in calls) >= updates_before + 1
            ),
            timeout=20,
        )
    [decision] = rows(desk.engine, ApprovalDecision)
    [stored] = rows(desk.engine, ApprovalRequest)
    assert (stored.status, stored.decided_by) == ("approved", decision.approver_id)
    assert len(desk.standin.calls_to("chat.update")) == updates_before + 1
    assert len(thread(desk, request)) == 1
    assert len(dms_to(desk, REQUESTER)) == 1
    # Each of the 19 other clicks is answered: the winner's own double clicks say so, the
    # other approver's say who decided (each in their own language: Lou reads Dutch).
    answers = told(desk, clicks_from)
    assert len(answers) == 19
    winner, loser = decision.approver_id, ({APPROVER, SECOND} - {decision.approver_id}).pop()
    yours = [a for a in answers if a.startswith(("You already approved", "Je keurde dit al goed"))]
    theirs = [a for a in answers if f"<@{winner}>" in a]
    assert (len(yours), len(theirs)) == (9, 10)
    assert loser not in text_of(answers)
