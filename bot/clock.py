"""The clock process: APScheduler with in-memory jobs only.

The durable state of scheduled work lives in our own tables, so that two clock processes
or a restart never lose or repeat it; APScheduler only decides *when* to look (its own job
stores must not be shared between processes, so none is used). One job sweeps due
reminders (bot/delivery/) at start and then every CLOCK_SWEEP_SECONDS; a sweep
delivers everything due before it returns, and a run that comes while one is still going
does nothing. What renders each kind of reminder is the list in bot/wiring.py, passed to
every sweep (no surface is imported for its side effects).

Environment (besides the common settings; invalid values stop the clock with exit 2):
- CLOCK_SWEEP_SECONDS (default 15): seconds between sweeps.
- CLOCK_BATCH_SIZE (default 100): rows claimed per transaction (and whose outcomes are
  written in one).
- CLOCK_CONCURRENCY (default 16, at most 64): channels posted to at once; one channel's
  messages still go one at a time, in order, at Slack's pace (about one a second).
- CLOCK_LEASE_SECONDS (default 300): how long a claim holds before another clock may take
  the row over (after looking for it in the channel's history). The HTTP timeout is a
  quarter of it, at most 10 s.
"""

from __future__ import annotations

import logging
import math
import os
import signal
import socket
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from types import FrameType

from apscheduler.schedulers.blocking import BlockingScheduler
from slack_sdk import WebClient
from sqlalchemy import Engine

from bot import wallclock
from bot.config import ConfigError, Settings
from bot.delivery import (
    DEFAULT_BATCH_SIZE,
    DEFAULT_CONCURRENCY,
    DEFAULT_HTTP_TIMEOUT,
    DEFAULT_LEASE_SECONDS,
    delivery_client,
    sweep,
)
from bot.leaving import ERASE_EVERY_SECONDS, erase_departed
from bot.pacing import ChannelPacer
from bot.team_clients import TeamClients
from bot.wiring import SCHEDULED_KINDS
from handlers.home import publish_due
from handlers.scheduled import ScheduledKinds

logger = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 60
DEFAULT_SWEEP_SECONDS = 15.0
MAX_CONCURRENCY = 64  # more threads than this only queue at Slack's (and SQLite's) door
STOP_WAIT_SECONDS = 30.0  # how long a stopping clock waits for the sweep in progress


@dataclass(frozen=True)
class ClockOptions:
    sweep_seconds: float = DEFAULT_SWEEP_SECONDS
    batch_size: int = DEFAULT_BATCH_SIZE
    lease_seconds: float = DEFAULT_LEASE_SECONDS
    concurrency: int = DEFAULT_CONCURRENCY

    @property
    def http_timeout(self) -> float:
        """A post must end well within a lease: a quarter of it, at most 10 s."""
        return min(DEFAULT_HTTP_TIMEOUT, max(0.5, self.lease_seconds / 4))


def clock_options(environ: Mapping[str, str] | None = None) -> ClockOptions:
    """The clock's own settings from the environment (ConfigError names a bad one)."""
    environ = os.environ if environ is None else environ

    def number(name: str, default: float, low: float, expected: str) -> float:
        raw = (environ.get(name) or "").strip()
        if not raw:
            return default
        try:
            value = float(raw)
        except ValueError:
            raise ConfigError(name, expected) from None
        if not (math.isfinite(value) and value >= low):
            raise ConfigError(name, expected)
        return value

    lease = number("CLOCK_LEASE_SECONDS", DEFAULT_LEASE_SECONDS, 2, "seconds, at least 2")
    batch = number("CLOCK_BATCH_SIZE", DEFAULT_BATCH_SIZE, 1, "a whole number, at least 1")
    if batch != int(batch):
        raise ConfigError("CLOCK_BATCH_SIZE", "a whole number, at least 1")
    expected = f"a whole number from 1 to {MAX_CONCURRENCY}"
    concurrency = number("CLOCK_CONCURRENCY", DEFAULT_CONCURRENCY, 1, expected)
    if concurrency != int(concurrency) or concurrency > MAX_CONCURRENCY:
        raise ConfigError("CLOCK_CONCURRENCY", expected)
    return ClockOptions(
        sweep_seconds=number(
            "CLOCK_SWEEP_SECONDS", DEFAULT_SWEEP_SECONDS, 0.1, "seconds, at least 0.1"
        ),
        batch_size=int(batch),
        lease_seconds=lease,
        concurrency=int(concurrency),
    )


def worker_name() -> str:
    """This process's name on the rows it claims: host and pid (unique while it runs)."""
    return f"clock:{socket.gethostname()}:{os.getpid()}"[:64]


