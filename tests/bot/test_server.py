"""The HTTP face, over real HTTP: what Slack sends is served, what it never sends is refused."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from urllib.parse import urlencode

import pytest
from slack_sdk.signature import SignatureVerifier

from bot.server import RefusedRequest, verify_signature
from tests.harness import (
    AppHarness,
    block_actions_body,
    command_body,
    served,
    sign,
)

# Slack's documented example (api.slack.com/authentication/verifying-requests-from-slack).
SLACK_TEST_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
SLACK_TEST_TIMESTAMP = "1531420618"
SLACK_TEST_BODY = (
    "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&"
    "channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&"
    "command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands"
    "%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121"
    ".803a0bc887a14d10d2c447fce8b6703c"
)
SLACK_TEST_SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"


def post(url: str, body: str, headers: dict[str, str], content_type: str) -> tuple[int, str]:
    request = urllib.request.Request(
        url, data=body.encode(), headers={"Content-Type": content_type, **headers}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_slacks_documented_test_vector_verifies() -> None:
    verifier = SignatureVerifier(SLACK_TEST_SECRET)
    assert (
        verifier.generate_signature(timestamp=SLACK_TEST_TIMESTAMP, body=SLACK_TEST_BODY)
        == SLACK_TEST_SIGNATURE
    )
    headers = {
        "x-slack-request-timestamp": SLACK_TEST_TIMESTAMP,
        "x-slack-signature": SLACK_TEST_SIGNATURE,
    }
    # Our own check agrees with Slack's example, at the moment it was signed ...
    verify_signature(
        SLACK_TEST_SECRET, headers, SLACK_TEST_BODY.encode(), now=int(SLACK_TEST_TIMESTAMP)
    )
    # ... and refuses it as a replay today.
    with pytest.raises(RefusedRequest) as refused:
        verify_signature(SLACK_TEST_SECRET, headers, SLACK_TEST_BODY.encode())
    assert refused.value.status == 401


@pytest.fixture
def server_url(harness: AppHarness):  # noqa: ANN201
    with served(harness.app, harness.engine) as url:
        yield url


def test_a_signed_slash_command_is_answered(harness: AppHarness, server_url: str) -> None:
    body = command_body("/creator", "help", response_url=harness.standin.hook_url("x"))
    status, text = post(
        server_url + "/slack/events", body, sign(body), "application/x-www-form-urlencoded"
    )
    assert status == 200
    reply = json.loads(text)
    assert reply["response_type"] == "ephemeral"
    assert "/creator help" in json.dumps(reply)


def test_a_signed_button_click_is_acknowledged(harness: AppHarness, server_url: str) -> None:
    body = block_actions_body(
        "creator_pick_0", "status:999999", response_url=harness.standin.hook_url("click")
    )
    status, _ = post(
        server_url + "/slack/events", body, sign(body), "application/x-www-form-urlencoded"
    )
    assert status == 200
    answer = harness.standin.wait_for_call("respond")[0]
    assert answer.hook == "click"


def test_url_verification_echoes_the_challenge(server_url: str) -> None:
    body = json.dumps(
        {
            "token": "t",
            "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
            "type": "url_verification",
        }
    )
    status, text = post(server_url + "/slack/events", body, sign(body), "application/json")
    assert status == 200
    assert "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" in text


@pytest.mark.parametrize(
    ("case", "headers_for"),
    [
        ("forged", lambda body: sign(body, secret="not-the-secret")),
        ("stale", lambda body: sign(body, timestamp=str(int(time.time()) - 600))),
        ("non-numeric", lambda body: {**sign(body), "X-Slack-Request-Timestamp": "soon"}),
        ("unsigned", lambda body: {}),
    ],
)
def test_requests_slack_would_never_send_get_401(
    harness: AppHarness, server_url: str, case: str, headers_for
) -> None:  # noqa: ANN001
    body = command_body("/creator", "help", response_url=harness.standin.hook_url("x"))
    status, text = post(
        server_url + "/slack/events", body, headers_for(body), "application/x-www-form-urlencoded"
    )
    assert status == 401, case
    assert "Traceback" not in text
    assert harness.standin.calls_to("users.info") == []  # no listener ran


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/x-www-form-urlencoded", urlencode({"payload": "{not json"})),
        ("application/x-www-form-urlencoded", urlencode({"payload": "[1, 2]"})),
        ("application/json", "{broken"),
        ("application/x-www-form-urlencoded", "just=some&random=fields"),
    ],
)
def test_signed_but_malformed_bodies_get_400_not_500(
    server_url: str, content_type: str, body: str
) -> None:
    status, text = post(server_url + "/slack/events", body, sign(body), content_type)
    assert status == 400
    assert "Traceback" not in text


def test_an_oversized_body_is_refused(server_url: str) -> None:
    body = "payload=" + "x" * (1024 * 1024 + 10)
    status, _ = post(
        server_url + "/slack/events", body, sign(body), "application/x-www-form-urlencoded"
    )
    assert status == 413


def test_health_check_reports_the_database(server_url: str) -> None:
    with urllib.request.urlopen(server_url + "/healthz", timeout=5) as response:
        assert response.status == 200
        assert response.read() == b"ok"


def test_other_paths_are_404(server_url: str) -> None:
    status, _ = post(server_url + "/admin", "", {}, "text/plain")
    assert status == 404
