"""One workspace's state (bot/standin/workspace.py): ids, timestamps, people and places on
demand, threads and the messages the bot would store."""

from __future__ import annotations

import itertools

import pytest

from bot.standin.wire import SlackError
from bot.standin.workspace import Workspace


def workspace(team_id: str = "T0ONE000001", **kwargs) -> Workspace:  # noqa: ANN003
    return Workspace(
        team_id=team_id,
        team_domain="one",
        bot_user_id="U0BOT000001",
        bot_id="B0BOT000001",
        strict_channels=False,
        clock=lambda: 1_700_000_000.0,
        **kwargs,
    )


def test_timestamps_increase_even_when_the_clock_stands_still() -> None:
    ws = workspace()
    first, second = ws.next_ts(), ws.next_ts()
    assert first == "1700000000.000000" and second == "1700000000.000100"


def test_two_workspaces_sharing_a_serial_never_hand_out_the_same_id() -> None:
    serial = itertools.count(1).__next__
    one, two = workspace(serial=serial), workspace("T0TWO000001", serial=serial)
    assert one.new_id("C") != two.new_id("C")


def test_unknown_ids_become_people_and_channels_unless_another_workspace_holds_them() -> None:
    ws = workspace(foreign=lambda some_id: some_id in ("U0THEIRS001", "C0THEIRS001"))
    assert ws.user("U0NEW000001").name == "user-0001"
    assert ws.channel("C0NEW000001").name == "auto-c0new000001"
    for lookup, some_id, error in (
        (ws.user, "U0THEIRS001", "user_not_found"),
        (ws.channel, "C0THEIRS001", "channel_not_found"),
    ):
        with pytest.raises(SlackError) as raised:
            lookup(some_id)
        assert raised.value.error == error


def test_a_message_to_a_user_goes_to_the_bots_dm_with_them() -> None:
    ws = workspace()
    dm = ws.target("U0CASEY0001")
    assert dm.kind == "im" and ws.target("U0CASEY0001") is dm


def test_a_thread_parent_shows_its_replies() -> None:
    ws = workspace()
    channel = ws.add_channel("C0DEALS0001", name="deals")
    parent = ws.store_message(channel, {"user": "U0A", "text": "quote"})
    ws.store_message(channel, {"user": "U0B", "text": "14 days?", "thread_ts": parent["ts"]})
    shown = ws.with_thread(channel.id, parent)
    assert (shown["reply_count"], shown["reply_users"]) == (1, ["U0B"])


def test_the_bot_cannot_post_nothing() -> None:
    with pytest.raises(SlackError) as raised:
        workspace().bot_message({"text": ""})
    assert raised.value.error == "no_text"


def test_an_upload_must_have_its_declared_length() -> None:
    ws = workspace()
    ws.uploads["F1"] = {"length": 3, "completed": False, "data": None}
    assert ws.receive_upload("F1", b"ab") == "length_mismatch"
    assert ws.receive_upload("F1", b"abc") is None
    assert ws.receive_upload("F2", b"abc") == "file_not_found"
