"""An in-process stand-in for Slack's Web API, served over HTTP on 127.0.0.1.

The local console points its AsyncWebClient at it (`base_url`), and the tests do the same after
wrapping it with a validator built from Slack's own spec (`tests/slackspec.py`). It keeps a
small workspace (users, channels, messages, views, usergroups), answers in Slack's shapes,
records every call, serves `response_url`s under `/hooks/<key>` and lets a caller inject
Slack's errors, rate limits and outages.

Standard library only, and it never reaches slack.com: everything it knows is in this process.
"""

from __future__ import annotations

import base64
import copy
import json
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qsl, urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot import wallclock
from bot.standin_oauth import OAuthError, StandInOAuth

log = logging.getLogger(__name__)

Json = dict[str, Any]

# Fields that a form-encoded body carries as JSON strings; a JSON body carries them as objects.
JSON_STRING_FIELDS = ("blocks", "view", "attachments", "metadata")
APP_ID = "A0LOCAL0001"
DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 1000
# Spacing between two generated message timestamps, in microseconds (Slack's ts resolution).
TS_STEP_US = 100


@dataclass
class Call:
    """One request the stand-in answered.

    `method` is the Web API method, or "respond" for a POST to a `/hooks/<key>` response_url.
    """

    seq: int
    method: str
    args: Json
    response: Json
    hook: str | None = None
    status: int = 200  # the HTTP status answered: 200 unless an injected 429 or 5xx
    token: str | None = None  # the token the call came with (whose workspace is speaking)


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
class _Injected:
    """An error queued by `inject_error` for the next `remaining` calls of a method."""

    error: str
    status: int
    retry_after: int | None
    remaining: int


@dataclass
class _Outcome:
    """What a request is answered: the recorded answer, and how it goes over HTTP."""

    answer: Json
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    plain_body: str | None = None  # sent as text/plain instead of the JSON answer


@dataclass
class _Request:
    """The parts of an HTTP request the stand-in looks at."""

    path: str
    query: str
    body: bytes
    content_type: str
    authorization: str


@dataclass
class _User:
    id: str
    name: str
    real_name: str
    locale: str
    tz: str
    is_bot: bool
    created: int
    role: str = "member"  # "member", "admin", "owner" or "primary_owner" of the workspace


# Slack's flags per workspace role: an owner is an admin too, the primary owner an owner.
ROLE_FIELDS = ("is_admin", "is_owner", "is_primary_owner")
ROLE_FLAGS = {
    "member": (False, False, False),
    "admin": (True, False, False),
    "owner": (True, True, False),
    "primary_owner": (True, True, True),
}


@dataclass
class _Channel:
    id: str
    name: str
    kind: str  # "channel" (public), "group" (private), "im" or "mpim"
    created: int
    members: list[str]
    is_ext_shared: bool = False
    user: str | None = None  # the other party of an IM


# -- argument helpers ----------------------------------------------------------------------


def _flag(value: Any) -> bool:
    """A Slack boolean argument: JSON true/false, or "1"/"0"/"true"/"false" from a form."""
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true")
    return bool(value)


def _int(value: Any, default: int) -> int:
    """An integer argument (ints arrive as strings in forms); `default` when absent or bad."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _ts(value: Any) -> str | None:
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


def _ts_key(ts: str) -> Decimal:
    try:
        return Decimal(ts)
    except InvalidOperation:
        return Decimal(0)


def escape_command_text(text: str) -> str:
    """A slash command's text as Slack sends it: `&`, `<`, `>` as entities, also with
    `should_escape: false` (api.slack.com/interactivity/slash-commands)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


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


def _page(items: list[Any], args: Json) -> tuple[list[Any], str]:
    """One page of `items` for Slack's cursor pagination, and the next cursor ("" at the end)."""
    offset = _decode_cursor(args.get("cursor"))
    limit = _int(args.get("limit"), DEFAULT_PAGE_SIZE)
    limit = DEFAULT_PAGE_SIZE if limit <= 0 else min(limit, MAX_PAGE_SIZE)
    end = offset + limit
    return items[offset:end], (_encode_cursor(end) if end < len(items) else "")


def _decode_json_fields(args: Json) -> Json:
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


def _request_args(request: _Request) -> Json:
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
    return _decode_json_fields(args)


def _bearer_token(authorization: str) -> str | None:
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer":
        return None
    return token.strip() or None


def _tz_fields(tz: str, now: float) -> Json:
    """Slack's tz, tz_label and tz_offset for a user, from the IANA zone name."""
    try:
        moment = datetime.fromtimestamp(now, ZoneInfo(tz))
    except (ZoneInfoNotFoundError, ValueError):
        # No tz database on this machine (or a made-up zone): still answer in Slack's shape.
        return {"tz": tz, "tz_label": tz, "tz_offset": 0}
    offset = moment.utcoffset()
    return {
        "tz": tz,
        "tz_label": moment.tzname() or tz,
        "tz_offset": int(offset.total_seconds()) if offset else 0,
    }


# -- the workspace -----------------------------------------------------------------------

_Handler = Callable[["_Workspace", Json], Json]
_METHODS: dict[str, _Handler] = {}


def _method(name: str) -> Callable[[_Handler], _Handler]:
    """Register a `_Workspace` function as the handler of a Web API method."""

    def register(handler: _Handler) -> _Handler:
        _METHODS[name] = handler
        return handler

    return register


