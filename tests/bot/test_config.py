"""Settings: defaults, validation with one clear line, no secret ever shown."""

from __future__ import annotations

import subprocess
import sys

import pytest

from bot.config import ConfigError, load_settings
from tests import travel


def test_defaults_match_the_documented_ones() -> None:
    settings = load_settings({}, env_file=None)
    assert settings.database_url == "sqlite:///partnerdesk.db"
    assert settings.slack_api_url == "https://slack.com/api/"
    assert settings.default_locale == "nl"
    assert settings.timezone == "Europe/Amsterdam"
    assert settings.port == 3000
    assert settings.log_level == "INFO"
    assert not settings.has_slack_credentials


def test_postgres_urls_are_mapped_to_psycopg() -> None:
    settings = load_settings({"DATABASE_URL": "postgres://u:p@db:5432/app"}, env_file=None)
    assert settings.database_url == "postgresql+psycopg://u:p@db:5432/app"


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("DEFAULT_LOCALE", "fr"),
        ("TIMEZONE", "Mars/Olympus"),
        ("PORT", "eighty"),
        ("PORT", "70000"),
        ("LOG_LEVEL", "LOUD"),
        ("DATABASE_URL", "mysql://x"),
        ("SLACK_API_URL", "ftp://slack"),
        ("SLACK_BOT_TOKEN", "xoxp-a-user-token"),
    ],
)
def test_an_invalid_value_names_the_variable(variable: str, value: str) -> None:
    with pytest.raises(ConfigError) as raised:
        load_settings({variable: value}, env_file=None)
    assert raised.value.variable == variable
    assert value not in str(raised.value)


def test_env_file_is_read_and_the_environment_wins(tmp_path) -> None:  # noqa: ANN001
    env_file = tmp_path / ".env"
    env_file.write_text("PORT=4000\nDEFAULT_LOCALE=en\n")
    settings = load_settings({"PORT": "5000"}, env_file=env_file)
    assert settings.port == 5000
    assert settings.default_locale == "en"


def test_secrets_stay_out_of_repr() -> None:
    settings = load_settings(
        {"SLACK_BOT_TOKEN": "xoxb-very-secret", "SLACK_SIGNING_SECRET": "shh-secret"},
        env_file=None,
    )
    assert "very-secret" not in repr(settings)
    assert "shh-secret" not in repr(settings)


def test_cli_stops_with_one_line_and_exit_2(tmp_path) -> None:  # noqa: ANN001
    secret = "xoxp-pasted-by-mistake"
    result = subprocess.run(
        [sys.executable, "-m", "bot", "migrate"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"SLACK_BOT_TOKEN": secret, "PATH": "/usr/bin:/bin", **travel.inherited()},
        timeout=60,
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "SLACK_BOT_TOKEN" in lines[0]
    assert secret not in result.stderr + result.stdout


def test_serve_without_credentials_names_the_missing_token(tmp_path) -> None:  # noqa: ANN001
    result = subprocess.run(
        [sys.executable, "-m", "bot", "serve"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", **travel.inherited()},
        timeout=60,
    )
    assert result.returncode == 2
    assert "SLACK_BOT_TOKEN" in result.stderr
