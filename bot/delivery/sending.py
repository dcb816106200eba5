"""Sending one rendered row: posted with its reminder id in Slack's message metadata (or an
update made again), after looking for an earlier, cut-off attempt in the channel's history
(`conversations.history`, or `conversations.replies` in a thread): found there, it is
marked sent instead of posted twice; where the history cannot be read, it is uncertain."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlmodel import Session

from bot.delivery.answers import (
    NETWORK_ERRORS,
    HistoryUnavailable,
    RateLimited,
    classify,
    metadata_for,
    raise_for_history,
    reminder_id_in,
)
from bot.delivery.outcomes import Outcomes
from bot.delivery.run import Batch, Plan, Result
from bot.team_clients import client_for
from storage import reminders
from storage.reminder_claims import ClaimedReminder

logger = logging.getLogger(__name__)

# The history is searched from a little before the attempt began: our clock and Slack's
# may disagree by that much.
HISTORY_MARGIN = timedelta(minutes=2)
HISTORY_PAGE_SIZE = 200
HISTORY_MAX_PAGES = 25  # 5,000 messages since the attempt; more than that: uncertain
NOT_THERE = object()  # the history was read, and the reminder is not in it


class Sending(Outcomes):
    """One row's post, after looking for an earlier, cut-off attempt in the history."""

    def _send(self, row: ClaimedReminder, plan: Plan, batch: Batch) -> Result:
        """Post (or update) one rendered row, after looking for an earlier cut-off attempt
        in the history; what to write about it."""
        channel, thread_ts = plan.channel, plan.thread_ts
        # A chat.update (a message that replaces its earlier self) is the same however often
        # it is made: no metadata of ours on someone else's message, and nothing to look for.
        update = plan.method == "chat.update"
        until = self._blocked_until(plan.method, channel)
        if until is not None:
            return Result(follow_up=lambda: self._postpone(row, until))
        if row.needs_check and not update:
            found = self._settle_by_history(row, channel, thread_ts, batch.history)
            if isinstance(found, Result):
                return found
            if found is not NOT_THERE:
                return self._sent(row, plan, found, recovered=True)
        attempt_started = self.wall_clock()
        try:
            if update:
                response = client_for(self.client, row.team_id).chat_update(**plan.args)
            else:
                response = client_for(self.client, row.team_id).chat_postMessage(
                    **plan.args, metadata=metadata_for(row.id)
                )
        except Exception as error:  # noqa: BLE001 - classified below
            outcome = classify(error)
            if outcome.retry_after is not None:
                return self._rate_limited(row, plan.method, channel, outcome.retry_after)
            if not isinstance(error, (SlackApiError, *NETWORK_ERRORS)):
                logger.exception("reminder %s: %s raised", row.id, plan.method)
            unsettled = attempt_started if outcome.delivered_unknown and not update else None
            return Result(follow_up=lambda: self._after_failure(row, outcome, unsettled=unsettled))
        self.pacer.posted(channel)
        ts = response.get("ts")
        if not update and self.kinds.has_follow_up(row.kind):
            # What follows the message (a digest's chart) is sent where the row is marked
            # sent, after Slack has the message and never without it.
            def commit(session: Session) -> None:
                if plan.writes:
                    self._rewrite(session, row)
                self._mark_sent(session, row, ts, recovered=False, thread=plan.thread)
                self.kinds.run_follow_up(session, row, ts, client_for(self.client, row.team_id))

            return Result(commit=commit)
        return self._sent(row, plan, ts, recovered=False)

    def _sent(self, row: ClaimedReminder, plan: Plan, ts: str | None, *, recovered: bool) -> Result:
        """A row that is in Slack: marked sent in bulk, or on its own when its renderer
        writes or a reply must follow it."""
        if not (plan.writes or plan.thread or recovered):
            return Result(sent=(row, ts))

        def commit(session: Session) -> None:
            if plan.writes:
                self._rewrite(session, row)
            self._mark_sent(session, row, ts, recovered=recovered, thread=plan.thread)

        return Result(commit=commit)

    def _settle_by_history(
        self, row: ClaimedReminder, channel: str, thread_ts: str | None, history: dict
    ) -> str | None | object | Result:
        """Look for an earlier, cut-off attempt in the channel: the ts it was found with (it
        is there: mark it sent), `NOT_THERE` (post it), or what to do instead."""
        since = (row.attempt_started_at or self.wall_clock()) - HISTORY_MARGIN
        method = "conversations.replies" if thread_ts else "conversations.history"
        until = self._blocked_until(method, channel)
        if until is not None:
            return Result(follow_up=lambda: self._postpone(row, until))
        try:
            found = self._history(row.team_id, channel, thread_ts, since, history)
        except RateLimited as limited:
            return self._rate_limited(row, method, channel, limited.retry_after)
        except HistoryUnavailable as unavailable:
            logger.warning(
                "reminder %s: an attempt was cut off and %s's history cannot be read (%s)",
                row.id,
                channel,
                unavailable.code,
            )
            code = unavailable.code
            return Result(
                follow_up=lambda: self._give_up(row, reminders.UNCERTAIN, code, attempt=False)
            )
        except Exception as error:  # noqa: BLE001 - transient: look again later
            outcome = classify(error)
            if row.attempts + 1 >= self.max_attempts:
                error_code = outcome.code or outcome.error
                return Result(
                    follow_up=lambda: self._give_up(row, reminders.UNCERTAIN, error_code, True)
                )
            unsettled = row.attempt_started_at
            return Result(follow_up=lambda: self._after_failure(row, outcome, unsettled=unsettled))
        if row.id in found:
            logger.info("reminder %s: found in %s's history; not sending it again", row.id, channel)
            return found[row.id]
        if row.attempts >= self.max_attempts:
            last = row.last_error or "gave_up"
            return Result(
                follow_up=lambda: self._give_up(row, reminders.FAILED, last, attempt=False)
            )
        return NOT_THERE

    def _history(
        self, team_id: str, channel: str, thread_ts: str | None, since: datetime, cache: dict
    ) -> dict[int, str]:
        """Reminder id → ts of our reminder messages in the channel (or thread) since `since`.

        Fetched once per channel per batch, after the batch was claimed: the attempts it
        settles all ended before that (their leases had run out)."""
        key = (team_id, channel, thread_ts)
        cached = cache.get(key)
        if cached is not None and cached[0] <= since:
            return cached[1]
        client = client_for(self.client, team_id)
        conversation = self._conversation_id(client, channel)
        oldest = f"{since.timestamp():.6f}"
        found: dict[int, str] = {}
        cursor: str | None = None
        for _page in range(HISTORY_MAX_PAGES):
            args: dict[str, Any] = {
                "channel": conversation,
                "oldest": oldest,
                "limit": HISTORY_PAGE_SIZE,
                "include_all_metadata": True,
            }
            if cursor:
                args["cursor"] = cursor
            try:
                if thread_ts:
                    answer = client.conversations_replies(ts=thread_ts, **args)
                else:
                    answer = client.conversations_history(**args)
            except SlackApiError as error:
                raise_for_history(error)
                raise
            for message in answer.get("messages") or []:
                reminder_id = reminder_id_in(message)
                if reminder_id is not None:
                    found.setdefault(reminder_id, message.get("ts"))
            cursor = (answer.get("response_metadata") or {}).get("next_cursor")
            if not cursor:
                break
        else:
            raise HistoryUnavailable("history_too_long")
        cache[key] = (since, found)
        return found

    def _conversation_id(self, client: WebClient, channel: str) -> str:
        """chat.postMessage takes a user id for a DM; the history needs the DM's id."""
        if channel[:1] not in ("U", "W"):
            return channel
        try:
            answer = client.conversations_open(users=channel)
        except SlackApiError as error:
            raise_for_history(error)
            raise
        return answer["channel"]["id"]
