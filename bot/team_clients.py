"""The clock's Slack clients in the multi-workspace mode: each team's own bot token, read
from the installation store (and refreshed there first when token rotation is on and it
expires soon), so that a message for one workspace is never sent with another's token."""

from __future__ import annotations

import logging
import threading

from slack_sdk import WebClient
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.token_rotation import TokenRotator
from slack_sdk.oauth.token_rotation.rotator import SlackTokenRotationError
from sqlalchemy import Engine

from bot.config import Settings
from storage.db import IMMEDIATE_OPTION

logger = logging.getLogger(__name__)

# What Slack answers a send with the token of a workspace that uninstalled the app (or with
# no token at all, once its installation is deleted).
GONE_ERRORS = frozenset(
    {"account_inactive", "invalid_auth", "not_authed", "token_revoked", "token_expired"}
)


class TeamClients:
    """`for_team(team_id)`: a WebClient with that team's bot token (none: Slack answers
    not_authed, and the sweep cancels the row, see `workspace_gone`)."""

    def __init__(
        self,
        settings: Settings,
        engine: Engine,
        *,
        make_client,  # noqa: ANN001 - (token, base_url, timeout) -> WebClient
        timeout: float,
        rotation_minutes: int = 120,
    ) -> None:
        assert settings.slack_client_id and settings.slack_client_secret
        self.store = SQLAlchemyInstallationStore(client_id=settings.slack_client_id, engine=engine)
        # slack_sdk saves a refreshed token by reading, then writing, in one transaction: on
        # SQLite that one must take the write lock first, or a write of the sweep's in between
        # fails it at once instead of waiting its turn.
        self._saving = SQLAlchemyInstallationStore(
            client_id=settings.slack_client_id,
            engine=engine.execution_options(**{IMMEDIATE_OPTION: True}),
        )
        self.base_url = settings.slack_api_url
        self.timeout = timeout
        self.make_client = make_client
        self.rotation_minutes = rotation_minutes
        self.rotator = TokenRotator(
            client_id=settings.slack_client_id,
            client_secret=settings.slack_client_secret,
            client=WebClient(base_url=settings.slack_api_url),
        )
        # The sweep sends to several channels at once: one refresh per team at a time, or
        # two lanes would both spend the same refresh token.
        self._rotating: dict[str, threading.Lock] = {}

    def for_team(self, team_id: str) -> WebClient:
        return self.make_client(self.token_for(team_id), self.base_url, timeout=self.timeout)

    def token_for(self, team_id: str) -> str | None:
        """The team's bot token, refreshed through oauth.v2.access when it expires within
        `rotation_minutes` (None: the team has no installation)."""
        bot = self.store.find_bot(enterprise_id=None, team_id=team_id)
        if bot is None or not bot.bot_refresh_token:
            return bot.bot_token if bot else None
        with self._rotating.setdefault(team_id, threading.Lock()):
            bot = self.store.find_bot(enterprise_id=None, team_id=team_id) or bot  # fresher?
            try:
                refreshed = self.rotator.perform_bot_token_rotation(
                    bot=bot, minutes_before_expiration=self.rotation_minutes
                )
            except SlackTokenRotationError as error:
                # Refused (the app was uninstalled meanwhile?): send with what there is and
                # let Slack's answer decide, as for any other send.
                logger.warning("team %s: token refresh refused: %s", team_id, error.api_error)
                return bot.bot_token
            if refreshed is None:
                return bot.bot_token
            self._saving.save_bot(refreshed)
            return refreshed.bot_token

    def installed(self, team_id: str) -> bool:
        return self.store.find_bot(enterprise_id=None, team_id=team_id) is not None


def client_for(client: WebClient | TeamClients, team_id: str) -> WebClient:
    """The client to speak to `team_id` with: the one client of the single-workspace mode,
    or that team's own."""
    return client.for_team(team_id) if isinstance(client, TeamClients) else client


def workspace_gone(client: WebClient | TeamClients, team_id: str, error: str | None) -> bool:
    """A send refused because the workspace uninstalled the app (its installation is gone,
    perhaps while the message was on its way): nothing can be sent there any more, so the
    reminder is cancelled, neither failed nor retried. In the single-workspace mode the same
    errors mean a wrong token, which an operator must see: never gone there."""
    return (
        isinstance(client, TeamClients) and error in GONE_ERRORS and not client.installed(team_id)
    )
