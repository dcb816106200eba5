"""What the console shows: each way the bot answered (an Output, in the `--json` shape), the
numbered buttons it can press and the modals it can fill in."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


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
