"""The console's `--json` shape (bot/console/outputs.py), a pinned contract: README.md lists
its keys; a message carries `blocks`, a modal its `view`; `fields`, `errors` and `images`
only when there are any."""

from __future__ import annotations

from bot.console.outputs import Output

ALWAYS = ["seq", "method", "channel", "user", "ts", "thread_ts", "response_type", "text"]


def test_a_message_has_the_documented_keys_and_its_blocks() -> None:
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "Zoë &amp; co"}}]
    output = Output(
        seq=3,
        method="chat.postMessage",
        channel="C0123456789",
        ts="1764925200.000100",
        text="Zoë &amp; co",
        blocks=blocks,
        buttons=[{"n": 1, "text": "Approve"}],
    )
    shown = output.to_json()
    assert list(shown) == [*ALWAYS, "blocks", "buttons"]
    assert shown["seq"] == 3 and shown["channel"] == "C0123456789"
    assert shown["blocks"] == blocks and shown["buttons"] == [{"n": 1, "text": "Approve"}]
    assert shown["user"] is None and shown["thread_ts"] is None  # present, even when empty


def test_a_modal_shows_its_view_and_fields_instead_of_blocks() -> None:
    view = {"type": "modal", "title": {"type": "plain_text", "text": "Add creator"}}
    fields = [{"n": 1, "label": "Handle", "value": ""}]
    shown = Output(seq=1, method="views.open", view=view, fields=fields).to_json()
    assert "blocks" not in shown
    assert shown["view"] == view and shown["fields"] == fields
    assert "errors" not in shown and "images" not in shown


def test_errors_and_images_appear_only_when_there_are_some() -> None:
    quiet = Output(seq=2, method="views.update", view={}, errors={}, images=[]).to_json()
    assert "errors" not in quiet and "images" not in quiet
    loud = Output(
        seq=2,
        method="files.upload",
        errors={"fee": "Not a number"},
        images=["images/kpi-2.png"],
    ).to_json()
    assert loud["errors"] == {"fee": "Not a number"} and loud["images"] == ["images/kpi-2.png"]
