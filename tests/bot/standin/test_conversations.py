"""conversations.* (bot/standin/conversations.py)."""

from __future__ import annotations

from tests.bot.standin.workspaces import call, error, workspace


def test_history_is_newest_first_without_thread_replies_unless_broadcast() -> None:
    ws = workspace()
    first = call(ws, "chat.postMessage", channel="C0DEALS0001", text="one")
    call(ws, "chat.postMessage", channel="C0DEALS0001", text="hidden", thread_ts=first["ts"])
    call(
        ws,
        "chat.postMessage",
        channel="C0DEALS0001",
        text="shown",
        thread_ts=first["ts"],
        reply_broadcast="true",
    )
    history = call(ws, "conversations.history", channel="C0DEALS0001")
    assert [m["text"] for m in history["messages"]] == ["shown", "one"]
    assert history["messages"][1]["reply_count"] == 2


def test_replies_asked_with_a_replys_ts_answer_the_whole_thread() -> None:
    ws = workspace()
    parent = call(ws, "chat.postMessage", channel="C0DEALS0001", text="quote")
    reply = call(ws, "chat.postMessage", channel="C0DEALS0001", text="r", thread_ts=parent["ts"])
    thread = call(ws, "conversations.replies", channel="C0DEALS0001", ts=reply["ts"])
    assert [m["text"] for m in thread["messages"]] == ["quote", "r"]
    assert error(ws, "conversations.replies", channel="C0DEALS0001", ts="1.0") == "thread_not_found"


def test_opening_a_dm_twice_is_the_same_channel() -> None:
    ws = workspace()
    first = call(ws, "conversations.open", users="U0CASEY0001")
    second = call(ws, "conversations.open", users="U0CASEY0001", return_im="true")
    assert (first["already_open"], second["already_open"]) == (False, True)
    assert second["channel"]["id"] == first["channel"]["id"] and second["channel"]["is_im"]


def test_the_list_shows_public_channels_and_only_the_private_ones_the_bot_is_in() -> None:
    ws = workspace()
    ws.add_channel("G0SECRET001", name="secret")
    ws.channels["G0SECRET001"].members.remove("U0BOT000001")
    ws.add_channel("G0PRIVATE01", name="private")
    listed = call(ws, "conversations.list", types="public_channel,private_channel")
    assert [c["name"] for c in listed["channels"]] == ["deals", "private"]


def test_members_page_by_cursor() -> None:
    ws = workspace()
    page = call(ws, "conversations.members", channel="C0DEALS0001", limit=1)
    rest = call(
        ws,
        "conversations.members",
        channel="C0DEALS0001",
        cursor=page["response_metadata"]["next_cursor"],
    )
    assert page["members"] + rest["members"] == ["U0CASEY0001", "U0BOT000001"]
