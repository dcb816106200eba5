"""The test harness: the product's Slack stand-in wrapped with Slack's spec, the real app,
and payloads shaped and signed exactly as Slack sends them (slack-testing.md)."""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

import uvicorn
from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy import Engine

from bot import wallclock
from bot.app import create_app
from bot.config import Settings
from bot.console.blocks import initial_state
from bot.server import SlackASGIApp
from bot.slack_requests import (
    Person,
    Workspace,
    block_actions_payload,
    button_action,
    command_fields,
    event_envelope,
    message_action_payload,
    message_container,
    signature_headers,
    submitted_view,
    view_submission_payload,
)
from bot.standin import SlackStandIn
from tests.mrkdwn_check import assert_safe
from tests.slackspec import check_message

TEAM_ID = "T0123456789"
API_APP_ID = "A0123456789"
CHANNEL_ID = "C0123456789"
USER_ID = "U0123456789"
OTHER_USER_ID = "U0987654321"
SIGNING_SECRET = "test-signing-secret"
TOKEN = "xoxb-test-token"


# The workspace the harness's requests come from, and who speaks in it by default.
WORKSPACE = Workspace(
    team_id=TEAM_ID,
    api_app_id=API_APP_ID,
    bot_user_id="U0BOT000001",
    team_domain="partnerdesk-test",
)


def person(user_id: str = USER_ID, channel_id: str = CHANNEL_ID) -> Person:
    return Person(user_id, "cpm", channel_id, "partnerships")


def sign(body: str, timestamp: str | None = None, secret: str = SIGNING_SECRET) -> dict[str, str]:
    """Slack's v0 signature headers for a raw body (at the real time unless given)."""
    return signature_headers(body, secret=secret, timestamp=timestamp or int(time.time()))


def command_body(
    command: str,
    text: str,
    *,
    response_url: str,
    user_id: str = USER_ID,
    channel_id: str = CHANNEL_ID,
    team_id: str = TEAM_ID,
) -> str:
    """A slash command exactly as Slack posts it (form-encoded, every documented field; `&`,
    `<`, `>` in the text escaped as Slack does)."""
    workspace = replace(WORKSPACE, team_id=team_id)
    return urlencode(
        command_fields(
            workspace,
            person(user_id, channel_id),
            command,
            text,
            response_url=response_url,
            moment=wallclock.utcnow(),
        )
    )


def event_body(
    event: dict[str, Any], *, event_id: str | None = None, team_id: str = TEAM_ID
) -> str:
    """An Events API envelope (event_callback) around one event."""
    workspace = replace(WORKSPACE, team_id=team_id)
    return json.dumps(
        event_envelope(workspace, event, moment=wallclock.utcnow(), event_id=event_id)
    )


def block_actions_body(
    action_id: str,
    value: str | None,
    *,
    response_url: str,
    user_id: str = USER_ID,
    channel_id: str = CHANNEL_ID,
    message: dict[str, Any] | None = None,
    block_id: str = "actions",
) -> str:
    """A button click (`block_actions`) as Slack posts it: form field payload=<JSON>."""
    moment = wallclock.utcnow()
    payload = block_actions_payload(
        WORKSPACE,
        person(user_id, channel_id),
        button_action(action_id, block_id, "Button", value, moment=moment),
        container=message_container(
            channel_id,
            (message or {}).get("ts", "1700000000.000100"),
            is_ephemeral=message is None,
        ),
        moment=moment,
        response_url=response_url,
        message=message,
    )
    return urlencode({"payload": json.dumps(payload)})


def message_action_body(
    message: dict[str, Any],
    *,
    response_url: str,
    user_id: str = USER_ID,
    channel_id: str = CHANNEL_ID,
    callback_id: str = "request_approval",
) -> str:
    """A message shortcut (`message_action`) chosen on `message`: form field payload=<JSON>."""
    payload = message_action_payload(
        WORKSPACE,
        person(user_id, channel_id),
        callback_id,
        message,
        response_url=response_url,
        moment=wallclock.utcnow(),
    )
    return urlencode({"payload": json.dumps(payload)})


def view_click_body(
    view: dict[str, Any], block_id: str, element: dict[str, Any], *, user_id: str = USER_ID
) -> str:
    """A button pressed in a view (a Home tab, a modal): the container is the view, sent
    along whole; no channel and no response_url."""
    moment = wallclock.utcnow()
    action = button_action(
        element["action_id"], block_id, element["text"]["text"], element.get("value"), moment=moment
    )
    payload = block_actions_payload(
        WORKSPACE,
        person(user_id),
        action,
        container={"type": "view", "view_id": view["id"]},
        moment=moment,
        view=view,
    )
    return urlencode({"payload": json.dumps(payload)})


def _typed_value(element: dict[str, Any], value: Any) -> dict[str, Any]:
    kind = element["type"]
    if kind == "static_select":
        option = next((o for o in element["options"] if o["value"] == value), None)
        assert option is not None, f"{value!r} is not an option"
        return {"type": kind, "selected_option": option}
    if kind == "datepicker":
        return {"type": kind, "selected_date": value}
    if kind == "users_select":
        return {"type": kind, "selected_user": value}
    if kind == "multi_users_select":
        return {"type": kind, "selected_users": list(value)}
    if kind == "conversations_select":
        return {"type": kind, "selected_conversation": value}
    return {"type": kind, "value": value}


# Where every harness clock starts, and the moment test data is written at (tests/factories):
# a fixed date, so that no test depends on the day it runs.
START = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


