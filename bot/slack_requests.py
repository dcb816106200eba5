"""Requests shaped and signed exactly as Slack sends them into the app.

Slash commands (form fields), interactions (`payload=<JSON>`: block_actions, view_submission,
shortcut, message_action), Events API envelopes (message, app_mention, app_home_opened) and
the url_verification handshake, with Slack's v0 signature headers. The console, the tests
and the benchmarks all build their requests here, so a shape or a signature is right (or
wrong) in one place. Shapes: ../shared/docs/slack-testing.md, section 3.

The builders are pure: a time goes in as an argument. Slack's own timestamps (the signature's,
`event_time`, `action_ts`, trigger ids) are real time, since Bolt refuses a signature more than
five minutes away from its own clock; the `Signer` takes that clock from its caller.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from slack_sdk.signature import SignatureVerifier

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"

# The deprecated verification token Slack still puts in every payload; nothing checks it.
VERIFICATION_TOKEN = "verification-token"


@dataclass(frozen=True)
class Workspace:
    """Where requests come from, as Slack names it: the workspace, the app and its bot user."""

    team_id: str
    api_app_id: str
    bot_user_id: str
    team_domain: str = "partnerdesk"
    token: str = VERIFICATION_TOKEN


@dataclass(frozen=True)
class Person:
    """Who acts, and where: a user in a channel (or a DM)."""

    user_id: str
    user_name: str
    channel_id: str
    channel_name: str


@dataclass(frozen=True)
class SignedRequest:
    """One HTTP request as Slack posts it: the raw body and its headers."""

    body: str
    headers: dict[str, str]  # Content-Type, X-Slack-Request-Timestamp, X-Slack-Signature

    @property
    def content_type(self) -> str:
        return self.headers["Content-Type"]

    def bolt_headers(self) -> dict[str, list[str]]:
        """The headers as `BoltRequest(headers=...)` takes them: lower-case, listed."""
        return {name.lower(): [value] for name, value in self.headers.items()}


def signature_headers(body: str, *, secret: str, timestamp: int | str) -> dict[str, str]:
    """Slack's v0 signature headers for a raw body (slack_sdk computes the HMAC)."""
    stamp = str(timestamp)
    signature = SignatureVerifier(secret).generate_signature(timestamp=stamp, body=body)
    assert signature is not None  # only None without a timestamp
    return {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": signature}


class Signer:
    """Signs bodies with one signing secret at the time its clock says (Slack's: real time)."""

    def __init__(self, secret: str, clock: Callable[[], datetime]) -> None:
        self.secret = secret
        self.clock = clock

    def sign(self, body: str, content_type: str) -> SignedRequest:
        timestamp = int(self.clock().timestamp())
        headers = {
            "Content-Type": content_type,
            **signature_headers(body, secret=self.secret, timestamp=timestamp),
        }
        return SignedRequest(body, headers)

    def form(self, fields: Mapping[str, str]) -> SignedRequest:
        """A form post: a slash command's fields."""
        return self.sign(urlencode(fields), FORM)

    def interaction(self, payload: Mapping[str, Any]) -> SignedRequest:
        """An interaction: the payload as one form field of JSON."""
        return self.form({"payload": json.dumps(payload)})

    def json(self, envelope: Mapping[str, Any]) -> SignedRequest:
        """An Events API post: the envelope as the JSON body."""
        return self.sign(json.dumps(envelope), JSON)


# -- ids and times as Slack writes them ------------------------------------------------------
def slack_ts(moment: datetime) -> str:
    """A message or action timestamp: seconds with six decimals."""
    return f"{moment.timestamp():.6f}"


def trigger_id(moment: datetime) -> str:
    """A trigger id (`<epoch>.<digits>.<hex>`), fresh for each interaction."""
    return f"{int(moment.timestamp())}.{uuid.uuid4().int % 10**12}.{uuid.uuid4().hex[:16]}"


def new_event_id() -> str:
    """An Events API event id, unique per event (Slack's retries repeat it)."""
    return "Ev" + uuid.uuid4().hex[:10].upper()


def escape_command_text(text: str) -> str:
    """A slash command's text as Slack sends it: `&`, `<`, `>` as entities, also with
    `should_escape: false` (api.slack.com/interactivity/slash-commands)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# -- slash commands --------------------------------------------------------------------------
def command_fields(
    workspace: Workspace,
    person: Person,
    command: str,
    text: str,
    *,
    response_url: str,
    moment: datetime,
) -> dict[str, str]:
    """A slash command's form fields, every documented one, the text escaped as Slack does."""
    return {
        "token": workspace.token,
        "team_id": workspace.team_id,
        "team_domain": workspace.team_domain,
        "enterprise_id": "",
        "enterprise_name": "",
        "channel_id": person.channel_id,
        "channel_name": person.channel_name,
        "user_id": person.user_id,
        "user_name": person.user_name,
        "command": command,
        "text": escape_command_text(text),
        "response_url": response_url,
        "trigger_id": trigger_id(moment),
        "api_app_id": workspace.api_app_id,
        "is_enterprise_install": "false",
    }


# -- interactions ----------------------------------------------------------------------------
def user_object(workspace: Workspace, person: Person) -> dict[str, str]:
    """The `user` of an interaction payload."""
    return {
        "id": person.user_id,
        "username": person.user_name,
        "name": person.user_name,
        "team_id": workspace.team_id,
    }


def _interaction(
    kind: str, workspace: Workspace, person: Person, moment: datetime
) -> dict[str, Any]:
    return {
        "type": kind,
        "team": {"id": workspace.team_id, "domain": workspace.team_domain},
        "user": user_object(workspace, person),
        "api_app_id": workspace.api_app_id,
        "token": workspace.token,
        "trigger_id": trigger_id(moment),
        "enterprise": None,
        "is_enterprise_install": False,
    }


def button_action(
    action_id: str, block_id: str, text: str, value: str | None, *, moment: datetime
) -> dict[str, Any]:
    """One pressed button, as an entry of a block_actions payload's `actions`."""
    action: dict[str, Any] = {
        "action_id": action_id,
        "block_id": block_id,
        "type": "button",
        "text": {"type": "plain_text", "text": text, "emoji": True},
        "action_ts": slack_ts(moment),
    }
    if value is not None:
        action["value"] = value
    return action


def message_container(channel_id: str, message_ts: str, *, is_ephemeral: bool) -> dict[str, Any]:
    """Where a button pressed in a message lives."""
    return {
        "type": "message",
        "message_ts": message_ts,
        "channel_id": channel_id,
        "is_ephemeral": is_ephemeral,
    }


def block_actions_payload(
    workspace: Workspace,
    person: Person,
    action: dict[str, Any],
    *,
    container: dict[str, Any],
    moment: datetime,
    response_url: str | None = None,
    message: dict[str, Any] | None = None,
    view: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A button pressed: in a message (with its channel, response_url and, unless ephemeral,
    the message), or in a view (a modal or the Home tab, sent along whole)."""
    payload = _interaction("block_actions", workspace, person, moment)
    payload["container"] = container
    payload["state"] = {"values": {}}
    payload["actions"] = [action]
    if view is not None:
        payload["view"] = view
    else:
        payload["channel"] = {"id": person.channel_id, "name": person.channel_name}
        if response_url is not None:
            payload["response_url"] = response_url
        if message is not None:
            payload["message"] = message
    return payload


def submitted_view(
    workspace: Workspace,
    view: dict[str, Any],
    values: dict[str, Any],
    *,
    view_id: str,
    bot_id: str,
    moment: datetime,
) -> dict[str, Any]:
    """A modal as Slack sends it back: the view the app opened, with its state and ids."""
    return {
        **view,
        "id": view_id,
        "team_id": workspace.team_id,
        "state": {"values": values},
        "hash": f"{int(moment.timestamp())}.{uuid.uuid4().hex[:8]}",
        "private_metadata": view.get("private_metadata", ""),
        "callback_id": view.get("callback_id", ""),
        "app_id": workspace.api_app_id,
        "bot_id": bot_id,
    }


def view_submission_payload(
    workspace: Workspace, person: Person, view: dict[str, Any], *, moment: datetime
) -> dict[str, Any]:
    """A modal submitted (Submit pressed); `view` as `submitted_view` builds it."""
    payload = _interaction("view_submission", workspace, person, moment)
    payload["view"] = view
    payload["response_urls"] = []
    return payload


def shortcut_payload(
    workspace: Workspace, person: Person, callback_id: str, *, moment: datetime
) -> dict[str, Any]:
    """A global shortcut chosen from the composer or search."""
    payload = _interaction("shortcut", workspace, person, moment)
    payload["callback_id"] = callback_id
    payload["action_ts"] = slack_ts(moment)
    return payload


def message_action_payload(
    workspace: Workspace,
    person: Person,
    callback_id: str,
    message: dict[str, Any],
    *,
    response_url: str,
    moment: datetime,
) -> dict[str, Any]:
    """A message shortcut chosen on `message`, in the person's channel."""
    payload = _interaction("message_action", workspace, person, moment)
    payload.update(
        {
            "callback_id": callback_id,
            "action_ts": slack_ts(moment),
            "message_ts": message.get("ts"),
            "message": message,
            "channel": {"id": person.channel_id, "name": person.channel_name},
            "response_url": response_url,
        }
    )
    return payload


# -- the Events API --------------------------------------------------------------------------
def event_envelope(
    workspace: Workspace,
    event: dict[str, Any],
    *,
    moment: datetime,
    event_id: str | None = None,
) -> dict[str, Any]:
    """An `event_callback` envelope around one event, authorised for the app's bot user."""
    return {
        "token": workspace.token,
        "team_id": workspace.team_id,
        "api_app_id": workspace.api_app_id,
        "event": event,
        "type": "event_callback",
        "event_id": event_id or new_event_id(),
        "event_time": int(moment.timestamp()),
        "authorizations": [
            {
                "enterprise_id": None,
                "team_id": workspace.team_id,
                "user_id": workspace.bot_user_id,
                "is_bot": True,
                "is_enterprise_install": False,
            }
        ],
        "is_ext_shared_channel": False,
    }


def message_event(
    person: Person, text: str, ts: str, *, thread_ts: str | None = None
) -> dict[str, Any]:
    """A person's message in their channel (`channel_type` im for a DM, D… ids)."""
    event: dict[str, Any] = {
        "type": "message",
        "channel": person.channel_id,
        "user": person.user_id,
        "text": text,
        "ts": ts,
        "event_ts": ts,
        "channel_type": "im" if person.channel_id.startswith("D") else "channel",
    }
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def app_mention_event(
    person: Person, text: str, ts: str, *, thread_ts: str | None = None
) -> dict[str, Any]:
    """The same message seen as a mention of the bot: Slack sends it without channel_type."""
    event = message_event(person, text, ts, thread_ts=thread_ts)
    event["type"] = "app_mention"
    del event["channel_type"]
    return event


def app_home_opened_event(user_id: str, dm_channel_id: str, *, moment: datetime) -> dict[str, Any]:
    """A user opening the app's Home tab."""
    return {
        "type": "app_home_opened",
        "user": user_id,
        "channel": dm_channel_id,
        "tab": "home",
        "event_ts": slack_ts(moment),
    }


def url_verification(challenge: str, *, token: str = VERIFICATION_TOKEN) -> dict[str, str]:
    """The handshake Slack sends when the events URL is set; answered with the challenge."""
    return {"token": token, "challenge": challenge, "type": "url_verification"}
