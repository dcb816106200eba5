"""Lanes and pacing: a batch's rows sorted by channel, each channel's rows one at a time and in
order, many channels at once, at Slack's pace per channel (bot/pacing.py). A lane waits for
its channel's pace only briefly; the rest of a busy channel's rows are handed back with slots
of their own, so that one busy channel never holds up everyone else's deliveries."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from bot.delivery.answers import DEFAULT_HTTP_TIMEOUT, Outcome
from bot.delivery.run import Batch, Plan, Result
from bot.delivery.sending import Sending
from storage import reminders
from storage.reminder_claims import ClaimedReminder

logger = logging.getLogger(__name__)


class Lanes(Sending):
    """A batch's channels at once, each channel's rows in order and at its pace."""

    def _lane(self, batch: Batch, lane: list[tuple[ClaimedReminder, Plan]]) -> list[Result]:
        """One channel's rows, in order (in a pool thread; no database here but the lease).
        The lane waits for its channel's pace at most `lane_budget` in all; the rows after
        that are handed back, each with a slot of its own, so that the batch (and every other
        channel's deliveries) does not wait on one busy channel."""
        results: list[Result] = []
        budget = self.pacer.lane_budget
        for index, (row, plan) in enumerate(lane):
            if self.stop.is_set():
                rest = [r for r, _ in lane[index:]]
                release = lambda rest=rest: self._release_all(rest, batch.held)  # noqa: E731
                results.append(Result(follow_up=release))
                break
            self._renew_lease(batch)
            if row.id not in batch.held:
                results.append(Result(follow_up=self._count_released))
                continue
            if self._blocked_until(plan.method, plan.channel) is None:
                booked = self.pacer.take_slot(row.id)
                wait = self.pacer.wait(
                    plan.channel, spaced=row.kind == reminders.THREAD_KIND, booked=booked
                )
                if wait > budget:
                    results.append(self._defer([r for r, _ in lane[index:]], plan.channel))
                    break
                budget -= wait
                if wait > 0:
                    self.pacer.sleep(wait)
                if self.stop.is_set():
                    results.append(
                        Result(follow_up=lambda r=row: self._release_all([r], batch.held))
                    )
                    break
            row_started = self.wall_clock()
            try:
                results.append(self._send(row, plan, batch))
            except Exception:  # noqa: BLE001 - one bad row must not stop the sweep
                # Where it broke is unknown (after the post, even): treat it as maybe sent.
                logger.exception("reminder %s: delivery failed unexpectedly", row.id)
                unsettled = self._earlier_unsettled(row) or row_started
                outcome = Outcome(error="internal_error")
                results.append(
                    Result(
                        follow_up=lambda r=row, u=unsettled, o=outcome: self._after_failure(
                            r, o, unsettled=u
                        )
                    )
                )
        return results

    def _defer(self, rows: list[ClaimedReminder], channel: str) -> Result:
        """Hand back the rest of a busy channel's lane, each row from a slot of its own, a
        pace apart and in order: the sweep (or the next) takes each again at its slot."""
        slots = []
        for row in rows:
            spaced = row.kind == reminders.THREAD_KIND
            delay = self.pacer.book(channel, row.id, spaced=spaced)
            slots.append((row, self.now() + timedelta(seconds=delay)))
        with self.slots_lock:
            self.slots.extend(slot for _, slot in slots)
        return Result(follow_up=lambda: self._release_paced(slots))

    def _release_paced(self, slots: list[tuple[ClaimedReminder, datetime]]) -> None:
        with self.sessions.write() as session:
            for row, slot in slots:
                reminders.release(
                    session, reminder_id=row.id, worker_id=self.worker_id, not_before=slot
                )
        self.report.paced += len(slots)

    def wait_for_slot(self) -> bool:
        """Wait until the earliest slot this sweep booked in a busy channel; whether there
        was one and the time came (a stopping clock, or a test's frozen time, ends here: the
        rows wait, pending, for the next sweep)."""
        before = self.now()
        with self.slots_lock:  # slots the last claim came too early for
            self.slots = [slot for slot in self.slots if slot > self.claimed_at]
            slot = min(self.slots, default=None)
        if slot is None or self.stop.is_set():
            return False
        if slot > before:
            self.pacer.sleep((slot - before).total_seconds())
        return not self.stop.is_set() and self.now() > self.claimed_at

    def _renew_lease(self, batch: Batch) -> None:
        """Renew the batch's lease before a post could outlive it (the check is cheap); the
        first lane to see it due renews it for all, in a transaction and on a connection
        of its own (the previous batch's outcomes may be being written meanwhile)."""
        with batch.lease_lock:
            until = batch.lease_until
            if until is None or until - self.now() >= self._renew_margin():
                return
            batch.lease_until = self.now() + self.lease
            held = self.sessions.renew(
                reminder_ids=sorted(batch.held),
                worker_id=self.worker_id,
                lease_until=batch.lease_until,
            )
            batch.held.intersection_update(held)

    def _renew_margin(self) -> timedelta:
        """Renew when less than two HTTP timeouts of the lease are left: a post that starts
        then ends (or times out) well before the lease does."""
        timeout = float(getattr(self.client, "timeout", DEFAULT_HTTP_TIMEOUT) or 0)
        return timedelta(seconds=2 * timeout)
