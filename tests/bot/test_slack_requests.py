"""bot/slack_requests.py: requests signed so that Slack's own verifier accepts them, shaped so
that Bolt routes each to the listener Slack's request would reach."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs

import jsonschema
import pytest
from slack_bolt.async_app import AsyncApp
from slack_bolt.authorization import AuthorizeResult
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk.signature import SignatureVerifier

from bot import wallclock
from bot.slack_requests import (
    FORM,
    JSON,
    Person,
    SignedRequest,
    Signer,
    Workspace,
    app_home_opened_event,
    app_mention_event,
    block_actions_payload,
    button_action,
    command_fields,
    escape_command_text,
    event_envelope,
    message_action_payload,
    message_container,
    message_event,
    shortcut_payload,
    signature_headers,
    submitted_view,
    url_verification,
    view_submission_payload,
)
from tests.slackspec import find_specs_dir

SECRET = "test-signing-secret"
WORKSPACE = Workspace(team_id="T0123456789", api_app_id="A0123456789", bot_user_id="U0BOT000001")
ASKER = Person("U0123456789", "cpm", "C0123456789", "partnerships")
IN_A_DM = Person("U0123456789", "cpm", "D0123456789", "directmessage")
# Any moment will do for shapes; signatures are checked at the verifier's own clock below.
MOMENT = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
SLACKS_EXAMPLE_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"  # api.slack.com's worked example
SLACKS_EXAMPLE_BODY = (
    "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&"
    "channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&"
    "command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands"
    "%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121"
    ".803a0bc887a14d10d2c447fce8b6703c"
)


class FixedClock:
    """slack_sdk's verifier clock, set to a moment."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def now(self) -> float:
        return self.moment.timestamp()


def test_slacks_worked_example_signs_to_its_published_signature() -> None:
    headers = signature_headers(
        SLACKS_EXAMPLE_BODY, secret=SLACKS_EXAMPLE_SECRET, timestamp=1531420618
    )
    assert headers == {
        "X-Slack-Request-Timestamp": "1531420618",
        "X-Slack-Signature": "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
    }


def test_a_signed_request_verifies_at_the_signers_clock_and_only_with_its_secret() -> None:
    request = Signer(SECRET, lambda: MOMENT).form({"command": "/creator", "text": "help"})
    assert request.content_type == FORM
    assert request.headers["X-Slack-Request-Timestamp"] == str(int(MOMENT.timestamp()))
    assert SignatureVerifier(SECRET, FixedClock(MOMENT)).is_valid_request(
        request.body, request.headers
    )
    assert not SignatureVerifier("another-secret", FixedClock(MOMENT)).is_valid_request(
        request.body, request.headers
    )
    # Slack's verifier refuses what is over five minutes old: the timestamp is the clock's.
    later = FixedClock(MOMENT + timedelta(minutes=6))
    assert not SignatureVerifier(SECRET, later).is_valid_request(request.body, request.headers)


def test_an_interaction_is_one_form_field_of_json_and_an_event_a_json_body() -> None:
    signer = Signer(SECRET, lambda: MOMENT)
    clicked = signer.interaction({"type": "block_actions"})
    assert json.loads(parse_qs(clicked.body)["payload"][0]) == {"type": "block_actions"}
    event = signer.json({"type": "event_callback"})
    assert (event.content_type, json.loads(event.body)) == (JSON, {"type": "event_callback"})
    assert event.bolt_headers()["content-type"] == [JSON]


def test_command_text_is_escaped_as_slack_sends_it() -> None:
    fields = command_fields(
        WORKSPACE, ASKER, "/creator", "status Tom & <Jerry>", response_url="u", moment=MOMENT
    )
    assert fields["text"] == "status Tom &amp; &lt;Jerry&gt;"
    assert escape_command_text("&lt;") == "&amp;lt;"  # what was typed survives unescaping
    documented = (
        "token team_id team_domain enterprise_id enterprise_name channel_id channel_name "
        "user_id user_name command text response_url trigger_id api_app_id is_enterprise_install"
    )
    assert set(fields) == set(documented.split())


@pytest.mark.parametrize(
    "event",
    [
        message_event(ASKER, "hoi", "1700000000.000100", thread_ts="1700000000.000001"),
        app_mention_event(ASKER, "<@U0BOT000001> hoi", "1700000000.000100"),
        app_home_opened_event(ASKER.user_id, "D0123456789", moment=MOMENT),
    ],
    ids=["message", "app_mention", "app_home_opened"],
)
def test_event_envelopes_validate_against_slacks_wrapper_schema(event: dict[str, Any]) -> None:
    specs = find_specs_dir()
    if specs is None:
        pytest.skip("Slack's specs not found: set SLACK_SPECS_DIR to shared/slack-specs")
    schema = json.loads(
        (specs / "events-api" / "slack_common_event_wrapper_schema.json").read_text()
    )
    # Newer payloads carry `authorizations` where the schema still requires `authed_users`.
    schema["required"] = [name for name in schema["required"] if name != "authed_users"]
    envelope = event_envelope(WORKSPACE, event, moment=MOMENT)
    jsonschema.validate(envelope, schema)
    assert envelope["authorizations"][0]["user_id"] == WORKSPACE.bot_user_id


