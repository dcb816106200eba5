"""What a sweep reports: its count of what happened, row by row, and the delivery report it
schedules (in the same transaction) for a reminder it gave up on. The report's words are
the handlers' (handlers/delivery_report.py)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, fields
from datetime import datetime

from sqlmodel import Session

from bot.delivery.answers import CHANNEL_ERRORS, is_slack_code
from storage import reminders
from storage.reminder_claims import ClaimedReminder

logger = logging.getLogger(__name__)


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
    paced: int = 0  # handed back to wait for a later slot in their busy channel

    def __add__(self, other: SweepReport) -> SweepReport:
        return SweepReport(
            **{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)}
        )

    @property
    def handled(self) -> int:
        return sum(getattr(self, f.name) for f in fields(self)) - self.late


def schedule_report(
    session: Session,
    row: ClaimedReminder,
    state: str,
    error: str,
    *,
    now: datetime,
    default_locale: str,
    timezone: str,
) -> None:
    """Tell the channel (or the owner, when the channel is the problem) in a reminder of its
    own, scheduled in the same transaction as the state it reports. `default_locale` and
    `timezone` are for a team without settings."""
    if row.kind == reminders.REPORT_KIND:
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
        kind=reminders.REPORT_KIND,
        dedupe_key=f"{reminders.REPORT_KIND}:{row.id}:{state}",
        due_at=now,
        now=now,
        channel_id=target,
        thread_ts=row.thread_ts if target == row.channel_id else None,
        subject_id=row.id,
        payload={
            "reminder_id": row.id,
            "state": state,
            "kind": row.kind,
            "due_at": row.due_at.isoformat(),
            "channel_id": row.channel_id,
            "error": error if is_slack_code(error) else None,
            "attempts": row.attempts,
            "default_locale": default_locale,
            "timezone": timezone,
        },
    )
