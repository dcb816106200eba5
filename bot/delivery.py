"""Delivering due reminders: the sweep that neither loses nor repeats a scheduled message.

Every scheduled message is a `reminders` row (storage/reminders.py). `sweep(...)` claims
due rows in batches with a lease (one transaction), renders each with the renderer of its
kind (handlers/scheduled.py), posts them with the reminder id in Slack's message metadata,
`concurrency` channels at once (a channel's rows one at a time, in order, at Slack's pace:
bot/pacing.py), and writes the whole batch's outcomes (sent, postponed, retried, given up,
the next part of a long message, reports) in one commit. A row whose renderer writes (an
approval's expiry) goes on its own after the batch instead, in one transaction with what
its renderer wrote, committed after Slack's answer or rolled back when the message did not
go out (on SQLite that transaction holds the write lock while Slack answers). A message
that names the `ts` it replaces is a `chat.update` instead
(`handlers.scheduled.web_api_call`): the same however often it is made, so it carries no
metadata of ours and is simply made again after a cut-off. The clock process runs the
sweep every few seconds (bot/clock.py), the console's `!clock` runs it in-process, tests
call it with their own `now`. Several clocks share the due rows without overlap: each
claims with `FOR UPDATE SKIP LOCKED` on PostgreSQL and only expired leases are taken over.

Guarantees and how:
- **Never twice.** A row is claimed in one transaction (`FOR UPDATE SKIP LOCKED` on
  PostgreSQL, `BEGIN IMMEDIATE` on SQLite) and every later change is a compare-and-set on
  the claim. A delivery cut off between Slack's answer and our commit (a killed clock, a
  lost connection; with a batch's one commit, any of the batch's posts) leaves the row
  claimed, with the claim's `attempt_started_at` from before its post, or marked
  `needs_check`; whoever takes it next
  looks for its id in the channel's history (`conversations.history`, or
  `conversations.replies` for a thread) since the attempt began, and marks it sent when it
  is there instead of posting again. A lease is renewed before a post whenever less than
  two HTTP timeouts of it are left, so no post of ours is in flight when it runs out.
- **Never lost.** A due row stays due until it is sent, skipped (its renderer has nothing
  to say any more), failed (reported) or uncertain (reported). One that fell due while no
  clock ran is sent by the first sweep and marked `late` (more than `LATE_GRACE` overdue).
  Where the history cannot be read (`missing_scope`, `channel_not_found`,
  `not_in_channel`...) the row becomes "uncertain" and is reported; it is never resent.
- **Slack's limits.** A channel takes three posts back to back, then about one a second.
  A `ratelimited` answer (HTTP 429) postpones the row by `Retry-After` without counting a
  failure; nothing more of that Web API method goes to that channel until then (its other
  due rows in this sweep are postponed as well), and the channel is then paced at one a
  second. Other failures are retried after 1, 2, 4, 8 minutes; after `MAX_ATTEMPTS` (or at
  once for an error that retrying cannot fix, such as `channel_not_found`) the row is
  "failed".
- **Long messages.** A rendered message may carry `thread`: more messages, posted after it
  as replies in its thread, one at a time. Each is a reminder of its own (kind
  `thread_reply`, carrying the ones after it), scheduled in the transaction that marks the
  message before it sent (the batch's commit), so the rest of a long message is never
  lost, never repeated and always in order; a reply waits `THREAD_REPLY_INTERVAL` after
  the channel's last post.
- **Reports.** A failed or uncertain reminder schedules a `delivery_report` reminder in the
  same transaction (so the report is as durable as the reminder): a translated message in
  the reminder's channel, or in a DM to `payload["owner_id"]` (else `payload["user_id"]`)
  when the channel is the problem. A report that fails itself is logged, not reported.
  Users never see a traceback; the logs name the reminder id.
"""

from __future__ import annotations

import http.client
import logging
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from datetime import datetime, timedelta
from typing import Any
from urllib.error import URLError

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy import Connection, Engine, event
from sqlmodel import Session

from bot import pacing, wallclock
from bot.pacing import ChannelPacer
from bot.team_clients import TeamClients, client_for, workspace_gone
from domain.schedule import utc_to_local
from handlers.scheduled import has_follow_up, render, renderer, run_follow_up, web_api_call
from locales import LANGUAGES, N_, Translator, language_for, translator
from storage import reminders, teams
from storage.db import IMMEDIATE_OPTION, session_scope
from storage.models import Reminder

logger = logging.getLogger(__name__)

EVENT_TYPE = "partnerdesk_reminder"  # Slack message metadata: {"reminder_id": <id>}
REPORT_KIND = "delivery_report"
THREAD_KIND = "thread_reply"  # the next part of a long message, in its thread
THREAD_REPLY_INTERVAL = pacing.INTERVAL  # seconds between thread replies in one channel

