"""Weekly digest subscriptions: a channel's subscription and its next occurrences as durable
reminders (the facts a digest is assembled from: storage/digest_facts.py).

One subscription per channel (re-subscribing changes it). Each occurrence is a `reminders` row
of kind "digest" whose dedupe key names the subscription and the ISO week of its local date
(`digest:<subscription id>:<2026-W49>`), so a channel gets one digest a week however often it
re-subscribes, and the renderer that sends one schedules the next.
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from domain.digest.subscription import parse_local_time
from domain.schedule import next_weekly, utc_to_local
from storage import reminders
from storage.models import (
    DigestSubscription,
    Reminder,
)
from storage.reminder_claims import ClaimedReminder

KIND = "digest"  # the reminder kind its renderer is registered for (handlers/digest.py)
LOOKAHEAD = 2  # occurrences kept scheduled: this week's (or the next) and the one after
# Rows for a week that was delivered, is being delivered, or was given up on: that week is
# done; the next occurrence is the week after.
_WEEK_TAKEN = (reminders.SENT, reminders.CLAIMED, reminders.FAILED, reminders.UNCERTAIN)


# -- subscriptions -----------------------------------------------------------------------------
def get_subscription(
    *, session: Session, team_id: str, channel_id: str
) -> DigestSubscription | None:
    return session.exec(
        select(DigestSubscription).where(
            DigestSubscription.team_id == team_id, DigestSubscription.channel_id == channel_id
        )
    ).first()


def get_subscription_by_id(
    *, session: Session, team_id: str, subscription_id: int
) -> DigestSubscription | None:
    found = session.get(DigestSubscription, subscription_id, populate_existing=True)
    return found if found is not None and found.team_id == team_id else None


def subscription_of(*, session: Session, reminder: ClaimedReminder) -> DigestSubscription | None:
    """The subscription a digest reminder was scheduled for; None once unsubscribed."""
    subscription_id = reminder.subject_id or reminder.payload.get("subscription_id")
    if subscription_id is None:
        return None
    return get_subscription_by_id(
        session=session, team_id=reminder.team_id, subscription_id=int(subscription_id)
    )


def subscribe(
    *,
    session: Session,
    team_id: str,
    channel_id: str,
    weekday: int,
    at: time,
    locale: str,
    created_by: str | None,
    now: datetime,
) -> tuple[DigestSubscription, bool]:
    """Subscribe a channel, or change its subscription; (the row, whether it is new)."""
    if not 0 <= weekday <= 6:
        raise ValueError("weekday is 0 (Monday) to 6 (Sunday)")
    local_time = f"{at.hour:02d}:{at.minute:02d}"
    existing = get_subscription(session=session, team_id=team_id, channel_id=channel_id)
    if existing is None:
        row = DigestSubscription(
            team_id=team_id,
            channel_id=channel_id,
            weekday=weekday,
            local_time=local_time,
            locale=locale,
            created_by=created_by,
            created_at=now,
        )
        try:
            with session.begin_nested():
                session.add(row)
            return row, True
        except IntegrityError:
            # Subscribed a moment ago by another request: change that one.
            existing = get_subscription(session=session, team_id=team_id, channel_id=channel_id)
            if existing is None:
                raise
    existing.weekday = weekday
    existing.local_time = local_time
    existing.locale = locale
    existing.created_by = created_by or existing.created_by
    session.add(existing)
    session.flush()
    return existing, False


def unsubscribe(*, session: Session, team_id: str, channel_id: str) -> bool:
    """Stop a channel's digest: its pending occurrences are cancelled. False: none."""
    row = get_subscription(session=session, team_id=team_id, channel_id=channel_id)
    if row is None:
        return False
    cancel_pending(session=session, subscription=row)
    session.delete(row)
    session.flush()
    return True


def key_prefix(subscription_id: int) -> str:
    return f"{KIND}:{subscription_id}:"


def occurrence_key(subscription_id: int, local_day: date) -> str:
    """One key per subscription per ISO week of the local date: one digest a week."""
    year, week, _ = local_day.isocalendar()
    return f"{key_prefix(subscription_id)}{year}-W{week:02d}"


def cancel_pending(*, session: Session, subscription: DigestSubscription) -> int:
    return reminders.cancel(
        session=session,
        team_id=subscription.team_id,
        dedupe_key_prefix=key_prefix(subscription.id),
    )


def schedule_next(
    *,
    session: Session,
    subscription: DigestSubscription,
    timezone: str,
    after: datetime,
    now: datetime,
) -> Reminder:
    """The subscription's next occurrence strictly after `after` (DST-correct), as a pending
    reminder; idempotent. A week whose digest went out (or is going out) is not repeated: the
    occurrence moves to the week after. A pending row of the same week follows a changed time;
    a cancelled one (unsubscribed, subscribed again) is armed again."""
    at = parse_local_time(subscription.local_time)
    due_at = next_weekly(subscription.weekday, at, timezone, after)
    while True:
        local_day = utc_to_local(due_at, timezone).date()
        key = occurrence_key(subscription.id, local_day)
        payload = {
            "subscription_id": subscription.id,
            "local_date": local_day.isoformat(),
            # Whom the clock tells when the channel cannot be reached (bot/delivery.py).
            "owner_id": subscription.created_by,
        }
        row = reminders.schedule(
            session=session,
            team_id=subscription.team_id,
            kind=KIND,
            dedupe_key=key,
            due_at=due_at,
            now=now,
            channel_id=subscription.channel_id,
            subject_id=subscription.id,
            payload=payload,
        )
        if row.state in _WEEK_TAKEN:
            due_at = next_weekly(subscription.weekday, at, timezone, due_at)
            continue
        if row.state == reminders.CANCELLED or row.due_at != due_at or row.payload != payload:
            # Only what the schedule says changes: the delivery's own bookkeeping (attempts,
            # an unsettled earlier attempt to look for first) stays as it was.
            row.state = reminders.PENDING
            row.due_at = due_at
            row.payload = payload
            row.channel_id = subscription.channel_id
            session.add(row)
            session.flush()
        return row


def schedule_ahead(
    *, session: Session, subscription: DigestSubscription, timezone: str, after: datetime
) -> Reminder:
    """The next `LOOKAHEAD` occurrences after `after` (the first is returned). Keeping the
    week after next scheduled too means that a week whose digest fails for good (five
    failed attempts) does not end the chain: the next one is there already, and its
    renderer schedules the one after it. `after` is the caller's now (a renderer's: the
    due time of the digest it renders), which also stamps the rows it creates."""
    first = schedule_next(
        session=session, subscription=subscription, timezone=timezone, after=after, now=after
    )
    row = first
    for _ in range(LOOKAHEAD - 1):
        row = schedule_next(
            session=session,
            subscription=subscription,
            timezone=timezone,
            after=row.due_at,
            now=after,
        )
    return first


def next_occurrence(*, session: Session, subscription: DigestSubscription) -> Reminder | None:
    """The subscription's pending occurrence, if any."""
    return session.exec(
        select(Reminder)
        .where(
            Reminder.team_id == subscription.team_id,
            Reminder.kind == KIND,
            Reminder.subject_id == subscription.id,
            Reminder.state == reminders.PENDING,
        )
        .order_by(Reminder.due_at)
    ).first()
