"""The multi-workspace mode end to end over real HTTP: Bolt's install page, the state, the
redirect, oauth.v2.access at the stand-in, the installation in our database, and the new
workspace's first command answered with its own token; then token rotation."""

from __future__ import annotations

import asyncio
import re
import urllib.error
import urllib.request
from datetime import timedelta
from html import unescape
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import time_machine
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy import Engine, text
from sqlmodel import select

from bot.app import create_app
from bot.config import Settings, manifest_bot_scopes
from storage import departures
from storage.db import session_scope
from storage.models import Creator, Reminder, TeamDeparture
from storage.reminders import schedule
from tests.factories import make_creator
from tests.harness import START, TEAM_ID, USER_ID, command_body, event_body, served, sign
from tests.oauth_flow import (
    CLIENT_ID,
    CLIENT_SECRET,
    get,
    install,
    post_signed,
    serve_multi,
)

TWELVE_HOURS = 12 * 3600  # Slack's lifetime of a rotating token


def _post_command(base: str, standin, text_: str) -> tuple[int, str]:  # noqa: ANN001
    body = command_body("/creator", text_, response_url=standin.hook_url("cmd"))
    return post_signed(base, body, "application/x-www-form-urlencoded")


def _install(base: str, standin) -> str:  # noqa: ANN001
    """A member opens /slack/install, clicks Add to Slack, then Allow; the bot token issued."""
    status, page, headers = get(f"{base}/slack/install")
    assert status == 200
    [href] = re.findall(r'href="(https://slack.com/oauth/v2/authorize\?[^"]+)"', page)
    query = parse_qs(urlsplit(unescape(href)).query)
    assert query["client_id"] == [CLIENT_ID]
    assert query["scope"][0].split(",") == list(manifest_bot_scopes())
    state = query["state"][0]
    cookie = headers["set-cookie"].split(";")[0]
    assert cookie.endswith("=" + state)  # the browser that started is the one that finishes

    code = standin.authorize(CLIENT_ID, scopes=query["scope"][0].split(","), user_id=USER_ID)
    redirect = f"{base}/slack/oauth_redirect?{urlencode({'code': code, 'state': state})}"
    status, _page, _ = get(redirect, {"Cookie": cookie})
    assert status == 200
    [access] = standin.calls_to("oauth.v2.access")
    assert access.response["ok"], access.response
    return access.response["access_token"]


def _installations(engine: Engine) -> list[tuple]:
    with engine.connect() as connection:
        return list(
            connection.execute(
                text("SELECT team_id, bot_token, bot_refresh_token FROM slack_installations")
            )
        )


def _bots(engine: Engine) -> list[tuple]:
    """The bot rows Bolt reads for each request (bot-only: installations keep the first)."""
    with engine.connect() as connection:
        return list(connection.execute(text("SELECT bot_token, bot_refresh_token FROM slack_bots")))


def test_install_round_trip_then_the_first_command_speaks_with_its_own_token(
    multi_settings: Settings, engine: Engine, standin, clean_slack_tables: None
) -> None:  # noqa: ANN001
    standin.register_app(CLIENT_ID, CLIENT_SECRET)
    server, async_engine = serve_multi(multi_settings, engine, standin)
    try:
        with server as base:
            # Before any install, the workspace is not served (Bolt: no installation).
            _post_command(base, standin, "help")
            [refusal] = standin.calls  # Bolt asks for an install, tokenless, on the response_url
            assert (refusal.method, refusal.token) == ("respond", None)
            assert "install" in refusal.args["text"].lower()

            token = _install(base, standin)
            assert [(t, tok) for t, tok, _ in _installations(engine)] == [(TEAM_ID, token)]

            status, answer = _post_command(base, standin, "help")
            assert status == 200
            assert "/creator" in answer
            after_install = [c for c in standin.calls[2:] if c.method != "respond"]
            assert after_install, "the app made no Slack call for its first command"
            assert {call.token for call in after_install} == {token}
    finally:
        asyncio.run(async_engine.dispose())


def test_a_redirect_with_a_forged_or_reused_state_installs_nothing(
    multi_settings: Settings, engine: Engine, standin, clean_slack_tables: None
) -> None:  # noqa: ANN001
    standin.register_app(CLIENT_ID, CLIENT_SECRET)
    server, async_engine = serve_multi(multi_settings, engine, standin)
    try:
        with server as base:
            _, _, headers = get(f"{base}/slack/install")
            cookie = headers["set-cookie"].split(";")[0]
            code = standin.authorize(CLIENT_ID, scopes=["chat:write"], user_id=USER_ID)
            forged = f"{base}/slack/oauth_redirect?{urlencode({'code': code, 'state': 'x'})}"
            status, _, _ = get(forged, {"Cookie": cookie})
            assert status == 400
            no_cookie = f"{base}/slack/oauth_redirect?code={code}&state={cookie.split('=')[1]}"
            status, _, _ = get(no_cookie)
            assert status == 400
            assert standin.calls_to("oauth.v2.access") == []
            assert _installations(engine) == []
            # POSTs to the events URL still need Slack's signature.
            request = urllib.request.Request(f"{base}/slack/events", data=b"command=/creator")
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(request, timeout=10)  # noqa: S310 - our server
            assert refused.value.code == 401
    finally:
        asyncio.run(async_engine.dispose())


