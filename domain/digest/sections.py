"""The digest as the builders show it: a `Digest` of sections with codes and figures, each None
when it has nothing to say."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from domain import flags, kpis
from domain.values import Scope, Stage


# -- the digest (what the builders show) -------------------------------------------------------
@dataclass(frozen=True)
class StageCount:
    stage: Stage
    count: int
    change: int  # since last week


@dataclass(frozen=True)
class Move:
    partnership_id: int
    creator_name: str
    brand_name: str
    from_stage: Stage | None  # None: new this week
    to_stage: Stage


@dataclass(frozen=True)
class StagesSection:
    counts: tuple[StageCount, ...]
    moves: tuple[Move, ...]


@dataclass(frozen=True)
class Flagged:
    """A partnership with red flags standing, newest flag first."""

    partnership_id: int
    creator_name: str
    brand_name: str
    flags: tuple[flags.RedFlag, ...]

    @property
    def newest(self) -> date | None:
        return max((f.since for f in self.flags if f.since), default=None)


@dataclass(frozen=True)
class ApprovalItem:
    request_id: int
    partnership_id: int | None
    creator_name: str | None
    brand_name: str | None
    kind: str
    subject: str
    requester: str
    waiting_on: tuple[str, ...]
    due_at: datetime
    overdue: bool
    channel_id: str | None


@dataclass(frozen=True)
class ApprovalsSection:
    items: tuple[ApprovalItem, ...]  # overdue first, then soonest due

    @property
    def overdue(self) -> int:
        return sum(item.overdue for item in self.items)


@dataclass(frozen=True)
class MilestoneItem:
    partnership_id: int
    creator_name: str
    brand_name: str
    milestone: str
    due_on: date
    overdue: bool


@dataclass(frozen=True)
class MilestonesSection:
    overdue: tuple[MilestoneItem, ...]  # oldest due date first
    due: tuple[MilestoneItem, ...]  # due from today to the end of the digest's week


class WindowEdge(StrEnum):
    STARTS = "starts"
    ENDS = "ends"


@dataclass(frozen=True)
class WindowItem:
    window_id: int
    partnership_id: int
    creator_name: str
    brand_name: str
    scope: Scope
    competitors: tuple[str, ...]
    edge: WindowEdge
    at: datetime


@dataclass(frozen=True)
class RenewalItem:
    partnership_id: int
    creator_name: str
    brand_name: str
    end_date: date
    days_left: int  # negative: the contract has ended without a decision


@dataclass(frozen=True)
class CPAEFigure:
    """The portfolio's CPAE (in euros) over the last quarter's periods."""

    value: Decimal
    previous: Decimal | None  # a week ago
    status: kpis.TargetStatus
    series: tuple[Decimal | None, ...]  # at the end of each of the last weeks, oldest first

    @property
    def change(self) -> Decimal | None:
        return None if self.previous is None else self.value - self.previous


@dataclass(frozen=True)
class BrandNPS:
    brand_id: int
    brand_name: str
    score: Decimal
    respondents: int
    previous: Decimal | None
    status: kpis.TargetStatus
    series: tuple[Decimal | None, ...]

    @property
    def change(self) -> Decimal | None:
        return None if self.previous is None else self.score - self.previous


@dataclass(frozen=True)
class BandShare:
    """How many partnerships fall below, within and above a seed band."""

    below: int
    within: int
    above: int
    previous_share: Decimal | None  # the share within, a week ago (percent, one decimal)

    @property
    def counted(self) -> int:
        return self.below + self.within + self.above

    @property
    def share(self) -> Decimal:
        """Percent within the band, to one decimal."""
        return kpis.percent(self.within, self.counted) if self.counted else Decimal(0)

    @property
    def change(self) -> Decimal | None:
        return None if self.previous_share is None else self.share - self.previous_share


@dataclass(frozen=True)
class KPIsSection:
    cpae: CPAEFigure | None
    nps: tuple[BrandNPS, ...]  # brands missing the target first
    fees: BandShare | None  # quarterly fees in euros against €15,000-€50,000
    premium: BandShare | None  # premiums against 30-40 %


@dataclass(frozen=True)
class Digest:
    today: date  # the digest's day in the team's time zone
    since: date  # a week before
    partnerships: int  # live partnerships (not ended)
    stages: StagesSection | None = None
    flags: tuple[Flagged, ...] | None = None
    approvals: ApprovalsSection | None = None
    milestones: MilestonesSection | None = None
    windows: tuple[WindowItem, ...] | None = None
    renewals: tuple[RenewalItem, ...] | None = None
    kpis: KPIsSection | None = None

    @property
    def empty(self) -> bool:
        """Nothing to say this week: the digest is one line."""
        return all(
            section is None
            for section in (
                self.stages,
                self.flags,
                self.approvals,
                self.milestones,
                self.windows,
                self.renewals,
                self.kpis,
            )
        )
