"""The request message from facts alone: buttons while pending, the result once settled."""

from __future__ import annotations

from domain.approvals import Rule, Status
from handlers.blocks.approvals.message import build_request_message
from locales import translator
from tests.handlers.blocks.approvals.facts import (
    LOU,
    REQUESTER,
    SAM,
    ZONE,
    action_ids,
    card,
    decided,
    text_of,
)

EN = translator("en")


def test_a_pending_request_shows_its_facts_and_every_button() -> None:
    message = build_request_message(EN, card(), ZONE)
    shown = text_of(message["blocks"])
    assert "Approval requested: Contract" in shown
    assert "*Renewal terms 2027*" in shown and "12 months, same fee" in shown
    assert "Zoë de Vries · Koffie &amp; Co" in shown  # escaped once, at render
    assert f"<@{LOU}>, <@{SAM}>" in shown and "any one decides" in shown
    assert "Wed 25 Nov 10:00" in shown  # due, in the team's time zone
    assert action_ids(message) == [
        "approval_approve",
        "approval_changes",
        "approval_reject",
        "approval_edit",
        "approval_cancel",
    ]
    assert message["text"] == f"<@{REQUESTER}> asks for approval (Contract): Renewal terms 2027"


def test_a_settled_request_loses_its_buttons_and_says_who_decided() -> None:
    message = build_request_message(EN, decided(Status.REJECTED, "Over budget"), ZONE)
    assert action_ids(message) == []
    assert f"*Rejected* by <@{LOU}> on Mon 23 Nov 11:00: “Over budget”" in text_of(message)
    assert message["text"] == "Contract approval “Renewal terms 2027”: rejected"


def test_under_rule_all_it_shows_who_approved_and_who_is_awaited() -> None:
    message = build_request_message(translator("nl"), card(rule=Rule.ALL, approved_by=(LOU,)), ZONE)
    shown = text_of(message)
    assert "iedereen moet goedkeuren" in shown
    assert f"<@{LOU}>" in shown and f"nog wachten op <@{SAM}>" in shown


def test_a_new_version_says_what_changed() -> None:
    shown = text_of(build_request_message(EN, card(version=2, changed=("details",)), ZONE))
    assert "Version 2: the details changed, so earlier decisions no longer count." in shown


def test_a_request_of_no_partnership_says_none() -> None:
    shown = text_of(build_request_message(EN, card(creator_name=None, brand_name=None), ZONE))
    assert "*Partnership*\\nnone" in shown
