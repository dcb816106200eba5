"""An agreed clause: its price, its window around go-live, and whether it awaits approval."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from domain.agreement import WindowStatus, agree, start_of_day
from domain.negotiation import Terms

ZONE = "Europe/Amsterdam"
# Chosen dates, never today's: the suite runs moved by ±400 days.
TODAY = date(2026, 11, 23)


def test_go_live_starts_at_midnight_in_the_teams_time_zone() -> None:
    # Amsterdam is UTC+1 in winter, UTC+2 in summer.
    assert start_of_day(date(2026, 11, 23), ZONE) == datetime(2026, 11, 22, 23, 0, tzinfo=UTC)
    assert start_of_day(date(2026, 7, 1), ZONE) == datetime(2026, 6, 30, 22, 0, tzinfo=UTC)
    assert start_of_day(date(2026, 7, 1), "UTC") == datetime(2026, 7, 1, 0, 0, tzinfo=UTC)


def test_the_window_runs_from_before_to_after_go_live() -> None:
    terms = Terms(before_hours=24, after_hours=14 * 24, golive=date(2026, 12, 1))
    agreed = agree(
        terms, ask=None, typical=Decimal("233.33"), needs_approval=False, today=TODAY, timezone=ZONE
    )
    golive = datetime(2026, 11, 30, 23, 0, tzinfo=UTC)
    assert agreed.golive_at == golive
    assert agreed.starts_at == datetime(2026, 11, 29, 23, 0, tzinfo=UTC)
    assert agreed.ends_at == datetime(2026, 12, 14, 23, 0, tzinfo=UTC)


def test_without_a_go_live_date_the_window_starts_today() -> None:
    agreed = agree(
        Terms(after_hours=48),
        ask=None,
        typical=Decimal(0),
        needs_approval=False,
        today=TODAY,
        timezone=ZONE,
    )
    assert agreed.starts_at == agreed.golive_at == datetime(2026, 11, 22, 23, 0, tzinfo=UTC)
    assert agreed.ends_at == datetime(2026, 11, 24, 23, 0, tzinfo=UTC)


def test_the_creators_ask_is_the_price_agreed_else_our_typical() -> None:
    common = {"needs_approval": False, "today": TODAY, "timezone": ZONE}
    assert agree(Terms(), ask=Decimal("300"), typical=Decimal("500"), **common).price == 300
    assert agree(Terms(), ask=None, typical=Decimal("500"), **common).price == 500
    # An ask of nothing is still an ask.
    assert agree(Terms(), ask=Decimal(0), typical=Decimal("500"), **common).price == 0


def test_a_brand_that_requires_approval_leaves_the_window_awaiting_it() -> None:
    common = {"ask": None, "typical": Decimal("500"), "today": TODAY, "timezone": ZONE}
    assert agree(Terms(), needs_approval=True, **common).status is WindowStatus.AWAITING_APPROVAL
    assert agree(Terms(), needs_approval=False, **common).status is WindowStatus.AGREED
    assert WindowStatus.AWAITING_APPROVAL == "awaiting_approval"  # the stored value
