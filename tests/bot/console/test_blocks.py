"""bot/console/blocks.py: buttons and a modal's inputs as the console reads them."""

from __future__ import annotations

from typing import Any

import pytest

from bot.console.blocks import (
    buttons_in,
    fields,
    find_input,
    initial_state,
    typed_value,
)
from bot.console.grammar import ConsoleInputError

STAGE = {
    "type": "static_select",
    "action_id": "stage",
    "options": [
        {"text": {"type": "plain_text", "text": "Onboarding"}, "value": "onboarding"},
        {"text": {"type": "plain_text", "text": "Actief"}, "value": "active"},
    ],
    "initial_option": {"text": {"type": "plain_text", "text": "Actief"}, "value": "active"},
}
MODAL: dict[str, Any] = {
    "type": "modal",
    "blocks": [
        {"type": "section", "text": {"type": "mrkdwn", "text": "Nieuwe creator"}},
        {
            "type": "input",
            "block_id": "handle",
            "label": {"type": "plain_text", "text": "Handle"},
            "element": {"type": "plain_text_input", "action_id": "handle", "initial_value": "zoe"},
        },
        {
            "type": "input",
            "block_id": "stage",
            "label": {"type": "plain_text", "text": "Fase"},
            "element": STAGE,
        },
        {
            "type": "input",
            "block_id": "owner",
            "label": {"type": "plain_text", "text": "Eigenaar"},
            "element": {"type": "users_select", "action_id": "owner"},
        },
    ],
}


def test_buttons_are_found_in_actions_and_as_accessories_in_reading_order() -> None:
    button = {"type": "button", "text": {"type": "plain_text", "text": "Ja"}, "action_id": "yes"}
    blocks = [
        {"type": "section", "text": {"type": "mrkdwn", "text": "?"}, "accessory": button},
        {"type": "actions", "block_id": "b", "elements": [{**button, "action_id": "no"}]},
    ]
    assert [(block, e["action_id"]) for block, e in buttons_in(blocks)] == [
        ("block0", "yes"),
        ("b", "no"),
    ]


def test_a_modal_lists_its_fields_with_their_initial_values_and_options() -> None:
    assert fields(MODAL) == [
        {
            "name": "handle",
            "label": "Handle",
            "type": "plain_text_input",
            "value": "zoe",
            "options": None,
        },
        {
            "name": "stage",
            "label": "Fase",
            "type": "static_select",
            "value": "active",
            "options": ["onboarding", "active"],
        },
        {
            "name": "owner",
            "label": "Eigenaar",
            "type": "users_select",
            "value": None,
            "options": None,
        },
    ]


def test_untouched_inputs_report_their_initial_values_as_slack_does() -> None:
    assert initial_state(MODAL) == {
        "handle": {"handle": {"type": "plain_text_input", "value": "zoe"}},
        "stage": {"stage": {"type": "static_select", "selected_option": STAGE["initial_option"]}},
        "owner": {"owner": {"type": "users_select", "selected_user": None}},
    }


def test_an_input_is_found_by_its_block_id_or_its_label_in_any_case() -> None:
    assert find_input(MODAL, "FASE") is MODAL["blocks"][2]
    assert find_input(MODAL, "handle") is MODAL["blocks"][1]
    assert find_input(MODAL, "fee") is None


def test_a_typed_value_becomes_the_state_slack_reports() -> None:
    def ids(kind: str):  # noqa: ANN202
        return lambda name: f"{kind}:{name}"

    def typed(element: dict[str, Any], value: str) -> dict[str, Any]:
        return typed_value(element, value, user=ids("U"), channel=ids("C"))

    assert typed(STAGE, "Onboarding")["selected_option"]["value"] == "onboarding"
    assert typed({"type": "users_select"}, "lou") == {
        "type": "users_select",
        "selected_user": "U:lou",
    }
    assert typed({"type": "multi_users_select"}, "lou, zoe,") == {
        "type": "multi_users_select",
        "selected_users": ["U:lou", "U:zoe"],
    }
    assert typed({"type": "datepicker"}, "") == {"type": "datepicker", "selected_date": None}
    assert typed({"type": "plain_text_input"}, "1200") == {
        "type": "plain_text_input",
        "value": "1200",
    }
    with pytest.raises(ConsoleInputError, match="not one of: onboarding, active"):
        typed(STAGE, "gepauzeerd")
