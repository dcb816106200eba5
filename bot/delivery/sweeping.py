"""The sweep: claim due rows in batches, render them, post them in lanes and write each
batch's outcomes in one commit, the next batch claimed while the current one posts."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import datetime, timedelta
from typing import Any

from slack_sdk import WebClient
from sqlalchemy import Engine

from bot import wallclock
from bot.delivery.answers import Outcome
from bot.delivery.lanes import Lanes
from bot.delivery.reports import SweepReport
from bot.delivery.run import (
    BACKOFF,
    DEFAULT_BATCH_SIZE,
    DEFAULT_CONCURRENCY,
    DEFAULT_LEASE_SECONDS,
    LATE_GRACE,
    MAX_ATTEMPTS,
    Batch,
    Plan,
    Result,
)
from bot.pacing import ChannelPacer
from bot.team_clients import TeamClients
from bot.wiring import SCHEDULED_KINDS
from handlers.scheduled import ScheduledKinds, web_api_call
from handlers.voice import SEED_DEFAULTS
from storage.reminder_claims import ClaimedReminder
from storage.sweep_sessions import SweepSessions

logger = logging.getLogger(__name__)


def sweep(
    engine: Engine,
    client: WebClient | TeamClients,
    *,
    now: datetime,
    worker_id: str,
    batch_size: int = DEFAULT_BATCH_SIZE,
    lease_seconds: float = DEFAULT_LEASE_SECONDS,
    concurrency: int = DEFAULT_CONCURRENCY,
    limit: int | None = None,
    late_grace: timedelta = LATE_GRACE,
    max_attempts: int = MAX_ATTEMPTS,
    backoff: timedelta = BACKOFF,
    default_locale: str = SEED_DEFAULTS.locale,
    timezone: str = SEED_DEFAULTS.timezone,
    stop: threading.Event | None = None,
    wall_clock: Callable[[], datetime] | None = None,
    timer: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], Any] | None = None,
    pacer: ChannelPacer | None = None,
    kinds: ScheduledKinds = SCHEDULED_KINDS,
) -> SweepReport:
    """Deliver what is due at `now`: claim in batches of `batch_size` until nothing due is
    left (or `limit` rows were claimed, or `stop` is set), and report what happened.

    `now` is the sweep's clock at its start (tests and the console pass theirs); it advances
    with `timer` (seconds; the real time by default) so that leases stay honest in a long
    sweep; tests that want exact times freeze it with `timer=lambda: 0.0`. `wall_clock`
    (default: the real time) is only compared with Slack's message timestamps.
    `default_locale` and `timezone` are for teams without settings. `sleep` waits for a
    channel's pace (default: waits on `stop`, so a stopping clock stops). `concurrency`:
    channels posted to at once (each channel's rows go one at a time, in order). `pacer`:
    the channels' pace from earlier sweeps (the clock keeps one; it then paces with its own
    timer and sleep). `kinds`: what renders each kind of reminder (the app's list,
    bot/wiring.py; tests add kinds of their own).
    """
    if now.tzinfo is None:
        raise ValueError("sweep needs an aware `now`")
    stop = stop or threading.Event()
    run = Sweep(
        sessions=SweepSessions(engine),
        client=client,
        kinds=kinds,
        pacer=pacer or ChannelPacer(timer=timer, sleep=sleep or stop.wait),
        worker_id=worker_id,
        start=now,
        lease=timedelta(seconds=lease_seconds),
        late_grace=late_grace,
        max_attempts=max_attempts,
        backoff=backoff,
        default_locale=default_locale,
        timezone=timezone,
        stop=stop,
        wall_clock=wall_clock or wallclock.utcnow,
        timer=timer,
    )
    run.pool = ThreadPoolExecutor(max(1, concurrency), thread_name_prefix="delivery")
    try:
        _sweep_batches(run, batch_size, lease_seconds, limit)
    finally:
        run.pool.shutdown(wait=True)
    if run.report.handled:
        logger.info("sweep by %s: %s", worker_id, run.report)
    return run.report


def _sweep_batches(run: Sweep, batch_size: int, lease_seconds: float, limit: int | None) -> None:
    """Claim and render the next batch while the current one's lanes post, and start its
    lanes at once: each waits only for its own channel's lane in the batch before (so every
    channel keeps its order and pace), not for the whole batch, so the pool never idles
    while a batch's slowest lanes end. A batch's outcomes are written once its lanes are
    done, while the next batch's lanes post."""
    claimed = 0
    posting: Batch | None = None  # posted, its outcomes not written yet
    following: Batch | None = None
    try:
        while True:
            rows: list[ClaimedReminder] = []
            size = batch_size if limit is None else min(batch_size, limit - claimed)
            can_claim = size > 0 and not run.stop.is_set()
            if can_claim:
                run.claimed_at = run.now()
                rows = run.sessions.claim(
                    now=run.claimed_at,
                    worker_id=run.worker_id,
                    lease_seconds=lease_seconds,
                    limit=size,
                    late_grace=run.late_grace,
                    wall_now=run.wall_clock(),
                )
                claimed += len(rows)
            following = run.prepare(rows) if rows else None
            if following is not None:
                run.post(following, after=posting)
            wrote = posting is not None
            if posting is not None:
                run.wait(posting)
                run.write(posting)
            posting, following = following, None
            if posting is None and not wrote and not (can_claim and run.wait_for_slot()):
                break  # nothing due, nothing written that could have made more due, no slot
    finally:
        for batch in (posting, following):  # let the lanes end before the pool does
            for future in batch.futures if batch is not None else ():
                future.exception()
        run.close()


