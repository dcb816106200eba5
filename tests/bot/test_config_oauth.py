"""The multi-workspace settings, by Bolt's names, and how they pick the mode."""

from __future__ import annotations

import json

import pytest

from bot.config import ConfigError, load_settings

OAUTH = {
    "SLACK_CLIENT_ID": "1111111111.2222222222",
    "SLACK_CLIENT_SECRET": "client-secret",
    "SLACK_SIGNING_SECRET": "signing-secret",
}


def test_a_client_id_and_secret_without_a_bot_token_is_the_multi_workspace_mode() -> None:
    settings = load_settings(OAUTH, env_file=None)
    assert settings.multi_workspace
    assert settings.mode == "multi-workspace"
    settings.require_slack()  # complete: serve may start


def test_a_bot_token_keeps_the_single_workspace_mode_even_with_oauth_settings() -> None:
    settings = load_settings({**OAUTH, "SLACK_BOT_TOKEN": "xoxb-1"}, env_file=None)
    assert not settings.multi_workspace
    assert settings.mode == "single-workspace"


def test_scopes_default_to_the_manifests_bot_scopes(repo_root) -> None:  # noqa: ANN001
    manifest = json.loads((repo_root / "manifest.json").read_text())
    settings = load_settings(OAUTH, env_file=None)
    assert list(settings.slack_scopes) == manifest["oauth_config"]["scopes"]["bot"]


def test_scopes_are_read_from_a_comma_separated_list() -> None:
    settings = load_settings({**OAUTH, "SLACK_SCOPES": "chat:write, commands"}, env_file=None)
    assert settings.slack_scopes == ("chat:write", "commands")


@pytest.mark.parametrize(
    ("environ", "variable"),
    [
        ({"SLACK_CLIENT_ID": "1111111111.2222222222"}, "SLACK_CLIENT_SECRET"),
        ({"SLACK_CLIENT_SECRET": "s"}, "SLACK_CLIENT_ID"),
        ({**OAUTH, "SLACK_CLIENT_ID": "my-app"}, "SLACK_CLIENT_ID"),
        ({**OAUTH, "SLACK_SCOPES": "chat:write;commands"}, "SLACK_SCOPES"),
        ({**OAUTH, "SLACK_SCOPES": " , "}, "SLACK_SCOPES"),
        ({**OAUTH, "SLACK_REDIRECT_URI": "http://x/slack/oauth_redirect"}, "SLACK_REDIRECT_URI"),
    ],
)
def test_bad_oauth_settings_name_the_variable_without_echoing_secrets(environ, variable) -> None:  # noqa: ANN001
    with pytest.raises(ConfigError) as raised:
        load_settings(environ, env_file=None)
    assert raised.value.variable == variable
    assert "client-secret" not in str(raised.value)


@pytest.mark.parametrize(
    ("extra", "variable"),
    [
        ({"SLACK_SIGNING_SECRET": ""}, "SLACK_SIGNING_SECRET"),
        ({"SLACK_APP_TOKEN": "xapp-1"}, "SLACK_APP_TOKEN"),
    ],
)
def test_serve_refuses_an_incomplete_multi_workspace_setup(extra, variable) -> None:  # noqa: ANN001
    settings = load_settings({**OAUTH, **extra}, env_file=None)
    with pytest.raises(ConfigError) as raised:
        settings.require_slack()
    assert raised.value.variable == variable


def test_the_client_secret_is_never_in_the_settings_repr() -> None:
    assert "client-secret" not in repr(load_settings(OAUTH, env_file=None))
