"""Several workspaces in one stand-in (bot/standin/facade.py, bot/standin/oauth.py): a call
is served by the workspace its token belongs to, as Slack does; other tokens are refused."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import time_machine
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.standin import SlackStandIn

ONE, TWO = "T0ONE000001", "T0TWO000001"
TOKENS = {ONE: "xoxb-one", TWO: "xoxb-two"}
CLIENT_ID, SECRET = "111.222", "app-secret"


@pytest.fixture
def slack() -> Iterator[SlackStandIn]:
    with SlackStandIn(team_id=ONE) as standin:
        standin.oauth.give_token(ONE, TOKENS[ONE])
        standin.add_workspace(TWO, team_domain="two", bot_token=TOKENS[TWO])
        for team in (ONE, TWO):
            standin.add_channel(f"C{team[1:]}", name="partnerships", team_id=team)
        yield standin


def client(slack: SlackStandIn, token: str) -> WebClient:
    return WebClient(token=token, base_url=slack.base_url, retry_handlers=[])


def error_of(call) -> str:  # noqa: ANN001 - a bound client method
    with pytest.raises(SlackApiError) as raised:
        call()
    return raised.value.response["error"]


def test_each_token_speaks_for_its_own_workspace(slack: SlackStandIn) -> None:
    for team, token in TOKENS.items():
        answer = client(slack, token).auth_test()
        assert answer["team_id"] == team
        client(slack, token).chat_postMessage(channel=f"C{team[1:]}", text=f"hello {team}")
    assert [m["text"] for m in slack.messages(f"C{ONE[1:]}", team_id=ONE)] == [f"hello {ONE}"]
    assert [m["text"] for m in slack.messages(f"C{TWO[1:]}", team_id=TWO)] == [f"hello {TWO}"]
    served = {call.args["text"]: call.team_id for call in slack.calls_to("chat.postMessage")}
    assert served == {f"hello {ONE}": ONE, f"hello {TWO}": TWO}


def test_another_workspaces_channel_or_user_is_not_found(slack: SlackStandIn) -> None:
    one = client(slack, TOKENS[ONE])
    slack.add_user("U0TWOUSER01", name="tess", team_id=TWO)
    assert error_of(lambda: one.chat_postMessage(channel=f"C{TWO[1:]}", text="x")) == (
        "channel_not_found"
    )
    assert error_of(lambda: one.users_info(user="U0TWOUSER01")) == "user_not_found"
    assert slack.messages(f"C{TWO[1:]}", team_id=TWO) == []


def test_with_several_workspaces_an_unknown_token_is_invalid_auth(slack: SlackStandIn) -> None:
    assert error_of(client(slack, "xoxb-made-up").auth_test) == "invalid_auth"


def test_a_single_workspace_stand_in_takes_any_token() -> None:
    with SlackStandIn(team_id=ONE) as slack:
        assert client(slack, "xoxb-anything").auth_test()["team_id"] == ONE


def test_revoked_tokens_are_invalid_auth_and_only_in_that_workspace(slack: SlackStandIn) -> None:
    slack.revoke_tokens(TWO)
    assert error_of(client(slack, TOKENS[TWO]).auth_test) == "invalid_auth"
    assert client(slack, TOKENS[ONE]).auth_test()["team_id"] == ONE


def test_installs_issue_tokens_of_the_installing_workspace_that_expire(
    slack: SlackStandIn,
) -> None:
    slack.register_app(CLIENT_ID, SECRET, token_lifetime=3600)
    oauth = WebClient(base_url=slack.base_url, retry_handlers=[])
    code = slack.authorize(CLIENT_ID, scopes=["chat:write"], user_id="U0TWOUSER01", team_id=TWO)
    grant = oauth.oauth_v2_access(client_id=CLIENT_ID, client_secret=SECRET, code=code)
    assert grant["team"]["id"] == TWO
    token = grant["access_token"]
    assert client(slack, token).auth_test()["team_id"] == TWO
    with time_machine.travel(slack.clock() + 3601, tick=False):
        assert error_of(client(slack, token).auth_test) == "token_expired"
        fresh = oauth.oauth_v2_access(
            client_id=CLIENT_ID,
            client_secret=SECRET,
            grant_type="refresh_token",
            refresh_token=grant["refresh_token"],
        )
        assert client(slack, fresh["access_token"]).auth_test()["team_id"] == TWO


def test_an_org_wide_install_answers_the_enterprise_and_no_team(slack: SlackStandIn) -> None:
    slack.register_app(CLIENT_ID, SECRET)
    code = slack.authorize(CLIENT_ID, scopes=["chat:write"], user_id="U0ADMIN0001", org_wide=True)
    grant = WebClient(base_url=slack.base_url).oauth_v2_access(
        client_id=CLIENT_ID, client_secret=SECRET, code=code
    )
    assert grant["is_enterprise_install"] is True
    assert grant["team"] is None and grant["enterprise"]["id"].startswith("E")
