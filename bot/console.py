"""The local console: the real app and database, driven by Slack-shaped payloads.

In the spirit of Hubot's shell adapter and Errbot's text mode: every line becomes what Slack
would send (a signed slash command, an Events API message, a button click, a modal
submission) and goes into the same Bolt app that serves Slack; every way the bot answers
(the body of the ack, `respond()`, each Web API call) comes back through the in-process
Web API stand-in and is shown as text, or as one JSON object per output with `--json`.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import re
import sys
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlencode

from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy import Engine

from bot import wallclock
from bot.app import create_app
from bot.config import Settings
from bot.demo import LOCAL_TEAM_ID, existing_creators, load_demo, user_id_for
from bot.standin import Call, SlackStandIn, escape_command_text
from storage.db import create_db_engine, migrate, pending_migrations

logger = logging.getLogger(__name__)

CONSOLE_SIGNING_SECRET = "partnerdesk-local-console"  # not a secret: signs local payloads only
CONSOLE_TOKEN = "xoxb-local-console"
API_APP_ID = "A0LOCAL0001"
DEFAULT_CHANNEL = "general"
IMAGE_DIR = "console-images"  # where uploaded images (charts) are written, under the cwd
LISTENER_TIMEOUT_SECONDS = 30  # a bounded wait for lazy listeners after each line
BOT_NAMES = frozenset({"partnerdesk", "bot"})  # `@partnerdesk` in a typed line mentions the bot
# `@name` typed as a mention (not inside an e-mail address or an existing `<@U…>`).
_AT_NAME = re.compile(r"(?<![\w<@])@([A-Za-z][\w.\-]{0,39}[\w])")

HELP = """Console commands:
  /creator help            a slash command, as the current user in the current channel
  any other text           a message in the current channel (or thread)
  !as <name>               speak as another user (created on first use)
  !in #<channel>           move to a channel;  !in @<name>  a DM with the bot
  !thread <n> | off        reply in the thread of bot message n / leave it
  !press <n>               press button n
  !set <field> <value>     fill the open modal;  !submit  send it;  !cancel  close it
  !clock <ISO time> | +<n>d | +<n>h   set or advance the clock and run what falls due
  !locale nl|en            the current user's language
  !home                    open the current user's Home tab
  !help, !quit"""


class ConsoleInputError(Exception):
    """An input line the console cannot act on."""


@dataclass
class Button:
    n: int
    text: str
    action_id: str
    value: str | None
    block_id: str
    container: dict[str, Any]  # where the button lives: a message or a view
    message: dict[str, Any] | None = None
    response_url_key: str | None = None


@dataclass
class Modal:
    view_id: str
    view: dict[str, Any]
    values: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)


@dataclass
class Output:
    """One way the bot answered, in the console's --json shape."""

    seq: int
    method: str
    channel: str | None = None
    user: str | None = None
    ts: str | None = None
    thread_ts: str | None = None
    response_type: str | None = None
    text: str | None = None
    blocks: list[dict[str, Any]] | None = None
    view: dict[str, Any] | None = None
    buttons: list[dict[str, Any]] = field(default_factory=list)
    fields: list[dict[str, Any]] | None = None
    errors: dict[str, str] | None = None
    images: list[str] | None = None  # files the bot uploaded, written to the image folder

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "seq": self.seq,
            "method": self.method,
            "channel": self.channel,
            "user": self.user,
            "ts": self.ts,
            "thread_ts": self.thread_ts,
            "response_type": self.response_type,
            "text": self.text,
        }
        if self.view is not None:
            data["view"] = self.view
        else:
            data["blocks"] = self.blocks
        data["buttons"] = self.buttons
        if self.fields is not None:
            data["fields"] = self.fields
        if self.errors:
            data["errors"] = self.errors
        if self.images:
            data["images"] = self.images
        return data


