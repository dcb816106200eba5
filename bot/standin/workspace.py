"""One Slack workspace as far as Partnerdesk can see it: its team, bot, people, channels,
messages, views, user groups and file uploads. The Web API methods over it live by family
beside this module (chat, conversations, users, views, files)."""

from __future__ import annotations

import copy
import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bot.standin.wire import Json, SlackError, flag, ts

APP_ID = "A0LOCAL0001"
# Spacing between two generated message timestamps, in microseconds (Slack's ts resolution).
TS_STEP_US = 100

# Slack's flags per workspace role: an owner is an admin too, the primary owner an owner.
ROLE_FIELDS = ("is_admin", "is_owner", "is_primary_owner")
ROLE_FLAGS = {
    "member": (False, False, False),
    "admin": (True, False, False),
    "owner": (True, True, False),
    "primary_owner": (True, True, True),
}


@dataclass
class User:
    id: str
    name: str
    real_name: str
    locale: str
    tz: str
    is_bot: bool
    created: int
    role: str = "member"  # "member", "admin", "owner" or "primary_owner" of the workspace


@dataclass
class Channel:
    id: str
    name: str
    kind: str  # "channel" (public), "group" (private), "im" or "mpim"
    created: int
    members: list[str]
    is_ext_shared: bool = False
    user: str | None = None  # the other party of an IM


class Workspace:
    """One team's state. Not thread-safe on its own: the stand-in calls it under its lock.

    `serial` numbers the ids of every workspace of a stand-in (Slack's ids are unique across
    workspaces); `foreign(id)` says that a user or channel id belongs to another workspace of
    the stand-in, so that it is not made up here on demand.
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
        serial: Callable[[], int] | None = None,
        foreign: Callable[[str], bool] = lambda _id: False,
    ) -> None:
        self.team_id = team_id
        self.team_domain = team_domain
        self.bot_user_id = bot_user_id
        self.bot_id = bot_id
        self.strict_channels = strict_channels
        self.clock = clock
        self.serial = serial or itertools.count(1).__next__
        self.foreign = foreign
        self.enterprise_id: str | None = None  # set for an org-wide (Enterprise Grid) install
        self.users: dict[str, User] = {}
        self.channels: dict[str, Channel] = {}
        self.ims: dict[str, str] = {}  # user id -> IM channel id
        self.mpims: dict[frozenset[str], str] = {}
        self.messages: dict[str, list[Json]] = {}  # channel id -> messages, oldest first
        self.views: dict[str, Json] = {}
        self.home_views: dict[str, str] = {}  # user id -> view id
        self.usergroups: dict[str, list[str]] = {}
        # files.getUploadURLExternal -> the upload -> files.completeUploadExternal, by file id
        self.uploads: dict[str, Json] = {}
        self.upload_root = ""  # where upload URLs point: the stand-in's own server
        self._last_ts_us = 0
        self.add_user(bot_user_id, name="partnerdesk", real_name="Partnerdesk", is_bot=True)

    # -- ids and clocks ------------------------------------------------------------------
    def new_id(self, prefix: str) -> str:
        """A fresh id in Slack's shape: "C0LOCAL00001", "D0LOCAL00002", "V0LOCAL00003"..."""
        return f"{prefix}0LOCAL{self.serial():05d}"

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
    ) -> User:
        if role not in ROLE_FLAGS:
            raise ValueError(f"unknown workspace role {role!r}")
        user = User(
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

    def user(self, user_id: Any) -> User:
        """A user by id; an unknown but well-formed id becomes a user on demand, unless it
        is another workspace's."""
        if not isinstance(user_id, str) or user_id[:1] not in ("U", "W") or len(user_id) < 3:
            raise SlackError("user_not_found")
        if user_id not in self.users:
            if self.foreign(user_id):
                raise SlackError("user_not_found")
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
    ) -> Channel:
        if is_im:
            if not user:
                raise ValueError("an IM channel needs the `user` it is with")
            self.user(user)
            channel = Channel(
                channel_id, name, "im", int(self.clock()), [user, self.bot_user_id], user=user
            )
            self.ims[user] = channel_id
        else:
            kind = "group" if channel_id.startswith("G") else "channel"
            # The stand-in's channels are the ones the bot was invited to, so it is a member.
            people = list(dict.fromkeys([*(members or []), self.bot_user_id]))
            channel = Channel(channel_id, name, kind, int(self.clock()), people, is_ext_shared)
        self.channels[channel_id] = channel
        self.messages.setdefault(channel_id, [])
        return channel

    def channel(self, channel_id: Any) -> Channel:
        """A conversation by id; unknown C/G ids are created on demand unless strict (or
        another workspace's)."""
        if isinstance(channel_id, str) and channel_id in self.channels:
            return self.channels[channel_id]
        if (
            isinstance(channel_id, str)
            and channel_id[:1] in ("C", "G")
            and len(channel_id) >= 9
            and not self.strict_channels
            and not self.foreign(channel_id)
        ):
            return self.add_channel(channel_id, name=f"auto-{channel_id.lower()}")
        raise SlackError("channel_not_found")

    def target(self, channel_id: Any) -> Channel:
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
    def find_message(self, channel: Channel, message_ts: Any) -> Json:
        wanted = ts(message_ts)
        for message in self.messages[channel.id]:
            if message["ts"] == wanted:
                return message
        raise SlackError("message_not_found")

    def store_message(self, channel: Channel, message: Json) -> Json:
        message = {"type": "message", "ts": self.next_ts(), "team": self.team_id, **message}
        self.messages[channel.id].append(message)
        return message

    def replies_to(self, channel_id: str, thread_ts: str) -> list[Json]:
        return [
            m
            for m in self.messages[channel_id]
            if m.get("thread_ts") == thread_ts and m["ts"] != thread_ts
        ]

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
        thread_ts = ts(args.get("thread_ts"))
        if thread_ts:
            message["thread_ts"] = thread_ts
            if flag(args.get("reply_broadcast")):
                message["subtype"] = "thread_broadcast"
        return message

    @staticmethod
    def public(message: Json, *, include_metadata: bool) -> Json:
        """A stored message as the Web API returns it (metadata only when asked for)."""
        message = copy.deepcopy(message)
        if not include_metadata:
            message.pop("metadata", None)
        return message

    # -- views -----------------------------------------------------------------------------
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
            "hash": f"{int(self.clock())}.{self.serial():08x}",
            "root_view_id": root_view_id or view_id,
            "previous_view_id": previous_view_id,
            "app_id": APP_ID,
            "app_installed_team_id": self.team_id,
            "bot_id": self.bot_id,
        }
        self.views[view_id] = stored
        return copy.deepcopy(stored)

    # -- uploads ---------------------------------------------------------------------------
    def receive_upload(self, file_id: str, data: bytes) -> str | None:
        """The bytes posted to an upload URL; the error, or None when they are taken."""
        upload = self.uploads.get(file_id)
        if upload is None or upload["completed"]:
            return "file_not_found"
        if len(data) != upload["length"]:
            return "length_mismatch"  # Slack refuses a body unlike the declared length
        upload["data"] = data
        return None
