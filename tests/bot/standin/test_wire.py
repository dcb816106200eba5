"""Slack's wire conventions as the stand-in reads them (bot/standin/wire.py)."""

from __future__ import annotations

import base64

import pytest

from bot.standin.wire import (
    Request,
    SlackError,
    basic_auth,
    bearer_token,
    flag,
    page,
    request_args,
    ts,
)


def test_timestamps_are_normalised_to_six_decimals() -> None:
    assert ts("1700000000.0001") == "1700000000.000100"
    assert ts(1700000000.5) == "1700000000.500000"
    assert ts("") is None and ts(None) is None


def test_form_booleans_are_strings() -> None:
    assert [flag(v) for v in ("1", "true", "TRUE", "0", "false", True, 0)] == [
        True,
        True,
        True,
        False,
        False,
        True,
        False,
    ]


def test_pages_follow_their_cursor_to_the_end() -> None:
    items = list(range(5))
    first, cursor = page(items, {"limit": "2"})
    second, cursor2 = page(items, {"limit": 2, "cursor": cursor})
    last, end = page(items, {"limit": 2, "cursor": cursor2})
    assert (first, second, last, end) == ([0, 1], [2, 3], [4], "")


def test_a_cursor_not_of_ours_is_invalid() -> None:
    with pytest.raises(SlackError) as raised:
        page([1], {"cursor": "bm9wZQ=="})
    assert raised.value.answer() == {"ok": False, "error": "invalid_cursor"}


def test_form_bodies_carry_blocks_as_json_and_the_body_wins_over_the_query() -> None:
    request = Request(
        path="/api/chat.postMessage",
        query="channel=C1&text=query",
        body=b"text=body&blocks=%5B%7B%22type%22%3A%22divider%22%7D%5D",
        content_type="application/x-www-form-urlencoded",
        authorization="",
    )
    assert request_args(request) == {
        "channel": "C1",
        "text": "body",
        "blocks": [{"type": "divider"}],
    }


def test_a_json_body_that_is_no_object_is_refused() -> None:
    request = Request("/api/x", "", b"[1]", "application/json; charset=utf-8", "")
    with pytest.raises(SlackError) as raised:
        request_args(request)
    assert raised.value.error == "json_not_object"


def test_tokens_and_client_credentials_from_the_authorization_header() -> None:
    assert bearer_token("Bearer xoxb-1") == "xoxb-1"
    assert bearer_token("Basic abc") is None
    encoded = base64.b64encode(b"111.222:secret").decode()
    assert basic_auth(f"Basic {encoded}") == ("111.222", "secret")
