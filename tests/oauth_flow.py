"""The multi-workspace app over real HTTP for tests: Bolt's OAuth flow on our database, the
install round trip a member makes in a browser, and signed posts to /slack/events."""

from __future__ import annotations

import re
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import datetime
from html import unescape
from urllib.parse import parse_qs, urlencode, urlsplit

from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy import Engine
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.app import create_app
from bot.config import Settings
from bot.oauth import oauth_settings
from bot.standin import SlackStandIn
from storage.installations import create_async_db_engine
from tests.harness import START, USER_ID, served, sign

CLIENT_ID = "1111111111.2222222222"
CLIENT_SECRET = "test-client-secret"
SLACK_TABLES = ("slack_installations", "slack_bots", "slack_oauth_states")


def serve_multi(
    settings: Settings,
    engine: Engine,
    standin: SlackStandIn,
    *,
    rotation_minutes: int = 120,
    now: Callable[[], datetime] = lambda: START,
) -> tuple[AbstractContextManager[str], AsyncEngine]:
    """The multi-workspace app under uvicorn (enter the first for its base URL), and the async
    engine of its stores (dispose it afterwards)."""
    async_engine = create_async_db_engine(settings.database_url)
    app = create_app(
        settings,
        engine,
        client=AsyncWebClient(base_url=standin.base_url),
        signatures_checked_upstream=True,
        now=now,
        oauth_settings=oauth_settings(
            settings,
            engine,
            async_engine=async_engine,
            token_rotation_expiration_minutes=rotation_minutes,
        ),
    )
    return served(app, engine), async_engine


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, str, dict[str, str]]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - our server
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), dict(error.headers)


def post_signed(base: str, body: str, content_type: str) -> tuple[int, str]:
    """A body posted to /slack/events, signed as Slack signs it; the status and the answer."""
    headers = {**sign(body), "Content-Type": content_type}
    request = urllib.request.Request(f"{base}/slack/events", data=body.encode(), headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - our server
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def start_install(base: str) -> tuple[dict[str, list[str]], str]:
    """A member opens /slack/install: the authorize link's query and the state cookie."""
    status, page, headers = get(f"{base}/slack/install")
    assert status == 200
    [href] = re.findall(r'href="(https://slack.com/oauth/v2/authorize\?[^"]+)"', page)
    return parse_qs(urlsplit(unescape(href)).query), headers["set-cookie"].split(";")[0]


def install(
    base: str,
    standin: SlackStandIn,
    *,
    team_id: str | None = None,
    user_id: str = USER_ID,
    org_wide: bool = False,
    headers: dict[str, str] | None = None,
) -> tuple[int, str]:
    """Add to Slack, then Allow in the workspace (`headers`: more of the browser's own): the
    redirect's status and page."""
    query, cookie = start_install(base)
    scopes = query["scope"][0].split(",")
    code = standin.authorize(
        CLIENT_ID, scopes=scopes, user_id=user_id, team_id=team_id, org_wide=org_wide
    )
    state = query["state"][0]
    redirect = f"{base}/slack/oauth_redirect?{urlencode({'code': code, 'state': state})}"
    status, page, _ = get(redirect, {"Cookie": cookie, **(headers or {})})
    return status, page


def wait_for_answer(
    standin: SlackStandIn, seen: int, methods: tuple[str, ...], timeout: float = 30.0
) -> None:
    """Wait until the app has made one of `methods` since call `seen`: on a loaded machine
    the work after an event's ack can pause longer than `settle`'s quiet spell."""
    deadline = time.monotonic() + timeout
    while not any(call.method in methods for call in standin.calls[seen:]):
        if time.monotonic() > deadline:
            raise TimeoutError(f"no {' or '.join(methods)} within {timeout} s")
        time.sleep(0.05)


def settle(standin: SlackStandIn, quiet: float = 0.5, timeout: float = 30.0) -> None:
    """Wait until the app has made no Slack call for `quiet` seconds (its work after the ack
    is done)."""
    deadline = time.monotonic() + timeout
    seen = -1
    while time.monotonic() < deadline:
        count = len(standin.calls)
        if count == seen:
            return
        seen = count
        time.sleep(quiet)
    raise TimeoutError("the app kept calling Slack")