DEFAULT_BATCH_SIZE = 100  # a batch is one claim and one commit; its posts overlap the next claim
DEFAULT_CONCURRENCY = 16  # Web API calls in flight at once, each to a channel of its own
DEFAULT_LEASE_SECONDS = 300.0
DEFAULT_HTTP_TIMEOUT = 10.0
LATE_GRACE = reminders.LATE_GRACE
MAX_ATTEMPTS = 5
BACKOFF = timedelta(minutes=1)  # after failure n: BACKOFF * 2**(n-1) → 1, 2, 4, 8 minutes
DEFAULT_RETRY_AFTER_SECONDS = 30  # a 429 without a (readable) Retry-After header
# The history is searched from a little before the attempt began: our clock and Slack's
# may disagree by that much.
HISTORY_MARGIN = timedelta(minutes=2)
HISTORY_PAGE_SIZE = 200
HISTORY_MAX_PAGES = 25  # 5,000 messages since the attempt; more than that: uncertain

# Errors that another attempt cannot fix: the reminder fails at once and is reported.
PERMANENT_ERRORS = frozenset(
    {
        "channel_not_found",
        "is_archived",
        "msg_too_long",
        "no_text",
        "invalid_blocks",
        "invalid_blocks_format",
        "invalid_arguments",
        "too_many_attachments",
        "invalid_metadata_format",
        "invalid_metadata_schema",
        "no_channel",
        "message_not_found",
        "cant_update_message",
        "edit_window_closed",
    }
)
# Errors that say the channel is the problem: the report goes to the owner instead.
CHANNEL_ERRORS = frozenset(
    {
        "channel_not_found",
        "is_archived",
        "not_in_channel",
        "restricted_action",
        "restricted_action_read_only_channel",
        "restricted_action_thread_only_channel",
        "restricted_action_non_threadable_channel",
        "team_access_not_granted",
        "cannot_reply_to_message",
        "no_channel",
    }
)

# What a report calls the reminder it is about, by kind.
KIND_LABELS = {
    "approval_reminder": N_("an approval reminder"),
    "approval_escalation": N_("an approval escalation"),
    "roadmap_week": N_("a weekly roadmap reminder"),
    "roadmap_overdue": N_("a reminder about overdue milestones"),
    "digest": N_("the weekly digest"),
    THREAD_KIND: N_("the continuation of a message in its thread"),
}
DEFAULT_KIND_LABEL = N_("a scheduled message")


@dataclass
class SweepReport:
    """What one sweep did, row by row."""

    sent: int = 0  # posted in this sweep
    late: int = 0  # of the delivered (sent or recovered), those marked late
    recovered: int = 0  # found in Slack's history after a cut-off attempt: not posted again
    retried: int = 0  # failed, to be tried again after a backoff
    rate_limited: int = 0  # postponed for Retry-After (not a failure)
    failed: int = 0  # given up and reported
    uncertain: int = 0  # may have been delivered, could not tell: reported, not resent
    skipped: int = 0  # the renderer had nothing to say any more
    released: int = 0  # handed back unattempted (the clock is stopping, a lease was lost)

    def __add__(self, other: SweepReport) -> SweepReport:
        return SweepReport(
            **{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)}
        )

    @property
    def handled(self) -> int:
        return sum(getattr(self, f.name) for f in fields(self)) - self.late


def delivery_client(
    token: str | None, base_url: str, *, timeout: float = DEFAULT_HTTP_TIMEOUT
) -> WebClient:
    """The WebClient the sweep posts with: no automatic retries (a retried post after a
    lost connection could repeat a message; the sweep settles those itself), and a bounded
    timeout, which the lease is renewed against."""
    return WebClient(token=token, base_url=base_url, timeout=timeout, retry_handlers=[])


