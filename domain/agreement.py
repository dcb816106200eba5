"""An agreed exclusivity clause: what is paid, when its window holds, and whether it is in
force or waits for an approval."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from enum import StrEnum
from zoneinfo import ZoneInfo

from domain.negotiation import Terms


class WindowStatus(StrEnum):
    """The state of an agreed window (stored as its value)."""

    AGREED = "agreed"
    AWAITING_APPROVAL = "awaiting_approval"
    WITHDRAWN = "withdrawn"


@dataclass(frozen=True)
class Agreement:
    price: Decimal
    golive_at: datetime  # UTC
    starts_at: datetime  # UTC: `before_hours` before go-live
    ends_at: datetime  # UTC: `after_hours` after go-live
    status: WindowStatus


def start_of_day(day: date, timezone: str) -> datetime:
    """The moment a day starts in the team's time zone, in UTC."""
    return datetime.combine(day, time(0, 0), tzinfo=ZoneInfo(timezone)).astimezone(UTC)


def agree(
    terms: Terms,
    *,
    ask: Decimal | None,
    typical: Decimal,
    needs_approval: bool,
    today: date,
    timezone: str,
) -> Agreement:
    """The agreement on these terms: the creator's ask when one was made, else our typical
    price; the window around go-live; awaiting approval when the brand requires one."""
    # Go-live at the start of its day (today when no date was agreed).
    golive = start_of_day(terms.golive or today, timezone)
    return Agreement(
        price=ask if ask is not None else typical,
        golive_at=golive,
        starts_at=golive - timedelta(hours=terms.before_hours),
        ends_at=golive + timedelta(hours=terms.after_hours),
        status=WindowStatus.AWAITING_APPROVAL if needs_approval else WindowStatus.AGREED,
    )
