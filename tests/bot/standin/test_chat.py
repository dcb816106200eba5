"""chat.* and reactions.add (bot/standin/chat.py)."""

from __future__ import annotations

from tests.bot.standin.workspaces import call, error, workspace


def test_an_update_keeps_what_it_leaves_out_and_empty_blocks_remove_them() -> None:
    ws = workspace()
    posted = call(
        ws, "chat.postMessage", channel="C0DEALS0001", text="hi", blocks=[{"type": "divider"}]
    )
    call(ws, "chat.update", channel="C0DEALS0001", ts=posted["ts"], blocks=[])
    [stored] = ws.messages["C0DEALS0001"]
    assert (stored["text"], "blocks" in stored) == ("hi", False)


def test_an_ephemeral_message_is_not_kept() -> None:
    ws = workspace()
    call(ws, "chat.postEphemeral", channel="C0DEALS0001", user="U0CASEY0001", text="only you")
    assert ws.messages["C0DEALS0001"] == []


def test_a_permalink_of_a_reply_names_its_thread() -> None:
    ws = workspace()
    parent = call(ws, "chat.postMessage", channel="C0DEALS0001", text="quote")
    reply = call(ws, "chat.postMessage", channel="C0DEALS0001", text="r", thread_ts=parent["ts"])
    link = call(ws, "chat.getPermalink", channel="C0DEALS0001", message_ts=reply["ts"])
    assert link["permalink"].startswith("https://one.slack.com/archives/C0DEALS0001/p")
    assert f"thread_ts={parent['ts']}" in link["permalink"]


def test_the_bot_reacts_once() -> None:
    ws = workspace()
    posted = call(ws, "chat.postMessage", channel="C0DEALS0001", text="deal")
    call(ws, "reactions.add", channel="C0DEALS0001", timestamp=posted["ts"], name=":tada:")
    again = error(ws, "reactions.add", channel="C0DEALS0001", timestamp=posted["ts"], name="tada")
    assert again == "already_reacted"
    assert ws.messages["C0DEALS0001"][0]["reactions"] == [
        {"name": "tada", "users": ["U0BOT000001"], "count": 1}
    ]


def test_a_deleted_message_is_gone() -> None:
    ws = workspace()
    posted = call(ws, "chat.postMessage", channel="C0DEALS0001", text="oops")
    call(ws, "chat.delete", channel="C0DEALS0001", ts=posted["ts"])
    assert error(ws, "chat.delete", channel="C0DEALS0001", ts=posted["ts"]) == "message_not_found"
