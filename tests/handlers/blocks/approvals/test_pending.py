"""Pending requests, one line each, and `/creator approvals`, from facts alone."""

from __future__ import annotations

from handlers.blocks.approvals.pending import (
    MAX_LISTED,
    ListedRequest,
    build_pending_list,
    pending_line,
)
from locales import translator
from tests.handlers.blocks.approvals.facts import CHANNEL, LOU, REQUESTER, ZONE, card, text_of

EN = translator("en")


def listed(n: int = 0, *, can_decide: bool = True, overdue: bool = False) -> ListedRequest:
    return ListedRequest(card(id=n + 1), CHANNEL, overdue, can_decide, (LOU,))


def test_a_pending_line_says_who_is_awaited_and_when_it_is_due() -> None:
    assert pending_line(EN, listed(), ZONE) == (
        f"Contract: “Renewal terms 2027” · waiting for <@{LOU}> · due Wed 25 Nov 10:00"
    )
    assert "overdue since Wed 25 Nov 10:00" in pending_line(EN, listed(overdue=True), ZONE)


def test_the_list_has_buttons_only_where_you_may_decide() -> None:
    message = build_pending_list(EN, [listed(0), listed(1, can_decide=False)], True, 2, ZONE)
    actions = [b for b in message["blocks"] if b["type"] == "actions"]
    assert [a["block_id"] for a in actions] == ["approval_list_0"]
    assert [e["action_id"] for e in actions[0]["elements"]] == [
        "approval_approve_0",
        "approval_changes_0",
        "approval_reject_0",
    ]
    shown = text_of(message)
    assert f"asked by <@{REQUESTER}> in <#{CHANNEL}>" in shown
    assert "See also `/creator approvals all`." in shown
    assert message["text"] == "2 approvals pending"


def test_a_long_list_shows_the_first_and_says_how_many() -> None:
    items = [listed(n, can_decide=False) for n in range(MAX_LISTED + 5)]
    shown = text_of(build_pending_list(EN, items, False, len(items), ZONE))
    assert f"Showing {MAX_LISTED} of {MAX_LISTED + 5}, soonest due first." in shown


def test_nothing_pending_says_so() -> None:
    assert build_pending_list(EN, [], True, 0, ZONE)["text"] == (
        "Nothing is waiting for you or for your requests."
    )
