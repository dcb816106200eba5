"""bot/console/replies.py: what the bot answered, numbered as the console shows it."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from slack_sdk import WebClient

from bot.console.outputs import Modal
from bot.console.replies import Replies
from tests.harness import CHANNEL_ID, TOKEN, USER_ID

MOMENT = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
BUTTONS = [
    {
        "type": "actions",
        "block_id": "decide",
        "elements": [
            {
                "type": "button",
                "text": {"type": "plain_text", "text": t},
                "action_id": a,
                "value": "7",
            }
            for t, a in (("Goedkeuren", "approve"), ("Afwijzen", "reject"))
        ],
    }
]


def form(title: str) -> dict[str, Any]:
    return {
        "type": "modal",
        "title": {"type": "plain_text", "text": title},
        "blocks": [
            {
                "type": "input",
                "block_id": "fee",
                "label": {"type": "plain_text", "text": "Fee"},
                "element": {"type": "plain_text_input", "action_id": "fee"},
            }
        ],
    }


def test_outputs_and_their_buttons_are_numbered_on_across_answers(standin) -> None:  # noqa: ANN001
    replies = Replies(standin, lambda: MOMENT)
    first = replies.ack({"text": "Wat nu?", "blocks": BUTTONS}, CHANNEL_ID, USER_ID)
    client = WebClient(token=TOKEN, base_url=standin.base_url)
    client.chat_postMessage(channel=CHANNEL_ID, text="Verzoek", blocks=BUTTONS)
    [posted] = replies.collect(USER_ID)
    assert (first.seq, [b["n"] for b in first.buttons]) == (1, [1, 2])
    assert (posted.seq, [b["n"] for b in posted.buttons]) == (2, [3, 4])
    assert posted.method == "chat.postMessage" and posted.ts is not None
    # A button of a posted message carries the message along, as Slack's click payload does.
    assert replies.buttons[3].message["text"] == "Verzoek"
    assert replies.buttons[3].container["channel_id"] == CHANNEL_ID
    assert replies.collect(USER_ID) == []  # each call is shown once


def test_look_ups_are_not_shown(standin) -> None:  # noqa: ANN001
    replies = Replies(standin, lambda: MOMENT)
    WebClient(token=TOKEN, base_url=standin.base_url).users_info(user=USER_ID)
    assert replies.collect(USER_ID) == []


def test_forgotten_outputs_give_their_numbers_back(standin) -> None:  # noqa: ANN001
    replies = Replies(standin, lambda: MOMENT)
    replies.ack({"text": "shown"}, CHANNEL_ID, USER_ID)
    replies.ack({"text": "hidden", "blocks": BUTTONS}, CHANNEL_ID, USER_ID)
    replies.forget_since(1, 0)
    again = replies.ack({"text": "next", "blocks": BUTTONS}, CHANNEL_ID, USER_ID)
    assert (again.seq, [b["n"] for b in again.buttons]) == (2, [1, 2])
    assert sorted(replies.outputs) == [1, 2]


def test_a_submission_shows_its_errors_replaces_the_modal_or_closes_it(standin) -> None:  # noqa: ANN001
    replies = Replies(standin, lambda: MOMENT)
    first = Modal(view_id="V1", view=form("Eerste"))
    replies.modals = [first]
    [errors] = replies.after_submission(
        first, {"response_action": "errors", "errors": {"fee": "Geen bedrag"}}
    )
    assert errors.errors == {"fee": "Geen bedrag"} and replies.modals == [first]
    [pushed] = replies.after_submission(first, {"response_action": "push", "view": form("Tweede")})
    assert pushed.fields[0]["name"] == "fee"
    assert [m.view["title"]["text"] for m in replies.modals] == ["Eerste", "Tweede"]
    assert replies.after_submission(replies.modals[-1], None) == []
    assert replies.modals == [first]
    replies.after_submission(first, {"response_action": "clear"})
    assert replies.modals == []
