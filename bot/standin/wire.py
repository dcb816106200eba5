"""How Slack's Web API speaks on the wire: arguments from forms or JSON, booleans and numbers
as strings, message timestamps, cursor pagination, tokens, and the error answer."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import parse_qsl

Json = dict[str, Any]

# Fields that a form-encoded body carries as JSON strings; a JSON body carries them as objects.
JSON_STRING_FIELDS = ("blocks", "view", "attachments", "metadata")
DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 1000


class SlackError(Exception):
    """Raised by a method handler to answer `{"ok": false, "error": ...}`."""

    def __init__(self, error: str, **extra: Any) -> None:
        super().__init__(error)
        self.error = error
        self.extra = extra

    def answer(self) -> Json:
        """The error answer, in Slack's shape."""
        return {"ok": False, "error": self.error, **self.extra}


@dataclass
class Request:
    """The parts of an HTTP request the stand-in looks at."""

    path: str
    query: str
    body: bytes
    content_type: str
    authorization: str


@dataclass
class Outcome:
    """What a request is answered: the recorded answer, and how it goes over HTTP."""

    answer: Json
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    plain_body: str | None = None  # sent as text/plain instead of the JSON answer


def flag(value: Any) -> bool:
    """A Slack boolean argument: JSON true/false, or "1"/"0"/"true"/"false" from a form."""
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true")
    return bool(value)


def integer(value: Any, default: int) -> int:
    """An integer argument (ints arrive as strings in forms); `default` when absent or bad."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def ts(value: Any) -> str | None:
    """A message timestamp argument as Slack stores it ("1700000000.000100").

    Numbers are accepted as Slack accepts them; strings are normalised to six decimals so that
    "1700000000.0001" finds the message stored as "1700000000.000100".
    """
    if value is None or value == "":
        return None
    try:
        return f"{Decimal(str(value)):.6f}"
    except InvalidOperation:
        return str(value)


def ts_key(value: str) -> Decimal:
    """A stored ts as a number, for ordering and windows (0 for a malformed one)."""
    try:
        return Decimal(value)
    except InvalidOperation:
        return Decimal(0)


def _encode_cursor(offset: int) -> str:
    return base64.b64encode(f"offset:{offset}".encode()).decode()


def _decode_cursor(cursor: Any) -> int:
    if not cursor:
        return 0
    try:
        prefix, _, offset = base64.b64decode(str(cursor)).decode().partition(":")
        if prefix == "offset" and int(offset) >= 0:
            return int(offset)
    except (ValueError, UnicodeDecodeError):
        pass
    raise SlackError("invalid_cursor")


def page(items: list[Any], args: Json) -> tuple[list[Any], str]:
    """One page of `items` for Slack's cursor pagination, and the next cursor ("" at the end)."""
    offset = _decode_cursor(args.get("cursor"))
    limit = integer(args.get("limit"), DEFAULT_PAGE_SIZE)
    limit = DEFAULT_PAGE_SIZE if limit <= 0 else min(limit, MAX_PAGE_SIZE)
    end = offset + limit
    return items[offset:end], (_encode_cursor(end) if end < len(items) else "")


def decode_json_fields(args: Json) -> Json:
    """Decode blocks/view/attachments/metadata sent as JSON strings (form bodies).

    A string that is not valid JSON is left as it is, so a validator can say so.
    """
    decoded = dict(args)
    for name in JSON_STRING_FIELDS:
        value = decoded.get(name)
        if isinstance(value, str) and value.strip()[:1] in ("[", "{"):
            try:
                decoded[name] = json.loads(value)
            except ValueError:
                pass
    return decoded


def request_args(request: Request) -> Json:
    """Query string and body merged (the body wins), whatever the body's encoding."""
    args: Json = dict(parse_qsl(request.query, keep_blank_values=True))
    if request.body:
        media_type = request.content_type.split(";")[0].strip().lower()
        text = request.body.decode("utf-8", errors="replace")
        if media_type == "application/json":
            try:
                body = json.loads(text)
            except ValueError as exc:
                raise SlackError("invalid_json") from exc
            if not isinstance(body, dict):
                raise SlackError("json_not_object")
            args.update(body)
        else:
            args.update(parse_qsl(text, keep_blank_values=True))
    return decode_json_fields(args)


def bearer_token(authorization: str) -> str | None:
    """The token of an `Authorization: Bearer …` header."""
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer":
        return None
    return token.strip() or None


def basic_auth(authorization: str) -> tuple[str, str] | None:
    """Client id and secret of an `Authorization: Basic …` header (oauth.v2.access)."""
    scheme, _, encoded = authorization.partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        client_id, _, secret = base64.b64decode(encoded.strip()).decode().partition(":")
    except ValueError:
        return None
    return client_id, secret
