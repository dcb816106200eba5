"""What each kind of scheduled message says when it is due (the clock asks here).

A renderer gets the due reminder and a session, and returns the message to send (a dict of
chat.postMessage arguments, without `channel` when the reminder names it), or None when
there is nothing to say any more (the approval was decided, the milestone is done).

A rendered message that carries `ts` replaces that message (chat.update) instead of posting
a new one: an expired approval request loses its buttons. `web_api_call` says which.
A renderer may write to its session (an approval's audit trail, its expiry): the caller
commits it with the reminder's new state.

A message too long for one carries `thread`: a list of messages posted after it as replies
in its thread, one at a time and paced, each delivered like a reminder of its own
(bot/delivery/; the weekly digest uses it).

Which renderer a kind has is wired in one visible list where the app and the clock are built
(`bot/wiring.py`), not by importing the surfaces for their side effects.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session

from storage.reminder_claims import ClaimedReminder

Renderer = Callable[[Session, ClaimedReminder], dict[str, Any] | None]
# What follows a kind's message once it is in Slack (the weekly digest's chart): called by the
# delivery with the session, the reminder, the message's ts and the clock's WebClient, after
# the message is marked sent. A failure is logged; it never undoes or repeats the delivery.
FollowUp = Callable[[Session, ClaimedReminder, str, Any], None]
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ScheduledKinds:
    """The renderer of each reminder kind, and what follows a kind's message once sent."""

    renderers: Mapping[str, Renderer]
    follow_ups: Mapping[str, FollowUp] = field(default_factory=dict)

    def with_kinds(
        self,
        renderers: Mapping[str, Renderer],
        follow_ups: Mapping[str, FollowUp] | None = None,
    ) -> ScheduledKinds:
        """These kinds and some more (a test's own kind); a kind named twice is an error."""
        twice = set(renderers) & set(self.renderers)
        if twice:
            raise ValueError(f"two renderers for reminder kind(s) {sorted(twice)}")
        return ScheduledKinds(
            renderers={**self.renderers, **renderers},
            follow_ups={**self.follow_ups, **(follow_ups or {})},
        )

    def renders(self, kind: str) -> bool:
        return kind in self.renderers

    def render(self, session: Session, reminder: ClaimedReminder) -> dict[str, Any] | None:
        """The message for a due reminder (KeyError for a kind nobody renders)."""
        return self.renderers[reminder.kind](session, reminder)

    def has_follow_up(self, kind: str) -> bool:
        return kind in self.follow_ups

    def run_follow_up(
        self, session: Session, reminder: ClaimedReminder, ts: str | None, client: Any
    ) -> None:
        function = self.follow_ups.get(reminder.kind)
        if function is None or not ts:
            return
        try:
            function(session, reminder, ts, client)
        except Exception:  # noqa: BLE001 - the message is out; what follows it is extra
            logger.exception(
                "reminder %s: what follows the %s message failed", reminder.id, reminder.kind
            )


def web_api_call(reminder: ClaimedReminder, message: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The Web API method and arguments that send a rendered message: chat.update when it
    names the message it replaces (`ts`), else chat.postMessage in the reminder's channel
    (and thread)."""
    args = dict(message)
    if reminder.channel_id:
        args.setdefault("channel", reminder.channel_id)
    if "ts" in args:
        return "chat.update", args
    if reminder.thread_ts:
        args.setdefault("thread_ts", reminder.thread_ts)
    return "chat.postMessage", args


def render_thread_reply(_session: Session, reminder: ClaimedReminder) -> dict[str, Any] | None:
    """The next part of a long message (kind `thread_reply`); the parts after it ride along
    (`thread`)."""
    message = dict(reminder.payload.get("message") or {})
    rest = reminder.payload.get("thread") or []
    if rest:
        message["thread"] = rest
    return message or None