def test_a_dm_message_is_an_im_and_a_mention_has_no_channel_type() -> None:
    assert message_event(IN_A_DM, "hoi", "1.0")["channel_type"] == "im"
    assert message_event(ASKER, "hoi", "1.0")["channel_type"] == "channel"
    assert "channel_type" not in app_mention_event(ASKER, "hoi", "1.0")


# -- through Bolt: each request reaches the listener Slack's would ---------------------------
def _bolt_app(reached: list[str]) -> AsyncApp:
    async def authorize(enterprise_id: str | None, team_id: str, user_id: str) -> AuthorizeResult:
        return AuthorizeResult(
            enterprise_id=enterprise_id,
            team_id=team_id,
            bot_token="xoxb-test",
            bot_user_id=WORKSPACE.bot_user_id,
            bot_id="B0123456789",
        )

    app = AsyncApp(signing_secret=SECRET, authorize=authorize, process_before_response=True)

    def listener(name: str):  # noqa: ANN202 - a Bolt listener
        async def handle(ack: Any, body: dict[str, Any]) -> None:
            reached.append(name)
            await ack()

        return handle

    app.command("/creator")(listener("command"))
    app.action("approve")(listener("action"))
    app.view("kpi_form")(listener("view"))
    app.shortcut("new_request")(listener("shortcut"))
    app.shortcut("request_approval")(listener("message_action"))
    app.event("message")(listener("message"))
    app.event("app_mention")(listener("app_mention"))
    app.event("app_home_opened")(listener("app_home_opened"))
    return app


def _requests() -> dict[str, SignedRequest]:
    now = wallclock.utcnow()  # Bolt checks the signature's age against the real clock
    signer = Signer(SECRET, lambda: now)
    message = {"type": "message", "ts": "1700000000.000100", "text": "Fee agreed"}
    view = {
        "type": "modal",
        "callback_id": "kpi_form",
        "title": {"type": "plain_text", "text": "KPI"},
    }
    button = button_action("approve", "actions", "Approve", "7", moment=now)
    return {
        "command": signer.form(
            command_fields(WORKSPACE, ASKER, "/creator", "help", response_url="u", moment=now)
        ),
        "action": signer.interaction(
            block_actions_payload(
                WORKSPACE,
                ASKER,
                button,
                container=message_container(ASKER.channel_id, message["ts"], is_ephemeral=False),
                moment=now,
                response_url="u",
                message=message,
            )
        ),
        "view": signer.interaction(
            view_submission_payload(
                WORKSPACE,
                ASKER,
                submitted_view(WORKSPACE, view, {}, view_id="V0123456789", bot_id="B1", moment=now),
                moment=now,
            )
        ),
        "shortcut": signer.interaction(
            shortcut_payload(WORKSPACE, ASKER, "new_request", moment=now)
        ),
        "message_action": signer.interaction(
            message_action_payload(
                WORKSPACE, ASKER, "request_approval", message, response_url="u", moment=now
            )
        ),
        "message": signer.json(
            event_envelope(WORKSPACE, message_event(IN_A_DM, "hoi", "1.000100"), moment=now)
        ),
        "app_mention": signer.json(
            event_envelope(WORKSPACE, app_mention_event(ASKER, "hoi", "1.000100"), moment=now)
        ),
        "app_home_opened": signer.json(
            event_envelope(
                WORKSPACE,
                app_home_opened_event(ASKER.user_id, "D0123456789", moment=now),
                moment=now,
            )
        ),
    }


def _dispatch(app: AsyncApp, request: SignedRequest) -> BoltResponse:
    bolt_request = AsyncBoltRequest(body=request.body, headers=request.bolt_headers())
    return asyncio.run(app.async_dispatch(bolt_request))


@pytest.mark.parametrize("kind", list(_requests()))
def test_bolt_verifies_each_request_and_routes_it_to_its_listener(kind: str) -> None:
    reached: list[str] = []
    response = _dispatch(_bolt_app(reached), _requests()[kind])
    assert (response.status, reached) == (200, [kind])


def test_bolt_refuses_a_request_signed_with_another_secret() -> None:
    reached: list[str] = []
    request = Signer("not-the-secret", lambda: wallclock.utcnow()).form(
        command_fields(WORKSPACE, ASKER, "/creator", "help", response_url="u", moment=MOMENT)
    )
    assert (_dispatch(_bolt_app(reached), request).status, reached) == (401, [])


def test_url_verification_is_answered_with_its_challenge() -> None:
    request = Signer(SECRET, lambda: wallclock.utcnow()).json(
        url_verification("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P")
    )
    response = _dispatch(_bolt_app([]), request)
    assert response.status == 200
    assert "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" in response.body
