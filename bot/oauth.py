"""The multi-workspace mode: Bolt's own OAuth flow with slack_sdk's SQLAlchemy stores."""

from __future__ import annotations

from slack_bolt.oauth.async_callback_options import (
    AsyncCallbackOptions,
    AsyncFailureArgs,
    AsyncSuccessArgs,
)
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_bolt.response import BoltResponse
from sqlalchemy import Engine
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.config import Settings
from storage import departures
from storage.db import session_scope
from storage.installations import create_async_db_engine, installation_store, oauth_state_store

# Bolt refreshes a rotating bot token when it expires within this many minutes (its default).
TOKEN_ROTATION_EXPIRATION_MINUTES = 120
STATE_EXPIRATION_SECONDS = 600  # an install started and not finished in 10 minutes starts over


def oauth_settings(
    settings: Settings,
    engine: Engine,
    *,
    async_engine: AsyncEngine | None = None,
    token_rotation_expiration_minutes: int = TOKEN_ROTATION_EXPIRATION_MINUTES,
) -> AsyncOAuthSettings:
    """Bolt's settings for /slack/install and /slack/oauth_redirect on the project database."""
    assert settings.slack_client_id and settings.slack_client_secret
    async_engine = async_engine or create_async_db_engine(settings.database_url)

    async def installed(args: AsyncSuccessArgs) -> BoltResponse:
        # Back within the retention period: the workspace's data is no longer due to go.
        with session_scope(engine) as session:
            departures.record_return(session=session, team_id=args.installation.team_id or "")
        return await args.default.success(args)

    async def failed(args: AsyncFailureArgs) -> BoltResponse:
        return await args.default.failure(args)

    return AsyncOAuthSettings(
        client_id=settings.slack_client_id,
        client_secret=settings.slack_client_secret,
        scopes=list(settings.slack_scopes),
        redirect_uri=settings.slack_redirect_uri,
        installation_store=installation_store(async_engine, settings.slack_client_id),
        # Org-wide installs are not supported: Bolt refuses them with its failure page.
        installation_store_bot_only=True,
        token_rotation_expiration_minutes=token_rotation_expiration_minutes,
        state_store=oauth_state_store(async_engine, STATE_EXPIRATION_SECONDS),
        state_expiration_seconds=STATE_EXPIRATION_SECONDS,
        callback_options=AsyncCallbackOptions(success=installed, failure=failed),
    )
