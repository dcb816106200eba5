"""One console session: who speaks where, the console's clock, and each typed line sent into
the real app as the request Slack would send (bot.slack_requests), signed."""

from __future__ import annotations

import asyncio
import json
import re
from datetime import datetime, timedelta
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy import Engine

from bot import wallclock
from bot.app import create_app
from bot.config import Settings
from bot.console.blocks import fields, find_input, typed_value
from bot.console.directory import Directory
from bot.console.grammar import (
    AT_NAME,
    BOT_NAMES,
    Command,
    ConsoleInputError,
    Directive,
    Message,
    clock_target,
    parse_line,
    where_to,
)
from bot.console.outputs import Modal, Output
from bot.console.replies import Replies
from bot.slack_requests import (
    Person,
    SignedRequest,
    Signer,
    Workspace,
    app_home_opened_event,
    app_mention_event,
    block_actions_payload,
    button_action,
    command_fields,
    event_envelope,
    message_event,
    slack_ts,
    submitted_view,
    view_submission_payload,
)
from bot.standin import SlackStandIn

CONSOLE_SIGNING_SECRET = "partnerdesk-local-console"  # not a secret: signs local payloads only
CONSOLE_TOKEN = "xoxb-local-console"
API_APP_ID = "A0LOCAL0001"
DEFAULT_CHANNEL = "general"
LISTENER_TIMEOUT_SECONDS = 30  # a bounded wait for lazy listeners after each line


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
        self.workspace = Workspace(
            team_id=standin.team_id,
            api_app_id=API_APP_ID,
            bot_user_id=standin.bot_user_id,
            team_domain=standin.team_domain,
            token="console",
        )
        # Slack's own timestamps (signatures, ids, message ts) are real time, whatever `!clock`
        # says: Bolt checks a signature's age against the real clock.
        self.signer = Signer(CONSOLE_SIGNING_SECRET, wallclock.utcnow)
        self.replies = Replies(standin, wallclock.utcnow)
        self.directory = Directory(standin)
        self.current_user = self.directory.user(user)
        # Whoever runs the console owns this local workspace (the approval settings are for
        # admins and owners); people named later are plain members.
        self.standin.set_role(self.current_user, "primary_owner")
        self.channel_id = self.directory.channel(DEFAULT_CHANNEL)
        self.channel_label = f"#{DEFAULT_CHANNEL}"
        self.thread_ts: str | None = None
        self.start_locale = locale

    # -- the clock -------------------------------------------------------------------
    def now(self) -> datetime:
        return wallclock.utcnow() + self.clock_offset

    # -- who speaks where ----------------------------------------------------------------
    def _person(self, channel_id: str | None = None, channel_name: str | None = None) -> Person:
        """The current user, in the current channel unless another is named."""
        return Person(
            self.current_user,
            self.directory.user_name(self.current_user),
            channel_id or self.channel_id,
            channel_name or self.channel_label.lstrip("#@"),
        )

    async def set_locale(self, language: str) -> None:
        """The user's language, set the way a user sets it (`/creator language`), silently."""
        seq, buttons = self.replies.seq, self.replies.button_count
        await self._command("/creator", f"language {language}")
        # Its confirmation is not shown, so it takes no number either.
        self.replies.forget_since(seq, buttons)

    # -- input -------------------------------------------------------------------------
    async def handle_line(self, line: str) -> list[Output]:
        """Act on one input line; returns the bot's outputs it caused, in order."""
        parsed = parse_line(line)
        if parsed is None:
            return []
        if isinstance(parsed, Directive):
            return await self._directive(parsed)
        if isinstance(parsed, Command):
            return await self._command(parsed.command, parsed.text)
        assert isinstance(parsed, Message)
        return await self._message(self._mentions(parsed.text))

    async def _message(self, text: str) -> list[Output]:
        ts = slack_ts(wallclock.utcnow())  # one message: its mention and message events share it
        person = self._person()
        message = message_event(person, text, ts, thread_ts=self.thread_ts)
        if self.channel_id.startswith("D") or f"<@{self.standin.bot_user_id}>" not in text:
            return await self._send(self._event(message))
        # As Slack does: a message that mentions the bot is an `app_mention` event and, for
        # the channel, a `message` event too.
        mention = app_mention_event(person, text, ts, thread_ts=self.thread_ts)
        outputs = await self._send(self._event(mention))
        return outputs + await self._send(self._event(message))

    def _mentions(self, text: str) -> str:
        """`@partnerdesk` and `@<name>` as Slack's composer sends them: `<@U…>`."""

        def mention(match: re.Match[str]) -> str:
            name = match.group(1).lower()
            if name in BOT_NAMES:
                return f"<@{self.standin.bot_user_id}>"
            return f"<@{self.directory.user(name)}>"

        return AT_NAME.sub(mention, text)

    async def _directive(self, directive: Directive) -> list[Output]:
        rest = directive.rest
        match directive.name.lower():
            case "as":
                if not rest:
                    raise ConsoleInputError("!as needs a name")
                self.current_user = self.directory.user(rest)
                if self.channel_label.startswith("@"):
                    self.channel_id = self.directory.dm(self.current_user)
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
                if not self.replies.modals:
                    raise ConsoleInputError("no modal is open")
                self.replies.modals.clear()
                return []
            case "clock":
                self.clock_offset = clock_target(rest, self.clock_offset, wallclock.utcnow())
                return await self.run_due()
            case "home":
                event = app_home_opened_event(
                    self.current_user,
                    self.directory.dm(self.current_user),
                    moment=wallclock.utcnow(),
                )
                return await self._send(self._event(event))
            case "locale":
                if rest not in ("nl", "en"):
                    raise ConsoleInputError("!locale takes nl or en")
                await self.set_locale(rest)
                return []
            case _:
                raise ConsoleInputError(f"unknown console command !{directive.name}; try !help")

    def _move(self, where: str) -> list[Output]:
        kind, name = where_to(where)
        if kind == "#":
            self.channel_id = self.directory.channel(name)
        else:
            self.current_user = self.directory.user(name)
            self.channel_id = self.directory.dm(self.current_user)
        self.channel_label = kind + name
        self.thread_ts = None
        return []

    def _thread(self, which: str) -> list[Output]:
        if which == "off":
            self.thread_ts = None
            return []
        output = self.replies.outputs.get(int(which)) if which.isdigit() else None
        if output is None or output.ts is None or output.channel is None:
            raise ConsoleInputError("!thread takes the number of a bot message posted in a channel")
        self.channel_id = output.channel
        self.thread_ts = output.thread_ts or output.ts
        return []

    def _set_field(self, rest: str) -> list[Output]:
        if not self.replies.modals:
            raise ConsoleInputError("no modal is open")
        name, _, value = rest.partition(" ")
        modal = self.replies.modals[-1]
        block = find_input(modal.view, name)
        if block is None:
            names = ", ".join(f["name"] for f in fields(modal.view))
            raise ConsoleInputError(f"the modal has no field {name!r}; its fields: {names}")
        element = block["element"]
        modal.values[block["block_id"]] = {
            element["action_id"]: typed_value(
                element, value.strip(), user=self.directory.user, channel=self.directory.channel
            )
        }
        return []

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
        return self.replies.collect(self.current_user)

    # -- requests, as Slack sends them -------------------------------------------------
    def _event(self, event: dict[str, Any]) -> SignedRequest:
        return self.signer.json(event_envelope(self.workspace, event, moment=wallclock.utcnow()))

    async def _command(self, command: str, text: str) -> list[Output]:
        form = command_fields(
            self.workspace,
            self._person(),
            command,
            text,
            response_url=self.replies.hook(self.channel_id, self.current_user),
            moment=wallclock.utcnow(),
        )
        return await self._send(self.signer.form(form))

    async def _press(self, which: str) -> list[Output]:
        button = self.replies.buttons.get(int(which)) if which.isdigit() else None
        if button is None:
            raise ConsoleInputError(f"there is no button [{which}]")
        moment = wallclock.utcnow()
        action = button_action(
            button.action_id, button.block_id, button.text, button.value, moment=moment
        )
        container = button.container
        person, response_url = self._person(), None
        view = self.replies.home_views.get(container.get("view_id", ""))
        if view is None and container["type"] == "view":
            modals = self.replies.modals
            modal = next((m for m in modals if m.view_id == container["view_id"]), None)
            if modal is None:
                raise ConsoleInputError(f"button [{which}] belongs to a modal that is closed")
            view = self._submitted(modal)
        elif view is None:
            channel = container["channel_id"]
            person = self._person(channel, self.directory.channel_name(channel))
            response_url = self.replies.hook(channel, self.current_user)
        payload = block_actions_payload(
            self.workspace,
            person,
            action,
            container=container,
            moment=moment,
            response_url=response_url,
            message=button.message,
            view=view,
        )
        return await self._send(self.signer.interaction(payload))

    def _submitted(self, modal: Modal) -> dict[str, Any]:
        return submitted_view(
            self.workspace,
            modal.view,
            modal.values,
            view_id=modal.view_id,
            bot_id=self.standin.bot_id,
            moment=wallclock.utcnow(),
        )

    async def _submit(self) -> list[Output]:
        if not self.replies.modals:
            raise ConsoleInputError("no modal is open")
        modal = self.replies.modals[-1]
        payload = view_submission_payload(
            self.workspace, self._person(), self._submitted(modal), moment=wallclock.utcnow()
        )
        return await self._send(self.signer.interaction(payload), submitted=modal)

    async def _send(self, request: SignedRequest, submitted: Modal | None = None) -> list[Output]:
        """Dispatch one signed request into the app; the outputs it caused, the ack's first."""
        bolt_request = AsyncBoltRequest(body=request.body, headers=request.bolt_headers())
        response = await self.app.async_dispatch(bolt_request)
        outputs: list[Output] = []
        ack = _json_or_none(response.body)
        if submitted is not None:
            outputs.extend(self.replies.after_submission(submitted, ack))
        elif ack and (ack.get("text") or ack.get("blocks")):
            outputs.append(self.replies.ack(ack, self.channel_id, self.current_user))
        elif response.status >= 400:
            outputs.append(self.replies.new_output("ack", text=f"HTTP {response.status}"))
        await _settle_background_tasks()
        return outputs + self.replies.collect(self.current_user)

    @property
    def prompt(self) -> str:
        where = self.channel_label + (" (thread)" if self.thread_ts else "")
        return f"{self.directory.user_name(self.current_user)} in {where}> "


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
