"""What a sweep writes about its rows: sent (one by one or a batch at once, with the next part
of a long message), skipped, postponed, handed back, retried after a backoff, or given up
and reported. Each is a compare-and-set on this worker's claim (storage/reminders.py)."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from sqlmodel import Session

from bot.delivery.answers import Outcome
from bot.delivery.reports import schedule_report
from bot.delivery.run import Result, SweepRun
from bot.team_clients import workspace_gone
from storage import reminders
from storage.reminder_claims import ClaimedReminder
from storage.sweep_sessions import savepoint

logger = logging.getLogger(__name__)


class Outcomes(SweepRun):
    """What is written about a row, each a compare-and-set on this worker's claim."""

    def _skip(self, session: Session, row: ClaimedReminder, *, rewrite: bool = False) -> None:
        if rewrite:
            self._rewrite(session, row)
        note = "skipped: nothing to say any more"
        if row.needs_check:  # moot now, so neither looked for nor reported
            note += " (an earlier attempt may have been delivered)"
        reminders.mark_skipped(session, reminder_id=row.id, worker_id=self.worker_id, note=note)
        self.report.skipped += 1

    def _rewrite(self, session: Session, row: ClaimedReminder) -> None:
        """What the row's renderer writes, in the batch's commit (its first run, before the
        post, was rolled back). Its message is already in Slack: a failure here is logged,
        and the delivery still counts."""
        try:
            with savepoint(session):
                self.kinds.render(session, row)
        except Exception:  # noqa: BLE001 - the message went out; keep its mark
            logger.exception("reminder %s: renderer for %r failed after delivery", row.id, row.kind)

    def _mark_sent(
        self,
        session: Session,
        row: ClaimedReminder,
        ts: str | None,
        *,
        recovered: bool,
        thread: list[dict[str, Any]] | None = None,
    ) -> None:
        note = "found in the channel's history after a cut-off attempt" if recovered else None
        kept = reminders.mark_sent(
            session,
            reminder_id=row.id,
            worker_id=self.worker_id,
            message_ts=ts,
            sent_at=self.now(),
            note=note,
        )
        if not kept:
            logger.warning("reminder %s: delivered, but another worker had taken it over", row.id)
        elif thread and ts:
            self._schedule_reply(session, row, ts, thread)
        if recovered:
            self.report.recovered += 1
        else:
            self.report.sent += 1
        self.report.late += 1 if row.late else 0

    def _mark_sent_many(
        self, session: Session, sent: list[tuple[ClaimedReminder, str | None]]
    ) -> None:
        """The batch's plain posts (no thread to schedule) marked sent in one statement."""
        kept = reminders.mark_sent_many(
            session,
            worker_id=self.worker_id,
            sent=[(row.id, ts) for row, ts in sent],
            sent_at=self.now(),
        )
        if kept < len(sent):
            logger.warning(
                "%s of %s delivered reminders had been taken over by another worker",
                len(sent) - kept,
                len(sent),
            )
        self.report.sent += len(sent)
        self.report.late += sum(1 for row, _ in sent if row.late)

    def _schedule_reply(
        self, session: Session, row: ClaimedReminder, ts: str, thread: list[dict[str, Any]]
    ) -> None:
        """The first of `thread` as a reply to the message just sent (or in the thread it is
        in), carrying the rest: scheduled with the message's own new state."""
        reminders.schedule(
            session=session,
            team_id=row.team_id,
            kind=reminders.THREAD_KIND,
            dedupe_key=f"{reminders.THREAD_KIND}:{row.id}",
            due_at=self.now(),
            now=self.now(),
            channel_id=row.channel_id,
            thread_ts=row.thread_ts or ts,
            subject_id=row.id,
            payload={
                "message": thread[0],
                "thread": thread[1:],
                "owner_id": row.payload.get("owner_id"),
            },
        )

    def _postpone(self, row: ClaimedReminder, until: datetime) -> None:
        with self.sessions.write() as session:
            reminders.release(
                session, reminder_id=row.id, worker_id=self.worker_id, not_before=until
            )
        self.report.rate_limited += 1

    def _rate_limited(
        self, row: ClaimedReminder, method: str, channel: str, retry_after: float
    ) -> Result:
        """Slack said to wait: nothing more of `method` goes to the channel until then (the
        lane's next rows are postponed as well), and the row is postponed, not failed."""
        until = self.now() + timedelta(seconds=retry_after)
        key = (method, channel)
        self.blocked[key] = max(until, self.blocked.get(key, until))
        if self.pacer is not None:
            self.pacer.slow_down(channel)
        logger.warning(
            "reminder %s: %s rate limited in %s; retrying after %ss",
            row.id,
            method,
            channel,
            retry_after,
        )
        return Result(follow_up=lambda: self._postpone(row, until))

    def _release_all(self, rows: list[ClaimedReminder], held: set[int]) -> None:
        with self.sessions.write() as session:
            for row in rows:
                if row.id in held:
                    reminders.release(
                        session,
                        reminder_id=row.id,
                        worker_id=self.worker_id,
                        not_before=row.next_attempt_at,
                    )
        self.report.released += len(rows)

    def _count_released(self) -> None:
        self.report.released += 1

    def _after_failure(
        self,
        row: ClaimedReminder,
        outcome: Outcome,
        *,
        unsettled: datetime | None = None,
        can_verify: bool = True,
    ) -> None:
        """Retry after a backoff, or give up. `unsettled`: the start of an attempt that may
        have reached Slack; then even the last failure is followed by one more claim that
        only looks in the history (found: sent; not there: failed), never a bare "failed";
        unless `can_verify` is False (no message, so no channel to look in): uncertain."""
        if workspace_gone(self.client, row.team_id, outcome.code):
            note = f"cancelled: the workspace uninstalled the app ({outcome.code})"
            with self.sessions.write() as session:
                reminders.mark_skipped(
                    session, reminder_id=row.id, worker_id=self.worker_id, note=note
                )
            self.report.skipped += 1
            return
        attempts = row.attempts + 1
        if outcome.permanent or attempts >= self.max_attempts:
            error = outcome.code or outcome.error
            if unsettled is None:
                self._give_up(row, reminders.FAILED, error, attempt=True)
                return
            if not can_verify:
                self._give_up(row, reminders.UNCERTAIN, error, attempt=True)
                return
        delay = self.backoff * 2 ** min(attempts - 1, 10)
        with self.sessions.write() as session:
            kept = reminders.retry_later(
                session,
                reminder_id=row.id,
                worker_id=self.worker_id,
                error=outcome.error,
                next_attempt_at=self.now() + delay,
                unsettled_since=unsettled,
            )
        if kept is None:
            logger.warning("reminder %s: failed, and another worker had taken it over", row.id)
            return
        self.report.retried += 1
        logger.warning(
            "reminder %s: attempt %s failed (%s); retrying in %s",
            row.id,
            attempts,
            outcome.error,
            delay,
        )

    def _give_up(self, row: ClaimedReminder, state: str, error: str, attempt: bool) -> None:
        with self.sessions.write() as session:
            given_up = reminders.give_up(
                session,
                reminder_id=row.id,
                worker_id=self.worker_id,
                state=state,
                error=error,
                attempt=attempt,
            )
            if given_up is not None:
                schedule_report(
                    session,
                    given_up,
                    state,
                    error,
                    now=self.now(),
                    default_locale=self.default_locale,
                    timezone=self.timezone,
                )
        if given_up is None:
            logger.warning("reminder %s: gave up, but another worker had taken it over", row.id)
            return
        if state == reminders.FAILED:
            self.report.failed += 1
        else:
            self.report.uncertain += 1
        logger.error(
            "reminder %s (%s, team %s): %s after %s attempt(s): %s",
            row.id,
            row.kind,
            row.team_id,
            state,
            given_up.attempts,
            error,
        )