class Sweep(Lanes):
    """A sweep's batches: rendered, posted in lanes, their outcomes written."""

    def prepare(self, rows: list[ClaimedReminder]) -> Batch:
        """Render a claimed batch's rows (one at a time: renderers read the database) and
        sort them into channel lanes; no Slack call yet."""
        batch = Batch(rows, held={row.id for row in rows}, lease_until=rows[0].lease_until)
        lanes: dict[str, list[tuple[ClaimedReminder, Plan]]] = {}
        for row in rows:
            prepared = self._prepare(row)
            if isinstance(prepared, Plan):
                lanes.setdefault(prepared.channel, []).append((row, prepared))
            else:
                batch.results.append(prepared)
        # The longest lanes first: the batch lasts as long as its slowest channel.
        batch.lanes = sorted(lanes.values(), key=len, reverse=True)
        return batch

    def post(self, batch: Batch, after: Batch | None = None) -> None:
        """Start the batch's lanes (at once, each channel's rows in order, at its pace); a
        lane whose channel still has a lane of `after` posting starts when that one ends."""
        assert self.pool is not None
        busy = after.channel_lanes if after is not None else {}
        for lane in batch.lanes:
            channel = lane[0][1].channel
            future = _chained(self.pool, busy.get(channel), self._lane, batch, lane)
            batch.futures.append(future)
            batch.channel_lanes[channel] = future

    def wait(self, batch: Batch) -> None:
        for future in batch.futures:
            batch.results.extend(future.result())
        batch.futures = []
        batch.channel_lanes = {}

    def write(self, batch: Batch) -> None:
        """Every outcome of the batch's lanes in one transaction (one commit). A kill
        before it leaves the rows claimed, with the claim's `attempt_started_at` from before
        any of their posts: whoever takes them over looks for them in the history first and
        marks the ones it finds sent."""
        with self.sessions.batch() as session:
            sent = [r.sent for r in batch.results if r.sent is not None]
            if sent:
                self._mark_sent_many(session, sent)
            for result in batch.results:
                if result.commit is not None:
                    result.commit(session)
                elif result.follow_up is not None:
                    result.follow_up()
        batch.results = []

    def close(self) -> None:
        self.sessions.close()

    def _prepare(self, row: ClaimedReminder) -> Plan | Result:
        """Render a row in a transaction that is rolled back: its plan, or its outcome
        (skipped, failed to render). A renderer that writes (the digest schedules the weeks
        ahead, an approval's expiry its audit trail) is run again in the batch's commit,
        only for rows delivered (`_rewrite`), so that what it writes commits with the
        delivery and never without it."""
        try:
            with self.sessions.rehearsal() as rehearsal:
                message = self.kinds.render(rehearsal.session, row)
        except Exception as error:  # noqa: BLE001 - a renderer's bug is this row's failure
            return self._render_failed(row, error)
        writes = rehearsal.wrote
        if message is None:
            return Result(commit=lambda s: self._skip(s, row, rewrite=writes))
        plan = self._plan(row, message)
        if isinstance(plan, Plan):
            plan.writes = writes
        return plan

    def _plan(self, row: ClaimedReminder, message: dict[str, Any]) -> Plan | Result:
        method, args = web_api_call(row, message)
        args.pop("metadata", None)  # the reminder id is ours to set
        thread = args.pop("thread", None) or []
        channel = args.get("channel")
        if not channel:
            outcome = Outcome(error="no_channel", code="no_channel", permanent=True)
            return Result(follow_up=lambda: self._after_failure(row, outcome))
        return Plan(method, args, thread, channel, args.get("thread_ts"))

    def _render_failed(self, row: ClaimedReminder, error: Exception) -> Result:
        logger.exception("reminder %s: renderer for %r failed", row.id, row.kind)
        permanent = isinstance(error, KeyError) and row.kind not in self.kinds.renderers
        outcome = Outcome(error=f"render_error: {type(error).__name__}", permanent=permanent)
        # Nothing was posted in this attempt; an earlier unsettled one stays unsettled,
        # and without a message there is no channel to look in: at the end, uncertain.
        unsettled = self._earlier_unsettled(row)
        return Result(
            follow_up=lambda: self._after_failure(
                row, outcome, unsettled=unsettled, can_verify=False
            )
        )


def _chained(
    pool: ThreadPoolExecutor,
    before: Future | None,
    lane: Callable[..., list[Result]],
    *args: object,
) -> Future:
    """`lane(*args)` in the pool, once `before` (if any) has ended: a future for it that
    holds no pool thread while it waits."""
    if before is None or before.done():
        return pool.submit(lane, *args)
    chained: Future = Future()

    def start(_before: Future) -> None:
        try:
            inner = pool.submit(lane, *args)
        except RuntimeError as error:  # the pool is shutting down: nothing will run it
            chained.set_exception(error)
            return
        inner.add_done_callback(lambda done: _settle(chained, done))

    before.add_done_callback(start)
    return chained


def _settle(chained: Future, done: Future) -> None:
    error = done.exception()
    if error is not None:
        chained.set_exception(error)
    else:
        chained.set_result(done.result())