class Console:
    """The session state: who speaks where, the clock, numbered buttons and open modals."""

    def __init__(
        self,
        settings: Settings,
        engine: Engine,
        standin: SlackStandIn,
        *,
        user: str = "you",
        locale: str | None = None,
    ) -> None:
        self.settings = settings
        self.engine = engine
        self.standin = standin
        self.team_id = standin.team_id
        self.clock_offset = timedelta(0)
        self.app: AsyncApp = create_app(
            settings,
            engine,
            client=AsyncWebClient(token=CONSOLE_TOKEN, base_url=standin.base_url),
            signing_secret=CONSOLE_SIGNING_SECRET,
            now=self.now,
        )
        self.users: dict[str, str] = {}
        self.channels: dict[str, str] = {}
        self.dm_channels: dict[str, str] = {}
        self.current_user = self._user(user)
        # Whoever runs the console owns this local workspace (the approval settings are for
        # admins and owners); people named later are plain members.
        self.standin.set_role(self.current_user, "primary_owner")
        self.channel_id = self._channel(DEFAULT_CHANNEL)
        self.channel_label = f"#{DEFAULT_CHANNEL}"
        self.thread_ts: str | None = None
        self.seq = 0
        self.outputs: dict[int, Output] = {}
        self.buttons: dict[int, Button] = {}
        self.button_count = 0
        self.modals: list[Modal] = []
        self.home_views: dict[str, dict[str, Any]] = {}  # view id -> the Home tab published
        self._seen_calls = 0
        self._hooks: dict[str, dict[str, Any]] = {}
        self.start_locale = locale

    # -- the clock -------------------------------------------------------------------
    def now(self) -> datetime:
        return wallclock.utcnow() + self.clock_offset

    # -- people and places -------------------------------------------------------------
    def _user(self, name: str) -> str:
        name = name.lstrip("@").lower()
        if name not in self.users:
            user_id = user_id_for(name)
            self.standin.add_user(user_id, name=name, real_name=name.title(), locale="nl-NL")
            self.users[name] = user_id
        return self.users[name]

    def _channel(self, name: str) -> str:
        name = name.lstrip("#").lower()
        if name not in self.channels:
            channel_id = "C" + hashlib.sha1(name.encode()).hexdigest()[:10].upper()
            self.standin.add_channel(channel_id, name=name, members=list(self.users.values()))
            self.channels[name] = channel_id
        return self.channels[name]

    def _dm(self, user_id: str) -> str:
        if user_id not in self.dm_channels:
            channel_id = "D" + hashlib.sha1(user_id.encode()).hexdigest()[:10].upper()
            self.standin.add_channel(channel_id, name=user_id, is_im=True, user=user_id)
            self.dm_channels[user_id] = channel_id
        return self.dm_channels[user_id]

    def _user_name(self, user_id: str) -> str:
        return next((name for name, uid in self.users.items() if uid == user_id), user_id)

    async def set_locale(self, language: str) -> None:
        """The user's language, set the way a user sets it (`/creator language`), silently."""
        seq, buttons = self.seq, self.button_count
        await self._dispatch_form(self._command_payload("/creator", f"language {language}"))
        # Its confirmation is not shown, so it takes no number either.
        for number in range(seq + 1, self.seq + 1):
            self.outputs.pop(number, None)
        for number in range(buttons + 1, self.button_count + 1):
            self.buttons.pop(number, None)
        self.seq, self.button_count = seq, buttons

    # -- input -------------------------------------------------------------------------
    async def handle_line(self, line: str) -> list[Output]:
        """Act on one input line; returns the bot's outputs it caused, in order."""
        line = line.strip()
        if not line:
            return []
        if line.startswith("!"):
            return await self._directive(line)
        if line.startswith("/"):
            command, _, text = line.partition(" ")
            return await self._dispatch_form(self._command_payload(command, text))
        text = self._mentions(line)
        ts = f"{_epoch():.6f}"  # one message: its mention event and message event share it
        if self.channel_id.startswith("D") or f"<@{self.standin.bot_user_id}>" not in text:
            return await self._dispatch_json(self._message_event(text, ts))
        # As Slack does: a message that mentions the bot is an `app_mention` event and, for
        # the channel, a `message` event too.
        outputs = await self._dispatch_json(self._message_event(text, ts, mention=True))
        return outputs + await self._dispatch_json(self._message_event(text, ts))

    def _mentions(self, text: str) -> str:
        """`@partnerdesk` and `@<name>` as Slack's composer sends them: `<@U…>`."""

        def mention(match: re.Match[str]) -> str:
            name = match.group(1).lower()
            if name in BOT_NAMES:
                return f"<@{self.standin.bot_user_id}>"
            return f"<@{self._user(name)}>"

        return _AT_NAME.sub(mention, text)

    async def _directive(self, line: str) -> list[Output]:
        name, _, rest = line[1:].partition(" ")
        rest = rest.strip()
        match name.lower():
            case "as":
                if not rest:
                    raise ConsoleInputError("!as needs a name")
                self.current_user = self._user(rest)
                if self.channel_label.startswith("@"):
                    self.channel_id = self._dm(self.current_user)
                return []
            case "in":
                return self._move(rest)
            case "thread":
                return self._thread(rest)
            case "press":
                return await self._press(rest)
            case "set":
                return self._set_field(rest)
            case "submit":
                return await self._submit()
            case "cancel":
                if not self.modals:
                    raise ConsoleInputError("no modal is open")
                self.modals.clear()
                return []
            case "clock":
                return await self._clock(rest)
            case "home":
                return await self._dispatch_json(self._home_opened_event())
            case "locale":
                if rest not in ("nl", "en"):
                    raise ConsoleInputError("!locale takes nl or en")
                await self.set_locale(rest)
                return []
            case _:
                raise ConsoleInputError(f"unknown console command !{name}; try !help")

    def _move(self, where: str) -> list[Output]:
        if where.startswith("#") and len(where) > 1:
            self.channel_id = self._channel(where)
            self.channel_label = "#" + where.lstrip("#").lower()
        elif where.startswith("@") and len(where) > 1:
            self.current_user = self._user(where)
            self.channel_id = self._dm(self.current_user)
            self.channel_label = "@" + where.lstrip("@").lower()
        else:
            raise ConsoleInputError("!in takes #channel or @name")
        self.thread_ts = None
        return []

    def _thread(self, which: str) -> list[Output]:
        if which == "off":
            self.thread_ts = None
            return []
        output = self.outputs.get(int(which)) if which.isdigit() else None
        if output is None or output.ts is None or output.channel is None:
            raise ConsoleInputError("!thread takes the number of a bot message posted in a channel")
        self.channel_id = output.channel
        self.thread_ts = output.thread_ts or output.ts
        return []

    def _set_field(self, rest: str) -> list[Output]:
        if not self.modals:
            raise ConsoleInputError("no modal is open")
        name, _, value = rest.partition(" ")
        modal = self.modals[-1]
        block = _find_input(modal.view, name)
        if block is None:
            names = ", ".join(f["name"] for f in _fields(modal.view))
            raise ConsoleInputError(f"the modal has no field {name!r}; its fields: {names}")
        element = block["element"]
        modal.values[block["block_id"]] = {
            element["action_id"]: self._element_value(element, value.strip())
        }
        return []

    def _element_value(self, element: dict[str, Any], value: str) -> dict[str, Any]:
        kind = element["type"]
        if kind in ("static_select", "radio_buttons"):
            return {"type": kind, "selected_option": _pick_option(element, value)}
        if kind in ("multi_static_select", "checkboxes"):
            picked = [_pick_option(element, v.strip()) for v in value.split(",") if v.strip()]
            return {"type": kind, "selected_options": picked}
        if kind == "datepicker":
            return {"type": kind, "selected_date": value or None}
        if kind == "users_select":
            return {"type": kind, "selected_user": self._user(value) if value else None}
        if kind == "multi_users_select":
            users = [self._user(v.strip()) for v in value.split(",") if v.strip()]
            return {"type": kind, "selected_users": users}
        if kind == "conversations_select":
            return {"type": kind, "selected_conversation": self._channel(value)}
        if kind == "channels_select":
            return {"type": kind, "selected_channel": self._channel(value)}
        return {"type": kind, "value": value}

    async def _clock(self, rest: str) -> list[Output]:
        match = re.fullmatch(r"\+(\d+)([dhm])", rest)
        if match:
            amount, unit = int(match[1]), match[2]
            self.clock_offset += {
                "d": timedelta(days=amount),
                "h": timedelta(hours=amount),
                "m": timedelta(minutes=amount),
            }[unit]
        else:
            try:
                target = datetime.fromisoformat(rest)
            except ValueError:
                raise ConsoleInputError("!clock takes an ISO time or +<n>d / +<n>h") from None
            if target.tzinfo is None:
                raise ConsoleInputError("!clock needs a time zone, e.g. 2026-11-30T09:00+01:00")
            self.clock_offset = target - wallclock.utcnow()
        return await self.run_due()

    async def run_due(self) -> list[Output]:
        """Run the scheduled work that is due at the console's clock: the clock's sweep,
        in-process, against the stand-in (what it posts shows as output)."""
        from bot.delivery import delivery_client, sweep
        from handlers.home import publish_due

        sweep(
            self.engine,
            delivery_client(CONSOLE_TOKEN, self.standin.base_url),
            now=self.now(),
            worker_id="console",
            default_locale=self.settings.default_locale,
            timezone=self.settings.timezone,
        )
        publish_due(
            self.engine,
            delivery_client(CONSOLE_TOKEN, self.standin.base_url),
            now=self.now(),
            default_locale=self.settings.default_locale,
            timezone=self.settings.timezone,
        )
        return self._collect()

    # -- Slack-shaped payloads ---------------------------------------------------------
    def _base(self) -> dict[str, Any]:
        return {"token": "console", "team_id": self.team_id, "api_app_id": API_APP_ID}

    def _hook(self, context: dict[str, Any]) -> tuple[str, str]:
        key = uuid.uuid4().hex
        self._hooks[key] = context
        return key, self.standin.hook_url(key)

    def _command_payload(self, command: str, text: str) -> dict[str, Any]:
        key, url = self._hook({"channel": self.channel_id, "user": self.current_user})
        return {
            **self._base(),
            "team_domain": self.standin.team_domain,
            "enterprise_id": "",
            "enterprise_name": "",
            "channel_id": self.channel_id,
            "channel_name": self.channel_label.lstrip("#@"),
            "user_id": self.current_user,
            "user_name": self._user_name(self.current_user),
            "command": command,
            # As Slack sends it, so `/creator status Tom & Jerry` works here as in Slack.
            "text": escape_command_text(text),
            "response_url": url,
            "trigger_id": _trigger_id(),
            "is_enterprise_install": "false",
        }

    def _message_event(self, text: str, ts: str, *, mention: bool = False) -> dict[str, Any]:
        is_dm = self.channel_id.startswith("D")
        event: dict[str, Any] = {
            "type": "app_mention" if mention else "message",
            "channel": self.channel_id,
            "user": self.current_user,
            "text": text,
            "ts": ts,
            "event_ts": ts,
            "channel_type": "im" if is_dm else "channel",
        }
        if self.thread_ts:
            event["thread_ts"] = self.thread_ts
        if mention:
            del event["channel_type"]  # app_mention events carry none
        return {
            "token": "console",
            "team_id": self.team_id,
            "api_app_id": API_APP_ID,
            "event": event,
            "type": "event_callback",
            "event_id": "Ev" + uuid.uuid4().hex[:10].upper(),
            "event_time": int(_epoch()),
            "authorizations": [
                {
                    "enterprise_id": None,
                    "team_id": self.team_id,
                    "user_id": self.standin.bot_user_id,
                    "is_bot": True,
                    "is_enterprise_install": False,
                }
            ],
            "is_ext_shared_channel": False,
        }

    def _home_opened_event(self) -> dict[str, Any]:
        """The current user opening their Home tab (Slack's app_home_opened event)."""
        return {
            **self._base(),
            "type": "event_callback",
            "event": {
                "type": "app_home_opened",
                "user": self.current_user,
                "channel": self._dm(self.current_user),
                "tab": "home",
                "event_ts": f"{_epoch():.6f}",
            },
            "event_id": "Ev" + uuid.uuid4().hex[:10].upper(),
            "event_time": int(_epoch()),
        }

    def _user_object(self) -> dict[str, Any]:
        name = self._user_name(self.current_user)
        return {"id": self.current_user, "username": name, "name": name, "team_id": self.team_id}

    async def _press(self, which: str) -> list[Output]:
        button = self.buttons.get(int(which)) if which.isdigit() else None
        if button is None:
            raise ConsoleInputError(f"there is no button [{which}]")
        action = {
            "action_id": button.action_id,
            "block_id": button.block_id,
            "text": {"type": "plain_text", "text": button.text, "emoji": True},
            "type": "button",
            "action_ts": f"{_epoch():.6f}",
        }
        if button.value is not None:
            action["value"] = button.value
        payload: dict[str, Any] = {
            "type": "block_actions",
            "user": self._user_object(),
            "api_app_id": API_APP_ID,
            "token": "console",
            "container": button.container,
            "trigger_id": _trigger_id(),
            "team": {"id": self.team_id, "domain": self.standin.team_domain},
            "enterprise": None,
            "is_enterprise_install": False,
            "actions": [action],
            "state": {"values": {}},
        }
        home = self.home_views.get(button.container.get("view_id", ""))
        if home is not None:
            payload["view"] = home
        elif button.container["type"] == "view":
            modal = next((m for m in self.modals if m.view_id == button.container["view_id"]), None)
            if modal is None:
                raise ConsoleInputError(f"button [{which}] belongs to a modal that is closed")
            payload["view"] = self._view_payload(modal)
        else:
            channel = button.container["channel_id"]
            payload["channel"] = {"id": channel, "name": self._channel_name(channel)}
            key, url = self._hook({"channel": channel, "user": self.current_user})
            payload["response_url"] = url
            if button.message is not None:
                payload["message"] = button.message
        return await self._dispatch_form({"payload": json.dumps(payload)})

    def _channel_name(self, channel_id: str) -> str:
        for name, cid in self.channels.items():
            if cid == channel_id:
                return name
        return "directmessage"

    def _view_payload(self, modal: Modal) -> dict[str, Any]:
        view = dict(modal.view)
        view.update(
            {
                "id": modal.view_id,
                "team_id": self.team_id,
                "state": {"values": modal.values},
                "hash": f"{int(_epoch())}.{uuid.uuid4().hex[:8]}",
                "private_metadata": modal.view.get("private_metadata", ""),
                "callback_id": modal.view.get("callback_id", ""),
                "app_id": API_APP_ID,
                "bot_id": self.standin.bot_id,
            }
        )
        return view

    async def _submit(self) -> list[Output]:
        if not self.modals:
            raise ConsoleInputError("no modal is open")
        modal = self.modals[-1]
        payload = {
            "type": "view_submission",
            "team": {"id": self.team_id, "domain": self.standin.team_domain},
            "user": self._user_object(),
            "api_app_id": API_APP_ID,
            "token": "console",
            "trigger_id": _trigger_id(),
            "view": self._view_payload(modal),
            "response_urls": [],
            "is_enterprise_install": False,
        }
        return await self._dispatch_form({"payload": json.dumps(payload)}, submitted=modal)

    # -- dispatch and outputs ------------------------------------------------------------
    async def _dispatch_form(
        self, fields: dict[str, Any], submitted: Modal | None = None
    ) -> list[Output]:
        body = urlencode(fields)
        return await self._dispatch(
            body, "application/x-www-form-urlencoded", fields.get("response_url"), submitted
        )

    async def _dispatch_json(self, payload: dict[str, Any]) -> list[Output]:
        return await self._dispatch(json.dumps(payload), "application/json", None, None)

    async def _dispatch(
        self, body: str, content_type: str, response_url: str | None, submitted: Modal | None
    ) -> list[Output]:
        timestamp = str(int(_epoch()))
        base = f"v0:{timestamp}:{body}".encode()
        signature = "v0=" + hmac.new(CONSOLE_SIGNING_SECRET.encode(), base, "sha256").hexdigest()
        request = AsyncBoltRequest(
            body=body,
            headers={
                "content-type": [content_type],
                "x-slack-request-timestamp": [timestamp],
                "x-slack-signature": [signature],
            },
        )
        response = await self.app.async_dispatch(request)
        outputs: list[Output] = []
        ack = _json_or_none(response.body)
        if submitted is not None:
            outputs.extend(self._after_submission(submitted, ack))
        elif ack and (ack.get("text") or ack.get("blocks")):
            outputs.append(self._ack_output(ack))
        elif response.status >= 400:
            outputs.append(self._new_output("ack", text=f"HTTP {response.status}"))
        await _settle_background_tasks()
        return outputs + self._collect()

    def _ack_output(self, ack: dict[str, Any]) -> Output:
        response_type = ack.get("response_type", "ephemeral")
        return self._new_output(
            "ack",
            channel=self.channel_id,
            user=self.current_user if response_type == "ephemeral" else None,
            response_type=response_type,
            text=ack.get("text"),
            blocks=ack.get("blocks"),
            container={
                "type": "message",
                "message_ts": f"{_epoch():.6f}",
                "channel_id": self.channel_id,
                "is_ephemeral": True,
            },
        )

    def _after_submission(self, modal: Modal, ack: dict[str, Any] | None) -> list[Output]:
        action = (ack or {}).get("response_action")
        if action == "errors":
            return [self._new_output("ack", text="modal errors", errors=ack.get("errors", {}))]
        if action in ("update", "push"):
            view_id = modal.view_id if action == "update" else "V" + uuid.uuid4().hex[:10].upper()
            new = Modal(view_id=view_id, view=ack["view"], values=initial_state(ack["view"]))
            if action == "update":
                self.modals[-1] = new
            else:
                self.modals.append(new)
            return [self._new_output("ack", view=new.view, container=_view_container(view_id))]
        if action == "clear":
            self.modals.clear()
        elif self.modals:
            self.modals.pop()
        return []

    def _collect(self) -> list[Output]:
        """Outputs for the Web API calls and respond() posts the stand-in saw since last time."""
        calls = self.standin.calls[self._seen_calls :]
        self._seen_calls += len(calls)
        outputs = []
        for call in calls:
            output = self._call_output(call)
            if output is not None:
                outputs.append(output)
        return outputs

    def _call_output(self, call: Call) -> Output | None:
        args, answer = call.args, call.response or {}
        if call.method in ("auth.test", "users.info", "conversations.info", "conversations.open"):
            return None  # look-ups, not answers a user would see
        if call.method in ("files.getUploadURLExternal", "upload"):
            return None  # the first two steps of an upload; its completion shows it
        if call.method == "files.completeUploadExternal" and answer.get("ok"):
            return self._new_output(
                call.method,
                channel=args.get("channel_id"),
                thread_ts=args.get("thread_ts"),
                text=args.get("initial_comment"),
                images=[self._write_image(f) for f in answer.get("files", [])],
            )
        if call.method == "respond":
            context = self._hooks.get(call.hook or "", {})
            response_type = args.get("response_type", "ephemeral")
            return self._new_output(
                "respond",
                channel=context.get("channel"),
                user=context.get("user") if response_type == "ephemeral" else None,
                response_type=response_type,
                text=args.get("text"),
                blocks=args.get("blocks"),
                thread_ts=args.get("thread_ts"),
                container={
                    "type": "message",
                    "message_ts": f"{_epoch():.6f}",
                    "channel_id": context.get("channel"),
                    "is_ephemeral": response_type == "ephemeral",
                },
            )
        if call.method.startswith("views.") and answer.get("ok"):
            view = answer["view"]
            if call.method == "views.publish":
                self.home_views[view["id"]] = view
            self._track_modal(call.method, view)
            return self._new_output(
                call.method,
                view=view,
                user=self.current_user,
                container=_view_container(view["id"]),
            )
        if not answer.get("ok"):
            return self._new_output(
                call.method, channel=args.get("channel"), text=f"error: {answer.get('error')}"
            )
        channel = answer.get("channel") or args.get("channel")
        ts = answer.get("ts") or args.get("ts")
        message = None
        if call.method in ("chat.postMessage", "chat.update"):
            message = {
                "type": "message",
                "user": self.standin.bot_user_id,
                "ts": ts,
                "text": args.get("text", ""),
                "blocks": args.get("blocks") or [],
            }
        ephemeral = call.method == "chat.postEphemeral"
        return self._new_output(
            call.method,
            channel=channel,
            user=args.get("user") if ephemeral else None,
            ts=None if ephemeral else ts,
            thread_ts=args.get("thread_ts"),
            response_type="ephemeral" if ephemeral else None,
            text=args.get("text"),
            blocks=args.get("blocks"),
            container={
                "type": "message",
                "message_ts": answer.get("message_ts") or ts,
                "channel_id": channel,
                "is_ephemeral": ephemeral,
            },
            message=message,
        )

    def _write_image(self, file: dict[str, Any]) -> str:
        """Write an uploaded file to the image folder; its path."""
        folder = Path(IMAGE_DIR)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{file['id']}-{Path(file.get('name') or 'image.png').name}"
        path.write_bytes(self.standin.upload_of(file["id"]) or b"")
        return str(path)

    def _track_modal(self, method: str, view: dict[str, Any]) -> None:
        modal = Modal(view_id=view["id"], view=view, values=initial_state(view))
        if method == "views.open":
            self.modals = [modal]
        elif method == "views.push":
            self.modals.append(modal)
        elif method == "views.update":
            for i, existing in enumerate(self.modals):
                if existing.view_id == view["id"]:
                    self.modals[i] = modal

    def _new_output(
        self,
        method: str,
        *,
        container: dict[str, Any] | None = None,
        message: dict[str, Any] | None = None,
        **values: Any,
    ) -> Output:
        self.seq += 1
        output = Output(seq=self.seq, method=method, **values)
        surface = output.view["blocks"] if output.view else (output.blocks or [])
        for block_id, element in _buttons_in(surface):
            self.button_count += 1
            button = Button(
                n=self.button_count,
                text=element["text"]["text"],
                action_id=element["action_id"],
                value=element.get("value"),
                block_id=block_id,
                container=container or {},
                message=message,
            )
            self.buttons[button.n] = button
            output.buttons.append(
                {
                    "n": button.n,
                    "text": button.text,
                    "action_id": button.action_id,
                    "value": button.value,
                }
            )
        if output.view is not None and output.view.get("type") == "modal":
            output.fields = _fields(output.view)
        self.outputs[output.seq] = output
        return output

    @property
    def prompt(self) -> str:
        where = self.channel_label + (" (thread)" if self.thread_ts else "")
        return f"{self._user_name(self.current_user)} in {where}> "


