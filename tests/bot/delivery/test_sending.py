"""One row's post (bot/delivery/sending.py), against a Slack of the test's own that answers
from a list of history pages: a cut-off attempt found in the history is marked sent, not
posted again; the history is read page by page and, once per batch; a history too long to
read to the end makes the row uncertain; a DM's history is read in the DM; a method and
channel Slack asked us to wait for get no call at all."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from slack_sdk import WebClient
from sqlalchemy import Engine

from bot.delivery.answers import HistoryUnavailable, metadata_for
from bot.delivery.run import MAX_ATTEMPTS, Batch, Plan
from bot.delivery.sending import HISTORY_MAX_PAGES, NOT_THERE, Sending
from tests.bot.delivery.runs_for_tests import NOW, built, claimed, stored
from tests.harness import CHANNEL_ID, TEAM_ID, USER_ID, FakeTime

DM = "D0DM0000001"


class PagedSlack(WebClient):
    """Answers the history from `pages` (one list of messages per page), records each call,
    and posts nothing: a post would be a test failure."""

    def __init__(self, pages: list[list[dict[str, Any]]]) -> None:
        super().__init__(token="xoxb-unused", base_url="http://127.0.0.1:9/")
        self.pages = pages
        self.calls: list[tuple[str, dict[str, Any]]] = []

    def _page(self, method: str, args: dict[str, Any]) -> dict[str, Any]:
        self.calls.append((method, args))
        index = int(args.get("cursor") or 0)
        more = index + 1 < len(self.pages)
        return {
            "ok": True,
            "messages": self.pages[index] if self.pages else [],
            "response_metadata": {"next_cursor": str(index + 1) if more else ""},
        }

    def conversations_history(self, **args: Any) -> dict[str, Any]:  # type: ignore[override]
        return self._page("conversations.history", args)

    def conversations_replies(self, **args: Any) -> dict[str, Any]:  # type: ignore[override]
        return self._page("conversations.replies", args)

    def conversations_open(self, **args: Any) -> dict[str, Any]:  # type: ignore[override]
        self.calls.append(("conversations.open", args))
        return {"ok": True, "channel": {"id": DM}}

    def chat_postMessage(self, **args: Any) -> Any:  # type: ignore[override]  # noqa: N802
        raise AssertionError(f"posted: {args}")


def ours(reminder_id: int, ts: str) -> dict[str, Any]:
    return {"type": "message", "ts": ts, "text": "x", "metadata": metadata_for(reminder_id)}


def someone(ts: str) -> dict[str, Any]:
    return {"type": "message", "ts": ts, "text": "hello", "user": USER_ID}


def sending(engine: Engine, slack: PagedSlack) -> Sending:
    return built(Sending, engine, FakeTime(), client=slack)


def test_our_message_is_found_on_a_later_page_with_the_ts_it_first_had(engine: Engine) -> None:
    slack = PagedSlack(
        [[someone("1.1"), ours(7, "1.2")], [ours(8, "1.3"), ours(7, "1.4")], [someone("1.5")]]
    )
    found = sending(engine, slack)._history(TEAM_ID, CHANNEL_ID, None, NOW, {})
    assert found == {7: "1.2", 8: "1.3"}
    assert [m for m, _ in slack.calls] == ["conversations.history"] * 3
    first = slack.calls[0][1]
    assert first["channel"] == CHANNEL_ID and first["include_all_metadata"] is True
    assert float(first["oldest"]) == NOW.timestamp()


def test_a_history_too_long_to_read_to_the_end_is_unavailable(engine: Engine) -> None:
    slack = PagedSlack([[someone(f"1.{n}")] for n in range(HISTORY_MAX_PAGES + 1)])
    with pytest.raises(HistoryUnavailable) as unavailable:
        sending(engine, slack)._history(TEAM_ID, CHANNEL_ID, None, NOW, {})
    assert unavailable.value.code == "history_too_long"
    assert len(slack.calls) == HISTORY_MAX_PAGES  # it gave up, it did not read forever


def test_a_channels_history_is_read_once_per_batch_unless_an_earlier_start_needs_more(
    engine: Engine,
) -> None:
    slack = PagedSlack([[ours(7, "1.2")]])
    run, cache = sending(engine, slack), {}
    run._history(TEAM_ID, CHANNEL_ID, None, NOW, cache)
    run._history(TEAM_ID, CHANNEL_ID, None, NOW + timedelta(seconds=5), cache)
    assert len(slack.calls) == 1
    run._history(TEAM_ID, CHANNEL_ID, None, NOW - timedelta(seconds=5), cache)
    assert len(slack.calls) == 2


def test_a_direct_messages_history_is_read_in_the_dm(engine: Engine) -> None:
    slack = PagedSlack([[ours(7, "1.2")]])
    assert sending(engine, slack)._history(TEAM_ID, USER_ID, None, NOW, {}) == {7: "1.2"}
    assert [m for m, _ in slack.calls] == ["conversations.open", "conversations.history"]
    assert slack.calls[1][1]["channel"] == DM


def test_a_threads_history_is_its_replies(engine: Engine) -> None:
    slack = PagedSlack([[ours(7, "1.2")]])
    sending(engine, slack)._history(TEAM_ID, CHANNEL_ID, "1.0", NOW, {})
    [(method, args)] = slack.calls
    assert (method, args["ts"]) == ("conversations.replies", "1.0")


def test_a_cut_off_attempt_found_in_the_history_is_marked_sent_not_posted(
    engine: Engine,
) -> None:
    [row] = claimed(engine, 1, earlier={"attempt_started_at": NOW - timedelta(minutes=3)})
    assert row.needs_check  # the claim saw the attempt that was cut off
    slack = PagedSlack([[ours(row.id, "1700000000.000200")]])
    run = sending(engine, slack)
    plan = Plan("chat.postMessage", {"channel": CHANNEL_ID, "text": "x"}, [], CHANNEL_ID, None)
    result = run._send(row, plan, Batch([row], {row.id}, None))
    assert result.commit is not None
    with run.sessions.batch() as session:
        result.commit(session)
    after = stored(engine, row.id)
    assert (after.state, after.message_ts) == ("sent", "1700000000.000200")
    assert run.report.recovered == 1 and run.report.sent == 0
    # Looked for from a little before the attempt began: the clocks may disagree.
    assert float(slack.calls[0][1]["oldest"]) < row.attempt_started_at.timestamp()


def test_a_cut_off_last_attempt_not_in_the_history_is_given_up(engine: Engine) -> None:
    cut_off = {"attempt_started_at": NOW - timedelta(minutes=3), "last_error": "timeout"}
    [row] = claimed(engine, 1, earlier={"attempts": MAX_ATTEMPTS, **cut_off})
    assert row.needs_check  # the claim saw the attempt that was cut off
    slack = PagedSlack([[someone("1.1")]])
    run = sending(engine, slack)
    result = run._settle_by_history(row, CHANNEL_ID, None, {})
    assert result is not NOT_THERE and result.follow_up is not None
    result.follow_up()
    assert (stored(engine, row.id).state, stored(engine, row.id).last_error) == (
        "failed",
        "timeout",
    )


def test_a_method_slack_asked_to_wait_for_gets_no_call(engine: Engine) -> None:
    [row] = claimed(engine, 1)
    slack = PagedSlack([])
    run = sending(engine, slack)
    until = NOW + timedelta(seconds=30)
    run.blocked[("chat.postMessage", CHANNEL_ID)] = until
    plan = Plan("chat.postMessage", {"channel": CHANNEL_ID, "text": "x"}, [], CHANNEL_ID, None)
    result = run._send(row, plan, Batch([row], {row.id}, None))
    assert slack.calls == [] and result.follow_up is not None
    result.follow_up()
    assert stored(engine, row.id).next_attempt_at == until
