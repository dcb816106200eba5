"""The stand-in's OAuth (bot/standin/oauth.py): one-time codes and refresh tokens, expiring
and revocable tokens, each belonging to the workspace that installed."""

from __future__ import annotations

import pytest

from bot.standin.oauth import OAuthError, StandInOAuth
from bot.standin.workspace import Workspace

CLIENT, SECRET = "111.222", "secret"


class Clock:
    now = 1_700_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def oauth(clock: Clock) -> StandInOAuth:
    workspaces = {
        team: Workspace(
            team_id=team,
            team_domain=team.lower(),
            bot_user_id=f"U0BOT{team[-4:]}",
            bot_id="B0BOT000001",
            strict_channels=False,
            clock=clock,
        )
        for team in ("T0ONE000001", "T0TWO000001")
    }
    standin_oauth = StandInOAuth(workspaces, clock=clock)
    standin_oauth.register_app(CLIENT, SECRET, token_lifetime=3600)
    return standin_oauth


def _grant(oauth: StandInOAuth, team: str, redirect_uri: str | None = None) -> str:
    return oauth.authorize(
        CLIENT, team_id=team, scopes=["chat:write"], user_id="U0A", redirect_uri=redirect_uri
    )


def _error(call) -> str:  # noqa: ANN001
    with pytest.raises(OAuthError) as raised:
        call()
    return raised.value.error


def test_a_code_gives_a_token_of_its_workspace_once(oauth: StandInOAuth) -> None:
    code = _grant(oauth, "T0TWO000001")
    args = {"client_id": CLIENT, "client_secret": SECRET, "code": code}
    answer = oauth.access("", args)
    assert (answer["team"]["id"], answer["bot_user_id"]) == ("T0TWO000001", "U0BOT0001")
    assert oauth.owner(answer["access_token"]) == "T0TWO000001"
    assert _error(lambda: oauth.access("", args)) == "invalid_code"


def test_wrong_credentials_or_redirect_are_refused(oauth: StandInOAuth) -> None:
    code = _grant(oauth, "T0ONE000001", redirect_uri="https://a.example/r")
    base = {"client_id": CLIENT, "code": code}
    assert _error(lambda: oauth.access("", {**base, "client_secret": "x"})) == "bad_client_secret"
    wrong = {**base, "client_secret": SECRET, "redirect_uri": "https://b.example/r"}
    assert _error(lambda: oauth.access("", wrong)) == "bad_redirect_uri"


def test_a_token_expires_and_its_refresh_token_works_once(
    oauth: StandInOAuth, clock: Clock
) -> None:
    first = oauth.access(
        "", {"client_id": CLIENT, "client_secret": SECRET, "code": _grant(oauth, "T0ONE000001")}
    )
    clock.now += 3600
    assert oauth.token_problem(first["access_token"]) == "token_expired"
    refresh = {
        "client_id": CLIENT,
        "client_secret": SECRET,
        "grant_type": "refresh_token",
        "refresh_token": first["refresh_token"],
    }
    second = oauth.access("", refresh)
    assert oauth.token_problem(second["access_token"]) is None
    assert "scope" not in second  # a refresh answers the token, not the grant
    assert _error(lambda: oauth.access("", refresh)) == "invalid_refresh_token"


def test_revoking_one_workspace_leaves_the_others_tokens(oauth: StandInOAuth) -> None:
    oauth.give_token("T0ONE000001", "xoxb-one")
    oauth.give_token("T0TWO000001", "xoxb-two")
    oauth.revoke("T0ONE000001")
    assert (oauth.token_problem("xoxb-one"), oauth.token_problem("xoxb-two")) == (
        "invalid_auth",
        None,
    )
