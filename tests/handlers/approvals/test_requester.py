"""The requester's buttons: an edit asks again, only the requester cancels."""

from __future__ import annotations

from domain.approvals import Rule
from storage.models import ApprovalDecision, ApprovalRequest, Reminder
from tests.handlers.approvals.desk import (
    APPROVER,
    REQUESTER,
    SECOND,
    actions_of,
    ask,
    click,
    configure,
    current,
    rows,
    text_of,
    thread,
    told,
)
from tests.harness import AppHarness


def test_an_edit_invalidates_the_approvals_so_far(desk: AppHarness) -> None:
    configure(desk, rule=Rule.ALL)
    request = ask(desk)
    click(desk, request, "approval_approve", APPROVER)
    progress = current(desk, request)
    assert f"<@{SECOND}>" in text_of(progress["blocks"]) and "approval_approve" in actions_of(
        progress
    )
    assert f"nog wachten op <@{SECOND}>" in thread(desk, request)[0]  # the team's Dutch
    click(desk, request, "approval_edit", REQUESTER)
    desk.submit(desk.last_view(), {"details": "Fee +5 %"}, user_id=REQUESTER)
    desk.standin.wait_for_call("chat.update", 2)
    assert "De besluiten tot nu toe tellen niet meer" in thread(desk, request)[-1]
    # A click on the old version changes nothing and says why.
    before = len(desk.standin.calls)
    click(desk, request, "approval_approve", SECOND)
    assert "changed since" in told(desk, before)[0]
    new = current(desk, request)
    click(desk, new, "approval_approve", SECOND)
    [stored] = rows(desk.engine, ApprovalRequest)
    assert stored.status == "pending"  # Lou's approval of version 1 no longer counts
    click(desk, new, "approval_approve", APPROVER)
    [stored] = rows(desk.engine, ApprovalRequest)
    assert stored.status == "approved"
    assert sorted((d.version, d.approver_id) for d in rows(desk.engine, ApprovalDecision)) == [
        (1, APPROVER),
        (2, APPROVER),
        (2, SECOND),
    ]


def test_the_requester_can_cancel_and_only_they(desk: AppHarness) -> None:
    configure(desk)
    request = ask(desk)
    before = len(desk.standin.calls)
    click(desk, request, "approval_cancel", SECOND)
    assert f"Only <@{REQUESTER}>, who asked" in told(desk, before)[0]
    click(desk, request, "approval_cancel", REQUESTER)
    desk.standin.wait_for_call("chat.update")
    assert actions_of(current(desk, request)) == []
    assert f"<@{REQUESTER}> heeft dit verzoek ingetrokken" in thread(desk, request)[-1]
    before = len(desk.standin.calls)
    click(desk, request, "approval_approve", SECOND)
    assert f"<@{REQUESTER}> cancelled this request" in told(desk, before)[0]
    [stored] = rows(desk.engine, ApprovalRequest)
    assert stored.status == "cancelled"
    assert {r.state for r in rows(desk.engine, Reminder)} == {"cancelled"}


def test_a_forged_click_on_the_requesters_buttons_is_acked_and_changes_nothing(
    desk: AppHarness,
) -> None:
    configure(desk)
    request = ask(desk)
    before = len(desk.standin.calls)
    for action in ("approval_cancel", "approval_edit"):
        click(desk, request, action, REQUESTER, value="7")  # no version: not a request's
    assert told(desk, before) == []
    assert not [c for c in desk.standin.calls[before:] if c.method in ("chat.update", "views.open")]
    [stored] = rows(desk.engine, ApprovalRequest)
    assert stored.status == "pending"
