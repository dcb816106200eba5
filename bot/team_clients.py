"""The clock's Slack clients in the multi-workspace mode: each team's own bot token, read
from the installation store (and refreshed there when token rotation is on), so that a
message for one workspace is never sent with another's token."""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.token_rotation import TokenRotator
from sqlalchemy import Engine

from bot.config import Settings


class TeamClients:
    """`for_team(team_id)`: a WebClient with that team's bot token (none: Slack answers
    not_authed, and the row fails like any other undeliverable one)."""

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
        self.base_url = settings.slack_api_url
        self.timeout = timeout
        self.make_client = make_client
        self.rotation_minutes = rotation_minutes
        self.rotator = TokenRotator(
            client_id=settings.slack_client_id,
            client_secret=settings.slack_client_secret,
            client=WebClient(base_url=settings.slack_api_url),
        )

    def for_team(self, team_id: str) -> WebClient:
        bot = self.store.find_bot(enterprise_id=None, team_id=team_id)
        token = None
        if bot is not None:
            if bot.bot_refresh_token:
                refreshed = self.rotator.perform_bot_token_rotation(
                    bot=bot, minutes_before_expiration=self.rotation_minutes
                )
                if refreshed is not None:
                    self.store.save_bot(refreshed)
                    bot = refreshed
            token = bot.bot_token
        return self.make_client(token, self.base_url, timeout=self.timeout)


def client_for(client: WebClient | TeamClients, team_id: str) -> WebClient:
    """The client to speak to `team_id` with: the one client of the single-workspace mode,
    or that team's own."""
    return client.for_team(team_id) if isinstance(client, TeamClients) else client
