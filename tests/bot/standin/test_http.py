"""The stand-in's routes (bot/standin/http.py): the Web API, response_urls, upload URLs."""

from __future__ import annotations

import socket
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator

import pytest

from bot.standin import SlackStandIn

FORM = "application/x-www-form-urlencoded"


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


def test_half_a_request_from_a_client_that_went_away_is_never_acted_on(
    slack: SlackStandIn,
) -> None:
    """A clock killed while writing a post leaves half its body: nothing is posted, no call
    is recorded, and the next whole request is served as usual."""
    url = urllib.parse.urlsplit(slack.base_url)
    body = b'{"channel": "C0123456789", "text": "half"}'
    with socket.create_connection((url.hostname, url.port), timeout=5) as connection:
        connection.sendall(
            b"POST /api/chat.postMessage HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer xoxb-1\r\n"
            b"Content-Type: application/json\r\n"
            + f"Content-Length: {len(body)}\r\n\r\n".encode()
            + body[:12]
        )
        connection.shutdown(socket.SHUT_WR)  # gone, mid-body
        assert connection.recv(1024) == b""  # no answer: the connection is closed
    assert slack.calls == [] and slack.violations == []
    status, answer = _post(f"{slack.base_url}auth.test", b"token=xoxb-1", FORM)
    assert status == 200 and '"ok": true' in answer
