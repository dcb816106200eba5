"""The HTTP face: refuses what Slack would never send, serves /healthz, hands the rest to Bolt.

In the multi-workspace mode GET /slack/install and /slack/oauth_redirect go to Bolt's OAuth
flow as they are (a browser opens them; Bolt checks the state); POSTs stay signed-only.

Bolt's own adapters parse a request before checking it, so a broken `payload=` or a
non-numeric timestamp becomes a 500 with a traceback. Here every request is checked in the
order Slack guarantees (size, signature and age, then shape) before any listener runs.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qs

from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse
from sqlalchemy import Engine, text

from bot import wallclock

logger = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
MAX_BODY_BYTES = 1024 * 1024  # Slack's payloads are far smaller; more is not from Slack
MAX_DRAINED_BYTES = 8 * MAX_BODY_BYTES  # beyond this, cut the connection without reading
MAX_REQUEST_AGE_SECONDS = 300  # Slack's documented replay window

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]


class RefusedRequest(Exception):
    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


def verify_signature(
    signing_secret: str, headers: dict[str, str], body: bytes, now: float | None = None
) -> None:
    """Slack's v0 request signature; raises RefusedRequest(401) for anything else."""
    timestamp = headers.get("x-slack-request-timestamp", "")
    signature = headers.get("x-slack-signature", "")
    if not timestamp or not signature:
        raise RefusedRequest(401, "missing signature headers")
    if not timestamp.isdigit():
        raise RefusedRequest(401, "non-numeric timestamp")
    # Real time, not the app's clock (which tests and the console move): Slack signs with its own.
    current = now if now is not None else wallclock.utcnow().timestamp()
    if abs(current - int(timestamp)) > MAX_REQUEST_AGE_SECONDS:
        raise RefusedRequest(401, "stale timestamp")
    base = b"v0:" + timestamp.encode() + b":" + body
    expected = "v0=" + hmac.new(signing_secret.encode(), base, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, signature):
        raise RefusedRequest(401, "invalid signature")


def check_shape(content_type: str, body: bytes) -> None:
    """The body parses as Slack sends it: a JSON object, or a form whose `payload` is one."""
    try:
        decoded = body.decode("utf-8")
    except UnicodeDecodeError:
        raise RefusedRequest(400, "body is not UTF-8") from None
    if content_type.startswith("application/json"):
        if not isinstance(_json_object(decoded), dict):
            raise RefusedRequest(400, "body is not a JSON object")
        return
    fields = {name for name, _, _ in (pair.partition("=") for pair in decoded.split("&"))}
    if "payload" in fields:
        # Only the payload needs decoding (Bolt parses the rest again anyway).
        payload = parse_qs(decoded, keep_blank_values=True)["payload"][0]
        if not isinstance(_json_object(payload), dict):
            raise RefusedRequest(400, "payload is not a JSON object")
    elif "command" not in fields and "ssl_check" not in fields:
        raise RefusedRequest(400, "neither a command nor a payload")


def _json_object(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        raise RefusedRequest(400, "malformed JSON") from None


class SlackASGIApp:
    """An ASGI application serving Bolt at /slack/events and a health check at /healthz."""

    def __init__(self, app: AsyncApp, signing_secret: str, engine: Engine | None = None) -> None:
        self.bolt = app
        self.signing_secret = signing_secret
        self.engine = engine

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        path, method = scope["path"], scope["method"]
        oauth_paths = self._oauth_paths()
        if path == HEALTH_PATH and method in ("GET", "HEAD"):
            await self._health(send)
        elif path in oauth_paths and method == "GET":
            # A browser, not Slack, opens these: nothing is signed; Bolt checks the state.
            await self._oauth(scope, send)
        elif path == EVENTS_PATH and method == "POST":
            await self._slack(scope, receive, send)
        elif path in (HEALTH_PATH, EVENTS_PATH, *oauth_paths):
            await _reply(send, 405, b"method not allowed")
        else:
            await _reply(send, 404, b"not found")

    def _oauth_paths(self) -> tuple[str, ...]:
        flow = self.bolt.oauth_flow
        return () if flow is None else (flow.install_path, flow.redirect_uri_path)

    async def _oauth(self, scope: Scope, send: Send) -> None:
        flow = self.bolt.oauth_flow
        assert flow is not None
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        request = AsyncBoltRequest(
            body="",
            query=scope.get("query_string", b"").decode("latin-1"),
            headers={k: [v] for k, v in headers.items()},
        )
        if scope["path"] == flow.install_path:
            response = await flow.handle_installation(request)
        else:
            response = await flow.handle_callback(request)
        await _bolt_reply(send, response)

    async def _slack(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        try:
            body = await _read_body(receive, headers)
            verify_signature(self.signing_secret, headers, body)
            check_shape(headers.get("content-type", ""), body)
        except RefusedRequest as refused:
            logger.warning("refused a request to %s: %s", EVENTS_PATH, refused.reason)
            await _reply(send, refused.status, refused.reason.encode())
            return
        request = AsyncBoltRequest(
            body=body.decode("utf-8"),
            query=scope.get("query_string", b"").decode("latin-1"),
            headers={k: [v] for k, v in headers.items()},
        )
        await _bolt_reply(send, await self.bolt.async_dispatch(request))

    async def _health(self, send: Send) -> None:
        if self.engine is not None:
            try:
                with self.engine.connect() as connection:
                    connection.execute(text("SELECT 1"))
            except Exception:  # noqa: BLE001 - any database failure means unhealthy
                logger.exception("health check: database unreachable")
                await _reply(send, 503, b"database unreachable")
                return
        await _reply(send, 200, b"ok")

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return


async def _bolt_reply(send: Send, response: BoltResponse) -> None:
    out_headers = [
        (name.encode(), value.encode())
        for name, values in response.headers.items()
        for value in values
        if name.lower() != "content-length"
    ]
    await _reply(send, response.status, response.body.encode("utf-8"), out_headers)


async def _read_body(receive: Receive, headers: dict[str, str]) -> bytes:
    declared = headers.get("content-length", "0")
    if declared.isdigit() and int(declared) > MAX_DRAINED_BYTES:
        raise RefusedRequest(413, "body too large")
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_DRAINED_BYTES:
            raise RefusedRequest(413, "body too large")
        if size <= MAX_BODY_BYTES:
            chunks.append(chunk)
        if not message.get("more_body"):
            if size > MAX_BODY_BYTES:
                # Read to the end so the client gets the 413 rather than a reset connection.
                raise RefusedRequest(413, "body too large")
            return b"".join(chunks)


async def _reply(
    send: Send, status: int, body: bytes, headers: list[tuple[bytes, bytes]] | None = None
) -> None:
    all_headers = list(headers or [])
    if not any(name.lower() == b"content-type" for name, _ in all_headers):
        all_headers.append((b"content-type", b"text/plain; charset=utf-8"))
    all_headers.append((b"content-length", str(len(body)).encode()))
    await send({"type": "http.response.start", "status": status, "headers": all_headers})
    await send({"type": "http.response.body", "body": body})
