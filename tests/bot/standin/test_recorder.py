"""The call log, injected errors and the validator (bot/standin/recorder.py)."""

from __future__ import annotations

import pytest

from bot.standin.recorder import CallRecorder
from bot.standin.wire import Outcome


def _ok(team: str | None = "T0ONE000001"):  # noqa: ANN202
    return lambda: (Outcome({"ok": True}), team)


def test_an_injected_error_answers_the_next_calls_then_stops() -> None:
    recorder = CallRecorder(validator=None, channel_rate=None)
    recorder.inject_error("chat.postMessage", "is_archived", times=2)
    taken = [recorder.take_injected("chat.postMessage") for _ in range(3)]
    assert [t.answer["error"] if t else None for t in taken] == ["is_archived", "is_archived", None]


def test_a_rate_limit_and_an_outage_answer_as_slacks_edge_does() -> None:
    recorder = CallRecorder(validator=None, channel_rate=None)
    recorder.inject_error("chat.update", status=429, retry_after=7)
    recorder.inject_error("users.info", status=503)
    limited, down = recorder.take_injected("chat.update"), recorder.take_injected("users.info")
    assert (limited.status, limited.headers, limited.answer["error"]) == (
        429,
        {"Retry-After": "7"},
        "ratelimited",
    )
    assert (down.status, down.plain_body) == (503, "channel_not_found")


def test_a_channel_takes_its_rate_of_posts_a_second() -> None:
    recorder = CallRecorder(validator=None, channel_rate=2)
    answers = [recorder.over_channel_rate("chat.postMessage", {"channel": "C1"}) for _ in range(3)]
    assert [a.status if a else 200 for a in answers] == [200, 200, 429]
    assert recorder.over_channel_rate("chat.postMessage", {"channel": "C2"}) is None


def test_calls_are_numbered_with_the_team_that_served_them() -> None:
    recorder = CallRecorder(validator=None, channel_rate=None)
    recorder.finish("auth.test", {}, _ok(), token="xoxb-1")
    recorder.finish("respond", {"text": "hi"}, _ok(None), hook="cmd")
    assert [(c.seq, c.method, c.team_id, c.hook) for c in recorder.calls] == [
        (1, "auth.test", "T0ONE000001", None),
        (2, "respond", None, "cmd"),
    ]


def test_the_validators_complaint_is_a_violation() -> None:
    def refuse(method: str, _args: dict) -> None:
        raise ValueError(f"{method}: no")

    recorder = CallRecorder(validator=refuse, channel_rate=None)
    assert recorder.validate("chat.postMessage", {}) == "chat.postMessage: no"
    assert recorder.violations == ["chat.postMessage: no"]


def test_waiting_for_a_call_that_never_comes_says_what_came() -> None:
    recorder = CallRecorder(validator=None, channel_rate=None)
    recorder.finish("auth.test", {}, _ok())
    with pytest.raises(TimeoutError, match=r"1 call\(s\) to chat.postMessage; 1 calls seen"):
        recorder.wait_for_call("chat.postMessage", timeout=0.05)
