"""bot/console/render.py: an output as text, and as the `--json` line."""

from __future__ import annotations

import io
import json

from bot.console.outputs import Output
from bot.console.render import json_emitter, render_text, text_emitter

CARD = Output(
    seq=4,
    method="chat.postMessage",
    channel="C0123456789",
    ts="1700000000.000100",
    thread_ts="1700000000.000001",
    text="Status",
    blocks=[
        {"type": "header", "text": {"type": "plain_text", "text": "Zoë"}},
        {"type": "section", "text": {"type": "mrkdwn", "text": "Fase: actief\nFee: € 1.200"}},
        {"type": "divider"},
        {
            "type": "actions",
            "elements": [
                {"type": "button", "text": {"type": "plain_text", "text": "Goedkeuren"}},
                {"type": "button", "text": {"type": "plain_text", "text": "Afwijzen"}},
            ],
        },
    ],
    buttons=[{"n": 7, "text": "Goedkeuren"}, {"n": 8, "text": "Afwijzen"}],
)


def test_a_message_renders_with_its_number_place_and_numbered_buttons() -> None:
    assert render_text(CARD) == (
        "[4] chat.postMessage in C0123456789 (thread)\n"
        "  *Zoë*\n"
        "  Fase: actief\n"
        "  Fee: € 1.200\n"
        "  ---\n"
        "  [7] Goedkeuren  [8] Afwijzen"
    )


def test_an_ephemeral_reply_says_only_you_see_it_and_shows_its_text() -> None:
    reply = Output(seq=1, method="ack", response_type="ephemeral", text="Onbekend\ncommando")
    assert render_text(reply) == "[1] ack (only you see this)\n  Onbekend\n  commando"


def test_json_mode_writes_one_object_per_line_and_errors_as_objects() -> None:
    out = io.StringIO()
    emit = json_emitter(out)
    emit.output(CARD)
    emit.error("there is no button [9]")
    first, second = (json.loads(line) for line in out.getvalue().splitlines())
    assert first["seq"] == 4 and first["blocks"] == CARD.blocks and "view" not in first
    assert second == {"error": "there is no button [9]"}


def test_text_mode_marks_console_errors_apart_from_the_bot() -> None:
    out = io.StringIO()
    text_emitter(out).error("no modal is open")
    assert out.getvalue() == "(console) no modal is open\n"