# -- helpers on Block Kit structures ---------------------------------------------------------
def _buttons_in(blocks: list[dict[str, Any]]) -> Iterator[tuple[str, dict[str, Any]]]:
    for index, block in enumerate(blocks):
        block_id = block.get("block_id") or f"block{index}"
        elements = block.get("elements", []) if block.get("type") == "actions" else []
        accessory = block.get("accessory")
        if accessory:
            elements = [*elements, accessory]
        for element in elements:
            if element.get("type") == "button":
                yield block_id, element


def _fields(view: dict[str, Any]) -> list[dict[str, Any]]:
    fields = []
    for block in view.get("blocks", []):
        if block.get("type") != "input":
            continue
        element = block["element"]
        options = element.get("options")
        fields.append(
            {
                "name": block.get("block_id"),
                "label": block["label"]["text"],
                "type": element["type"],
                "value": _initial_value(element),
                "options": [o["value"] for o in options] if options else None,
            }
        )
    return fields


def _initial_value(element: dict[str, Any]) -> Any:
    for key in ("initial_value", "initial_date", "initial_user", "initial_conversation"):
        if key in element:
            return element[key]
    if "initial_option" in element:
        return element["initial_option"]["value"]
    if "initial_options" in element:
        return [o["value"] for o in element["initial_options"]]
    return None


