"""The Home tab through the Slack stand-in: published on opening, its decision buttons
(signed HTTP, two approvers at once: one decision), its filter, language and pager, the
status card as a modal, and republishing after a change, debounced."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
from slack_sdk import WebClient
from sqlmodel import select

from handlers.home import publish_due
from storage.db import session_scope
from storage.models import ApprovalDecision, ApprovalRequest
from tests.handlers.approvals.desk import (
    APPROVER,
    REQUESTER,
    SECOND,
    ask,
    configure,
    desk,  # noqa: F401 - the fixture
)
from tests.harness import TOKEN, AppHarness, post_at_once, served, view_click_body


def open_home(harness: AppHarness, user_id: str) -> dict[str, Any]:
    """The user opens their Home tab; the view published for them."""
    before = len(harness.standin.calls_to("views.publish"))
    harness.event(
        {
            "type": "app_home_opened",
            "user": user_id,
            "channel": "D" + user_id[1:],
            "tab": "home",
            "event_ts": f"{time.time():.6f}",
        }
    )
    call = harness.standin.wait_for_call("views.publish", before + 1)[before]
    assert call.args["user_id"] == user_id
    return call.response["view"]


def home_click_body(view: dict[str, Any], action_id: str, user_id: str) -> str:
    """A button in a Home tab as Slack posts it: the container is the view; no response_url."""
    block_id, element = next((b, e) for b, e in buttons(view) if e["action_id"] == action_id)
    return view_click_body(view, block_id, element, user_id=user_id)


def press(harness: AppHarness, view: dict[str, Any], action_id: str, user_id: str) -> None:
    body = home_click_body(view, action_id, user_id)
    response = harness.dispatch(body, "application/x-www-form-urlencoded")
    assert response.status == 200


def buttons(view: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    found = []
    for block in view["blocks"]:
        if block["type"] == "actions":
            found += [(block["block_id"], e) for e in block["elements"]]
    return found


def texts(view: dict[str, Any]) -> str:
    return json.dumps(view["blocks"], ensure_ascii=False)


def rows(engine, model) -> list:  # noqa: ANN001
    with session_scope(engine) as session:
        return list(session.exec(select(model)).all())


def clock_pass(harness: AppHarness) -> int:
    """The clock's Home pass at the harness's time (what bot/clock.py runs)."""
    client = WebClient(token=TOKEN, base_url=harness.standin.base_url)
    return publish_due(harness.engine, client, now=harness.clock())


def test_opening_the_home_tab_shows_what_waits_for_me_with_decision_buttons(
    desk: AppHarness,  # noqa: F811
) -> None:
    configure(desk)
    ask(desk, "zoe contract Renewal terms 2027")
    view = open_home(desk, APPROVER)  # Lou reads Dutch (nl-NL in Slack)
    assert view["type"] == "home"
    shown = texts(view)
    assert "Renewal terms 2027" in shown
    assert "Zoë de Vries" in shown and "Koffie &amp; Co" in shown
    [request] = rows(desk.engine, ApprovalRequest)
    decide = [e for _, e in buttons(view) if e["action_id"].startswith("approval_")]
    assert {e["value"] for e in decide} == {f"{request.id}:1"}
    assert [e["text"]["text"] for e in decide] == ["Goedkeuren", "Wijzigingen vragen", "Afwijzen"]
    # The requester sees it among their own open requests, without buttons to decide it.
    mine = open_home(desk, REQUESTER)
    assert "Renewal terms 2027" in texts(mine)
    assert not [e for _, e in buttons(mine) if e["action_id"].startswith("approval_")]


def test_approving_from_the_home_tab_decides_and_the_tab_is_republished(
    desk: AppHarness,  # noqa: F811
) -> None:
    configure(desk)
    ask(desk, "zoe contract Renewal terms 2027")
    lou = open_home(desk, APPROVER)
    open_home(desk, SECOND)
    published = len(desk.standin.calls_to("views.publish"))
    press(desk, lou, "approval_approve_0", APPROVER)
    [stored] = rows(desk.engine, ApprovalRequest)
    assert (stored.status, stored.decided_by) == ("approved", APPROVER)
    # The request message in the channel says so, as when approved there.
    desk.standin.wait_for_call("chat.update", 1)
    # Lou's tab at once, without the request.
    [lous] = desk.standin.calls_to("views.publish")[published:]
    assert lous.args["user_id"] == APPROVER
    assert "Renewal terms 2027" not in texts(lous.args["view"])
    # Sam's with the clock's pass: noticed, then published a debounce later, once.
    assert clock_pass(desk) == 0
    desk.clock.advance(seconds=11)
    assert clock_pass(desk) == 1
    assert clock_pass(desk) == 0
    [sams] = desk.standin.calls_to("views.publish")[published + 1 :]
    assert sams.args["user_id"] == SECOND
    assert "Renewal terms 2027" not in texts(sams.args["view"])


def test_a_burst_of_changes_publishes_once(desk: AppHarness) -> None:  # noqa: F811
    configure(desk)
    open_home(desk, APPROVER)
    published = len(desk.standin.calls_to("views.publish"))
    for n in range(3):
        ask(desk, f"zoe contract Clause {n}")
        assert clock_pass(desk) == 0
        desk.clock.advance(seconds=3)
    desk.clock.advance(seconds=10)
    assert clock_pass(desk) == 1
    [call] = desk.standin.calls_to("views.publish")[published:]
    shown = texts(call.args["view"])
    assert all(f"Clause {n}" in shown for n in range(3))


def test_two_approvers_deciding_from_their_home_tabs_at_once_decide_once(
    desk: AppHarness,  # noqa: F811
) -> None:
    configure(desk)
    ask(desk, "zoe contract Renewal terms 2027")
    views = {user: open_home(desk, user) for user in (APPROVER, SECOND)}
    bodies = [home_click_body(views[user], "approval_approve_0", user) for user in views] * 5
    with served(desk.app, desk.engine) as url:
        statuses = post_at_once(url, bodies)
        desk.standin.wait_for(lambda calls: any(c.method == "chat.update" for c in calls))
    assert statuses == [200] * len(bodies)
    [decision] = rows(desk.engine, ApprovalDecision)
    [stored] = rows(desk.engine, ApprovalRequest)
    assert (stored.status, stored.decided_by) == ("approved", decision.approver_id)
    assert len(desk.standin.calls_to("chat.update")) == 1


def test_reject_from_the_home_tab_asks_for_the_reason_first(desk: AppHarness) -> None:  # noqa: F811
    configure(desk)
    ask(desk, "zoe contract Renewal terms 2027")
    view = open_home(desk, SECOND)
    press(desk, view, "approval_reject_0", SECOND)
    modal = desk.last_view()
    assert modal["type"] == "modal"
    desk.submit(modal, {"reason": "The fee is above the band"}, user_id=SECOND)
    [stored] = rows(desk.engine, ApprovalRequest)
    assert (stored.status, stored.decision_reason) == ("rejected", "The fee is above the band")


def test_filter_language_and_status_card(desk: AppHarness) -> None:  # noqa: F811
    view = open_home(desk, REQUESTER)  # Casey owns no partnership
    assert "Zoë de Vries" not in texts(view)
    press(desk, view, "home_scope_team", REQUESTER)
    team = desk.standin.calls_to("views.publish")[-1].response["view"]
    assert "Zoë de Vries" in texts(team)
    assert json.loads(team["private_metadata"])["scope"] == "team"
    # The status card opens as a modal over the tab.
    status = next(e for _, e in buttons(team) if e["action_id"].startswith("home_status_"))
    press(desk, team, status["action_id"], REQUESTER)
    card = desk.last_view()
    assert card["type"] == "modal" and "Zoë de Vries" in texts(card)
    assert [e["action_id"] for _, e in buttons(card)] == ["status_kpi_chart"]
    # The language switch speaks Dutch from then on, here and in commands.
    press(desk, team, "home_language_nl", REQUESTER)
    dutch = desk.standin.calls_to("views.publish")[-1].response["view"]
    assert "Wachtend op mij" in texts(dutch)
    assert "home_language_en" in {e["action_id"] for _, e in buttons(dutch)}


@pytest.mark.parametrize("user", [REQUESTER])
def test_opening_the_messages_tab_publishes_nothing(desk: AppHarness, user: str) -> None:  # noqa: F811
    desk.event(
        {
            "type": "app_home_opened",
            "user": user,
            "channel": "D0000000001",
            "tab": "messages",
            "event_ts": f"{time.time():.6f}",
        }
    )
    assert desk.standin.calls_to("views.publish") == []


def test_later_changes_republish_only_tabs_that_were_opened(desk: AppHarness) -> None:  # noqa: F811
    configure(desk)
    ask(desk)
    desk.clock.advance(seconds=30)
    assert clock_pass(desk) == 0
    desk.clock.advance(seconds=30)
    assert clock_pass(desk) == 0
    assert desk.standin.calls_to("views.publish") == []
