"""The four-step framework: each step's KPIs and what a partnership needs to move on.

Requirements are codes with a met/not-met verdict; the handlers turn them into a checklist.
The rule, read off domain.md's framework table and roadmap: a step is left when its own work
is done (the roadmap's milestones of that step) and its seed KPIs have been recorded at least
once, so the next step starts from measured figures.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from domain.flags import PAYMENT_TERMS_FLAG_DAYS
from domain.values import IPModel, KPIKind, Stage

# seed: structural ambassadorship means 6 to 12 month partnerships (both ends inclusive).
AMBASSADOR_TERM_MONTHS = (6, 12)

# seed: the KPIs of each framework step.
STAGE_KPIS: Mapping[Stage, tuple[KPIKind, ...]] = MappingProxyType(
    {
        Stage.ALIGNMENT: (KPIKind.BRAND_FIT, KPIKind.AUDIENCE_OVERLAP),
        Stage.GUARDRAILS: (KPIKind.CREATOR_SATISFACTION, KPIKind.AUTHENTICITY),
        Stage.AMBASSADOR: (KPIKind.RETENTION, KPIKind.SHARE_OF_VOICE),
        Stage.GROWTH: (KPIKind.PORTFOLIO_GROWTH, KPIKind.MUTUAL_VALUE),
    }
)


class RequirementCode(StrEnum):
    """What a partnership needs before its next step; `*_recorded` means a KPI record exists."""

    KICKOFF_SCHEDULED = "kickoff_scheduled"
    # alignment -> guardrails
    KICKOFF_HELD = "kickoff_held"
    FIRST_PARTY_DATA_SHARED = "first_party_data_shared"
    BRAND_FIT_RECORDED = "brand_fit_recorded"
    AUDIENCE_OVERLAP_RECORDED = "audience_overlap_recorded"
    # guardrails -> ambassador
    BRIEFING_CANVAS_AGREED = "briefing_canvas_agreed"
    IP_SETTLED = "ip_settled"
    CONTRACT_SIGNED = "contract_signed"
    PAYMENT_TERMS_UNDER_90_DAYS = "payment_terms_under_90_days"
    CREATOR_SATISFACTION_RECORDED = "creator_satisfaction_recorded"
    AUTHENTICITY_RECORDED = "authenticity_recorded"
    # ambassador -> growth
    TERM_6_TO_12_MONTHS = "term_6_to_12_months"
    PERFORMANCE_INCENTIVE_AGREED = "performance_incentive_agreed"
    RETENTION_RECORDED = "retention_recorded"
    SHARE_OF_VOICE_RECORDED = "share_of_voice_recorded"
    # growth -> renewed or ended
    PORTFOLIO_GROWTH_RECORDED = "portfolio_growth_recorded"
    MUTUAL_VALUE_RECORDED = "mutual_value_recorded"
    RENEWAL_DECIDED = "renewal_decided"


@dataclass(frozen=True)
class StageFacts:
    """What the stage requirements look at, for one partnership."""

    stage: Stage
    kpis_recorded: frozenset[KPIKind] = frozenset()  # kinds with at least one record
    kickoff_scheduled: bool = False
    kickoff_held: bool = False
    first_party_data_shared: bool = False
    briefing_canvas_agreed: bool = False
    ip_model: IPModel | None = None
    contract_signed: bool = False
    payment_terms_days: int | None = None
    term_months: int | None = None
    performance_incentive: bool = False
    renewal_decided: bool = False


@dataclass(frozen=True)
class Requirement:
    code: RequirementCode
    met: bool


def _recorded(kind: KPIKind) -> Callable[[StageFacts], bool]:
    return lambda facts: kind in facts.kpis_recorded


def _ip_settled(facts: StageFacts) -> bool:
    return facts.ip_model is not None and facts.ip_model is not IPModel.UNCLEAR


def _payment_terms_ok(facts: StageFacts) -> bool:
    # seed: 90 days or more is a red flag, so the terms must be strictly under it.
    return facts.payment_terms_days is not None and facts.payment_terms_days < (
        PAYMENT_TERMS_FLAG_DAYS
    )


def _term_ok(facts: StageFacts) -> bool:
    low, high = AMBASSADOR_TERM_MONTHS
    return facts.term_months is not None and low <= facts.term_months <= high


_Check = tuple[RequirementCode, Callable[[StageFacts], bool]]

# Per stage, in the order the roadmap does the work. Growth has no next framework step: what it
# needs is the renewal decision near the end of the term (renewed or ended).
_CHECKS: Mapping[Stage, tuple[_Check, ...]] = MappingProxyType(
    {
        Stage.PROSPECT: ((RequirementCode.KICKOFF_SCHEDULED, lambda f: f.kickoff_scheduled),),
        Stage.ALIGNMENT: (
            (RequirementCode.KICKOFF_HELD, lambda f: f.kickoff_held),
            (RequirementCode.FIRST_PARTY_DATA_SHARED, lambda f: f.first_party_data_shared),
            (RequirementCode.BRAND_FIT_RECORDED, _recorded(KPIKind.BRAND_FIT)),
            (RequirementCode.AUDIENCE_OVERLAP_RECORDED, _recorded(KPIKind.AUDIENCE_OVERLAP)),
        ),
        Stage.GUARDRAILS: (
            (RequirementCode.BRIEFING_CANVAS_AGREED, lambda f: f.briefing_canvas_agreed),
            (RequirementCode.IP_SETTLED, _ip_settled),
            (RequirementCode.CONTRACT_SIGNED, lambda f: f.contract_signed),
            (RequirementCode.PAYMENT_TERMS_UNDER_90_DAYS, _payment_terms_ok),
            (
                RequirementCode.CREATOR_SATISFACTION_RECORDED,
                _recorded(KPIKind.CREATOR_SATISFACTION),
            ),
            (RequirementCode.AUTHENTICITY_RECORDED, _recorded(KPIKind.AUTHENTICITY)),
        ),
        Stage.AMBASSADOR: (
            (RequirementCode.TERM_6_TO_12_MONTHS, _term_ok),
            (RequirementCode.PERFORMANCE_INCENTIVE_AGREED, lambda f: f.performance_incentive),
            (RequirementCode.RETENTION_RECORDED, _recorded(KPIKind.RETENTION)),
            (RequirementCode.SHARE_OF_VOICE_RECORDED, _recorded(KPIKind.SHARE_OF_VOICE)),
        ),
        Stage.GROWTH: (
            (RequirementCode.PORTFOLIO_GROWTH_RECORDED, _recorded(KPIKind.PORTFOLIO_GROWTH)),
            (RequirementCode.MUTUAL_VALUE_RECORDED, _recorded(KPIKind.MUTUAL_VALUE)),
            (RequirementCode.RENEWAL_DECIDED, lambda f: f.renewal_decided),
        ),
    }
)


def stage_kpis(stage: Stage) -> tuple[KPIKind, ...]:
    """The seed KPIs of a framework step; none before, after or outside the framework."""
    return STAGE_KPIS.get(stage, ())


def next_stage_requirements(facts: StageFacts) -> tuple[Requirement, ...]:
    """What the partnership needs before its next step, each with whether it is met.

    For growth, the requirements of the renewal decision; none once renewed or ended.
    """
    return tuple(Requirement(code, check(facts)) for code, check in _CHECKS.get(facts.stage, ()))


def ready_for_next_stage(facts: StageFacts) -> bool:
    """True when there is a next step and every requirement for it is met."""
    requirements = next_stage_requirements(facts)
    return bool(requirements) and all(r.met for r in requirements)
