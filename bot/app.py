"""The app factory: builds the Bolt AsyncApp from settings and registers every surface."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from slack_bolt.async_app import AsyncApp
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_sdk.oauth.token_rotation.async_rotator import AsyncTokenRotator
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy import Engine

import handlers
from bot import wallclock
from bot.config import Settings
from handlers import errors, inbound, installs
from handlers.context import Deps, make_context_middleware


def create_app(
    settings: Settings,
    engine: Engine,
    *,
    client: AsyncWebClient | None = None,
    signing_secret: str | None = None,
    now: Callable[[], datetime] | None = None,
    signatures_checked_upstream: bool = False,
    oauth_settings: AsyncOAuthSettings | None = None,
) -> AsyncApp:
    """An AsyncApp that replies in its ack (no 10 ms ack polling) and runs slow work lazily.

    In the multi-workspace mode (settings.multi_workspace) Bolt's OAuth flow installs the app
    and its installation store gives each request its workspace's own token.
    """
    if settings.multi_workspace and oauth_settings is None:
        from bot.oauth import oauth_settings as default_oauth_settings

        oauth_settings = default_oauth_settings(settings, engine)
    if client is None:
        token = None if oauth_settings else settings.slack_bot_token
        client = AsyncWebClient(token=token, base_url=settings.slack_api_url)
    if oauth_settings is not None:
        # Bolt gives its token rotator a default client (slack.com); refresh where the app's
        # client talks (SLACK_API_URL, the stand-in in tests) like every other call.
        oauth_settings.authorize.token_rotator = AsyncTokenRotator(
            client_id=oauth_settings.client_id,
            client_secret=oauth_settings.client_secret,
            client=client,
        )
    app = AsyncApp(
        client=client,
        oauth_settings=oauth_settings,
        signing_secret=signing_secret or settings.slack_signing_secret or "",
        # Socket Mode has no signatures to check; over HTTP bot.server checks them before
        # Bolt sees the request (checking twice costs every ack a second HMAC).
        request_verification_enabled=bool(signing_secret or settings.slack_signing_secret)
        and not signatures_checked_upstream,
        process_before_response=True,
        raise_error_for_unhandled_request=False,
    )
    app.use(
        make_context_middleware(
            Deps(
                engine=engine,
                default_locale=settings.default_locale,
                timezone=settings.timezone,
                now=now or wallclock.utcnow,
            )
        )
    )
    # After the context (it answers in the user's language), before any listener.
    app.use(inbound.InputGuard())
    errors.register(app)
    handlers.register_all(app)
    if oauth_settings is not None:
        installs.register(app)
    return app