def test_an_expiring_token_is_refreshed_by_rotation_before_it_runs_out(
    multi_settings: Settings, engine: Engine, standin, clean_slack_tables: None
) -> None:  # noqa: ANN001
    standin.register_app(CLIENT_ID, CLIENT_SECRET, token_lifetime=TWELVE_HOURS)
    server, async_engine = serve_multi(multi_settings, engine, standin, rotation_minutes=120)
    try:
        with server as base:
            first = _install(base, standin)
            [(_, stored, refresh)] = _installations(engine)
            assert (stored, refresh is not None) == (first, True)

            # Well before expiry: the installed token is used as it is.
            assert _post_command(base, standin, "help")[0] == 200
            assert len(standin.calls_to("oauth.v2.access")) == 1

            # 11 hours on, within Bolt's 120 minutes of expiry: refreshed, then used.
            with time_machine.travel(_wall_in(11 * 3600), tick=True):
                seen = len(standin.calls)
                assert _post_command(base, standin, "help")[0] == 200
                refreshes = standin.calls_to("oauth.v2.access")
                assert len(refreshes) == 2
                assert refreshes[1].args["grant_type"] == "refresh_token"
                assert refreshes[1].args["refresh_token"] == refresh
                second = refreshes[1].response["access_token"]
                assert second != first
                later = [c for c in standin.calls[seen:] if c.method != "oauth.v2.access"]
                assert later and {c.token for c in later} == {second}
                [(stored, new_refresh)] = _bots(engine)
                assert (stored, new_refresh != refresh) == (second, True)
            # 13 hours on the first token would have been refused by Slack.
            with time_machine.travel(_wall_in(13 * 3600), tick=True):
                assert standin.oauth.token_problem(first) == "token_expired"
                assert standin.oauth.token_problem(second) is None
    finally:
        asyncio.run(async_engine.dispose())


OTHER_TEAM = "T0OTHER0001"
LEAVING = {
    "app_uninstalled": {"type": "app_uninstalled"},
    "tokens_revoked": {"type": "tokens_revoked", "tokens": {"oauth": [], "bot": ["U0BOT000001"]}},
}


