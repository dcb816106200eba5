"""What a click or a submitted modal carries, read before anything changes."""

from __future__ import annotations

import json

from handlers.approvals.plan import button_value, submitted


def test_a_button_carries_its_request_and_the_version_it_was_shown_with() -> None:
    assert button_value({"value": "7:2"}) == (7, 2)
    # A forged or truncated value changes nothing.
    assert button_value({"value": "7"}) is None
    assert button_value({"value": "seven:2"}) is None
    assert button_value({}) is None


def test_a_submitted_modal_gives_its_metadata_and_what_was_typed() -> None:
    view = {
        "private_metadata": json.dumps({"id": 7, "version": 2}),
        "state": {
            "values": {
                "subject": {"subject": {"type": "plain_text_input", "value": "Renewal"}},
                "kind": {"kind": {"type": "static_select", "selected_option": {"value": "brief"}}},
            }
        },
    }
    assert submitted(view) == ({"id": 7, "version": 2}, {"subject": "Renewal", "kind": "brief"})
    assert submitted({}) == ({}, {})
