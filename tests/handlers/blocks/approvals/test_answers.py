"""Ephemeral answers to whoever clicked, from facts alone; none replaces the message."""

from __future__ import annotations

from domain.approvals import Decision, Status
from handlers.blocks.approvals.answers import (
    build_done,
    build_duplicate,
    build_late,
    build_refusal,
)
from locales import translator
from tests.handlers.blocks.approvals.facts import LOU, REQUESTER, SAM, ZONE, card, decided

EN = translator("en")


def test_refusals_say_who_may_act() -> None:
    assert "your own request" in build_refusal(EN, "own_request", card())["text"]
    assert f"Only <@{REQUESTER}>, who asked" in build_refusal(EN, "not_requester", card())["text"]
    stranger = build_refusal(EN, "not_approver", card())
    assert stranger["text"] == (
        f"Only the approvers can decide on this request: <@{LOU}>, <@{SAM}>."
    )
    assert (stranger["response_type"], stranger["replace_original"]) == ("ephemeral", False)


def test_a_late_click_says_who_decided_or_that_you_already_did() -> None:
    rejected = decided(Status.REJECTED, "Over budget")
    assert build_late(EN, rejected, 1, ZONE, SAM)["text"] == (
        f"Too late: <@{LOU}> already rejected this on Mon 23 Nov 11:00."
    )
    assert build_late(EN, rejected, 1, ZONE, LOU)["text"] == (
        "You already rejected this on Mon 23 Nov 11:00."
    )
    assert build_late(EN, card(status=Status.EXPIRED), 1, ZONE)["text"] == (
        "Too late: this request expired on Mon 30 Nov 10:00."
    )


def test_a_click_on_an_old_version_points_to_the_new_one() -> None:
    text = build_late(EN, card(version=3), 2, ZONE)["text"]
    assert "it is now version 3" in text


def test_a_double_click_and_a_confirmation() -> None:
    assert build_duplicate(EN, card(), (SAM,))["text"] == (
        f"You already approved this; still waiting for <@{SAM}>."
    )
    assert build_duplicate(EN, card(), ())["text"] == "You already decided on this request."
    assert build_done(EN, Decision.APPROVE, "Renewal")["text"] == "You approved “Renewal”."
    assert build_done(translator("nl"), Decision.REJECT, "Renewal")["text"] != (
        "You rejected “Renewal”."
    )