class Clock:
    """A clock tests move by hand."""

    def __init__(self, start: datetime | None = None) -> None:
        self.current = start or START

    def __call__(self) -> datetime:
        return self.current

    def advance(self, **kwargs: float) -> None:
        self.current += timedelta(**kwargs)


class FakeTime:
    """The sweep's timer and sleep (seconds, no date): sleeping moves the timer, so pacing
    costs no real time."""

    def __init__(self, now: float = 0.0) -> None:
        self.now = now
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


class AppHarness:
    """The real app on a real database, its Web API calls going to the validated stand-in."""

    def __init__(self, settings: Settings, engine: Engine, standin: SlackStandIn) -> None:
        self.settings = settings
        self.engine = engine
        self.standin = standin
        self.clock = Clock()
        self.app: AsyncApp = create_app(
            settings,
            engine,
            client=AsyncWebClient(token=TOKEN, base_url=standin.base_url),
            signing_secret=SIGNING_SECRET,
            now=self.clock,
        )
        self._loop = asyncio.new_event_loop()

    def close(self) -> None:
        self._loop.run_until_complete(self._settle())
        self._loop.close()

    def dispatch(self, body: str, content_type: str, headers: dict[str, str] | None = None):
        """Dispatch one signed request into the app; wait (bounded) for its lazy listeners."""
        all_headers = {"content-type": [content_type]}
        for name, value in {**sign(body), **(headers or {})}.items():
            all_headers[name.lower()] = [value]
        request = AsyncBoltRequest(body=body, headers=all_headers)

        async def run() -> BoltResponse:
            response = await self.app.async_dispatch(request)
            await self._settle()
            return response

        return self._loop.run_until_complete(run())

    async def _settle(self) -> None:
        current = asyncio.current_task()
        # Work after the ack may schedule more work (a DM answered by a subcommand that posts
        # after its own ack): wait until nothing is left, a few rounds at most.
        for _ in range(5):
            pending = [
                t for t in asyncio.all_tasks(self._loop) if t is not current and not t.done()
            ]
            if not pending:
                return
            done, still = await asyncio.wait(pending, timeout=10)
            assert not still, f"lazy listeners still running after 10 s: {still}"

    def command(self, command: str, text: str = "", **kwargs: Any) -> dict[str, Any]:
        """Run a slash command; returns the ack body (the reply the user sees at once).

        A reply with blocks is held to Slack's Block Kit rules like every other message, and
        like every message it must carry no live mrkdwn sequence (tests/mrkdwn_check.py).
        """
        body = command_body(command, text, response_url=self.standin.hook_url("cmd"), **kwargs)
        response = self.dispatch(body, "application/x-www-form-urlencoded")
        assert response.status == 200, response.body
        reply = json.loads(response.body) if response.body else {}
        if reply:
            check_message(reply)
            assert_safe(reply, f"the answer to {command} {text}")
        return reply

    def last_view(self) -> dict[str, Any]:
        """The modal most recently opened (as the stand-in answered it, with its id)."""
        opened = self.standin.calls_to("views.open")
        assert opened, "no modal was opened"
        return opened[-1].response["view"]

    def submit(
        self, view: dict[str, Any], values: dict[str, Any], user_id: str = USER_ID
    ) -> dict[str, Any]:
        """Submit a modal with its initial values, overridden by `values` (per block_id)."""
        state = initial_state(view)
        for block in view["blocks"]:
            if block.get("block_id") in values:
                element = block["element"]
                state[block["block_id"]] = {
                    element["action_id"]: _typed_value(element, values[block["block_id"]])
                }
        unknown = set(values) - set(state)
        assert not unknown, f"the modal has no inputs {unknown}"
        moment = wallclock.utcnow()
        submitted = submitted_view(
            WORKSPACE,
            view,
            state,
            view_id=view.get("id", "V0123456789"),
            bot_id=self.standin.bot_id,
            moment=moment,
        )
        payload = view_submission_payload(WORKSPACE, person(user_id), submitted, moment=moment)
        body = urlencode({"payload": json.dumps(payload)})
        response = self.dispatch(body, "application/x-www-form-urlencoded")
        assert response.status == 200, response.body
        return json.loads(response.body) if response.body else {}

    def event(self, event: dict[str, Any], **kwargs: Any) -> BoltResponse:
        return self.dispatch(event_body(event, **kwargs), "application/json")

    def click(self, action_id: str, value: str | None = None, **kwargs: Any) -> BoltResponse:
        body = block_actions_body(
            action_id, value, response_url=self.standin.hook_url("action"), **kwargs
        )
        return self.dispatch(body, "application/x-www-form-urlencoded")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def served(app: AsyncApp, engine: Engine | None = None) -> Iterator[str]:
    """The real ASGI face under uvicorn on 127.0.0.1; yields its base URL."""
    port = free_port()
    config = uvicorn.Config(
        SlackASGIApp(app, SIGNING_SECRET, engine),
        host="127.0.0.1",
        port=port,
        log_level="warning",
        lifespan="on",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline:
            raise TimeoutError("uvicorn did not start within 10 s")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def post_at_once(url: str, bodies: list[str]) -> list[int]:
    """Every body POSTed, signed, to `{url}/slack/events` by its own thread, all released at
    once (a click storm, many people at one moment); the HTTP statuses."""
    import urllib.request

    barrier = threading.Barrier(len(bodies))
    statuses: list[int] = []

    def post(body: str) -> None:
        request = urllib.request.Request(
            f"{url}/slack/events",
            data=body.encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded", **sign(body)},
        )
        barrier.wait()
        with urllib.request.urlopen(request, timeout=30) as answer:
            statuses.append(answer.status)

    threads = [threading.Thread(target=post, args=(body,)) for body in bodies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return statuses
