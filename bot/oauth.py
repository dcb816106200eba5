"""The multi-workspace mode: Bolt's own OAuth flow with slack_sdk's SQLAlchemy stores."""

from __future__ import annotations

import html

from slack_bolt.error import BoltError
from slack_bolt.oauth.async_callback_options import (
    AsyncCallbackOptions,
    AsyncFailureArgs,
    AsyncSuccessArgs,
)
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_bolt.response import BoltResponse
from slack_sdk.oauth.installation_store import Installation
from slack_sdk.oauth.installation_store.sqlalchemy import AsyncSQLAlchemyInstallationStore
from sqlalchemy import Engine
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.config import Settings
from locales import LANGUAGES, N_, translator
from storage import departures
from storage.db import session_scope
from storage.installations import create_async_db_engine, oauth_state_store

# Bolt refreshes a rotating bot token when it expires within this many minutes (its default).
TOKEN_ROTATION_EXPIRATION_MINUTES = 120
STATE_EXPIRATION_SECONDS = 600  # an install started and not finished in 10 minutes starts over

ORG_WIDE_REFUSED = "org_wide_install_refused"
ORG_WIDE_TITLE = N_("Partnerdesk cannot be installed for a whole organisation")
ORG_WIDE_BODY = N_(
    "Partnerdesk keeps each workspace's creators, approvals and digests apart, so it is "
    "installed in one workspace at a time. Nothing was installed. Ask an admin of the "
    "workspace that needs it to open this install page again and add it to that workspace."
)


class TeamInstallationStore(AsyncSQLAlchemyInstallationStore):
    """slack_sdk's store, refusing an org-wide (Enterprise Grid) install before anything of
    it is stored: every row of ours belongs to one team, and an org-wide install has none.
    Bolt answers a BoltError from the store with its failure callback (`failed` below)."""

    async def async_save(self, installation: Installation) -> None:
        if installation.is_enterprise_install:
            raise BoltError(ORG_WIDE_REFUSED)
        await super().async_save(installation)


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
        if isinstance(args.error, BoltError) and str(args.error) == ORG_WIDE_REFUSED:
            accept = args.request.headers.get("accept-language", [""])[0]
            return org_wide_refusal(_page_language(accept, settings.default_locale))
        return await args.default.failure(args)

    return AsyncOAuthSettings(
        client_id=settings.slack_client_id,
        client_secret=settings.slack_client_secret,
        scopes=list(settings.slack_scopes),
        redirect_uri=settings.slack_redirect_uri,
        installation_store=TeamInstallationStore(
            client_id=settings.slack_client_id, engine=async_engine
        ),
        installation_store_bot_only=True,
        token_rotation_expiration_minutes=token_rotation_expiration_minutes,
        state_store=oauth_state_store(async_engine, STATE_EXPIRATION_SECONDS),
        state_expiration_seconds=STATE_EXPIRATION_SECONDS,
        callback_options=AsyncCallbackOptions(success=installed, failure=failed),
    )


def org_wide_refusal(language: str) -> BoltResponse:
    """The page an Enterprise Grid admin sees after installing for the whole organisation."""
    t = translator(language)
    title, body = html.escape(t.gettext(ORG_WIDE_TITLE)), html.escape(t.gettext(ORG_WIDE_BODY))
    page = (
        f'<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8">'
        f"<title>{title}</title></head><body><h2>{title}</h2><p>{body}</p></body></html>"
    )
    return BoltResponse(status=403, body=page, headers={"Content-Type": "text/html; charset=utf-8"})


def _page_language(accept_language: str, default: str) -> str:
    """The browser's first language when Partnerdesk speaks it, else the default."""
    first = accept_language.split(",")[0].split(";")[0].strip().lower()
    language = first.split("-")[0]
    return language if language in LANGUAGES else default
