"""Settings from the environment and `.env`, validated once at start."""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dotenv import dotenv_values

DEFAULT_DATABASE_URL = "sqlite:///partnerdesk.db"
DEFAULT_SLACK_API_URL = "https://slack.com/api/"
SUPPORTED_LOCALES = ("nl", "en")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
MANIFEST_PATH = Path(__file__).resolve().parent.parent / "manifest.json"
# Slack's client ids are two decimal numbers joined by a dot (Basic Information page).
_CLIENT_ID = re.compile(r"\d+\.\d+")
_SCOPE = re.compile(r"[a-z][a-z_.]*(:[a-z_.]+)*")


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
    # The multi-workspace mode (Bolt's OAuth flow), by Bolt's own variable names.
    slack_client_id: str | None = None
    slack_client_secret: str | None = field(default=None, repr=False)
    slack_scopes: tuple[str, ...] = ()
    slack_redirect_uri: str | None = None
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

    @property
    def multi_workspace(self) -> bool:
        """Installed by OAuth in any number of workspaces: a client id and secret and no
        SLACK_BOT_TOKEN (with a bot token the app runs in that one workspace, as always)."""
        return bool(self.slack_client_id and self.slack_client_secret and not self.slack_bot_token)

    @property
    def mode(self) -> str:
        return "multi-workspace" if self.multi_workspace else "single-workspace"

    def require_slack(self) -> None:
        """Stop `serve` early when the credentials it needs are missing."""
        if self.multi_workspace:
            if self.slack_app_token:
                raise ConfigError(
                    "SLACK_APP_TOKEN",
                    "unset in the multi-workspace mode (installs need the HTTP endpoints)",
                )
            if not self.slack_signing_secret:
                raise ConfigError("SLACK_SIGNING_SECRET", "the app's signing secret")
            return
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
        slack_client_id=_client_id(get("SLACK_CLIENT_ID"), get("SLACK_CLIENT_SECRET")),
        slack_client_secret=get("SLACK_CLIENT_SECRET"),
        slack_scopes=_scopes(get("SLACK_SCOPES")),
        slack_redirect_uri=_redirect_uri(get("SLACK_REDIRECT_URI")),
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


def _client_id(value: str | None, secret: str | None) -> str | None:
    if value is None and secret is None:
        return None
    if value is None or not _CLIENT_ID.fullmatch(value):
        raise ConfigError("SLACK_CLIENT_ID", "the app's client id, such as 1234567890.1234567890")
    if secret is None:
        raise ConfigError("SLACK_CLIENT_SECRET", "the app's client secret (with SLACK_CLIENT_ID)")
    return value


def manifest_bot_scopes() -> tuple[str, ...]:
    """The bot scopes manifest.json asks for: what an install asks for unless SLACK_SCOPES."""
    manifest = json.loads(MANIFEST_PATH.read_text(encoding="utf-8"))
    return tuple(manifest["oauth_config"]["scopes"]["bot"])


def _scopes(value: str | None) -> tuple[str, ...]:
    if value is None:
        return manifest_bot_scopes()
    scopes = tuple(scope.strip() for scope in value.split(",") if scope.strip())
    if not scopes or not all(_SCOPE.fullmatch(scope) for scope in scopes):
        raise ConfigError("SLACK_SCOPES", "bot scopes separated by commas, such as chat:write")
    return scopes


def _redirect_uri(value: str | None) -> str | None:
    if value is not None and not value.startswith("https://"):
        raise ConfigError("SLACK_REDIRECT_URI", "the public https URL of /slack/oauth_redirect")
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
