"""SlackStandIn: Slack's Web API and response_urls on 127.0.0.1 for one workspace or several,
with a recorded, inspectable state. The console and the tests hold only this class."""

from __future__ import annotations

import copy
import itertools
import threading
from collections.abc import Callable
from types import TracebackType
from typing import Any

from bot import wallclock
from bot.standin.http import Server
from bot.standin.oauth import StandInOAuth
from bot.standin.recorder import CallRecorder
from bot.standin.wire import Json, ts
from bot.standin.workspace import ROLE_FLAGS, Workspace


class SlackStandIn(CallRecorder):
    """Use as `with SlackStandIn().start() as slack:` (or `with SlackStandIn() as slack:`) and
    point a WebClient/AsyncWebClient at `slack.base_url`. Thread-safe: calls may arrive from
    many threads or processes at once.

    It starts with one workspace (`team_id`), which accepts any bot token, as the
    single-workspace mode's fixed token needs. `add_workspace` adds more; from then on a call
    is served by the workspace its token belongs to (issued by `oauth.v2.access` or given to
    `add_workspace`), and any other token is answered `invalid_auth`, as Slack does. The
    methods that set up or read a workspace take `team_id` (default: the first workspace).
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
        super().__init__(validator=validator, channel_rate=channel_rate)
        self.team_id = team_id
        self.team_domain = team_domain
        self.bot_user_id = bot_user_id
        self.bot_id = bot_id
        self.latency = latency
        self.strict_channels = strict_channels
        # Slack's clock is the real one (message ts, created): the wall clock, not the app's.
        self.clock = clock or (lambda: wallclock.utcnow().timestamp())
        self._serial = itertools.count(1).__next__
        self._workspaces: dict[str, Workspace] = {}
        self.oauth = StandInOAuth(self._workspaces, clock=self.clock)
        self._server: Server | None = None
        self._thread: threading.Thread | None = None
        self.add_workspace(team_id, team_domain=team_domain, bot_user_id=bot_user_id, bot_id=bot_id)

    # -- lifecycle ---------------------------------------------------------------------------
    def start(self) -> SlackStandIn:
        """Serve on an ephemeral port of 127.0.0.1 in a daemon thread; a no-op if serving."""
        if self._server is None:
            self._server = Server(self)
            for workspace in self._workspaces.values():
                workspace.upload_root = self._root()
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

    # -- workspaces and their tokens ---------------------------------------------------------
    def add_workspace(
        self,
        team_id: str,
        *,
        team_domain: str | None = None,
        bot_user_id: str | None = None,
        bot_id: str | None = None,
        bot_token: str | None = None,
    ) -> None:
        """Another workspace with its own bot user, people, channels and messages.
        `bot_token`: a token it holds without an install (one that never expires)."""
        with self.lock:
            if team_id in self._workspaces:
                raise ValueError(f"workspace {team_id} exists already")
            workspace = Workspace(
                team_id=team_id,
                team_domain=team_domain or team_id.lower(),
                bot_user_id=bot_user_id or f"U0BOT{team_id[-6:]}",
                bot_id=bot_id or f"B0BOT{team_id[-6:]}",
                strict_channels=self.strict_channels,
                clock=self.clock,
                serial=self._serial,
                foreign=lambda some_id, team=team_id: self._held_elsewhere(some_id, team),
            )
            if self._server is not None:
                workspace.upload_root = self._root()
            self._workspaces[team_id] = workspace
            if bot_token:
                self.oauth.give_token(team_id, bot_token)

    def _held_elsewhere(self, some_id: str, team_id: str) -> bool:
        return any(
            some_id in ws.users or some_id in ws.channels
            for team, ws in self._workspaces.items()
            if team != team_id
        )

    def _ws(self, team_id: str | None) -> Workspace:
        return self._workspaces[team_id or self.team_id]

    def workspace_for(self, token: str) -> tuple[Workspace | None, str | None]:
        """The workspace a token speaks for, or Slack's error for it (under the lock)."""
        problem = self.oauth.token_problem(token)
        if problem is not None:
            return None, problem
        owner = self.oauth.owner(token)
        if owner is not None:
            return self._workspaces[owner], None
        if len(self._workspaces) == 1:
            return self._ws(None), None  # one workspace: the single-workspace mode's token
        return None, "invalid_auth"

    def workspace_of_upload(self, file_id: str) -> Workspace | None:
        """The workspace that handed out an upload URL (under the lock)."""
        return next((ws for ws in self._workspaces.values() if file_id in ws.uploads), None)

    def register_app(
        self, client_id: str, client_secret: str, *, token_lifetime: int | None = None
    ) -> None:
        """An app that may be installed here; `token_lifetime` (seconds) turns rotation on."""
        with self.lock:
            self.oauth.register_app(client_id, client_secret, token_lifetime=token_lifetime)

    def authorize(
        self,
        client_id: str,
        *,
        scopes: list[str],
        user_id: str,
        redirect_uri: str | None = None,
        team_id: str | None = None,
        org_wide: bool = False,
    ) -> str:
        """A member of the workspace clicks Allow on Slack's authorize page (`org_wide`: an
        Enterprise Grid admin, for the whole organisation): the code for the redirect."""
        with self.lock:
            return self.oauth.authorize(
                client_id,
                team_id=self._ws(team_id).team_id,
                scopes=scopes,
                user_id=user_id,
                redirect_uri=redirect_uri,
                org_wide=org_wide,
            )

    def revoke_tokens(self, team_id: str | None = None) -> None:
        """The app is uninstalled from the workspace: the tokens it was issued stop working."""
        with self.lock:
            self.oauth.revoke(self._ws(team_id).team_id)

    # -- people, places and messages of a workspace ------------------------------------------
    def add_user(
        self, user_id: str, *, name: str, team_id: str | None = None, **fields: Any
    ) -> None:
        """Add (or replace) a workspace member; `fields`: real_name, locale ("en-US"), tz
        ("Europe/Amsterdam"), is_bot, role ("member", "admin", "owner" or "primary_owner":
        users.info's is_admin/is_owner/is_primary_owner)."""
        with self.lock:
            self._ws(team_id).add_user(user_id, name=name, **fields)

    def add_channel(
        self, channel_id: str, *, name: str, team_id: str | None = None, **fields: Any
    ) -> None:
        """Add a conversation; `fields`: is_ext_shared, members, is_im with the `user` it is
        with. The bot is always a member."""
        with self.lock:
            self._ws(team_id).add_channel(channel_id, name=name, **fields)

    def set_role(self, user_id: str, role: str, *, team_id: str | None = None) -> None:
        """Make a member an admin or owner of the workspace, or a plain member again."""
        if role not in ROLE_FLAGS:
            raise ValueError(f"unknown workspace role {role!r}")
        with self.lock:
            self._ws(team_id).user(user_id).role = role

    def add_usergroup(
        self, usergroup_id: str, users: list[str], *, team_id: str | None = None
    ) -> None:
        """Add (or replace) a user group, for usergroups.users.list."""
        with self.lock:
            self._ws(team_id).usergroups[usergroup_id] = list(users)

    def add_message(
        self,
        channel: str,
        *,
        text: str,
        user: str,
        thread_ts: str | None = None,
        blocks: list[Json] | None = None,
        team_id: str | None = None,
    ) -> str:
        """Put a person's message in a channel (or thread), as if they had typed it; its ts."""
        with self.lock:
            workspace = self._ws(team_id)
            target = workspace.channel(channel)
            workspace.user(user)
            message: Json = {"user": user, "text": text}
            if blocks:
                message["blocks"] = copy.deepcopy(blocks)
            if thread_ts:
                message["thread_ts"] = ts(thread_ts)
            return str(workspace.store_message(target, message)["ts"])

    def messages(self, channel: str, *, team_id: str | None = None) -> list[Json]:
        """The channel's messages as they are now (after updates and deletes), oldest first.

        Thread replies are included (they carry `thread_ts`); ephemeral messages are not.
        """
        with self.lock:
            return copy.deepcopy(self._ws(team_id).messages.get(channel, []))

    def home_view(self, user_id: str, *, team_id: str | None = None) -> Json | None:
        """The Home tab last published for a user of the workspace (None: never)."""
        with self.lock:
            workspace = self._ws(team_id)
            view = workspace.views.get(workspace.home_views.get(user_id, ""))
            return copy.deepcopy(view)

    def upload_of(self, file_id: str) -> bytes | None:
        """The bytes uploaded for a file id (None: nothing uploaded)."""
        with self.lock:
            workspace = self.workspace_of_upload(file_id)
            return workspace.uploads[file_id]["data"] if workspace else None