def initial_state(view: dict[str, Any]) -> dict[str, dict[str, dict[str, Any]]]:
    """What Slack reports for untouched inputs: their initial values (or nothing)."""
    state: dict[str, dict[str, dict[str, Any]]] = {}
    for block in view.get("blocks", []):
        if block.get("type") != "input":
            continue
        element = block["element"]
        kind = element["type"]
        value: dict[str, Any] = {"type": kind}
        if kind in ("static_select", "radio_buttons"):
            value["selected_option"] = element.get("initial_option")
        elif kind in ("multi_static_select", "checkboxes"):
            value["selected_options"] = element.get("initial_options", [])
        elif kind == "datepicker":
            value["selected_date"] = element.get("initial_date")
        elif kind == "users_select":
            value["selected_user"] = element.get("initial_user")
        elif kind == "multi_users_select":
            value["selected_users"] = element.get("initial_users", [])
        elif kind == "conversations_select":
            value["selected_conversation"] = element.get("initial_conversation")
        elif kind == "channels_select":
            value["selected_channel"] = element.get("initial_channel")
        else:
            value["value"] = element.get("initial_value")
        state[block["block_id"]] = {element["action_id"]: value}
    return state


def _find_input(view: dict[str, Any], name: str) -> dict[str, Any] | None:
    wanted = name.lower()
    for block in view.get("blocks", []):
        if block.get("type") == "input" and (
            str(block.get("block_id", "")).lower() == wanted
            or block["label"]["text"].lower() == wanted
        ):
            return block
    return None


