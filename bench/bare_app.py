"""The baseline: a bare Bolt AsyncApp that answers `/creator` in its ack, under uvicorn.

Served the way `partnerdesk serve` serves the real app (uvicorn, `--workers` processes, uvloop
and httptools, no access log), behind Bolt's own ASGI adapter. Bolt checks the signature; the
listener acks with a small ephemeral text and nothing else: no middleware, no database.

    SLACK_BOT_TOKEN=xoxb-... SLACK_SIGNING_SECRET=... SLACK_API_URL=http://127.0.0.1:N/api/ \\
        .venv/bin/python bench/bare_app.py --port 3001 --workers 2

Single-team authorization calls `auth.test` once per worker, on its first request; point
SLACK_API_URL at the Slack stand-in (`bench/ack.py` does).
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence
from pathlib import Path

import uvicorn
from slack_bolt.adapter.asgi.async_handler import AsyncSlackRequestHandler
from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

REPLY = "Partnerdesk: /creator help"


async def creator(ack: AsyncAck) -> None:
    """Answer in the ack itself: the reply is the HTTP response body."""
    await ack(text=REPLY, response_type="ephemeral")


def build_app() -> AsyncSlackRequestHandler:
    """The uvicorn factory: each worker builds its own app and Web API client."""
    client = AsyncWebClient(
        token=os.environ["SLACK_BOT_TOKEN"],
        base_url=os.environ.get("SLACK_API_URL", "https://slack.com/api/"),
    )
    app = AsyncApp(
        client=client,
        signing_secret=os.environ["SLACK_SIGNING_SECRET"],
        process_before_response=True,
    )
    app.command("/creator")(creator)
    return AsyncSlackRequestHandler(app)


def main(argv: Sequence[str] | None = None) -> None:
    """Serve the bare app on 127.0.0.1 with the same uvicorn settings as `partnerdesk serve`."""
    parser = argparse.ArgumentParser(description="A bare Bolt AsyncApp answering in its ack.")
    parser.add_argument("--port", type=int, default=3001)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--log-level", default="warning")
    args = parser.parse_args(argv)
    uvicorn.run(
        "bare_app:build_app",
        app_dir=str(Path(__file__).resolve().parent),
        factory=True,
        host="127.0.0.1",
        port=args.port,
        workers=args.workers,
        log_level=args.log_level,
        access_log=False,
        proxy_headers=True,
    )


if __name__ == "__main__":
    main()
