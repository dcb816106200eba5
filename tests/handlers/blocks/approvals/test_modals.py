"""The approval modals and their field errors, from facts alone."""

from __future__ import annotations

import json

from domain.approvals import MAX_SUBJECT, Decision
from domain.drafts import FieldError
from handlers.blocks.approvals.modals import (
    MAX_CREATOR_OPTIONS,
    build_edit_modal,
    build_reason_modal,
    build_request_modal,
    field_errors,
)
from locales import translator
from tests.handlers.blocks.approvals.facts import card, text_of

EN = translator("en")


def inputs(view: dict) -> dict[str, dict]:
    return {b["block_id"]: b for b in view["blocks"] if b["type"] == "input"}


def test_the_reason_modal_requires_a_reason_and_keeps_what_was_clicked() -> None:
    view = build_reason_modal(EN, Decision.REJECT, card(), {"id": 7, "version": 1})
    assert (view["callback_id"], view["title"]["text"], view["submit"]["text"]) == (
        "approval_reason",
        "Reject request",
        "Reject",
    )
    assert inputs(view)["reason"]["optional"] is False
    assert json.loads(view["private_metadata"]) == {"id": 7, "version": 1}
    changes = build_reason_modal(EN, Decision.REQUEST_CHANGES, card(), {})
    assert "What should change?" in text_of(changes)


def test_the_edit_modal_starts_from_the_request_and_says_it_asks_again() -> None:
    view = build_edit_modal(EN, card(), {"id": 7, "version": 1})
    fields = inputs(view)
    assert fields["subject"]["element"]["initial_value"] == "Renewal terms 2027"
    assert fields["subject"]["element"]["max_length"] == MAX_SUBJECT
    assert fields["details"]["element"]["initial_value"] == "12 months, same fee"
    assert "their decisions so far no longer count" in text_of(view)
    assert view["submit"]["text"] == "Ask again"


def test_the_shortcut_modal_offers_the_creators_and_every_kind() -> None:
    creators = [(1, "Zoë de Vries", "zoedevries"), (2, "Lisa Jansen", "lisajansen")]
    view = build_request_modal(EN, creators, "Draft caption", "The caption text", {})
    fields = inputs(view)
    options = fields["creator"]["element"]["options"]
    assert [(o["value"], o["text"]["text"]) for o in options] == [
        ("1", "Zoë de Vries (@zoedevries)"),
        ("2", "Lisa Jansen (@lisajansen)"),
    ]
    kinds = [o["value"] for o in fields["kind"]["element"]["options"]]
    assert kinds == ["brief", "content", "contract", "exclusivity", "payment", "budget"]
    assert fields["subject"]["element"]["initial_value"] == "Draft caption"


def test_too_many_creators_for_a_select_become_a_typed_name() -> None:
    many = [(n, f"Creator {n}", f"creator{n}") for n in range(MAX_CREATOR_OPTIONS + 1)]
    fields = inputs(build_request_modal(EN, many, "", "", {}))
    assert "creator" not in fields and fields["creator_name"]["optional"] is False


def test_field_errors_in_either_language() -> None:
    errors = {"subject": FieldError("too_long", {"limit": 200}), "details": FieldError("required")}
    assert field_errors(EN, errors) == {
        "subject": "At most 200 characters.",
        "details": "This field is required.",
    }
    assert field_errors(translator("nl"), errors)["details"] != "This field is required."
