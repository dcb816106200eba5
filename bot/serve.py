"""Running the web process: uvicorn for HTTP, or Slack's Socket Mode."""

from __future__ import annotations

import asyncio
import logging
import os

import uvicorn

from bot.app import create_app
from bot.config import Settings, load_settings
from bot.server import SlackASGIApp
from storage.db import create_db_engine

logger = logging.getLogger(__name__)


def build_asgi_app() -> SlackASGIApp:
    """The uvicorn factory: each worker process builds its own engine and app."""
    settings = load_settings()
    engine = create_db_engine(settings.database_url)
    app = create_app(settings, engine, signatures_checked_upstream=True)
    return SlackASGIApp(app, settings.slack_signing_secret or "", engine)


def serve(settings: Settings) -> None:
    if settings.multi_workspace:
        logger.info(
            "multi-workspace mode: install at /slack/install, tokens from the installation store"
        )
    else:
        logger.info("single-workspace mode: the bot token from SLACK_BOT_TOKEN")
    if settings.slack_app_token:
        asyncio.run(_socket_mode(settings))
        return
    # Two workers for two cores (serving.md); WEB_CONCURRENCY overrides, as on most hosts.
    workers = int(os.environ.get("WEB_CONCURRENCY", "2") or "2")
    logger.info("serving HTTP on port %s with %s workers", settings.port, workers)
    uvicorn.run(
        "bot.serve:build_asgi_app",
        factory=True,
        host=os.environ.get("HOST", "0.0.0.0"),
        port=settings.port,
        workers=workers,
        log_level=settings.log_level.lower(),
        access_log=False,
        proxy_headers=True,
    )


async def _socket_mode(settings: Settings) -> None:
    from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

    engine = create_db_engine(settings.database_url)
    app = create_app(settings, engine)
    logger.info("connecting to Slack over Socket Mode")
    await AsyncSocketModeHandler(app, settings.slack_app_token).start_async()