class _Workspace:
    """Slack's state as far as Partnerdesk can see it, and the Web API methods over it.

    Not thread-safe on its own: the stand-in calls it under its lock.
    """

    def __init__(
        self,
        *,
        team_id: str,
        team_domain: str,
        bot_user_id: str,
        bot_id: str,
        strict_channels: bool,
        clock: Callable[[], float],
    ) -> None:
        self.team_id = team_id
        self.team_domain = team_domain
        self.bot_user_id = bot_user_id
        self.bot_id = bot_id
        self.strict_channels = strict_channels
        # Slack's clock is the real one (message ts, created): the wall clock, not the app's.
        self.clock = clock or (lambda: wallclock.utcnow().timestamp())
        self.users: dict[str, _User] = {}
        self.channels: dict[str, _Channel] = {}
        self.ims: dict[str, str] = {}  # user id -> IM channel id
        self.mpims: dict[frozenset[str], str] = {}
        self.messages: dict[str, list[Json]] = {}  # channel id -> messages, oldest first
        self.views: dict[str, Json] = {}
        self.home_views: dict[str, str] = {}  # user id -> view id
        self.usergroups: dict[str, list[str]] = {}
        # files.getUploadURLExternal -> the upload -> files.completeUploadExternal, by file id
        self.uploads: dict[str, Json] = {}
        self.upload_root = ""  # where upload URLs point: the stand-in's own server
        self._serial = 0
        self._last_ts_us = 0
        self.add_user(bot_user_id, name="partnerdesk", real_name="Partnerdesk", is_bot=True)

    # -- ids and clocks ------------------------------------------------------------------
    def new_id(self, prefix: str) -> str:
        """A fresh id in Slack's shape: "C0LOCAL00001", "D0LOCAL00002", "V0LOCAL00003"..."""
        self._serial += 1
        return f"{prefix}0LOCAL{self._serial:05d}"

    def next_ts(self) -> str:
        """A message ts from the clock, strictly increasing even within one microsecond."""
        now_us = int(self.clock() * 1_000_000)
        self._last_ts_us = max(now_us, self._last_ts_us + TS_STEP_US)
        seconds, micros = divmod(self._last_ts_us, 1_000_000)
        return f"{seconds}.{micros:06d}"

    # -- people and places ---------------------------------------------------------------
    def add_user(
        self,
        user_id: str,
        *,
        name: str,
        real_name: str | None = None,
        locale: str = "en-US",
        tz: str = "Europe/Amsterdam",
        is_bot: bool = False,
        role: str = "member",
    ) -> _User:
        if role not in ROLE_FLAGS:
            raise ValueError(f"unknown workspace role {role!r}")
        user = _User(
            id=user_id,
            name=name,
            real_name=real_name if real_name is not None else name,
            locale=locale,
            tz=tz,
            is_bot=is_bot,
            created=int(self.clock()),
            role=role,
        )
        self.users[user_id] = user
        return user

    def user(self, user_id: Any) -> _User:
        """A user by id; an unknown but well-formed id becomes a user on demand."""
        if not isinstance(user_id, str) or user_id[:1] not in ("U", "W") or len(user_id) < 3:
            raise SlackError("user_not_found")
        if user_id not in self.users:
            suffix = user_id[-4:].lower()
            self.add_user(user_id, name=f"user-{suffix}", real_name=f"User {suffix.upper()}")
        return self.users[user_id]

    def add_channel(
        self,
        channel_id: str,
        *,
        name: str,
        is_ext_shared: bool = False,
        is_im: bool = False,
        user: str | None = None,
        members: list[str] | None = None,
    ) -> _Channel:
        if is_im:
            if not user:
                raise ValueError("an IM channel needs the `user` it is with")
            self.user(user)
            channel = _Channel(
                channel_id, name, "im", int(self.clock()), [user, self.bot_user_id], user=user
            )
            self.ims[user] = channel_id
        else:
            kind = "group" if channel_id.startswith("G") else "channel"
            # The stand-in's channels are the ones the bot was invited to, so it is a member.
            people = list(dict.fromkeys([*(members or []), self.bot_user_id]))
            channel = _Channel(channel_id, name, kind, int(self.clock()), people, is_ext_shared)
        self.channels[channel_id] = channel
        self.messages.setdefault(channel_id, [])
        return channel

    def channel(self, channel_id: Any) -> _Channel:
        """A conversation by id; unknown C/G ids are created on demand unless strict."""
        if isinstance(channel_id, str) and channel_id in self.channels:
            return self.channels[channel_id]
        if (
            isinstance(channel_id, str)
            and channel_id[:1] in ("C", "G")
            and len(channel_id) >= 9
            and not self.strict_channels
        ):
            return self.add_channel(channel_id, name=f"auto-{channel_id.lower()}")
        raise SlackError("channel_not_found")

    def target(self, channel_id: Any) -> _Channel:
        """Where a message goes: a conversation, or a user id meaning the bot's DM with them."""
        if isinstance(channel_id, str) and channel_id[:1] in ("U", "W"):
            return self.channels[self.im_with(channel_id)]
        return self.channel(channel_id)

    def im_with(self, user_id: str) -> str:
        """The IM channel id with a user, opened on demand and stable afterwards."""
        self.user(user_id)
        if user_id not in self.ims:
            self.add_channel(self.new_id("D"), name=user_id, is_im=True, user=user_id)
        return self.ims[user_id]

    def mpim_with(self, user_ids: list[str]) -> str:
        for user_id in user_ids:
            self.user(user_id)
        key = frozenset([*user_ids, self.bot_user_id])
        if key not in self.mpims:
            names = "--".join(sorted(self.users[u].name for u in key))
            channel_id = self.new_id("G")
            self.add_channel(channel_id, name=f"mpdm-{names}-1", members=sorted(key))
            self.channels[channel_id].kind = "mpim"
            self.mpims[key] = channel_id
        return self.mpims[key]

    # -- messages ------------------------------------------------------------------------
    def find_message(self, channel: _Channel, ts: Any) -> Json:
        wanted = _ts(ts)
        for message in self.messages[channel.id]:
            if message["ts"] == wanted:
                return message
        raise SlackError("message_not_found")

    def store_message(self, channel: _Channel, message: Json) -> Json:
        message = {"type": "message", "ts": self.next_ts(), "team": self.team_id, **message}
        self.messages[channel.id].append(message)
        return message

    def replies_to(self, channel_id: str, ts: str) -> list[Json]:
        return [m for m in self.messages[channel_id] if m.get("thread_ts") == ts and m["ts"] != ts]

    def with_thread(self, channel_id: str, message: Json, *, always: bool = False) -> Json:
        """A copy of a message with the thread fields Slack adds to a thread's parent."""
        message = copy.deepcopy(message)
        replies = self.replies_to(channel_id, message["ts"])
        if not replies and not always:
            return message
        message.update(thread_ts=message["ts"], reply_count=len(replies), subscribed=False)
        if replies:
            users = list(dict.fromkeys(m["user"] for m in replies))
            message.update(
                reply_users=users, reply_users_count=len(users), latest_reply=replies[-1]["ts"]
            )
        return message

    def bot_message(self, args: Json) -> Json:
        """The message chat.postMessage would store for these arguments."""
        text, blocks = args.get("text"), args.get("blocks")
        attachments = args.get("attachments")
        if not text and not blocks and not attachments:
            raise SlackError("no_text")
        if blocks is not None and not isinstance(blocks, list):
            raise SlackError("invalid_blocks_format")
        message: Json = {"user": self.bot_user_id, "bot_id": self.bot_id, "text": text or ""}
        if blocks:
            message["blocks"] = copy.deepcopy(blocks)
        if isinstance(attachments, list) and attachments:
            # Slack numbers the attachments it stores.
            message["attachments"] = [
                {**copy.deepcopy(a), "id": i} for i, a in enumerate(attachments, start=1)
            ]
        if isinstance(args.get("metadata"), dict):
            message["metadata"] = copy.deepcopy(args["metadata"])
        thread_ts = _ts(args.get("thread_ts"))
        if thread_ts:
            message["thread_ts"] = thread_ts
            if _flag(args.get("reply_broadcast")):
                message["subtype"] = "thread_broadcast"
        return message

    @staticmethod
    def public(message: Json, *, include_metadata: bool) -> Json:
        """A stored message as the Web API returns it (metadata only when asked for)."""
        message = copy.deepcopy(message)
        if not include_metadata:
            message.pop("metadata", None)
        return message

    # -- objects in Slack's shapes -------------------------------------------------------
    def user_object(self, user: _User, *, include_locale: bool) -> Json:
        first, _, last = user.real_name.partition(" ")
        profile: Json = {
            "avatar_hash": "g0local",
            "real_name": user.real_name,
            "real_name_normalized": user.real_name,
            "display_name": user.name,
            "display_name_normalized": user.name,
            "first_name": first,
            "last_name": last,
            "title": "",
            "phone": "",
            "skype": "",
            "status_text": "",
            "status_emoji": "",
            "fields": None,
            "team": self.team_id,
        }
        if user.is_bot:
            profile.update(bot_id=self.bot_id, api_app_id=APP_ID, always_active=True)
        answer: Json = {
            "id": user.id,
            "team_id": self.team_id,
            "name": user.name,
            "deleted": False,
            "color": "9f69e7",
            "real_name": user.real_name,
            **_tz_fields(user.tz, self.clock()),
            "profile": profile,
            **dict(zip(ROLE_FIELDS, ROLE_FLAGS[user.role], strict=True)),
            "is_restricted": False,
            "is_ultra_restricted": False,
            "is_bot": user.is_bot,
            "is_app_user": False,
            "updated": user.created,
        }
        if include_locale:
            answer["locale"] = user.locale
        return answer

    def channel_object(self, channel: _Channel, *, include_num_members: bool = False) -> Json:
        if channel.kind == "im":
            return {
                "id": channel.id,
                "created": channel.created,
                "is_im": True,
                "is_org_shared": False,
                "user": channel.user,
                "priority": 0,
                "is_open": True,
                "is_archived": False,
                "is_ext_shared": False,
                "is_shared": False,
                "is_user_deleted": False,
            }
        empty_topic = {"value": "", "creator": "", "last_set": 0}
        answer: Json = {
            "id": channel.id,
            "name": channel.name,
            "name_normalized": channel.name,
            "created": channel.created,
            "creator": channel.members[0],
            "is_channel": channel.kind == "channel",
            "is_group": channel.kind == "group",
            "is_im": False,
            "is_mpim": channel.kind == "mpim",
            "is_private": channel.kind in ("group", "mpim"),
            "is_archived": False,
            "is_general": False,
            "is_shared": channel.is_ext_shared,
            "is_ext_shared": channel.is_ext_shared,
            "is_org_shared": False,
            "is_pending_ext_shared": False,
            "is_member": self.bot_user_id in channel.members,
            "topic": dict(empty_topic),
            "purpose": dict(empty_topic),
            "previous_names": [],
        }
        if include_num_members:
            answer["num_members"] = len(channel.members)
        return answer

    def store_view(
        self,
        view: Json,
        *,
        view_id: str | None = None,
        root_view_id: str | None = None,
        previous_view_id: str | None = None,
    ) -> Json:
        """Store a view as Slack echoes it: what was sent plus Slack's own fields."""
        view_id = view_id or self.new_id("V")
        stored: Json = {
            "type": "modal",
            "blocks": [],
            "private_metadata": "",
            "callback_id": "",
            "external_id": "",
            "clear_on_close": False,
            "notify_on_close": False,
            **copy.deepcopy(view),
            # Slack's fields, whatever the request said.
            "id": view_id,
            "team_id": self.team_id,
            "state": {"values": {}},
            "hash": f"{int(self.clock())}.{self._serial:08x}",
            "root_view_id": root_view_id or view_id,
            "previous_view_id": previous_view_id,
            "app_id": APP_ID,
            "app_installed_team_id": self.team_id,
            "bot_id": self.bot_id,
        }
        self._serial += 1
        self.views[view_id] = stored
        return copy.deepcopy(stored)

    # -- the Web API -----------------------------------------------------------------------
    def call(self, method: str, args: Json) -> Json:
        """Answer one Web API call; raises SlackError for Slack's error answers."""
        handler = _METHODS.get(method)
        if handler is None:
            raise SlackError(
                "unknown_method",
                response_metadata={"messages": [f"the Slack stand-in does not serve {method}"]},
            )
        return handler(self, copy.deepcopy(args))

    @_method("auth.test")
    def _auth_test(self, args: Json) -> Json:
        return {
            "ok": True,
            "url": f"https://{self.team_domain}.slack.com/",
            "team": self.team_domain,
            "user": self.users[self.bot_user_id].name,
            "team_id": self.team_id,
            "user_id": self.bot_user_id,
            "bot_id": self.bot_id,
            "is_enterprise_install": False,
        }

    @_method("chat.postMessage")
    def _chat_post_message(self, args: Json) -> Json:
        channel = self.target(args.get("channel"))
        message = self.store_message(channel, self.bot_message(args))
        return {
            "ok": True,
            "channel": channel.id,
            "ts": message["ts"],
            "message": self.public(message, include_metadata=True),
        }

    @_method("chat.postEphemeral")
    def _chat_post_ephemeral(self, args: Json) -> Json:
        self.target(args.get("channel"))
        self.user(args.get("user"))
        self.bot_message(args)  # the same checks; an ephemeral message is not kept in history
        return {"ok": True, "message_ts": self.next_ts()}

    @_method("chat.update")
    def _chat_update(self, args: Json) -> Json:
        channel = self.channel(args.get("channel"))
        message = self.find_message(channel, args.get("ts"))
        # Slack keeps what the update leaves out; an empty blocks list removes the blocks.
        if "text" in args:
            message["text"] = args["text"] or ""
        if isinstance(args.get("blocks"), list):
            if args["blocks"]:
                message["blocks"] = args["blocks"]
            else:
                message.pop("blocks", None)
        if isinstance(args.get("metadata"), dict):
            message["metadata"] = args["metadata"]
        answer_message = self.public(message, include_metadata=False)
        return {
            "ok": True,
            "channel": channel.id,
            "ts": message["ts"],
            "text": message["text"],
            "message": answer_message,
        }

    @_method("chat.delete")
    def _chat_delete(self, args: Json) -> Json:
        channel = self.channel(args.get("channel"))
        message = self.find_message(channel, args.get("ts"))
        self.messages[channel.id].remove(message)
        return {"ok": True, "channel": channel.id, "ts": message["ts"]}

    @_method("chat.getPermalink")
    def _chat_get_permalink(self, args: Json) -> Json:
        channel = self.channel(args.get("channel"))
        message = self.find_message(channel, args.get("message_ts"))
        link = (
            f"https://{self.team_domain}.slack.com/archives/{channel.id}/"
            f"p{message['ts'].replace('.', '')}"
        )
        if message.get("thread_ts") and message["thread_ts"] != message["ts"]:
            link += f"?thread_ts={message['thread_ts']}&cid={channel.id}"
        return {"ok": True, "channel": channel.id, "permalink": link}

    @_method("conversations.info")
    def _conversations_info(self, args: Json) -> Json:
        channel = self.channel(args.get("channel"))
        include = _flag(args.get("include_num_members"))
        return {"ok": True, "channel": self.channel_object(channel, include_num_members=include)}

    @_method("conversations.open")
    def _conversations_open(self, args: Json) -> Json:
        users = args.get("users")
        user_ids = users if isinstance(users, list) else str(users or "").split(",")
        user_ids = [u.strip() for u in user_ids if u.strip()]
        if len(user_ids) == 1:
            already_open = user_ids[0] in self.ims
            channel_id = self.im_with(user_ids[0])
        elif user_ids:
            already_open = frozenset([*user_ids, self.bot_user_id]) in self.mpims
            channel_id = self.mpim_with(user_ids)
        elif args.get("channel"):
            channel_id, already_open = self.channel(args["channel"]).id, True
        else:
            raise SlackError("users_list_not_supplied")
        if _flag(args.get("return_im")):
            channel: Json = self.channel_object(self.channels[channel_id])
        else:
            channel = {"id": channel_id}
        return {"ok": True, "no_op": already_open, "already_open": already_open, "channel": channel}

    @_method("conversations.history")
    def _conversations_history(self, args: Json) -> Json:
        channel = self.channel(args.get("channel"))
        oldest, latest = _ts_key(_ts(args.get("oldest")) or "0"), _ts(args.get("latest"))
        inclusive = _flag(args.get("inclusive"))
        include_metadata = _flag(args.get("include_all_metadata"))

        def in_window(message: Json) -> bool:
            ts = _ts_key(message["ts"])
            after = ts >= oldest if inclusive else ts > oldest
            if latest is None:
                return after
            before = ts <= _ts_key(latest) if inclusive else ts < _ts_key(latest)
            return after and before

        # History shows a channel's own messages and broadcast thread replies, newest first.
        visible = [
            self.with_thread(channel.id, self.public(m, include_metadata=include_metadata))
            for m in reversed(self.messages[channel.id])
            if (m.get("thread_ts") in (None, m["ts"]) or m.get("subtype") == "thread_broadcast")
            and in_window(m)
        ]
        page, next_cursor = _page(visible, args)
        answer: Json = {
            "ok": True,
            "messages": page,
            "has_more": bool(next_cursor),
            "pin_count": 0,
            "channel_actions_ts": None,
            "channel_actions_count": 0,
        }
        if next_cursor:
            answer["response_metadata"] = {"next_cursor": next_cursor}
        return answer

    @_method("conversations.replies")
    def _conversations_replies(self, args: Json) -> Json:
        channel = self.channel(args.get("channel"))
        try:
            parent = self.find_message(channel, args.get("ts"))
        except SlackError:
            raise SlackError("thread_not_found") from None
        if parent.get("thread_ts") not in (None, parent["ts"]):
            # Asked with a reply's ts: Slack answers the whole thread.
            parent = self.find_message(channel, parent["thread_ts"])
        include_metadata = _flag(args.get("include_all_metadata"))
        thread = [self.with_thread(channel.id, parent, always=True)]
        for reply in self.replies_to(channel.id, parent["ts"]):
            thread.append({**reply, "parent_user_id": parent["user"]})
        thread = [self.public(m, include_metadata=include_metadata) for m in thread]
        page, next_cursor = _page(thread, args)
        answer: Json = {"ok": True, "messages": page, "has_more": bool(next_cursor)}
        if next_cursor:
            answer["response_metadata"] = {"next_cursor": next_cursor}
        return answer

    @_method("conversations.members")
    def _conversations_members(self, args: Json) -> Json:
        channel = self.channel(args.get("channel"))
        page, next_cursor = _page(list(channel.members), args)
        return {"ok": True, "members": page, "response_metadata": {"next_cursor": next_cursor}}

    @_method("conversations.list")
    def _conversations_list(self, args: Json) -> Json:
        """The conversations of the asked types the bot can see: every public channel, and
        the private ones, group DMs and DMs it is in."""
        kinds = {
            "public_channel": "channel",
            "private_channel": "group",
            "mpim": "mpim",
            "im": "im",
        }
        asked = str(args.get("types") or "public_channel").split(",")
        wanted = {kinds[word.strip()] for word in asked if word.strip() in kinds}
        visible = [
            self.channel_object(channel)
            for channel in self.channels.values()
            if channel.kind in wanted
            and (channel.kind == "channel" or self.bot_user_id in channel.members)
        ]
        page, next_cursor = _page(visible, args)
        return {"ok": True, "channels": page, "response_metadata": {"next_cursor": next_cursor}}

    @_method("users.info")
    def _users_info(self, args: Json) -> Json:
        user = self.user(args.get("user"))
        include_locale = _flag(args.get("include_locale"))
        return {"ok": True, "user": self.user_object(user, include_locale=include_locale)}

    @_method("users.list")
    def _users_list(self, args: Json) -> Json:
        include_locale = _flag(args.get("include_locale"))
        members = [self.user_object(u, include_locale=include_locale) for u in self.users.values()]
        page, next_cursor = _page(members, args)
        return {
            "ok": True,
            "members": page,
            "cache_ts": int(self.clock()),
            "response_metadata": {"next_cursor": next_cursor},
        }

    @staticmethod
    def _view_arg(args: Json) -> Json:
        view = args.get("view")
        if not isinstance(view, dict):
            raise SlackError("invalid_arguments")
        return view

    @_method("views.open")
    def _views_open(self, args: Json) -> Json:
        return {"ok": True, "view": self.store_view(self._view_arg(args))}

    @_method("views.push")
    def _views_push(self, args: Json) -> Json:
        return {"ok": True, "view": self.store_view(self._view_arg(args))}

    @_method("views.update")
    def _views_update(self, args: Json) -> Json:
        external_id = args.get("external_id")
        by_external = [
            v for v in self.views.values() if external_id and v["external_id"] == external_id
        ]
        old = self.views.get(args.get("view_id") or "") or next(iter(by_external), None)
        if old is None:
            raise SlackError("not_found")
        if args.get("hash") and args["hash"] != old["hash"]:
            raise SlackError("hash_conflict")
        stored = self.store_view(
            self._view_arg(args),
            view_id=old["id"],
            root_view_id=old["root_view_id"],
            previous_view_id=old["previous_view_id"],
        )
        return {"ok": True, "view": stored}

    @_method("views.publish")
    def _views_publish(self, args: Json) -> Json:
        user = self.user(args.get("user_id"))
        old = self.views.get(self.home_views.get(user.id, ""))
        if old is not None and args.get("hash") and args["hash"] != old["hash"]:
            raise SlackError("hash_conflict")
        view = {"type": "home", **self._view_arg(args)}
        stored = self.store_view(view, view_id=old["id"] if old else None)
        self.home_views[user.id] = stored["id"]
        return {"ok": True, "view": stored}

    # -- files: the upload flow of files_upload_v2, newer than the 2020 spec; shapes from
    # Slack's method docs and slack_sdk's client (WebClient.files_upload_v2).
    @_method("files.getUploadURLExternal")
    def _files_get_upload_url(self, args: Json) -> Json:
        filename = args.get("filename")
        try:
            length = int(args.get("length"))  # a form field: digits
        except (TypeError, ValueError):
            raise SlackError("invalid_arguments") from None
        if not isinstance(filename, str) or not filename.strip() or length <= 0:
            raise SlackError("invalid_arguments")
        file_id = self.new_id("F")
        self.uploads[file_id] = {
            "id": file_id,
            "filename": filename,
            "length": length,
            "alt_txt": args.get("alt_txt"),
            "data": None,
            "completed": False,
        }
        return {
            "ok": True,
            "upload_url": f"{self.upload_root}/upload/v1/{file_id}",
            "file_id": file_id,
        }

    def receive_upload(self, file_id: str, data: bytes) -> str | None:
        """The bytes posted to an upload URL; the error, or None when they are taken."""
        upload = self.uploads.get(file_id)
        if upload is None or upload["completed"]:
            return "file_not_found"
        if len(data) != upload["length"]:
            return "length_mismatch"  # Slack refuses a body unlike the declared length
        upload["data"] = data
        return None

    @_method("files.completeUploadExternal")
    def _files_complete_upload(self, args: Json) -> Json:
        try:
            files = json.loads(args["files"]) if isinstance(args.get("files"), str) else None
        except ValueError:
            files = None
        if not isinstance(files, list) or not files:
            raise SlackError("invalid_arguments")
        uploads = []
        for item in files:
            upload = self.uploads.get(str((item or {}).get("id")))
            if upload is None or upload["completed"]:
                raise SlackError("file_not_found")
            if upload["data"] is None:
                raise SlackError("file_upload_not_found")  # completed before uploading
            uploads.append((upload, item.get("title") or upload["filename"]))
        channel_id = args.get("channel_id")
        channel = self.target(channel_id) if channel_id else None
        shown = []
        for upload, title in uploads:
            upload["completed"] = True
            upload["title"] = title
            shown.append(
                {
                    "id": upload["id"],
                    "created": int(self.clock()),
                    "name": upload["filename"],
                    "title": title,
                    "mimetype": "image/png" if upload["data"][:4] == b"\x89PNG" else "",
                    "size": len(upload["data"]),
                    "user": self.bot_user_id,
                    "alt_txt": upload.get("alt_txt"),
                }
            )
        if channel is not None:
            message: Json = {
                "user": self.bot_user_id,
                "bot_id": self.bot_id,
                "text": args.get("initial_comment") or "",
                "files": shown,
                "upload": True,
            }
            if args.get("thread_ts"):
                message["thread_ts"] = args["thread_ts"]
            self.store_message(channel, message)
        return {"ok": True, "files": shown}

    @_method("usergroups.users.list")
    def _usergroups_users_list(self, args: Json) -> Json:
        users = self.usergroups.get(str(args.get("usergroup")))
        if users is None:
            raise SlackError("no_such_subteam")
        return {"ok": True, "users": list(users)}

    @_method("reactions.add")
    def _reactions_add(self, args: Json) -> Json:
        channel = self.channel(args.get("channel"))
        message = self.find_message(channel, args.get("timestamp"))
        name = str(args.get("name") or "").strip(":")
        if not name:
            raise SlackError("invalid_name")
        reactions = message.setdefault("reactions", [])
        reaction = next((r for r in reactions if r["name"] == name), None)
        if reaction is None:
            reactions.append({"name": name, "users": [self.bot_user_id], "count": 1})
        elif self.bot_user_id in reaction["users"]:
            raise SlackError("already_reacted")
        else:
            reaction["users"].append(self.bot_user_id)
            reaction["count"] += 1
        return {"ok": True}


