"""What the bot answered, as the console numbers it: each ack, `respond()` post and Web API
call the stand-in saw becomes an Output with a number; its buttons get numbers too; modals and
Home tabs the bot opened are kept so that `!press`, `!set` and `!submit` can act on them."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from bot.console.blocks import buttons_in, fields, initial_state
from bot.console.outputs import Button, Modal, Output
from bot.slack_requests import message_container, slack_ts
from bot.standin import Call, SlackStandIn

IMAGE_DIR = "console-images"  # where uploaded images (charts) are written, under the cwd
# Look-ups, not answers a user would see; and the first two steps of an upload (its
# completion shows it).
_UNSEEN = frozenset(
    {
        "auth.test",
        "users.info",
        "conversations.info",
        "conversations.open",
        "files.getUploadURLExternal",
        "upload",
    }
)


def view_container(view_id: str) -> dict[str, Any]:
    return {"type": "view", "view_id": view_id}


class Replies:
    """The numbered outputs, buttons, open modals and Home tabs of one console session."""

    def __init__(self, standin: SlackStandIn, slack_clock: Callable[[], datetime]) -> None:
        self.standin = standin
        self.slack_clock = slack_clock  # Slack's message timestamps are real time
        self.seq = 0
        self.outputs: dict[int, Output] = {}
        self.buttons: dict[int, Button] = {}
        self.button_count = 0
        self.modals: list[Modal] = []
        self.home_views: dict[str, dict[str, Any]] = {}  # view id -> the Home tab published
        self._seen_calls = 0
        self._hooks: dict[str, dict[str, Any]] = {}

    def hook(self, channel: str, user: str) -> str:
        """A response_url for a request made by `user` in `channel` (what respond() posts
        there is shown as theirs)."""
        key = uuid.uuid4().hex
        self._hooks[key] = {"channel": channel, "user": user}
        return self.standin.hook_url(key)

    def forget_since(self, seq: int, button_count: int) -> None:
        """Drop the outputs and buttons numbered after these, as if never shown."""
        for number in range(seq + 1, self.seq + 1):
            self.outputs.pop(number, None)
        for number in range(button_count + 1, self.button_count + 1):
            self.buttons.pop(number, None)
        self.seq, self.button_count = seq, button_count

    def ack(self, ack: dict[str, Any], channel: str, user: str) -> Output:
        """A reply in the ack itself (a slash command's answer)."""
        response_type = ack.get("response_type", "ephemeral")
        return self.new_output(
            "ack",
            channel=channel,
            user=user if response_type == "ephemeral" else None,
            response_type=response_type,
            text=ack.get("text"),
            blocks=ack.get("blocks"),
            container=message_container(channel, self._ts(), is_ephemeral=True),
        )

    def after_submission(self, modal: Modal, ack: dict[str, Any] | None) -> list[Output]:
        """A modal submitted: its errors, the view that replaces it, or it closes."""
        action = (ack or {}).get("response_action")
        if action == "errors":
            return [self.new_output("ack", text="modal errors", errors=ack.get("errors", {}))]
        if action in ("update", "push"):
            view_id = modal.view_id if action == "update" else "V" + uuid.uuid4().hex[:10].upper()
            new = Modal(view_id=view_id, view=ack["view"], values=initial_state(ack["view"]))
            if action == "update":
                self.modals[-1] = new
            else:
                self.modals.append(new)
            return [self.new_output("ack", view=new.view, container=view_container(view_id))]
        if action == "clear":
            self.modals.clear()
        elif self.modals:
            self.modals.pop()
        return []

    def collect(self, current_user: str) -> list[Output]:
        """Outputs for the Web API calls and respond() posts the stand-in saw since last time."""
        calls = self.standin.calls[self._seen_calls :]
        self._seen_calls += len(calls)
        outputs = []
        for call in calls:
            output = self._call_output(call, current_user)
            if output is not None:
                outputs.append(output)
        return outputs

    def _call_output(self, call: Call, current_user: str) -> Output | None:
        args, answer = call.args, call.response or {}
        if call.method in _UNSEEN:
            return None
        if call.method == "files.completeUploadExternal" and answer.get("ok"):
            return self.new_output(
                call.method,
                channel=args.get("channel_id"),
                thread_ts=args.get("thread_ts"),
                text=args.get("initial_comment"),
                images=[self._write_image(f) for f in answer.get("files", [])],
            )
        if call.method == "respond":
            return self._respond_output(call)
        if call.method.startswith("views.") and answer.get("ok"):
            view = answer["view"]
            if call.method == "views.publish":
                self.home_views[view["id"]] = view
            self._track_modal(call.method, view)
            return self.new_output(
                call.method, view=view, user=current_user, container=view_container(view["id"])
            )
        if not answer.get("ok"):
            return self.new_output(
                call.method, channel=args.get("channel"), text=f"error: {answer.get('error')}"
            )
        return self._message_output(call)

    def _respond_output(self, call: Call) -> Output:
        args = call.args
        context = self._hooks.get(call.hook or "", {})
        response_type = args.get("response_type", "ephemeral")
        return self.new_output(
            "respond",
            channel=context.get("channel"),
            user=context.get("user") if response_type == "ephemeral" else None,
            response_type=response_type,
            text=args.get("text"),
            blocks=args.get("blocks"),
            thread_ts=args.get("thread_ts"),
            container=message_container(
                context.get("channel"), self._ts(), is_ephemeral=response_type == "ephemeral"
            ),
        )

    def _message_output(self, call: Call) -> Output:
        """A message posted, updated or shown ephemerally through the Web API."""
        args, answer = call.args, call.response or {}
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
        return self.new_output(
            call.method,
            channel=channel,
            user=args.get("user") if ephemeral else None,
            ts=None if ephemeral else ts,
            thread_ts=args.get("thread_ts"),
            response_type="ephemeral" if ephemeral else None,
            text=args.get("text"),
            blocks=args.get("blocks"),
            container=message_container(
                channel, answer.get("message_ts") or ts, is_ephemeral=ephemeral
            ),
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

    def new_output(
        self,
        method: str,
        *,
        container: dict[str, Any] | None = None,
        message: dict[str, Any] | None = None,
        **values: Any,
    ) -> Output:
        """The next numbered output, its buttons numbered on from the last."""
        self.seq += 1
        output = Output(seq=self.seq, method=method, **values)
        surface = output.view["blocks"] if output.view else (output.blocks or [])
        for block_id, element in buttons_in(surface):
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
            output.fields = fields(output.view)
        self.outputs[output.seq] = output
        return output

    def _ts(self) -> str:
        return slack_ts(self.slack_clock())
