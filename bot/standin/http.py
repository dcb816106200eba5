"""The stand-in's HTTP face on 127.0.0.1: the Web API under /api/<method> (served by the
workspace of the call's token), response_urls under /hooks/<key>, and the file upload URLs
under /upload/v1/<file id>."""

from __future__ import annotations

import json
import logging
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from bot.standin import api
from bot.standin.oauth import OAuthError
from bot.standin.wire import Outcome, Request, SlackError, bearer_token, decode_json_fields
from bot.standin.wire import request_args as parse_args

if TYPE_CHECKING:
    from bot.standin.facade import SlackStandIn

log = logging.getLogger(__name__)


class Server(ThreadingHTTPServer):
    daemon_threads = True  # a client holding a connection open must not block stop()
    # The default backlog of 5 drops connections when many workers call at once, and a
    # dropped SYN costs the client a one-second retransmit.
    request_queue_size = 128

    def __init__(self, standin: SlackStandIn) -> None:
        super().__init__(("127.0.0.1", 0), _RequestHandler)
        self.standin = standin


class _RequestHandler(BaseHTTPRequestHandler):
    server: Server
    server_version = "SlackStandIn/1.0"

    def do_POST(self) -> None:  # the names http.server dispatches to
        self._serve()

    def do_GET(self) -> None:
        self._serve()

    def log_message(self, format: str, *args: Any) -> None:
        # http.server writes every request to stderr; keep test and console output clean.
        log.debug("slack stand-in: " + format, *args)

    def _serve(self) -> None:
        url = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length > 0 else b""
        if len(body) < length:
            # The client went away while writing the request (a killed clock): a server
            # never acts on half a request, and Slack does not either.
            self.close_connection = True
            return
        request = Request(
            path=url.path,
            query=url.query,
            body=body,
            content_type=self.headers.get("Content-Type", ""),
            authorization=self.headers.get("Authorization", ""),
        )
        outcome = serve(self.server.standin, request)
        if outcome.plain_body is not None:
            body, content_type = outcome.plain_body.encode(), "text/plain; charset=utf-8"
        else:
            body, content_type = json.dumps(outcome.answer).encode(), "application/json"
        self.send_response(outcome.status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in outcome.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)


def serve(standin: SlackStandIn, request: Request) -> Outcome:
    """Answer one HTTP request (called in a server thread)."""
    if standin.latency > 0:
        time.sleep(standin.latency)
    if request.path.startswith("/api/"):
        return _serve_api(standin, request.path.removeprefix("/api/"), request)
    if request.path.startswith("/hooks/"):
        return _serve_hook(standin, request.path.removeprefix("/hooks/"), request)
    if request.path.startswith("/upload/v1/"):
        return _serve_upload(standin, request.path.removeprefix("/upload/v1/"), request)
    return Outcome({"ok": False, "error": "not_found"}, 404, plain_body="not found")


def _serve_api(standin: SlackStandIn, method: str, request: Request) -> Outcome:
    try:
        args = parse_args(request)
    except SlackError as exc:
        unreadable = Outcome(exc.answer())
        return standin.finish(method, {}, lambda: (unreadable, None))
    token = args.pop("token", None) or bearer_token(request.authorization)
    problem = standin.validate(method, args)

    def outcome() -> tuple[Outcome, str | None]:
        if problem is not None:
            messages = {"messages": [problem]}
            answer = {"ok": False, "error": "invalid_arguments", "response_metadata": messages}
            return Outcome(answer), None
        if method == "oauth.v2.access":  # the app's client credentials, not a token
            try:
                answer = standin.oauth.access(request.authorization, args)
            except OAuthError as exc:
                return Outcome({"ok": False, "error": exc.error}), None
            return Outcome(answer), (answer.get("team") or {}).get("id")
        if not token:
            return Outcome({"ok": False, "error": "not_authed"}), None
        workspace, token_problem = standin.workspace_for(token)
        if workspace is None:
            return Outcome({"ok": False, "error": token_problem or "invalid_auth"}), None
        injected = standin.take_injected(method) or standin.over_channel_rate(method, args)
        if injected is not None:
            return injected, workspace.team_id
        try:
            return Outcome(api.call(workspace, method, args)), workspace.team_id
        except SlackError as exc:
            return Outcome(exc.answer()), workspace.team_id

    return standin.finish(method, args, outcome, token=token)


def _serve_hook(standin: SlackStandIn, key: str, request: Request) -> Outcome:
    try:
        payload = json.loads(request.body or b"null")
    except ValueError:
        payload = None
    if not isinstance(payload, dict):
        bad = Outcome({"ok": False, "error": "invalid_payload"}, 400, plain_body="invalid_payload")
        return standin.finish("respond", {}, lambda: (bad, None), hook=key)
    payload = decode_json_fields(payload)
    problem = standin.validate("respond", payload)

    def outcome() -> tuple[Outcome, str | None]:
        if problem is not None:
            # A response_url answers plain-text errors with HTTP 400.
            answer = {
                "ok": False,
                "error": "invalid_blocks",
                "response_metadata": {"messages": [problem]},
            }
            return Outcome(answer, 400, plain_body="invalid_blocks"), None
        injected = standin.take_injected("respond")
        return injected or Outcome({"ok": True}, plain_body="ok"), None

    return standin.finish("respond", payload, outcome, hook=key)


def _serve_upload(standin: SlackStandIn, file_id: str, request: Request) -> Outcome:
    """A file's bytes posted to the URL files.getUploadURLExternal gave (recorded as
    "upload", with the file id and the size)."""

    def outcome() -> tuple[Outcome, str | None]:
        workspace = standin.workspace_of_upload(file_id)
        error = "file_not_found" if workspace is None else None
        if workspace is not None:
            error = workspace.receive_upload(file_id, request.body)
        if error is not None:
            return Outcome({"ok": False, "error": error}, 400, plain_body=error), None
        return Outcome({"ok": True}, plain_body=f"OK - {len(request.body)}"), workspace.team_id

    return standin.finish("upload", {"file_id": file_id, "size": len(request.body)}, outcome)