def metadata_for(reminder_id: int) -> dict[str, Any]:
    """The Slack message metadata that marks a message as the delivery of a reminder."""
    return {"event_type": EVENT_TYPE, "event_payload": {"reminder_id": reminder_id}}


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
    default_locale: str = "nl",
    timezone: str = "Europe/Amsterdam",
    stop: threading.Event | None = None,
    wall_clock: Callable[[], datetime] | None = None,
    timer: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], Any] | None = None,
    pacer: ChannelPacer | None = None,
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
    timer and sleep).
    """
    if now.tzinfo is None:
        raise ValueError("sweep needs an aware `now`")
    run = _Sweep(
        engine=engine,
        client=client,
        worker_id=worker_id,
        start=now,
        lease=timedelta(seconds=lease_seconds),
        late_grace=late_grace,
        max_attempts=max_attempts,
        backoff=backoff,
        default_locale=default_locale,
        timezone=timezone,
        stop=stop or threading.Event(),
        wall_clock=wall_clock or wallclock.utcnow,
        timer=timer,
    )
    run.pacer = pacer or ChannelPacer(timer=timer, sleep=sleep or run.stop.wait)
    run.pool = ThreadPoolExecutor(max(1, concurrency), thread_name_prefix="delivery")
    try:
        _sweep_batches(run, batch_size, lease_seconds, limit)
    finally:
        run.pool.shutdown(wait=True)
    if run.report.handled:
        logger.info("sweep by %s: %s", worker_id, run.report)
    return run.report


def _sweep_batches(run: _Sweep, batch_size: int, lease_seconds: float, limit: int | None) -> None:
    """Claim and render the next batch while the current one's lanes post; write a batch's
    outcomes once its lanes are done, while the next batch's lanes post. Lanes of two
    batches never run at once, so each channel keeps its order and pace."""
    claimed = 0
    posting: _Batch | None = None
    try:
        while True:
            rows: list[Reminder] = []
            size = batch_size if limit is None else min(batch_size, limit - claimed)
            if size > 0 and not run.stop.is_set():
                with session_scope(run.engine, immediate=True) as session:
                    rows = reminders.claim_due(
                        session,
                        now=run.now(),
                        worker_id=run.worker_id,
                        lease_seconds=lease_seconds,
                        limit=size,
                        late_grace=run.late_grace,
                        wall_now=run.wall_clock(),
                    )
                claimed += len(rows)
            following = run.prepare(rows) if rows else None
            wrote = posting is not None
            if posting is not None:
                run.wait(posting)
                if following is not None:
                    run.post(following)
                run.write(posting)
                posting, following = following, None
            if following is not None:
                run.post(following)
                posting = following
            if posting is None and not wrote:
                break  # nothing due, and nothing written that could have made more due
    finally:
        if posting is not None and posting.futures:
            for future in posting.futures:  # let the lanes end before the pool does
                future.exception()
        run.close()


# -- one sweep ---------------------------------------------------------------------------

_NOT_THERE = object()  # the history was read, and the reminder is not in it


class _HistoryUnavailable(Exception):
    """The channel's history cannot tell whether a message is there."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


class _RateLimited(Exception):
    def __init__(self, retry_after: float) -> None:
        super().__init__(retry_after)
        self.retry_after = retry_after


@dataclass
class _Outcome:
    """How a failed Slack call ended, as the retry policy needs it."""

    error: str  # for the row's last_error and the logs
    code: str | None = None  # Slack's error code, shown in reports
    delivered_unknown: bool = False  # no answer: the post may have gone through
    permanent: bool = False
    retry_after: float | None = None  # rate limited


@dataclass
class _Plan:
    """A rendered row, ready to go to Slack (no database needed any more)."""

    method: str  # chat.postMessage or chat.update
    args: dict[str, Any]
    thread: list[dict[str, Any]]  # replies, once this message is in Slack
    channel: str
    thread_ts: str | None
    writes: bool = False  # its renderer writes: run it again with the delivery's commit


@dataclass
class _Result:
    """What an attempt leaves to write: `commit` writes the row's new state in the session
    the row was rendered in (with what the renderer wrote), or `follow_up` records what
    happened instead, after that session rolled back."""

    commit: Callable[[Session], None] | None = None
    follow_up: Callable[[], None] | None = None
    sent: tuple[Reminder, str | None] | None = None  # posted, nothing more: marked in bulk


@dataclass
class _Batch:
    """One claimed batch on its way: rendered, posted in lanes, its outcomes written."""

    rows: list[Reminder]
    held: set[int]  # the rows this worker still holds (a lease renewal may drop some)
    lease_until: datetime | None
    lease_lock: threading.Lock = field(default_factory=threading.Lock)
    lanes: list[list[tuple[Reminder, _Plan]]] = field(default_factory=list)
    results: list[_Result] = field(default_factory=list)
    futures: list[Future] = field(default_factory=list)
    # (team_id, channel, thread_ts) -> (since, reminder id -> ts), read once per batch
    history: dict[tuple[str, str | None], tuple[datetime, dict[int, str]]] = field(
        default_factory=dict
    )


