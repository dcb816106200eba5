"""The input boundary for what people type outside commands: modal fields and messages.

Characters nobody can see (domain.text) never reach a listener, hence never the database:
- a modal field holding one is refused with a field error (`response_action: errors`) on
  that field, before the modal's own listener runs, so every modal gets the rule at once;
- message text (thread replies, mentions, DMs, the message a shortcut acts on) is never
  shown back to be corrected, so the characters are dropped from it instead.
Slash commands have their own door (handlers.commands), which answers with the usage.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.middleware.async_middleware import AsyncMiddleware
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse

from domain.text import code_points, control_characters, strip_invisible
from handlers.context import tr


def _multiline(view: dict[str, Any]) -> set[str]:
    """The block ids of the view's inputs that take several lines."""
    return {
        block.get("block_id", "")
        for block in view.get("blocks") or []
        if (block.get("element") or {}).get("multiline")
    }


def unreadable_fields(view: dict[str, Any]) -> dict[str, list[str]]:
    """block_id -> the refused characters typed in that field (typed text only)."""
    multiline = _multiline(view)
    found: dict[str, list[str]] = {}
    for block_id, actions in ((view.get("state") or {}).get("values") or {}).items():
        for state in (actions or {}).values():
            value = (state or {}).get("value")
            if not isinstance(value, str):
                continue
            chars = control_characters(value, multiline=block_id in multiline)
            if chars:
                found[block_id] = chars
    return found


def _strip_message(message: dict[str, Any] | None) -> None:
    if message and isinstance(message.get("text"), str):
        message["text"] = strip_invisible(message["text"])


class InputGuard(AsyncMiddleware):
    """Refuse unreadable modal fields, clean message text.

    A class rather than a function middleware: Bolt builds no keyword arguments for it, which
    every ack would pay for (bench/README.md).
    """

    async def async_process(
        self,
        *,
        req: AsyncBoltRequest,
        resp: BoltResponse,
        next: Callable[[], Awaitable[BoltResponse]],  # noqa: A002 - Bolt's name
    ) -> BoltResponse | None:
        body = req.body
        kind = body.get("type")
        if kind == "view_submission":
            unreadable = unreadable_fields(body.get("view") or {})
            if unreadable:
                return _field_errors(req.context, unreadable)
        elif kind == "event_callback":
            # Bolt hands listeners this same dict as `event` / `message`.
            event = body.get("event") or {}
            _strip_message(event)
            _strip_message(event.get("message"))  # message_changed: the new text is here
        elif kind == "message_action":
            _strip_message(body.get("message"))
        return await next()


def _field_errors(context: AsyncBoltContext, unreadable: dict[str, list[str]]) -> BoltResponse:
    t = tr(context)
    errors = {
        block_id: t.gettext(
            "This contains characters Slack doesn't show ({characters}); "
            "type it again without them."
        ).format(characters=code_points(chars))
        for block_id, chars in unreadable.items()
    }
    return BoltResponse(
        status=200,
        body=json.dumps({"response_action": "errors", "errors": errors}),
        headers={"content-type": "application/json"},
    )
