"""What each kind of scheduled message says (handlers/scheduled.py): the list of kinds, what
follows a message once sent, and the parts of a long message."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

import pytest

from handlers.scheduled import ScheduledKinds, render_thread_reply, web_api_call
from storage.models import Reminder

DUE = datetime(2026, 3, 30, 7, 0, tzinfo=UTC)


def reminder(kind: str = "ping", **fields: Any) -> Reminder:
    return Reminder(
        id=7, team_id="T1", kind=kind, dedupe_key="k", due_at=DUE, created_at=DUE, **fields
    )


def test_a_kind_is_rendered_by_its_renderer_and_an_unknown_kind_has_none() -> None:
    kinds = ScheduledKinds(renderers={"ping": lambda _s, r: {"text": f"ping {r.id}"}})
    assert kinds.render(None, reminder()) == {"text": "ping 7"}  # type: ignore[arg-type]
    with pytest.raises(KeyError):
        kinds.render(None, reminder("other"))  # type: ignore[arg-type]


def test_adding_a_kind_that_is_already_there_is_refused() -> None:
    kinds = ScheduledKinds(renderers={"ping": lambda _s, _r: None})
    more = kinds.with_kinds({"pong": lambda _s, _r: None})
    assert more.renders("ping") and more.renders("pong") and not kinds.renders("pong")
    with pytest.raises(ValueError, match="ping"):
        kinds.with_kinds({"ping": lambda _s, _r: None})


def test_what_follows_a_message_runs_once_it_has_a_ts_and_its_failure_is_only_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    calls: list[str] = []

    def chart(_session: Any, _reminder: Reminder, ts: str, _client: Any) -> None:
        calls.append(ts)
        raise RuntimeError("the chart service is down")

    kinds = ScheduledKinds(renderers={}, follow_ups={"ping": chart})
    assert kinds.has_follow_up("ping") and not kinds.has_follow_up("other")
    kinds.run_follow_up(None, reminder(), None, None)  # type: ignore[arg-type]
    with caplog.at_level(logging.ERROR):
        kinds.run_follow_up(None, reminder(), "1.2", None)  # type: ignore[arg-type]
    assert calls == ["1.2"]
    assert "reminder 7: what follows the ping message failed" in caplog.text


def test_the_next_part_of_a_long_message_carries_the_parts_after_it() -> None:
    part = reminder(
        "thread_reply", payload={"message": {"text": "two"}, "thread": [{"text": "three"}]}
    )
    assert render_thread_reply(None, part) == {"text": "two", "thread": [{"text": "three"}]}  # type: ignore[arg-type]
    assert render_thread_reply(None, reminder("thread_reply", payload={})) is None  # type: ignore[arg-type]


def test_a_message_naming_the_ts_it_replaces_is_an_update_else_a_post_in_the_thread() -> None:
    row = reminder(channel_id="C1", thread_ts="1.0")
    assert web_api_call(row, {"ts": "2.0", "text": "x"}) == (
        "chat.update",
        {"ts": "2.0", "text": "x", "channel": "C1"},
    )
    assert web_api_call(row, {"text": "x"}) == (
        "chat.postMessage",
        {"text": "x", "channel": "C1", "thread_ts": "1.0"},
    )