class _SweepJob:
    """The sweep as a scheduler job: one at a time, stoppable, never raising into APScheduler."""

    def __init__(
        self,
        settings: Settings,
        engine: Engine,
        client: WebClient | TeamClients,
        options: ClockOptions,
        stop: threading.Event,
        kinds: ScheduledKinds,
    ) -> None:
        self.settings = settings
        self.kinds = kinds
        self.engine = engine
        self.client = client
        self.options = options
        self.stop = stop
        self.worker_id = worker_name()
        self.running = threading.Lock()
        # Slack's pace per channel outlives a sweep: the next one must not burst where the
        # last one was answered 429.
        self.pacer = ChannelPacer(timer=time.monotonic, sleep=stop.wait)

    def __call__(self) -> None:
        if self.stop.is_set() or not self.running.acquire(blocking=False):
            return
        try:
            sweep(
                self.engine,
                self.client,
                now=wallclock.utcnow(),
                worker_id=self.worker_id,
                batch_size=self.options.batch_size,
                lease_seconds=self.options.lease_seconds,
                concurrency=self.options.concurrency,
                pacer=self.pacer,
                kinds=self.kinds,
                default_locale=self.settings.default_locale,
                timezone=self.settings.timezone,
                stop=self.stop,
            )
        except Exception:  # noqa: BLE001 - the next sweep tries again; claimed rows recover
            logger.exception("sweep failed; trying again in %ss", self.options.sweep_seconds)
        finally:
            self.running.release()


def build_scheduler(
    settings: Settings,
    engine: Engine,
    *,
    client: WebClient | TeamClients | None = None,
    options: ClockOptions | None = None,
    stop: threading.Event | None = None,
    kinds: ScheduledKinds | None = None,
) -> BlockingScheduler:
    """The scheduler with its jobs; its job store is the default in-memory one.

    The sweep job runs at once (what fell due while no clock ran goes out now, marked
    late) and then every `options.sweep_seconds`. `kinds`: what renders each kind of
    reminder (default: the list in bot/wiring.py).
    """
    return _build(settings, engine, client=client, options=options, stop=stop, kinds=kinds)[0]


def _build(
    settings: Settings,
    engine: Engine,
    *,
    client: WebClient | TeamClients | None,
    options: ClockOptions | None,
    stop: threading.Event | None,
    kinds: ScheduledKinds | None = None,
) -> tuple[BlockingScheduler, _SweepJob]:
    options = options or clock_options()
    if client is None and settings.multi_workspace:
        client = TeamClients(
            settings, engine, make_client=delivery_client, timeout=options.http_timeout
        )
    if client is None:
        if not settings.slack_bot_token:
            raise ConfigError("SLACK_BOT_TOKEN", "a bot token starting with xoxb-")
        client = delivery_client(
            settings.slack_bot_token, settings.slack_api_url, timeout=options.http_timeout
        )
    kinds = kinds or SCHEDULED_KINDS
    job = _SweepJob(settings, engine, client, options, stop or threading.Event(), kinds)
    scheduler = BlockingScheduler(timezone="UTC")
    scheduler.add_job(
        _heartbeat, "interval", seconds=HEARTBEAT_SECONDS, id="heartbeat", coalesce=True
    )
    scheduler.add_job(
        job,
        "interval",
        seconds=options.sweep_seconds,
        id="sweep",
        coalesce=True,
        # A run that comes while a long sweep is still going returns at once (the job's own
        # lock), instead of APScheduler warning that it skipped it.
        max_instances=2,
        misfire_grace_time=None,  # a late first run still runs
        next_run_time=wallclock.utcnow(),
    )
    # Home tabs whose content changed (storage/home.py), on the sweep's cadence.
    scheduler.add_job(
        _home_pass,
        "interval",
        args=(settings, engine, client),
        seconds=options.sweep_seconds,
        id="home",
        coalesce=True,
        max_instances=1,
        misfire_grace_time=None,
    )
    # Workspaces that left longer ago than the retention period (bot/leaving.py).
    scheduler.add_job(
        _erase_pass,
        "interval",
        args=(engine,),
        seconds=ERASE_EVERY_SECONDS,
        id="erase",
        coalesce=True,
        max_instances=1,
        misfire_grace_time=None,
        next_run_time=wallclock.utcnow(),
    )
    return scheduler, job


def _erase_pass(engine: Engine) -> None:
    try:
        erase_departed(engine, now=wallclock.utcnow())
    except Exception:  # noqa: BLE001 - the next pass tries again
        logger.exception("erase pass failed")


def _home_pass(settings: Settings, engine: Engine, client: WebClient | TeamClients) -> None:
    try:
        publish_due(
            engine,
            client,
            now=wallclock.utcnow(),
            default_locale=settings.default_locale,
            timezone=settings.timezone,
        )
    except Exception:  # noqa: BLE001 - the next pass tries again
        logger.exception("home pass failed")


def _heartbeat() -> None:
    logger.debug("clock alive")


def run_clock(settings: Settings, engine: Engine) -> None:
    """Run until SIGTERM or SIGINT, then stop cleanly: the sweep in progress stops after the
    message it is sending and hands back the rows it had not started."""
    stop = threading.Event()
    options = clock_options()
    scheduler, job = _build(settings, engine, client=None, options=options, stop=stop)
    if settings.log_level != "DEBUG":
        # APScheduler narrates every run at INFO; only its warnings matter here.
        logging.getLogger("apscheduler").setLevel(logging.WARNING)

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        logger.info("clock stopping on %s", signal.Signals(signum).name)
        stop.set()
        scheduler.shutdown(wait=False)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    logger.info(
        "clock started (sweep every %ss, batch %s, lease %ss, %s at once)",
        options.sweep_seconds,
        options.batch_size,
        options.lease_seconds,
        options.concurrency,
    )
    scheduler.start()
    if job.running.acquire(timeout=STOP_WAIT_SECONDS):
        job.running.release()
    else:
        logger.warning("clock stopping with a sweep still running; its rows will recover")
    engine.dispose()
    logger.info("clock stopped")