def _pick_option(element: dict[str, Any], value: str) -> dict[str, Any]:
    for option in element.get("options", []):
        if value.lower() in (option["value"].lower(), option["text"]["text"].lower()):
            return option
    choices = ", ".join(o["value"] for o in element.get("options", []))
    raise ConsoleInputError(f"{value!r} is not one of: {choices}")


def _view_container(view_id: str) -> dict[str, Any]:
    return {"type": "view", "view_id": view_id}


def _trigger_id() -> str:
    return f"{int(_epoch())}.{uuid.uuid4().int % 10**12}.{uuid.uuid4().hex[:16]}"


def _json_or_none(body: str) -> dict[str, Any] | None:
    try:
        value = json.loads(body) if body else None
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


async def _settle_background_tasks() -> None:
    """Wait (bounded) for the lazy listeners a request started, so their calls are seen."""
    current = asyncio.current_task()
    for _ in range(10):  # lazy work may start further lazy work
        pending = [t for t in asyncio.all_tasks() if t is not current and not t.done()]
        if not pending:
            return
        await asyncio.wait(pending, timeout=LISTENER_TIMEOUT_SECONDS)


# -- rendering ----------------------------------------------------------------------------
def render_text(output: Output) -> str:
    """A human-readable rendering of one output."""
    where = output.channel or ""
    if output.method in ("ack", "respond") or output.response_type == "ephemeral":
        head = f"[{output.seq}] {output.method} (only you see this)"
    elif output.view is not None and output.view.get("type") == "home":
        head = f"[{output.seq}] {output.method}: Home tab"
    elif output.view is not None:
        head = f"[{output.seq}] {output.method}: modal"
    else:
        head = f"[{output.seq}] {output.method} in {where}"
        if output.thread_ts:
            head += " (thread)"
    lines = [head]
    if output.errors:
        lines += [f"  ! {name}: {message}" for name, message in output.errors.items()]
    blocks = output.view["blocks"] if output.view else output.blocks
    if output.view:
        title = output.view.get("title", {}).get("text", "")
        if title:
            lines.append(f"  == {title} ==")
    if blocks:
        lines += _render_blocks(blocks, output)
    elif output.text:
        lines += ["  " + line for line in output.text.splitlines()]
    lines += [f"  image: {path}" for path in output.images or ()]
    return "\n".join(lines)


