"""One sweep's state, shared by its parts: the rows on their way (plans, results, batches),
what Slack asked us to wait for, and the sweep's own clock."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from slack_sdk import WebClient
from sqlmodel import Session

from bot.delivery.reports import SweepReport
from bot.pacing import ChannelPacer
from bot.team_clients import TeamClients
from handlers.scheduled import ScheduledKinds
from storage import reminder_claims
from storage.reminder_claims import ClaimedReminder
from storage.sweep_sessions import SweepSessions

DEFAULT_BATCH_SIZE = 100  # a batch is one claim and one commit; its posts overlap the next claim
DEFAULT_CONCURRENCY = 16  # Web API calls in flight at once, each to a channel of its own
DEFAULT_LEASE_SECONDS = 300.0
LATE_GRACE = reminder_claims.LATE_GRACE
MAX_ATTEMPTS = 5
BACKOFF = timedelta(minutes=1)  # after failure n: BACKOFF * 2**(n-1) → 1, 2, 4, 8 minutes


@dataclass
class Plan:
    """A rendered row, ready to go to Slack (no database needed any more)."""

    method: str  # chat.postMessage or chat.update
    args: dict[str, Any]
    thread: list[dict[str, Any]]  # replies, once this message is in Slack
    channel: str
    thread_ts: str | None
    writes: bool = False  # its renderer writes: run it again with the delivery's commit


@dataclass
class Result:
    """What an attempt leaves to write: `commit` writes the row's new state in the session
    the row was rendered in (with what the renderer wrote), or `follow_up` records what
    happened instead, after that session rolled back."""

    commit: Callable[[Session], None] | None = None
    follow_up: Callable[[], None] | None = None
    sent: tuple[ClaimedReminder, str | None] | None = None  # posted, nothing more: marked in bulk


@dataclass
class Batch:
    """One claimed batch on its way: rendered, posted in lanes, its outcomes written."""

    rows: list[ClaimedReminder]
    held: set[int]  # the rows this worker still holds (a lease renewal may drop some)
    lease_until: datetime | None
    lease_lock: threading.Lock = field(default_factory=threading.Lock)
    lanes: list[list[tuple[ClaimedReminder, Plan]]] = field(default_factory=list)
    results: list[Result] = field(default_factory=list)
    futures: list[Future] = field(default_factory=list)
    channel_lanes: dict[str, Future] = field(default_factory=dict)  # channel -> its lane, posting
    # (team_id, channel, thread_ts) -> (since, reminder id -> ts), read once per batch
    history: dict[tuple[str, str | None], tuple[datetime, dict[int, str]]] = field(
        default_factory=dict
    )


@dataclass
class SweepRun:
    """What every part of a sweep reads: its settings, its connection to the database
    (`sessions`: storage keeps the transactions), Slack's client, and its clock."""

    sessions: SweepSessions
    client: WebClient | TeamClients  # TeamClients: each team's own token (many workspaces)
    kinds: ScheduledKinds
    pacer: ChannelPacer
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
    pool: ThreadPoolExecutor | None = None
    slots: list[datetime] = field(default_factory=list)  # of the rows handed back to wait
    slots_lock: threading.Lock = field(default_factory=threading.Lock)
    claimed_at: datetime = datetime.min.replace(tzinfo=UTC)  # the `now` of the last claim
    _started: float = 0.0

    def __post_init__(self) -> None:
        self._started = self.timer()

    def now(self) -> datetime:
        return self.start + timedelta(seconds=self.timer() - self._started)

    def _blocked_until(self, method: str, channel: str) -> datetime | None:
        """Until when Slack asked us to wait before calling `method` in the channel (None:
        it did not, or that time has passed)."""
        until = self.blocked.get((method, channel))
        if until is not None and until <= self.now():  # Retry-After has passed: send again
            self.blocked.pop((method, channel), None)
            return None
        return until

    def _earlier_unsettled(self, row: ClaimedReminder) -> datetime | None:
        return row.attempt_started_at if row.needs_check else None
