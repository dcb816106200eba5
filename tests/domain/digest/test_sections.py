"""What the digest's sections work out from their own figures: a band's share within (to one
decimal) and its change, the change of a figure since last week, how many approvals are
overdue, the newest red flag, and when a digest has nothing to say."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from domain.digest.sections import (
    ApprovalItem,
    ApprovalsSection,
    BandShare,
    CPAEFigure,
    Digest,
    Flagged,
    StageCount,
    StagesSection,
)
from domain.flags import FlagKind, RedFlag
from domain.kpis import TargetStatus
from domain.values import Stage

TODAY = date(2026, 11, 23)


def test_band_share_is_the_share_within_to_one_decimal_with_its_change() -> None:
    band = BandShare(below=1, within=2, above=0, previous_share=Decimal("50.0"))
    assert band.counted == 3
    assert band.share == Decimal("66.7")  # 2 of 3, rounded half-up
    assert band.change == Decimal("16.7")


def test_band_share_without_last_week_has_no_change() -> None:
    assert BandShare(below=0, within=0, above=0, previous_share=None).share == Decimal(0)
    assert BandShare(below=0, within=4, above=0, previous_share=None).change is None


def test_cpae_change_since_last_week() -> None:
    cpae = CPAEFigure(Decimal("0.84"), Decimal("0.90"), TargetStatus.MET, ())
    assert cpae.change == Decimal("-0.06")
    assert CPAEFigure(Decimal("0.84"), None, TargetStatus.MET, ()).change is None


def approval(request_id: int, overdue: bool) -> ApprovalItem:
    due = datetime(2026, 11, 20 if overdue else 25, 9, tzinfo=UTC)
    return ApprovalItem(
        request_id, None, None, None, "brief", "Brief", "U1", ("U2",), due, overdue, None
    )


def test_approvals_section_counts_the_overdue() -> None:
    section = ApprovalsSection((approval(1, True), approval(2, True), approval(3, False)))
    assert section.overdue == 2


def test_the_newest_flag_is_the_latest_dated_one() -> None:
    flagged = Flagged(
        1,
        "Zoë",
        "Koffie",
        (
            RedFlag(FlagKind.PAYMENT_TERMS, {"payment_terms_days": 90}),
            RedFlag(FlagKind.FEEDBACK_NOT_SHARED, {}, since=date(2026, 11, 2)),
            RedFlag(FlagKind.FEEDBACK_NOT_SHARED, {}, since=date(2026, 11, 9)),
        ),
    )
    assert flagged.newest == date(2026, 11, 9)
    undated = Flagged(1, "Zoë", "Koffie", (RedFlag(FlagKind.PAYMENT_TERMS, {}),))
    assert undated.newest is None


def test_a_digest_with_no_section_is_empty() -> None:
    assert Digest(TODAY, date(2026, 11, 16), partnerships=3).empty
    stages = StagesSection((StageCount(Stage.GROWTH, 1, 1),), ())
    assert not Digest(TODAY, date(2026, 11, 16), partnerships=3, stages=stages).empty
