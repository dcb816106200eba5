"""The stand-in's routes (bot/standin/http.py): the Web API, response_urls, upload URLs."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest

from bot.standin import SlackStandIn


@pytest.fixture
def slack() -> Iterator[SlackStandIn]:
    with SlackStandIn() as standin:
        yield standin


def _post(url: str, body: bytes, content_type: str = "application/json") -> tuple[int, str]:
    request = urllib.request.Request(url, data=body, headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=5) as answer:  # noqa: S310 - 127.0.0.1
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_a_path_slack_does_not_serve_is_not_found(slack: SlackStandIn) -> None:
    root = slack.base_url.removesuffix("/api/")
    assert _post(f"{root}/nowhere", b"") == (404, "not found")
    assert slack.calls == []


def test_a_response_url_takes_json_and_refuses_anything_else(slack: SlackStandIn) -> None:
    assert _post(slack.hook_url("cmd"), b'{"text": "done"}') == (200, "ok")
    assert _post(slack.hook_url("cmd"), b"text=done", "text/plain")[0] == 400
    assert [(c.method, c.hook, c.response["ok"]) for c in slack.calls] == [
        ("respond", "cmd", True),
        ("respond", "cmd", False),
    ]


def test_bytes_for_an_upload_nobody_asked_for_are_refused(slack: SlackStandIn) -> None:
    root = slack.base_url.removesuffix("/api/")
    assert _post(f"{root}/upload/v1/F0NONE00001", b"png", "image/png") == (400, "file_not_found")


def test_a_token_in_the_body_counts_like_the_header(slack: SlackStandIn) -> None:
    status, body = _post(
        f"{slack.base_url}auth.test", b"token=xoxb-1", "application/x-www-form-urlencoded"
    )
    assert status == 200 and '"ok": true' in body
    assert slack.calls[-1].token == "xoxb-1"
    assert '"not_authed"' in _post(f"{slack.base_url}auth.test", b"{}")[1]