def _render_blocks(blocks: list[dict[str, Any]], output: Output) -> list[str]:
    numbers = iter(output.buttons)
    lines: list[str] = []
    for block in blocks:
        kind = block.get("type")
        if kind in ("section", "header"):
            text = (block.get("text") or {}).get("text", "")
            if kind == "header":
                text = f"*{text}*"
            lines += ["  " + line for line in text.splitlines()]
            for field_text in (f["text"] for f in block.get("fields", [])):
                lines += ["    " + line for line in field_text.splitlines()]
            if block.get("accessory", {}).get("type") == "button":
                button = next(numbers)
                lines.append(f"    [{button['n']}] {button['text']}")
        elif kind == "context":
            lines.append("  " + " ".join(e.get("text", "") for e in block.get("elements", [])))
        elif kind == "divider":
            lines.append("  ---")
        elif kind == "actions":
            shown = [
                f"[{next(numbers)['n']}] {e['text']['text']}"
                for e in block.get("elements", [])
                if e.get("type") == "button"
            ]
            lines.append("  " + "  ".join(shown))
        elif kind == "input":
            element = block["element"]
            lines.append(
                f"  {block['label']['text']} ({block.get('block_id')}, {element['type']})"
                f" = {_initial_value(element) or ''}"
            )
    return lines


