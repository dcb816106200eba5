"""`/creator approve`: refusals, usage, and the pick of an ambiguous name."""

from __future__ import annotations

from storage.models import ApprovalRequest
from tests.factories import make_brand, make_creator, make_partnership
from tests.handlers.approvals.desk import configure, rows, text_of
from tests.harness import CHANNEL_ID, AppHarness


def test_without_approvers_the_command_says_how_to_set_them(desk: AppHarness) -> None:
    reply = desk.command("/creator", "approve zoe payment Invoice October")
    assert "/creator settings" in reply["text"]
    assert rows(desk.engine, ApprovalRequest) == []
    assert desk.standin.calls_to("chat.postMessage") == []


def test_usage_and_unknown_names(desk: AppHarness) -> None:
    configure(desk)
    assert "contract" in desk.command("/creator", "approve zoe Renewal terms")["text"]
    assert "subject" in desk.command("/creator", "approve zoe contract")["text"]
    assert (
        "I don't know a creator" in desk.command("/creator", "approve xyz contract Renewal")["text"]
    )


def test_an_ambiguous_name_keeps_the_kind_and_subject(desk: AppHarness) -> None:
    configure(desk)
    brand = make_brand(desk.engine, "Maison Lumière")
    for name, handle in (("Sanne Bakker", "sannebakes"), ("Sanne Visser", "sannevisser")):
        make_partnership(desk.engine, make_creator(desk.engine, name, handle=handle), brand)
    reply = desk.command("/creator", "approve sanne contract Shoot in Paris")
    buttons = reply["blocks"][1]["elements"]
    assert [b["action_id"] for b in buttons] == ["approval_pick_0", "approval_pick_1"]
    desk.click(buttons[1]["action_id"], buttons[1]["value"])
    posted = desk.standin.wait_for_call("chat.postMessage")[0].args
    assert posted["channel"] == CHANNEL_ID  # no partnership channel: where it was asked
    assert "Shoot in Paris" in text_of(posted["blocks"])
    assert "Sanne Visser" in text_of(posted["blocks"])


def test_a_second_pick_of_an_ambiguous_name_asks_nothing_more(desk: AppHarness) -> None:
    configure(desk)
    brand = make_brand(desk.engine, "Maison Lumière")
    for name, handle in (("Sanne Bakker", "sannebakes"), ("Sanne Visser", "sannevisser")):
        make_partnership(desk.engine, make_creator(desk.engine, name, handle=handle), brand)
    reply = desk.command("/creator", "approve sanne contract Shoot in Paris")
    buttons = reply["blocks"][1]["elements"]
    # The subject stays server-side: the button carries a short key, not what was typed.
    assert all("Shoot" not in b["value"] and len(b["value"]) < 40 for b in buttons)
    desk.click(buttons[0]["action_id"], buttons[0]["value"])
    desk.standin.wait_for_call("chat.postMessage")
    desk.click(buttons[1]["action_id"], buttons[1]["value"])  # a late click on the other one
    desk.click(buttons[0]["action_id"], buttons[0]["value"])  # and a repeat
    assert len(rows(desk.engine, ApprovalRequest)) == 1
    assert len(desk.standin.calls_to("chat.postMessage")) == 1
    told = [c.args["text"] for c in desk.standin.calls_to("respond")]
    assert sum("already made or has expired" in text for text in told) == 2
