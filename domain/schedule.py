"""Wall-clock times in a team's time zone, as the UTC moments we store and sweep by.

Times are stored in UTC and shown in the team's zone. A weekly 09:00 reminder in
Europe/Amsterdam is 08:00 UTC in winter and 07:00 UTC in summer: each occurrence is computed
from the *local* date and time, never by adding 7 × 24 hours to the previous UTC moment.

Two local times need a deliberate answer, once a year each:
- **Nonexistent** (the spring gap, 02:00–03:00 on the last Sunday of March in Amsterdam):
  the time moves forward by the length of the gap, so 02:30 becomes 03:30 summer time
  (01:30 UTC), as calendar programs do. The message is never skipped.
- **Ambiguous** (the autumn fold, 02:00–03:00 on the last Sunday of October happens twice):
  the first occurrence, in summer time (02:30 CEST = 00:30 UTC), so the message goes out
  once, at the earlier moment.
Both follow from Python's `fold=0`; the tests pin them.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

DAYS_PER_WEEK = 7


def zone(tz: str | ZoneInfo) -> ZoneInfo:
    """The zone for an IANA name (`Europe/Amsterdam`), or the zone itself."""
    return tz if isinstance(tz, ZoneInfo) else ZoneInfo(tz)


def local_to_utc(day: date, at: time, tz: str | ZoneInfo) -> datetime:
    """The UTC moment of a wall-clock time on a day in a zone (DST-correct; see the module
    docstring for the gap and the fold). `at` must be naive: the zone says where it is."""
    if at.tzinfo is not None:
        raise ValueError("local_to_utc takes a naive wall-clock time; the zone is `tz`")
    return datetime.combine(day, at.replace(fold=0), tzinfo=zone(tz)).astimezone(UTC)


def utc_to_local(moment: datetime, tz: str | ZoneInfo) -> datetime:
    """An aware moment as the zone's wall clock shows it (for display)."""
    if moment.tzinfo is None:
        raise ValueError("utc_to_local takes an aware datetime")
    return moment.astimezone(zone(tz))


def next_weekly(
    local_weekday: int, local_time: time, tz: str | ZoneInfo, after: datetime
) -> datetime:
    """The first moment strictly after `after` at which it is `local_time` on `local_weekday`
    (Monday = 0) in the zone, in UTC. Call it again with the result for the one after."""
    if not 0 <= local_weekday < DAYS_PER_WEEK:
        raise ValueError("local_weekday is 0 (Monday) to 6 (Sunday)")
    if after.tzinfo is None:
        raise ValueError("next_weekly takes an aware `after`")
    local_day = utc_to_local(after, tz).date()
    day = local_day + timedelta(days=(local_weekday - local_day.weekday()) % DAYS_PER_WEEK)
    candidate = local_to_utc(day, local_time, tz)
    while candidate <= after:
        day += timedelta(days=DAYS_PER_WEEK)
        candidate = local_to_utc(day, local_time, tz)
    return candidate


def next_daily(local_time: time, tz: str | ZoneInfo, after: datetime) -> datetime:
    """The first moment strictly after `after` at which the zone's clock shows `local_time`."""
    if after.tzinfo is None:
        raise ValueError("next_daily takes an aware `after`")
    day = utc_to_local(after, tz).date()
    candidate = local_to_utc(day, local_time, tz)
    while candidate <= after:
        day += timedelta(days=1)
        candidate = local_to_utc(day, local_time, tz)
    return candidate
