"""The clock process: APScheduler with in-memory jobs only.

The durable state of scheduled work lives in our own tables, so that two clock processes
or a restart never lose or repeat it; APScheduler only decides *when* to look.
"""

from __future__ import annotations

import logging
import signal
from types import FrameType

from apscheduler.schedulers.blocking import BlockingScheduler
from sqlalchemy import Engine

from bot.config import Settings

logger = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 60


def build_scheduler(settings: Settings, engine: Engine) -> BlockingScheduler:
    """The scheduler with its jobs; its job store is the default in-memory one."""
    scheduler = BlockingScheduler(timezone="UTC")
    scheduler.add_job(
        _heartbeat, "interval", seconds=HEARTBEAT_SECONDS, id="heartbeat", coalesce=True
    )
    return scheduler


def _heartbeat() -> None:
    logger.debug("clock alive")


def run_clock(settings: Settings, engine: Engine) -> None:
    """Run until SIGTERM or SIGINT, then stop cleanly."""
    scheduler = build_scheduler(settings, engine)

    def stop(signum: int, _frame: FrameType | None) -> None:
        logger.info("clock stopping on %s", signal.Signals(signum).name)
        scheduler.shutdown(wait=False)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    logger.info("clock started")
    scheduler.start()
    engine.dispose()
    logger.info("clock stopped")
