"""Red flags the bot can see in a partnership's facts, and the renewal warning beside them.

A flag is a kind and its figures, never a sentence: the handlers translate it. Every function
is pure over one partnership's facts and `today`, so a digest maps it over facts loaded in bulk.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from domain.values import IPModel, Stage

# seed: payment terms of 90 days or more damage partner trust; exactly 90 is a flag.
PAYMENT_TERMS_FLAG_DAYS = 90
# default: days after a KPI period's end before unshared feedback becomes a flag. Day 14 after
# the end is still within the grace period; the flag is raised from day 15 ("more than 14").
FEEDBACK_GRACE_DAYS = 14
# default: a contract ending within this many days without a renewal decision is warned about;
# 30 days left is warned, 31 is not.
RENEWAL_WARNING_DAYS = 30


class FlagKind(StrEnum):
    """The red flags of the seed that the bot can detect in its data."""

    PAYMENT_TERMS = "payment_terms"
    IP_UNCLEAR = "ip_unclear"
    FEEDBACK_NOT_SHARED = "feedback_not_shared"


@dataclass(frozen=True)
class PartnershipFacts:
    """What the flags look at, for one partnership."""

    stage: Stage
    payment_terms_days: int | None  # None: no contract terms recorded yet
    ip_model: IPModel | None  # None: not recorded yet (only "unclear" is flagged)
    end_date: date | None  # the contract's last day
    renewal_decided: bool
    latest_kpi_period_end: date | None  # None: no KPI records yet
    latest_kpi_feedback_shared: bool  # the latest period was marked "feedback shared"
    # Optional dates that let a flag say since when it stands (newest first in the digest).
    contract_signed_on: date | None = None
    production_started_on: date | None = None

    def __post_init__(self) -> None:
        if self.payment_terms_days is not None and self.payment_terms_days < 0:
            raise ValueError("payment_terms_days is negative")


@dataclass(frozen=True)
class RedFlag:
    """A detected red flag: its kind, its figures (codes, ints, dates) and since when."""

    kind: FlagKind
    data: dict[str, Any] = field(hash=False)
    since: date | None = None  # None when the facts do not say when it started


@dataclass(frozen=True)
class RenewalWarning:
    """A contract nearing its end (or past it) with no renewal decision."""

    end_date: date
    days_left: int  # 0 on the last day; negative once the end date has passed
    since: date  # the first day the warning applies


def _payment_terms_flag(facts: PartnershipFacts) -> RedFlag | None:
    days = facts.payment_terms_days
    if days is None or days < PAYMENT_TERMS_FLAG_DAYS:
        return None
    return RedFlag(
        FlagKind.PAYMENT_TERMS,
        {"payment_terms_days": days, "limit_days": PAYMENT_TERMS_FLAG_DAYS},
        since=facts.contract_signed_on,
    )


def _ip_unclear_flag(facts: PartnershipFacts) -> RedFlag | None:
    # seed: IP must be clear before production; from the guardrails on, content is being made.
    if facts.ip_model is not IPModel.UNCLEAR or not facts.stage.in_production:
        return None
    return RedFlag(FlagKind.IP_UNCLEAR, {"stage": facts.stage}, since=facts.production_started_on)


def _feedback_flag(facts: PartnershipFacts, today: date) -> RedFlag | None:
    period_end = facts.latest_kpi_period_end
    if period_end is None or facts.latest_kpi_feedback_shared:
        return None
    days_since = (today - period_end).days
    if days_since <= FEEDBACK_GRACE_DAYS:
        return None
    return RedFlag(
        FlagKind.FEEDBACK_NOT_SHARED,
        {"period_end": period_end, "days_since": days_since, "grace_days": FEEDBACK_GRACE_DAYS},
        since=period_end + timedelta(days=FEEDBACK_GRACE_DAYS + 1),
    )


def red_flags(facts: PartnershipFacts, today: date) -> tuple[RedFlag, ...]:
    """The red flags standing today, in FlagKind order; none for an ended partnership."""
    if facts.stage is Stage.ENDED:
        return ()
    found = (_payment_terms_flag(facts), _ip_unclear_flag(facts), _feedback_flag(facts, today))
    return tuple(flag for flag in found if flag is not None)


def renewal_warning(facts: PartnershipFacts, today: date) -> RenewalWarning | None:
    """A warning when the contract ends within 30 days (or has ended) with no decision.

    A contract past its end date with no decision is still warned about (days_left < 0): it is
    more urgent, not less. Ended partnerships are never warned about.
    """
    if facts.stage is Stage.ENDED or facts.renewal_decided or facts.end_date is None:
        return None
    days_left = (facts.end_date - today).days
    if days_left > RENEWAL_WARNING_DAYS:
        return None
    return RenewalWarning(
        end_date=facts.end_date,
        days_left=days_left,
        since=facts.end_date - timedelta(days=RENEWAL_WARNING_DAYS),
    )


def newest_first(flags: Iterable[RedFlag]) -> list[RedFlag]:
    """Flags ordered by `since`, newest first; flags without a known start go last."""
    flags = list(flags)
    dated = sorted(
        (f for f in flags if f.since is not None), key=lambda f: f.since or date.min, reverse=True
    )
    return dated + [f for f in flags if f.since is None]
