"""The input boundary outside commands (handlers.inbound): a modal field holding a character
nobody can see is refused on that field, in the user's language, before its listener runs;
message text (a thread reply, the message a shortcut acts on) is read without them."""

from __future__ import annotations

from typing import Any

import pytest

from handlers.inbound import unreadable_fields
from storage.models import Brand, Creator, ExclusivityQuote
from tests.handlers.input_for_tests import EN, NL, add_zoe
from tests.handlers.replies_for_tests import rows, text_of
from tests.harness import CHANNEL_ID, OTHER_USER_ID, USER_ID, AppHarness, message_action_body

FIELD_ERROR = (
    "This contains characters Slack doesn't show ({characters}); type it again without them."
)


@pytest.fixture
def zoe(harness: AppHarness) -> Creator:
    return add_zoe(harness.engine)


def test_a_modal_field_with_nul_gets_a_field_error_and_nothing_is_saved(
    harness: AppHarness,
) -> None:
    harness.command("/creator", "brand add")
    view = harness.last_view()
    answer = harness.submit(
        view, {"name": "Glow\x00Lab", "category": "skin\u202ecare", "minimum_fee": "500"}
    )
    assert answer == {
        "response_action": "errors",
        "errors": {
            "name": EN.gettext(FIELD_ERROR).format(characters="U+0000"),
            "category": EN.gettext(FIELD_ERROR).format(characters="U+202E"),
        },
    }
    assert rows(harness.engine, Brand) == []


def test_a_multiline_field_keeps_its_line_breaks_but_not_other_controls(
    harness: AppHarness,
) -> None:
    harness.command("/creator", "brand add")
    view = harness.last_view()
    # "competitors" is a multi-line field (forms.build_brand_modal).
    refused = harness.submit(view, {"name": "Glow Lab", "competitors": "Dewy,\nNike\x0b"})
    assert set(refused["errors"]) == {"competitors"}
    assert harness.submit(view, {"name": "Glow Lab", "competitors": "Dewy,\n\tNike"}) == {}
    [brand] = rows(harness.engine, Brand)
    assert brand.competitors == ["Dewy", "Nike"]


def test_a_dutch_user_reads_the_field_error_in_dutch(harness: AppHarness) -> None:
    harness.command("/creator", "brand add", user_id=OTHER_USER_ID)
    answer = harness.submit(harness.last_view(), {"name": "\x00"}, user_id=OTHER_USER_ID)
    assert answer["errors"]["name"] == NL.gettext(FIELD_ERROR).format(characters="U+0000")


def test_a_thread_reply_is_read_without_invisible_characters(
    harness: AppHarness, zoe: Creator
) -> None:
    harness.command("/exclusivity", "quote zoe")
    [posted] = harness.standin.wait_for_call("chat.postMessage")
    thread_ts = posted.response["ts"]
    harness.event(
        {
            "type": "message",
            "channel": CHANNEL_ID,
            "user": USER_ID,
            "text": "only competitors Ni\x00ke, Adi\u202edas",
            "ts": "1800000000.000100",
            "thread_ts": thread_ts,
            "channel_type": "channel",
        }
    )
    harness.standin.wait_for_call("chat.update")
    [quote] = rows(harness.engine, ExclusivityQuote)
    stored = text_of([quote.model_dump(mode="json")])
    assert "Nike" in stored and "Adidas" in stored
    assert "\\u0000" not in stored and "\u202e" not in stored


def test_the_message_a_shortcut_acts_on_is_read_without_invisible_characters(
    harness: AppHarness, zoe: Creator
) -> None:
    message = {
        "type": "message",
        "user": OTHER_USER_ID,
        "ts": "1700000000.000200",
        "text": "Caption\x00 for \u202eTikTok\nline two",
    }
    harness.dispatch(
        message_action_body(message, response_url=harness.standin.hook_url("shortcut")),
        "application/x-www-form-urlencoded",
    )
    fields = {
        b["block_id"]: b["element"] for b in harness.last_view()["blocks"] if b["type"] == "input"
    }
    assert fields["subject"]["initial_value"] == "Caption for TikTok"
    assert fields["details"]["initial_value"] == "Caption for TikTok\nline two"


def a_view(values: dict[str, object], multiline: tuple[str, ...] = ()) -> dict[str, Any]:
    """A submitted view: an input block per field, each with its typed (or picked) state."""
    blocks = [
        {
            "type": "input",
            "block_id": block_id,
            "element": {"type": "plain_text_input", "multiline": block_id in multiline},
        }
        for block_id in values
    ]
    state = {
        block_id: {"input": value if isinstance(value, dict) else {"value": value}}
        for block_id, value in values.items()
    }
    return {"blocks": blocks, "state": {"values": state}}


def test_each_field_names_its_unseen_characters_once_in_the_order_typed() -> None:
    view = a_view({"name": "Gl\u202eow\x00La\u202eb", "category": "skincare"})
    assert unreadable_fields(view) == {"name": ["\u202e", "\x00"]}


def test_line_breaks_and_tabs_are_text_only_in_a_multiline_field() -> None:
    typed = "Dewy,\n\tNike"
    assert unreadable_fields(a_view({"notes": typed}, multiline=("notes",))) == {}
    assert unreadable_fields(a_view({"name": typed})) == {"name": ["\n", "\t"]}


def test_picked_values_and_empty_fields_are_not_read() -> None:
    view = a_view(
        {
            "stage": {"selected_option": {"value": "growth\x00"}},
            "contact": None,
            "niche": "",
        }
    )
    assert unreadable_fields(view) == {}
    assert unreadable_fields({}) == {}