def _post_event(base: str, event: dict) -> int:
    body = event_body(event)
    headers = {**sign(body), "Content-Type": "application/json"}
    request = urllib.request.Request(f"{base}/slack/events", data=body.encode(), headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - our server
        return response.status


def _pending_reminder(engine: Engine, team_id: str) -> None:
    with session_scope(engine) as session:
        schedule(
            session=session,
            team_id=team_id,
            kind="test",
            dedupe_key=f"left:{team_id}",
            due_at=START + timedelta(days=1),
            now=START,
            channel_id="C0123456789",
        )


def _states(engine: Engine) -> dict[str, str]:
    with session_scope(engine) as session:
        return {r.team_id: r.state for r in session.exec(select(Reminder))}


def _creator_teams(engine: Engine) -> list[str]:
    with session_scope(engine) as session:
        return sorted(c.team_id for c in session.exec(select(Creator)))


@pytest.mark.parametrize("leaving", sorted(LEAVING))
def test_a_workspace_that_leaves_loses_its_tokens_and_reminders_and_later_its_data(
    leaving: str, multi_settings: Settings, engine: Engine, standin, clean_slack_tables: None
) -> None:  # noqa: ANN001
    standin.register_app(CLIENT_ID, CLIENT_SECRET)
    server, async_engine = serve_multi(multi_settings, engine, standin)
    for team in (TEAM_ID, OTHER_TEAM):
        make_creator(engine, "Zoë de Vries", team_id=team)
        _pending_reminder(engine, team)
    try:
        with server as base:
            _install(base, standin)
            standin.revoke_tokens()  # what Slack does first, then it tells the app
            assert _post_event(base, LEAVING[leaving]) == 200

            assert _installations(engine) == [] and _bots(engine) == []
            # Nothing is sent there any more: cancelled, not left to fail; the other stays.
            assert _states(engine) == {TEAM_ID: "cancelled", OTHER_TEAM: "pending"}
            with session_scope(engine) as session:
                assert departures.departed(session=session, team_id=TEAM_ID)
            # The data is kept for the retention period...
            assert _creator_teams(engine) == sorted([TEAM_ID, OTHER_TEAM])
            # ...and the workspace is asked to install again, not answered.
            seen = len(standin.calls)
            _post_command(base, standin, "help")
            [refusal] = standin.calls[seen:]
            assert refusal.method == "respond" and "install" in refusal.args["text"].lower()

        with session_scope(engine) as session:
            day_before = START + departures.RETENTION - timedelta(days=1)
            assert departures.due_for_erasure(session=session, now=day_before) == []
            due = departures.due_for_erasure(session=session, now=START + departures.RETENTION)
            assert due == [TEAM_ID]
    finally:
        asyncio.run(async_engine.dispose())


def test_installing_again_within_the_retention_period_keeps_the_data(
    multi_settings: Settings, engine: Engine, standin, clean_slack_tables: None
) -> None:  # noqa: ANN001
    standin.register_app(CLIENT_ID, CLIENT_SECRET)
    server, async_engine = serve_multi(multi_settings, engine, standin)
    make_creator(engine, "Zoë de Vries")
    try:
        with server as base:
            _install(base, standin)
            _post_event(base, LEAVING["app_uninstalled"])
            with session_scope(engine) as session:
                assert session.get(TeamDeparture, TEAM_ID) is not None
            standin.calls_to("oauth.v2.access")  # the first install's exchange
            _install_again(base, standin)
            with session_scope(engine) as session:
                assert session.get(TeamDeparture, TEAM_ID) is None
                later = START + departures.RETENTION * 2
                assert departures.due_for_erasure(session=session, now=later) == []
            assert _creator_teams(engine) == [TEAM_ID]
    finally:
        asyncio.run(async_engine.dispose())


def _install_again(base: str, standin) -> None:  # noqa: ANN001
    status, page, headers = get(f"{base}/slack/install")
    [href] = re.findall(r'href="(https://slack.com/oauth/v2/authorize\?[^"]+)"', page)
    state = parse_qs(urlsplit(unescape(href)).query)["state"][0]
    code = standin.authorize(CLIENT_ID, scopes=["chat:write"], user_id=USER_ID)
    redirect = f"{base}/slack/oauth_redirect?{urlencode({'code': code, 'state': state})}"
    cookie = headers["set-cookie"].split(";")[0]
    assert get(redirect, {"Cookie": cookie})[0] == 200


def _wall_in(seconds: int):  # noqa: ANN202
    import time

    return time.time() + seconds


def test_the_single_workspace_mode_serves_no_install_pages(
    settings: Settings, engine: Engine, standin
) -> None:  # noqa: ANN001
    app = create_app(settings, engine, client=AsyncWebClient(token="xoxb-test-token"))
    assert app.oauth_flow is None
    with served(app, engine) as base:
        assert get(f"{base}/slack/install")[0] == 404
        assert get(f"{base}/slack/oauth_redirect?code=x&state=y")[0] == 404


@pytest.mark.parametrize(
    ("multi", "said"), [(True, "multi-workspace mode"), (False, "single-workspace mode")]
)
def test_serve_says_which_mode_it_runs(
    multi: bool, said: str, multi_settings: Settings, settings: Settings, monkeypatch, caplog
) -> None:  # noqa: ANN001
    import bot.serve

    monkeypatch.setattr(bot.serve.uvicorn, "run", lambda *args, **kwargs: None)
    with caplog.at_level("INFO", logger="bot.serve"):
        bot.serve.serve(multi_settings if multi else settings)
    assert said in caplog.text


def test_an_org_wide_install_is_refused_with_a_page_saying_why(
    multi_settings: Settings, engine: Engine, standin, clean_slack_tables: None
) -> None:  # noqa: ANN001
    standin.register_app(CLIENT_ID, CLIENT_SECRET)
    server, async_engine = serve_multi(multi_settings, engine, standin)
    try:
        with server as base:
            english = {"Accept-Language": "en-GB,en;q=0.8"}
            status, page = install(base, standin, org_wide=True, headers=english)
            [access] = standin.calls_to("oauth.v2.access")
            assert access.response["is_enterprise_install"] is True
            assert status == 403
            assert "cannot be installed for a whole organisation" in page
            assert "Nothing was installed" in page
            assert _installations(engine) == [] and _bots(engine) == []
            dutch = {"Accept-Language": "nl-NL"}
            assert (
                "Er is niets geïnstalleerd"
                in install(base, standin, org_wide=True, headers=dutch)[1]
            )
    finally:
        asyncio.run(async_engine.dispose())