# Every Web API method the stand-in serves; any other answers "unknown_method".
SERVED_METHODS = frozenset(_METHODS)


# -- the HTTP face -------------------------------------------------------------------------


class _Server(ThreadingHTTPServer):
    daemon_threads = True  # a client holding a connection open must not block stop()
    # The default backlog of 5 drops connections when many workers call at once, and a
    # dropped SYN costs the client a one-second retransmit.
    request_queue_size = 128

    def __init__(self, standin: SlackStandIn) -> None:
        super().__init__(("127.0.0.1", 0), _RequestHandler)
        self.standin = standin


class _RequestHandler(BaseHTTPRequestHandler):
    server: _Server
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
        request = _Request(
            path=url.path,
            query=url.query,
            body=self.rfile.read(length) if length > 0 else b"",
            content_type=self.headers.get("Content-Type", ""),
            authorization=self.headers.get("Authorization", ""),
        )
        outcome = self.server.standin._serve(request)
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


# -- the stand-in ----------------------------------------------------------------------------


class SlackStandIn:
    """Slack's Web API and response_urls on 127.0.0.1, with a recorded, inspectable workspace.

    Use as `with SlackStandIn().start() as slack:` (or `with SlackStandIn() as slack:`) and
    point a WebClient/AsyncWebClient at `slack.base_url`. Thread-safe: calls may arrive from
    many threads or processes at once.
    """

    def __init__(
        self,
        *,
        team_id: str = "T0LOCAL0001",
        team_domain: str = "partnerdesk-local",
        bot_user_id: str = "U0BOT000001",
        bot_id: str = "B0BOT000001",
        validator: Callable[[str, Json], None] | None = None,
        strict_channels: bool = False,
        clock: Callable[[], float] | None = None,
        latency: float = 0.0,
        channel_rate: int | None = None,
    ) -> None:
        """`latency`: seconds each request waits before it is answered (outside the lock, so
        concurrent calls overlap), for tests that need a slow Slack, e.g. to stop a process
        in the middle of its work. `channel_rate`: Slack's per-channel limit on posting,
        as at most that many chat.postMessage calls per channel in any second (more are
        answered 429 with a Retry-After of 1 s); None: no limit."""
        self.team_id = team_id
        self.latency = latency
        self.channel_rate = channel_rate
        self._channel_posts: dict[str, list[float]] = {}  # channel -> recent monotonic times
        self.team_domain = team_domain
        self.bot_user_id = bot_user_id
        self.bot_id = bot_id
        self.validator = validator
        self.violations: list[str] = []
        # One re-entrant lock guards state, calls and queued errors, so that a call's effect
        # and its record happen together and `seq` order is the order effects were applied.
        self._cond = threading.Condition(threading.RLock())
        self._calls: list[Call] = []
        self._listeners: list[Callable[[Call], None]] = []
        self._injected: dict[str, list[_Injected]] = {}
        self._workspace = _Workspace(
            team_id=team_id,
            team_domain=team_domain,
            bot_user_id=bot_user_id,
            bot_id=bot_id,
            strict_channels=strict_channels,
            clock=clock,
        )
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self.oauth = StandInOAuth(
            team_id=team_id,
            team_name=team_domain,
            bot_user_id=bot_user_id,
            app_id=APP_ID,
            clock=self._workspace.clock,
        )

    # -- lifecycle ---------------------------------------------------------------------------
    def start(self) -> SlackStandIn:
        """Serve on an ephemeral port of 127.0.0.1 in a daemon thread; a no-op if serving."""
        if self._server is None:
            self._server = _Server(self)
            self._workspace.upload_root = self._root()
            self._thread = threading.Thread(
                target=self._server.serve_forever,
                kwargs={"poll_interval": 0.05},  # stop() waits at most this long
                name="slack-standin",
                daemon=True,
            )
            self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving; safe to call twice."""
        server, thread = self._server, self._thread
        self._server, self._thread = None, None
        if server is not None:
            server.shutdown()
            server.server_close()
        if thread is not None:
            thread.join(timeout=5)

    def __enter__(self) -> SlackStandIn:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        """The Web API root to give WebClient/AsyncWebClient as `base_url`."""
        return f"{self._root()}/api/"

    def hook_url(self, key: str) -> str:
        """A response_url served by the stand-in; posts to it are recorded as "respond"."""
        return f"{self._root()}/hooks/{key}"

    def _root(self) -> str:
        if self._server is None:
            raise RuntimeError("the Slack stand-in is not started: call start() first")
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    # -- the workspace -----------------------------------------------------------------------
    def add_user(
        self,
        user_id: str,
        *,
        name: str,
        real_name: str | None = None,
        locale: str = "en-US",
        tz: str = "Europe/Amsterdam",
        is_bot: bool = False,
        role: str = "member",
    ) -> None:
        """Add (or replace) a workspace member; `role`: "member", "admin", "owner" or
        "primary_owner" (users.info's is_admin/is_owner/is_primary_owner)."""
        with self._cond:
            self._workspace.add_user(
                user_id,
                name=name,
                real_name=real_name,
                locale=locale,
                tz=tz,
                is_bot=is_bot,
                role=role,
            )

    def add_channel(
        self,
        channel_id: str,
        *,
        name: str,
        is_ext_shared: bool = False,
        is_im: bool = False,
        user: str | None = None,
        members: list[str] | None = None,
    ) -> None:
        """Add a conversation. The bot is always a member; an IM needs `user`."""
        with self._cond:
            self._workspace.add_channel(
                channel_id,
                name=name,
                is_ext_shared=is_ext_shared,
                is_im=is_im,
                user=user,
                members=members,
            )

    def register_app(
        self, client_id: str, client_secret: str, *, token_lifetime: int | None = None
    ) -> None:
        """An app that may be installed here; `token_lifetime` (seconds) turns rotation on."""
        with self._cond:
            self.oauth.register_app(client_id, client_secret, token_lifetime=token_lifetime)

    def authorize(
        self, client_id: str, *, scopes: list[str], user_id: str, redirect_uri: str | None = None
    ) -> str:
        """A member clicks Allow on Slack's authorize page: the code for the redirect."""
        with self._cond:
            return self.oauth.authorize(
                client_id, scopes=scopes, user_id=user_id, redirect_uri=redirect_uri
            )

    def revoke_tokens(self) -> None:
        """The app is uninstalled from this workspace: its issued tokens stop working."""
        with self._cond:
            self.oauth.revoke_all()

    def set_role(self, user_id: str, role: str) -> None:
        """Make a member an admin or owner of the workspace, or a plain member again."""
        if role not in ROLE_FLAGS:
            raise ValueError(f"unknown workspace role {role!r}")
        with self._cond:
            self._workspace.user(user_id).role = role

    def add_usergroup(self, usergroup_id: str, users: list[str]) -> None:
        """Add (or replace) a user group, for usergroups.users.list."""
        with self._cond:
            self._workspace.usergroups[usergroup_id] = list(users)

    def add_message(
        self,
        channel: str,
        *,
        text: str,
        user: str,
        thread_ts: str | None = None,
        blocks: list[Json] | None = None,
    ) -> str:
        """Put a person's message in a channel (or thread), as if they had typed it; its ts."""
        with self._cond:
            target = self._workspace.channel(channel)
            self._workspace.user(user)
            message: Json = {"user": user, "text": text}
            if blocks:
                message["blocks"] = copy.deepcopy(blocks)
            if thread_ts:
                message["thread_ts"] = _ts(thread_ts)
            return str(self._workspace.store_message(target, message)["ts"])

    def messages(self, channel: str) -> list[Json]:
        """The channel's messages as they are now (after updates and deletes), oldest first.

        Thread replies are included (they carry `thread_ts`); ephemeral messages are not.
        """
        with self._cond:
            return copy.deepcopy(self._workspace.messages.get(channel, []))

    # -- errors ------------------------------------------------------------------------------
    def inject_error(
        self,
        method: str,
        error: str = "channel_not_found",
        *,
        times: int = 1,
        status: int = 200,
        retry_after: int | None = None,
    ) -> None:
        """Answer the next `times` calls of `method` with Slack's error instead.

        status 429 answers error "ratelimited" with a Retry-After header (default 1 s);
        status >= 500 answers a plain-text body, as Slack's edge does in an outage.
        `method` may be "respond" for the response_url hooks.
        """
        if times < 1:
            raise ValueError("times must be at least 1")
        with self._cond:
            self._injected.setdefault(method, []).append(
                _Injected(error, status, retry_after, times)
            )

    def _take_injected(self, method: str) -> _Outcome | None:
        queue = self._injected.get(method)
        if not queue:
            return None
        injected = queue[0]
        injected.remaining -= 1
        if injected.remaining == 0:
            queue.pop(0)
        headers = {}
        if injected.status == 429 or injected.retry_after is not None:
            headers["Retry-After"] = str(injected.retry_after or 1)
        error = "ratelimited" if injected.status == 429 else injected.error
        outcome = _Outcome({"ok": False, "error": error}, injected.status, headers)
        if injected.status >= 500 or method == "respond":
            outcome.plain_body = error
        return outcome

    def _over_channel_rate(self, method: str, args: Json) -> _Outcome | None:
        """A 429 when the channel had `channel_rate` posts in the last second (under the lock)."""
        if self.channel_rate is None or method != "chat.postMessage":
            return None
        now = time.monotonic()
        recent = self._channel_posts.setdefault(str(args.get("channel")), [])
        recent[:] = [t for t in recent if now - t < 1.0]
        if len(recent) >= self.channel_rate:
            answer = {"ok": False, "error": "ratelimited"}
            return _Outcome(answer, 429, {"Retry-After": "1"})
        recent.append(now)
        return None

    # -- what was called -----------------------------------------------------------------------
    @property
    def calls(self) -> list[Call]:
        """A snapshot of every call so far, in arrival order."""
        with self._cond:
            return list(self._calls)

    def calls_to(self, method: str) -> list[Call]:
        """The calls of one method ("respond" for response_url posts), in order."""
        return [call for call in self.calls if call.method == method]

    def subscribe(self, listener: Callable[[Call], None]) -> None:
        """Call `listener(call)` in the server thread after each call is recorded."""
        with self._cond:
            self._listeners.append(listener)

    def wait_for(
        self,
        predicate: Callable[[list[Call]], bool],
        timeout: float = 5.0,
        *,
        description: str | None = None,
    ) -> list[Call]:
        """Wait until `predicate(calls)` holds; the calls then. TimeoutError after `timeout` s."""
        with self._cond:
            if self._cond.wait_for(lambda: predicate(list(self._calls)), timeout=timeout):
                return list(self._calls)
            seen = self._describe_calls()
        what = description or getattr(predicate, "__name__", "the predicate")
        raise TimeoutError(f"Slack stand-in: waited {timeout:g}s for {what}; {seen}")

    def wait_for_call(self, method: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        """Wait until `method` was called at least `count` times; those calls."""
        self.wait_for(
            lambda calls: sum(call.method == method for call in calls) >= count,
            timeout,
            description=f"{count} call(s) to {method}",
        )
        return self.calls_to(method)

    def _describe_calls(self) -> str:
        if not self._calls:
            return "no calls seen"
        lines = [_describe_call(call) for call in self._calls[-20:]]
        skipped = len(self._calls) - len(lines)
        head = f"{len(self._calls)} calls seen" + (f" (last {len(lines)})" if skipped else "")
        return head + ":\n  " + "\n  ".join(lines)

    # -- serving -----------------------------------------------------------------------------
    def _serve(self, request: _Request) -> _Outcome:
        """Answer one HTTP request (called in a server thread)."""
        if self.latency > 0:
            time.sleep(self.latency)
        if request.path.startswith("/api/"):
            return self._serve_api(request.path.removeprefix("/api/"), request)
        if request.path.startswith("/hooks/"):
            return self._serve_hook(request.path.removeprefix("/hooks/"), request)
        if request.path.startswith("/upload/v1/"):
            return self._serve_upload(request.path.removeprefix("/upload/v1/"), request)
        return _Outcome({"ok": False, "error": "not_found"}, 404, plain_body="not found")

    def _serve_api(self, method: str, request: _Request) -> _Outcome:
        try:
            args = _request_args(request)
        except SlackError as exc:
            unreadable = _Outcome(exc.answer())
            return self._finish(method, {}, lambda: unreadable)
        token = _bearer_token(request.authorization)
        token = args.pop("token", None) or token
        problem = self._validate(method, args)

        def outcome() -> _Outcome:
            if problem is not None:
                messages = {"messages": [problem]}
                return _Outcome(
                    {"ok": False, "error": "invalid_arguments", "response_metadata": messages}
                )
            if method == "oauth.v2.access":  # the app's client credentials, not a token
                try:
                    return _Outcome(self.oauth.access(request.authorization, args))
                except OAuthError as exc:
                    return _Outcome({"ok": False, "error": exc.error})
            if not token:
                return _Outcome({"ok": False, "error": "not_authed"})
            if (token_problem := self.oauth.token_problem(token)) is not None:
                return _Outcome({"ok": False, "error": token_problem})
            injected = self._take_injected(method) or self._over_channel_rate(method, args)
            if injected is not None:
                return injected
            try:
                return _Outcome(self._workspace.call(method, args))
            except SlackError as exc:
                return _Outcome(exc.answer())

        return self._finish(method, args, outcome, token=token)

    def _serve_hook(self, key: str, request: _Request) -> _Outcome:
        try:
            payload = json.loads(request.body or b"null")
        except ValueError:
            payload = None
        if not isinstance(payload, dict):
            bad = _Outcome(
                {"ok": False, "error": "invalid_payload"}, 400, plain_body="invalid_payload"
            )
            return self._finish("respond", {}, lambda: bad, hook=key)
        payload = _decode_json_fields(payload)
        problem = self._validate("respond", payload)

        def outcome() -> _Outcome:
            if problem is not None:
                # A response_url answers plain-text errors with HTTP 400.
                answer = {
                    "ok": False,
                    "error": "invalid_blocks",
                    "response_metadata": {"messages": [problem]},
                }
                return _Outcome(answer, 400, plain_body="invalid_blocks")
            injected = self._take_injected("respond")
            return injected or _Outcome({"ok": True}, plain_body="ok")

        return self._finish("respond", payload, outcome, hook=key)

    def _serve_upload(self, file_id: str, request: _Request) -> _Outcome:
        """A file's bytes posted to the URL files.getUploadURLExternal gave (recorded as
        "upload", with the file id and the size)."""

        def outcome() -> _Outcome:
            error = self._workspace.receive_upload(file_id, request.body)
            if error is not None:
                return _Outcome({"ok": False, "error": error}, 400, plain_body=error)
            return _Outcome({"ok": True}, plain_body=f"OK - {len(request.body)}")

        return self._finish("upload", {"file_id": file_id, "size": len(request.body)}, outcome)

    def upload_of(self, file_id: str) -> bytes | None:
        """The bytes uploaded for a file id (None: nothing uploaded)."""
        with self._cond:
            upload = self._workspace.uploads.get(file_id)
            return upload["data"] if upload else None

    def _validate(self, method: str, args: Json) -> str | None:
        """Run the validator; its complaint (recorded in `violations`), or None."""
        if self.validator is None:
            return None
        try:
            self.validator(method, copy.deepcopy(args))
        except Exception as exc:  # any failure of the validator is a finding about this call
            problem = str(exc) or type(exc).__name__
            with self._cond:
                self.violations.append(problem)
            return problem
        return None

    def _finish(
        self,
        method: str,
        args: Json,
        outcome: Callable[[], _Outcome],
        *,
        hook: str | None = None,
        token: str | None = None,
    ) -> _Outcome:
        """Apply the call and record it atomically, then tell the listeners."""
        with self._cond:
            result = outcome()
            call = Call(
                seq=len(self._calls) + 1,
                method=method,
                args=args,
                response=result.answer,
                hook=hook,
                status=result.status,
                token=token,
            )
            self._calls.append(call)
            self._cond.notify_all()
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(call)
            except Exception:  # a broken listener must not break the app's Slack calls
                log.exception("Slack stand-in listener failed on call #%s", call.seq)
        return result


def _describe_call(call: Call) -> str:
    """One line for a call in a timeout message: seq, method, key arguments, result."""
    result = "ok" if call.response.get("ok") else f"error {call.response.get('error')!r}"
    shown = []
    for name in ("channel", "user", "users", "ts", "text"):
        if name in call.args:
            value = str(call.args[name])
            value = value if len(value) <= 40 else value[:40] + "…"
            shown.append(f"{name}={value!r}")
    where = f" hook={call.hook}" if call.hook else ""
    return f"#{call.seq} {call.method}({', '.join(shown)}){where} -> {result}"
