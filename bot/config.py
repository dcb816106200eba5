"""Settings from the environment and `.env`, validated once at start."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dotenv import dotenv_values

DEFAULT_DATABASE_URL = "sqlite:///partnerdesk.db"
DEFAULT_SLACK_API_URL = "https://slack.com/api/"
SUPPORTED_LOCALES = ("nl", "en")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class ConfigError(Exception):
    """A setting is missing or invalid; the message names the variable and what is expected."""

    def __init__(self, variable: str, expected: str) -> None:
        super().__init__(f"{variable}: {expected}")
        self.variable = variable
        self.expected = expected


@dataclass(frozen=True)
class Settings:
    """Everything the processes read from their environment."""

    # Secrets are kept out of repr so that a logged Settings never shows them.
    slack_bot_token: str | None = field(default=None, repr=False)
    slack_signing_secret: str | None = field(default=None, repr=False)
    slack_app_token: str | None = field(default=None, repr=False)
    slack_api_url: str = DEFAULT_SLACK_API_URL
    database_url: str = DEFAULT_DATABASE_URL
    default_locale: str = "nl"
    timezone: str = "Europe/Amsterdam"
    port: int = 3000
    log_level: str = "INFO"

    @property
    def has_slack_credentials(self) -> bool:
        """True when the app can talk to a real workspace (HTTP mode or Socket Mode)."""
        return bool(self.slack_bot_token and (self.slack_signing_secret or self.slack_app_token))

    def require_slack(self) -> None:
        """Stop `serve` early when the credentials it needs are missing."""
        if not self.slack_bot_token:
            raise ConfigError("SLACK_BOT_TOKEN", "a bot token starting with xoxb-")
        if not self.slack_app_token and not self.slack_signing_secret:
            raise ConfigError(
                "SLACK_SIGNING_SECRET",
                "the app's signing secret (or set SLACK_APP_TOKEN for Socket Mode)",
            )


def load_settings(
    environ: Mapping[str, str] | None = None, env_file: Path | str | None = ".env"
) -> Settings:
    """Read and validate the settings; the environment wins over `.env`."""
    values: dict[str, str] = {}
    if env_file and Path(env_file).is_file():
        values.update({k: v for k, v in dotenv_values(env_file).items() if v is not None})
    values.update(os.environ if environ is None else environ)

    def get(name: str) -> str | None:
        value = values.get(name, "").strip()
        return value or None

    return Settings(
        slack_bot_token=_token(get("SLACK_BOT_TOKEN"), "SLACK_BOT_TOKEN", "xoxb-"),
        slack_signing_secret=get("SLACK_SIGNING_SECRET"),
        slack_app_token=_token(get("SLACK_APP_TOKEN"), "SLACK_APP_TOKEN", "xapp-"),
        slack_api_url=_api_url(get("SLACK_API_URL")),
        database_url=normalise_database_url(get("DATABASE_URL") or DEFAULT_DATABASE_URL),
        default_locale=_choice(get("DEFAULT_LOCALE") or "nl", "DEFAULT_LOCALE", SUPPORTED_LOCALES),
        timezone=_timezone(get("TIMEZONE") or "Europe/Amsterdam"),
        port=_port(get("PORT") or "3000"),
        log_level=_choice((get("LOG_LEVEL") or "INFO").upper(), "LOG_LEVEL", LOG_LEVELS),
    )


def normalise_database_url(url: str) -> str:
    """Map the URLs hosting platforms hand out to the driver we ship (psycopg 3)."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    if not (url.startswith("sqlite:") or url.startswith("postgresql+psycopg://")):
        raise ConfigError("DATABASE_URL", "a sqlite:///path.db or postgres://user@host/db URL")
    return url


def _token(value: str | None, name: str, prefix: str) -> str | None:
    if value is not None and not value.startswith(prefix):
        # Never echo the value: it may be a real secret pasted into the wrong variable.
        raise ConfigError(name, f"a token starting with {prefix}")
    return value


def _api_url(value: str | None) -> str:
    url = value or DEFAULT_SLACK_API_URL
    if not url.startswith(("http://", "https://")):
        raise ConfigError("SLACK_API_URL", "an http(s) URL such as https://slack.com/api/")
    return url if url.endswith("/") else url + "/"


def _choice(value: str, name: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise ConfigError(name, "one of " + ", ".join(allowed))
    return value


def _timezone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError("TIMEZONE", "an IANA time zone such as Europe/Amsterdam") from None
    return value


def _port(value: str) -> int:
    if not value.isdigit() or not 0 < int(value) < 65536:
        raise ConfigError("PORT", "a TCP port number between 1 and 65535")
    return int(value)


def configure_logging(settings: Settings) -> None:
    """One log format for every process, with the request id where there is one."""
    logging.basicConfig(
        level=settings.log_level,
        format="%(asctime)s %(levelname)s %(name)s %(message)s",
    )
    # Alembic narrates every plugin it loads at INFO; only its warnings matter to us.
    if settings.log_level != "DEBUG":
        logging.getLogger("alembic").setLevel(logging.WARNING)