# -- the loop -------------------------------------------------------------------------------
def run_console(
    settings: Settings,
    *,
    json_mode: bool,
    locale: str | None,
    user: str,
    load_demo_data: bool = True,
    stdin: IO[str] | None = None,
    stdout: IO[str] | None = None,
) -> int:
    """Read lines until EOF or !quit; one output (or error) per line in JSON mode."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    engine = create_db_engine(settings.database_url)
    if pending_migrations(engine):
        migrate(engine)
    interactive = not json_mode and stdin.isatty()
    if load_demo_data:
        existing = existing_creators(engine)
        if existing:
            why = f"(demo data not loaded: this workspace already has {existing} creator(s))"
        else:
            summary = load_demo(
                engine,
                default_locale=settings.default_locale,
                timezone=settings.timezone,
                now=wallclock.utcnow(),  # the console's clock starts at the real time
            )
            why = f"(no creators in this workspace yet: loaded the demo data: {summary})"
        if not json_mode:
            print(why, file=stdout)
    with SlackStandIn(team_id=LOCAL_TEAM_ID).start() as standin:
        console = Console(settings, engine, standin, user=user, locale=locale)
        emit = _json_emitter(stdout) if json_mode else _text_emitter(stdout)
        if not json_mode:
            print(_banner(settings), file=stdout)
        with asyncio.Runner() as runner:
            if console.start_locale:
                runner.run(console.set_locale(console.start_locale))
            while True:
                try:
                    line = input(console.prompt) if interactive else stdin.readline()
                except EOFError:
                    break
                if not interactive and line == "":
                    break
                if line.strip() in ("!quit", "!exit"):
                    break
                if line.strip() == "!help":
                    if not json_mode:
                        print(HELP, file=stdout)
                    continue
                try:
                    outputs = runner.run(console.handle_line(line))
                except ConsoleInputError as error:
                    emit.error(str(error))
                    continue
                except Exception as error:  # noqa: BLE001 - keep the session alive; log it
                    logger.exception("console line failed")
                    emit.error(f"internal error: {type(error).__name__}")
                    continue
                for output in outputs:
                    emit.output(output)
    engine.dispose()
    return 0


def _banner(settings: Settings) -> str:
    return (
        "Partnerdesk console: the real app on your database, Slack played locally.\n"
        "Type /creator help, or !help for console commands. To connect a real workspace, "
        "see README.md (Connect a workspace)."
    )


@dataclass
class _Emitter:
    output: Callable[[Output], None]
    error: Callable[[str], None]


def _json_emitter(stdout: IO[str]) -> _Emitter:
    def output(item: Output) -> None:
        stdout.write(json.dumps(item.to_json(), ensure_ascii=False) + "\n")
        stdout.flush()

    def error(message: str) -> None:
        stdout.write(json.dumps({"error": message}) + "\n")
        stdout.flush()

    return _Emitter(output, error)


def _text_emitter(stdout: IO[str]) -> _Emitter:
    def output(item: Output) -> None:
        print(render_text(item), file=stdout, flush=True)

    def error(message: str) -> None:
        print(f"(console) {message}", file=stdout, flush=True)

    return _Emitter(output, error)


def _epoch() -> float:
    """Seconds since the epoch for Slack-shaped ids and timestamps: Slack's are real time,
    whatever the console's `!clock` says."""
    return wallclock.utcnow().timestamp()