@dataclass
class _Sweep:
    engine: Engine
    client: WebClient | TeamClients  # TeamClients: each team's own token (many workspaces)
    worker_id: str
    start: datetime
    lease: timedelta
    late_grace: timedelta
    max_attempts: int
    backoff: timedelta
    default_locale: str
    timezone: str
    stop: threading.Event
    wall_clock: Callable[[], datetime]
    timer: Callable[[], float]
    report: SweepReport = field(default_factory=SweepReport)
    # (method, channel) -> until when Slack asked us to wait (Retry-After)
    blocked: dict[tuple[str, str], datetime] = field(default_factory=dict)
    pacer: ChannelPacer | None = None
    pool: ThreadPoolExecutor | None = None
    _started: float = 0.0
    _connection: Connection | None = None
    _batch_session: Session | None = None  # the batch's write transaction, while it is open
    _wrote: bool = False  # a statement that writes ran on the connection (renderer check)

    def __post_init__(self) -> None:
        self._started = self.timer()

    def _conn(self) -> Connection:
        """The batch's connection: no pool check-out per row, and `BEGIN IMMEDIATE` on
        SQLite, as for claims (a row's transaction reads, then writes)."""
        if self._connection is None:
            immediate = self.engine.execution_options(**{IMMEDIATE_OPTION: True})
            self._connection = immediate.connect()
            event.listen(self._connection, "before_cursor_execute", self._note_statement)
        return self._connection

    def _note_statement(self, _conn, _cursor, statement: str, *_args: Any) -> None:  # noqa: ANN001
        if statement.lstrip()[:6].upper() in ("INSERT", "UPDATE", "DELETE"):
            self._wrote = True

    @contextmanager
    def _write(self) -> Iterator[Session]:
        """One short write transaction (a row's new state) on the batch's connection; while
        the batch's results are written, that one transaction instead (committed once)."""
        if self._batch_session is not None:
            yield self._batch_session
            return
        with Session(bind=self._conn(), expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def now(self) -> datetime:
        return self.start + timedelta(seconds=self.timer() - self._started)

    # -- a batch -------------------------------------------------------------------------
    def prepare(self, rows: list[Reminder]) -> _Batch:
        """Render a claimed batch's rows (one at a time: renderers read the database) and
        sort them into channel lanes; no Slack call yet."""
        batch = _Batch(rows, held={row.id for row in rows}, lease_until=rows[0].lease_until)
        lanes: dict[str, list[tuple[Reminder, _Plan]]] = {}
        for row in rows:
            prepared = self._prepare(row)
            if isinstance(prepared, _Plan):
                lanes.setdefault(prepared.channel, []).append((row, prepared))
            else:
                batch.results.append(prepared)
        # The longest lanes first: the batch lasts as long as its slowest channel.
        batch.lanes = sorted(lanes.values(), key=len, reverse=True)
        return batch

    def post(self, batch: _Batch) -> None:
        """Start the batch's lanes (at once, each channel's rows in order, at its pace)."""
        assert self.pool is not None
        batch.futures = [self.pool.submit(self._lane, batch, lane) for lane in batch.lanes]

    def wait(self, batch: _Batch) -> None:
        for future in batch.futures:
            batch.results.extend(future.result())
        batch.futures = []

    def write(self, batch: _Batch) -> None:
        """Every outcome of the batch's lanes in one transaction (one commit). A kill
        before it leaves the rows claimed, with the claim's `attempt_started_at` from before
        any of their posts: whoever takes them over looks for them in the history first and
        marks the ones it finds sent."""
        with Session(bind=self._conn(), expire_on_commit=False) as session:
            self._batch_session = session
            try:
                sent = [r.sent for r in batch.results if r.sent is not None]
                if sent:
                    self._mark_sent_many(session, sent)
                for result in batch.results:
                    if result.commit is not None:
                        result.commit(session)
                    elif result.follow_up is not None:
                        result.follow_up()
                session.commit()
            except BaseException:
                session.rollback()
                raise
            finally:
                self._batch_session = None
        batch.results = []

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def _prepare(self, row: Reminder) -> _Plan | _Result:
        """Render a row in a transaction that is rolled back: its plan, or its outcome
        (skipped, failed to render). A renderer that writes (the digest schedules the weeks
        ahead, an approval's expiry its audit trail) is run again in the batch's commit,
        only for rows delivered (`_rewrite`), so that what it writes commits with the
        delivery and never without it."""
        self._wrote = False
        session = Session(bind=self._conn(), expire_on_commit=False)
        try:
            try:
                message = render(session, row)
                session.flush()
            except Exception as error:  # noqa: BLE001 - a renderer's bug is this row's failure
                return self._render_failed(row, error)
            writes = self._wrote
        finally:
            session.rollback()
            session.close()
        if message is None:
            return _Result(commit=lambda s: self._skip(s, row, rewrite=writes))
        plan = self._plan(row, message)
        if isinstance(plan, _Plan):
            plan.writes = writes
        return plan

    def _rewrite(self, session: Session, row: Reminder) -> None:
        """What the row's renderer writes, in the batch's commit (its first run, before the
        post, was rolled back). Its message is already in Slack: a failure here is logged,
        and the delivery still counts."""
        try:
            with session.begin_nested():
                render(session, row)
        except Exception:  # noqa: BLE001 - the message went out; keep its mark
            logger.exception("reminder %s: renderer for %r failed after delivery", row.id, row.kind)

    def _plan(self, row: Reminder, message: dict[str, Any]) -> _Plan | _Result:
        method, args = web_api_call(row, message)
        args.pop("metadata", None)  # the reminder id is ours to set
        thread = args.pop("thread", None) or []
        channel = args.get("channel")
        if not channel:
            outcome = _Outcome(error="no_channel", code="no_channel", permanent=True)
            return _Result(follow_up=lambda: self._after_failure(row, outcome))
        return _Plan(method, args, thread, channel, args.get("thread_ts"))

    def _render_failed(self, row: Reminder, error: Exception) -> _Result:
        logger.exception("reminder %s: renderer for %r failed", row.id, row.kind)
        permanent = isinstance(error, KeyError) and row.kind not in _renderer_kinds()
        outcome = _Outcome(error=f"render_error: {type(error).__name__}", permanent=permanent)
        # Nothing was posted in this attempt; an earlier unsettled one stays unsettled,
        # and without a message there is no channel to look in: at the end, uncertain.
        unsettled = self._earlier_unsettled(row)
        return _Result(
            follow_up=lambda: self._after_failure(
                row, outcome, unsettled=unsettled, can_verify=False
            )
        )

    def _skip(self, session: Session, row: Reminder, *, rewrite: bool = False) -> None:
        if rewrite:
            self._rewrite(session, row)
        note = "skipped: nothing to say any more"
        if row.needs_check:  # moot now, so neither looked for nor reported
            note += " (an earlier attempt may have been delivered)"
        reminders.mark_skipped(session, reminder_id=row.id, worker_id=self.worker_id, note=note)
        self.report.skipped += 1

    def _lane(self, batch: _Batch, lane: list[tuple[Reminder, _Plan]]) -> list[_Result]:
        """One channel's rows, in order (in a pool thread; no database here but the lease)."""
        results: list[_Result] = []
        for index, (row, plan) in enumerate(lane):
            if self.stop.is_set():
                rest = [r for r, _ in lane[index:]]
                release = lambda rest=rest: self._release_all(rest, batch.held)  # noqa: E731
                results.append(_Result(follow_up=release))
                break
            self._renew_lease(batch)
            if row.id not in batch.held:
                results.append(_Result(follow_up=self._count_released))
                continue
            row_started = self.wall_clock()
            try:
                results.append(self._send(row, plan, batch))
            except Exception:  # noqa: BLE001 - one bad row must not stop the sweep
                # Where it broke is unknown (after the post, even): treat it as maybe sent.
                logger.exception("reminder %s: delivery failed unexpectedly", row.id)
                unsettled = self._earlier_unsettled(row) or row_started
                outcome = _Outcome(error="internal_error")
                results.append(
                    _Result(
                        follow_up=lambda r=row, u=unsettled, o=outcome: self._after_failure(
                            r, o, unsettled=u
                        )
                    )
                )
        return results

    def _count_released(self) -> None:
        self.report.released += 1

    def _renew_lease(self, batch: _Batch) -> None:
        """Renew the batch's lease before a post could outlive it (the check is cheap); the
        first lane to see it due renews it for all, in a transaction and on a connection
        of its own (the previous batch's outcomes may be being written meanwhile)."""
        with batch.lease_lock:
            until = batch.lease_until
            if until is None or until - self.now() >= self._renew_margin():
                return
            batch.lease_until = self.now() + self.lease
            with session_scope(self.engine) as session:
                held = reminders.renew_leases(
                    session,
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

    def _release_all(self, rows: list[Reminder], held: set[int]) -> None:
        with self._write() as session:
            for row in rows:
                if row.id in held:
                    reminders.release(
                        session,
                        reminder_id=row.id,
                        worker_id=self.worker_id,
                        not_before=row.next_attempt_at,
                    )
        self.report.released += len(rows)

    # -- a row ---------------------------------------------------------------------------
    def _send(self, row: Reminder, plan: _Plan, batch: _Batch) -> _Result:
        """Post (or update) one rendered row, after looking for an earlier cut-off attempt
        in the history; what to write about it."""
        channel, thread_ts = plan.channel, plan.thread_ts
        # A chat.update (a message that replaces its earlier self) is the same however often
        # it is made: no metadata of ours on someone else's message, and nothing to look for.
        update = plan.method == "chat.update"
        until = self._blocked_until(plan.method, channel)
        if until is not None:
            return _Result(follow_up=lambda: self._postpone(row, until))
        if row.needs_check and not update:
            found = self._settle_by_history(row, channel, thread_ts, batch.history)
            if isinstance(found, _Result):
                return found
            if found is not _NOT_THERE:
                return self._sent(row, plan, found, recovered=True)
        assert self.pacer is not None
        self.pacer.wait_turn(channel, spaced=row.kind == THREAD_KIND)
        if self.stop.is_set():
            return _Result(follow_up=lambda: self._release_all([row], batch.held))
        attempt_started = self.wall_clock()
        try:
            if update:
                response = client_for(self.client, row.team_id).chat_update(**plan.args)
            else:
                response = client_for(self.client, row.team_id).chat_postMessage(
                    **plan.args, metadata=metadata_for(row.id)
                )
        except Exception as error:  # noqa: BLE001 - classified below
            outcome = _classify(error)
            if outcome.retry_after is not None:
                return self._rate_limited(row, plan.method, channel, outcome.retry_after)
            if not isinstance(error, (SlackApiError, *_NETWORK_ERRORS)):
                logger.exception("reminder %s: %s raised", row.id, plan.method)
            unsettled = attempt_started if outcome.delivered_unknown and not update else None
            return _Result(follow_up=lambda: self._after_failure(row, outcome, unsettled=unsettled))
        self.pacer.posted(channel)
        ts = response.get("ts")
        if not update and has_follow_up(row.kind):
            # What follows the message (a digest's chart) is sent where the row is marked
            # sent, after Slack has the message and never without it.
            def commit(session: Session) -> None:
                if plan.writes:
                    self._rewrite(session, row)
                self._mark_sent(session, row, ts, recovered=False, thread=plan.thread)
                run_follow_up(session, row, ts, client_for(self.client, row.team_id))

            return _Result(commit=commit)
        return self._sent(row, plan, ts, recovered=False)

    def _sent(self, row: Reminder, plan: _Plan, ts: str | None, *, recovered: bool) -> _Result:
        """A row that is in Slack: marked sent in bulk, or on its own when its renderer
        writes or a reply must follow it."""
        if not (plan.writes or plan.thread or recovered):
            return _Result(sent=(row, ts))

        def commit(session: Session) -> None:
            if plan.writes:
                self._rewrite(session, row)
            self._mark_sent(session, row, ts, recovered=recovered, thread=plan.thread)

        return _Result(commit=commit)

    def _earlier_unsettled(self, row: Reminder) -> datetime | None:
        return row.attempt_started_at if row.needs_check else None

    def _blocked_until(self, method: str, channel: str) -> datetime | None:
        """Until when Slack asked us to wait before calling `method` in the channel (None:
        it did not, or that time has passed)."""
        until = self.blocked.get((method, channel))
        if until is not None and until <= self.now():  # Retry-After has passed: send again
            self.blocked.pop((method, channel), None)
            return None
        return until

    def _postpone(self, row: Reminder, until: datetime) -> None:
        with self._write() as session:
            reminders.release(
                session, reminder_id=row.id, worker_id=self.worker_id, not_before=until
            )
        self.report.rate_limited += 1

    def _rate_limited(
        self, row: Reminder, method: str, channel: str, retry_after: float
    ) -> _Result:
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
        return _Result(follow_up=lambda: self._postpone(row, until))

    def _mark_sent(
        self,
        session: Session,
        row: Reminder,
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

    def _mark_sent_many(self, session: Session, sent: list[tuple[Reminder, str | None]]) -> None:
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
        self, session: Session, row: Reminder, ts: str, thread: list[dict[str, Any]]
    ) -> None:
        """The first of `thread` as a reply to the message just sent (or in the thread it is
        in), carrying the rest: scheduled with the message's own new state."""
        reminders.schedule(
            session=session,
            team_id=row.team_id,
            kind=THREAD_KIND,
            dedupe_key=f"{THREAD_KIND}:{row.id}",
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

    # -- recovery ------------------------------------------------------------------------
    def _settle_by_history(
        self, row: Reminder, channel: str, thread_ts: str | None, history: dict
    ) -> str | None | object | _Result:
        """Look for an earlier, cut-off attempt in the channel: the ts it was found with (it
        is there: mark it sent), `_NOT_THERE` (post it), or what to do instead."""
        since = (row.attempt_started_at or self.wall_clock()) - HISTORY_MARGIN
        method = "conversations.replies" if thread_ts else "conversations.history"
        until = self._blocked_until(method, channel)
        if until is not None:
            return _Result(follow_up=lambda: self._postpone(row, until))
        try:
            found = self._history(row.team_id, channel, thread_ts, since, history)
        except _RateLimited as limited:
            return self._rate_limited(row, method, channel, limited.retry_after)
        except _HistoryUnavailable as unavailable:
            logger.warning(
                "reminder %s: an attempt was cut off and %s's history cannot be read (%s)",
                row.id,
                channel,
                unavailable.code,
            )
            code = unavailable.code
            return _Result(
                follow_up=lambda: self._give_up(row, reminders.UNCERTAIN, code, attempt=False)
            )
        except Exception as error:  # noqa: BLE001 - transient: look again later
            outcome = _classify(error)
            if row.attempts + 1 >= self.max_attempts:
                error_code = outcome.code or outcome.error
                return _Result(
                    follow_up=lambda: self._give_up(row, reminders.UNCERTAIN, error_code, True)
                )
            unsettled = row.attempt_started_at
            return _Result(follow_up=lambda: self._after_failure(row, outcome, unsettled=unsettled))
        if row.id in found:
            logger.info("reminder %s: found in %s's history; not sending it again", row.id, channel)
            return found[row.id]
        if row.attempts >= self.max_attempts:
            last = row.last_error or "gave_up"
            return _Result(
                follow_up=lambda: self._give_up(row, reminders.FAILED, last, attempt=False)
            )
        return _NOT_THERE

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
                _raise_for_history(error)
                raise
            for message in answer.get("messages") or []:
                reminder_id = _reminder_id(message)
                if reminder_id is not None:
                    found.setdefault(reminder_id, message.get("ts"))
            cursor = (answer.get("response_metadata") or {}).get("next_cursor")
            if not cursor:
                break
        else:
            raise _HistoryUnavailable("history_too_long")
        cache[key] = (since, found)
        return found

    def _conversation_id(self, client: WebClient, channel: str) -> str:
        """chat.postMessage takes a user id for a DM; the history needs the DM's id."""
        if channel[:1] not in ("U", "W"):
            return channel
        try:
            answer = client.conversations_open(users=channel)
        except SlackApiError as error:
            _raise_for_history(error)
            raise
        return answer["channel"]["id"]

    # -- failure ---------------------------------------------------------------------------
    def _after_failure(
        self,
        row: Reminder,
        outcome: _Outcome,
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
            with self._write() as session:
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
        with self._write() as session:
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

    def _give_up(self, row: Reminder, state: str, error: str, attempt: bool) -> None:
        with self._write() as session:
            given_up = reminders.give_up(
                session,
                reminder_id=row.id,
                worker_id=self.worker_id,
                state=state,
                error=error,
                attempt=attempt,
            )
            if given_up is not None:
                self._schedule_report(session, given_up, state, error)
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

    def _schedule_report(self, session: Session, row: Reminder, state: str, error: str) -> None:
        """Tell the channel (or the owner, when the channel is the problem) in a reminder of
        its own, scheduled in the same transaction as the state it reports."""
        if row.kind == REPORT_KIND:
            return  # a report that cannot be delivered is logged, not reported
        owner = row.payload.get("owner_id") or row.payload.get("user_id")
        channel_trouble = error in CHANNEL_ERRORS or not row.channel_id
        target = owner if (channel_trouble and owner) else row.channel_id
        if not target:
            logger.error("reminder %s: %s, and there is nobody to tell", row.id, state)
            return
        reminders.schedule(
            session=session,
            team_id=row.team_id,
            kind=REPORT_KIND,
            dedupe_key=f"{REPORT_KIND}:{row.id}:{state}",
            due_at=self.now(),
            now=self.now(),
            channel_id=target,
            thread_ts=row.thread_ts if target == row.channel_id else None,
            subject_id=row.id,
            payload={
                "reminder_id": row.id,
                "state": state,
                "kind": row.kind,
                "due_at": row.due_at.isoformat(),
                "channel_id": row.channel_id,
                "error": error if _is_slack_code(error) else None,
                "attempts": row.attempts,
                "default_locale": self.default_locale,
                "timezone": self.timezone,
            },
        )


# -- Slack's answers -----------------------------------------------------------------------

_NETWORK_ERRORS = (URLError, OSError, http.client.HTTPException)


def _classify(error: Exception) -> _Outcome:
    if isinstance(error, SlackApiError):
        response = error.response
        status = getattr(response, "status_code", 200)
        code = str(response.get("error") or "unknown_error") if response is not None else ""
        if status == 429 or code == "ratelimited":
            return _Outcome(error="ratelimited", code=code, retry_after=_retry_after(response))
        if status >= 500:
            # Slack's edge failed: the message may or may not have been posted.
            return _Outcome(error=f"http_{status}", delivered_unknown=True)
        return _Outcome(error=code, code=code, permanent=code in PERMANENT_ERRORS)
    if isinstance(error, URLError) and isinstance(error.reason, ConnectionRefusedError):
        return _Outcome(error="connection_refused")  # nothing reached Slack
    if isinstance(error, ConnectionRefusedError):
        return _Outcome(error="connection_refused")
    if isinstance(error, _NETWORK_ERRORS):
        # Sent, but no answer came: the post may have gone through.
        return _Outcome(error=f"network: {type(error).__name__}", delivered_unknown=True)
    return _Outcome(error=f"internal: {type(error).__name__}")


def _retry_after(response: Any) -> float:
    headers = getattr(response, "headers", None) or {}
    for name, value in headers.items():
        if name.lower() == "retry-after":
            try:
                return max(1.0, float(value))
            except (TypeError, ValueError):
                break
    return float(DEFAULT_RETRY_AFTER_SECONDS)


def _raise_for_history(error: SlackApiError) -> None:
    """Turn a history call's error into rate limited / unavailable; transient ones pass."""
    outcome = _classify(error)
    if outcome.retry_after is not None:
        raise _RateLimited(outcome.retry_after) from error
    if outcome.code:
        raise _HistoryUnavailable(outcome.code) from error


def _reminder_id(message: dict[str, Any]) -> int | None:
    metadata = message.get("metadata") or {}
    if metadata.get("event_type") != EVENT_TYPE:
        return None
    try:
        return int((metadata.get("event_payload") or {}).get("reminder_id"))
    except (TypeError, ValueError):
        return None


def _is_slack_code(error: str) -> bool:
    return bool(error) and error.replace("_", "").isalnum() and error.islower()


def _renderer_kinds() -> set[str]:
    from handlers.scheduled import RENDERERS

    return set(RENDERERS)


# -- the rest of a long message ------------------------------------------------------------


@renderer(THREAD_KIND)
def render_thread_reply(_session: Session, reminder: Reminder) -> dict[str, Any] | None:
    """The next part of a long message; the parts after it ride along (`thread`)."""
    message = dict(reminder.payload.get("message") or {})
    rest = reminder.payload.get("thread") or []
    if rest:
        message["thread"] = rest
    return message or None


# -- the report ----------------------------------------------------------------------------


@renderer(REPORT_KIND)
def render_delivery_report(session: Session, reminder: Reminder) -> dict[str, Any]:
    """The message that tells a channel (or an owner) about a reminder we gave up on."""
    payload = reminder.payload
    team = teams.get_settings(session=session, team_id=reminder.team_id)
    language = team.default_locale if team else payload.get("default_locale", "nl")
    zone = team.timezone if team else payload.get("timezone", "Europe/Amsterdam")
    target = reminder.channel_id or ""
    if target[:1] in ("U", "W"):  # a DM: the owner's own language when we know it
        preference = teams.get_user_preference(
            session=session, team_id=reminder.team_id, user_id=target
        )
        if preference is not None:
            language = preference.locale or language_for(preference.slack_locale, language)
    t = translator(language if language in LANGUAGES else LANGUAGES[0])
    return {"text": report_text(t, payload, zone)}


def report_text(t: Translator, payload: dict[str, Any], timezone: str) -> str:
    """A failed or uncertain delivery, in words (pure: the tests read it in both languages)."""
    what = t.gettext(KIND_LABELS.get(payload.get("kind", ""), DEFAULT_KIND_LABEL))
    due_at = datetime.fromisoformat(payload["due_at"])
    when = t.datetime(utc_to_local(due_at, timezone))
    channel = payload.get("channel_id") or ""
    if channel[:1] in ("C", "G"):
        where = t.gettext("in <#{channel}>").format(channel=channel)
    else:
        where = t.gettext("in a direct message")
    error = payload.get("error")
    attempts = int(payload.get("attempts") or 0)
    if payload.get("state") == reminders.UNCERTAIN:
        parts = [
            t.gettext(
                ":grey_question: I don't know whether {what} (due {when}) arrived {where}: "
                "sending it was cut off before Slack answered, and I could not check the "
                "conversation's history."
            ).format(what=what, when=when, where=where),
        ]
        if error:
            parts.append(t.gettext("Slack answered `{error}`.").format(error=error))
        parts.append(
            t.gettext("I won't send it again by myself: please check whether it is there.")
        )
        return " ".join(parts)
    parts = [
        t.gettext(":warning: I couldn't deliver {what} (due {when}) {where}.").format(
            what=what, when=when, where=where
        )
    ]
    if error:
        parts.append(t.gettext("Slack answered `{error}`.").format(error=error))
    parts.append(
        t.ngettext(
            "I tried once and have stopped: please pass it on yourself.",
            "I tried {n} times and have stopped: please pass it on yourself.",
            attempts,
        ).format(n=attempts)
    )
    return " ".join(parts)
