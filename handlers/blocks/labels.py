"""Translatable names for the domain's codes (stages, KPIs, flags, ...), marked for extraction.

The domain speaks in codes; builders look the code up here and translate at render time.
"""

from __future__ import annotations

from enum import StrEnum

from domain.flags import FlagKind
from domain.kpis import BandPosition, DerivedKPI, NPSClass
from domain.roadmap import MilestoneId
from domain.stages import RequirementCode
from domain.values import ApprovalKind, Difficulty, IPModel, KPIKind, Platform, Stage
from locales import N_, Translator

STAGE = {
    Stage.PROSPECT: N_("Prospect"),
    Stage.ALIGNMENT: N_("Alignment"),
    Stage.GUARDRAILS: N_("Creative guardrails"),
    Stage.AMBASSADOR: N_("Structural ambassadorship"),
    Stage.GROWTH: N_("Mutual value & ecosystem growth"),
    Stage.RENEWED: N_("Renewed"),
    Stage.ENDED: N_("Ended"),
}

IP_MODEL = {
    IPModel.SHARED: N_("Shared IP"),
    IPModel.LICENSED: N_("Licensed"),
    IPModel.BUYOUT: N_("Buyout"),
    IPModel.UNCLEAR: N_("Unclear"),
}

DIFFICULTY = {
    Difficulty.EASY: N_("easy (exclusivity is easy to keep)"),
    Difficulty.HARD: N_("hard (fashion, beauty, skincare)"),
}

PLATFORM = {
    Platform.INSTAGRAM: "Instagram",
    Platform.TIKTOK: "TikTok",
    Platform.YOUTUBE: "YouTube",
}

KPI = {
    KPIKind.BRAND_FIT: N_("Brand-fit score"),
    KPIKind.AUDIENCE_OVERLAP: N_("Audience overlap"),
    KPIKind.CREATOR_SATISFACTION: N_("Creator satisfaction"),
    KPIKind.AUTHENTICITY: N_("Content authenticity"),
    KPIKind.RETENTION: N_("Partnership retention"),
    KPIKind.SHARE_OF_VOICE: N_("Share of voice"),
    KPIKind.PORTFOLIO_GROWTH: N_("Creator portfolio growth"),
    KPIKind.MUTUAL_VALUE: N_("Mutual Value Index"),
    KPIKind.ENGAGEMENT_RATE: N_("Engagement rate"),
    KPIKind.SPEND: N_("Spend"),
    KPIKind.AUTHENTIC_ENGAGEMENTS: N_("Authentic engagements"),
    DerivedKPI.CPAE: N_("CPAE (cost per authentic engagement)"),
    DerivedKPI.CREATOR_NPS: N_("Creator NPS"),
    DerivedKPI.RETENTION_RATE: N_("Retention rate"),
}

# KPIs recorded as percentages (shown with a % sign).
PERCENT_KPIS = frozenset(
    {
        KPIKind.AUDIENCE_OVERLAP,
        KPIKind.RETENTION,
        KPIKind.SHARE_OF_VOICE,
        KPIKind.PORTFOLIO_GROWTH,
        KPIKind.ENGAGEMENT_RATE,
    }
)

REQUIREMENT = {
    RequirementCode.KICKOFF_SCHEDULED: N_("a kick-off is scheduled (start date set)"),
    RequirementCode.KICKOFF_HELD: N_("strategic kick-off held with the creator"),
    RequirementCode.FIRST_PARTY_DATA_SHARED: N_(
        "first-party data shared before the format is fixed"
    ),
    RequirementCode.BRAND_FIT_RECORDED: N_("brand-fit score recorded"),
    RequirementCode.AUDIENCE_OVERLAP_RECORDED: N_("audience overlap recorded"),
    RequirementCode.BRIEFING_CANVAS_AGREED: N_("creative guardrails agreed (Briefing Canvas)"),
    RequirementCode.IP_SETTLED: N_("IP settled (shared, licensed or buyout)"),
    RequirementCode.CONTRACT_SIGNED: N_("contract recorded (end date and payment terms)"),
    RequirementCode.PAYMENT_TERMS_UNDER_90_DAYS: N_("payment terms under 90 days"),
    RequirementCode.CREATOR_SATISFACTION_RECORDED: N_("creator satisfaction recorded"),
    RequirementCode.AUTHENTICITY_RECORDED: N_("content authenticity recorded"),
    RequirementCode.TERM_6_TO_12_MONTHS: N_("a term of 6 to 12 months"),
    RequirementCode.PERFORMANCE_INCENTIVE_AGREED: N_("a performance incentive agreed"),
    RequirementCode.RETENTION_RECORDED: N_("partnership retention recorded"),
    RequirementCode.SHARE_OF_VOICE_RECORDED: N_("share of voice recorded"),
    RequirementCode.PORTFOLIO_GROWTH_RECORDED: N_("creator portfolio growth recorded"),
    RequirementCode.MUTUAL_VALUE_RECORDED: N_("Mutual Value Index recorded"),
    RequirementCode.RENEWAL_DECIDED: N_("renewal decided (renew or end)"),
}

FLAG = {
    FlagKind.PAYMENT_TERMS: N_(
        "Payment terms of {days} days: 90 days or more damages partner trust"
    ),
    FlagKind.IP_UNCLEAR: N_("IP rights are unclear while content is being produced"),
    FlagKind.FEEDBACK_NOT_SHARED: N_(
        "Performance feedback not shared: the last KPI period ended {days} days ago"
    ),
}

BAND = {
    BandPosition.BELOW: N_("below the band"),
    BandPosition.WITHIN: N_("within the band"),
    BandPosition.ABOVE: N_("above the band"),
    BandPosition.NO_TARGET: N_("no target in this currency"),
}

NPS_CLASS = {
    NPSClass.PROMOTER: N_("promoter"),
    NPSClass.PASSIVE: N_("passive"),
    NPSClass.DETRACTOR: N_("detractor"),
}

MILESTONE = {
    MilestoneId.KICKOFF: N_("Kick-off with the creator"),
    MilestoneId.SHARE_FIRST_PARTY_DATA: N_("Share first-party data and insights"),
    MilestoneId.RECORD_BRAND_FIT: N_("Record brand-fit score and audience overlap"),
    MilestoneId.BRIEFING_CANVAS: N_("Agree the creative guardrails (Briefing Canvas)"),
    MilestoneId.SETTLE_IP_EXCLUSIVITY: N_("Settle IP/licensing and exclusivity terms"),
    MilestoneId.CONTRACT_SIGNED: N_("Contract signed with payment terms under 90 days"),
    MilestoneId.CO_CREATION: N_("Co-creation and production"),
    MilestoneId.CONTENT_APPROVALS: N_("Content approvals"),
    MilestoneId.FIRST_PAYMENT: N_("First payment made on time"),
    MilestoneId.SHARE_FEEDBACK: N_("Share performance feedback with the creator"),
    MilestoneId.COMPUTE_CPAE: N_("Compute CPAE and engagement"),
    MilestoneId.NPS_SURVEY: N_("Creator NPS survey"),
    MilestoneId.MUTUAL_VALUE_REVIEW: N_("Mutual Value Index review"),
    MilestoneId.RENEW_OR_EXIT: N_("Renew (6–12 months) or exit"),
}


# An exclusivity quote's or window's state (stored as text by storage, not a domain enum).
NEGOTIATION_STATUS = {
    "open": N_("open"),
    "agreed": N_("agreed"),
    "withdrawn": N_("withdrawn"),
    "awaiting_approval": N_("awaiting approval"),
}


APPROVAL_KIND = {
    ApprovalKind.BRIEF: N_("Brief"),
    ApprovalKind.CONTENT: N_("Content"),
    ApprovalKind.CONTRACT: N_("Contract"),
    ApprovalKind.EXCLUSIVITY: N_("Exclusivity"),
    ApprovalKind.PAYMENT: N_("Payment"),
    ApprovalKind.BUDGET: N_("Budget"),
}


def negotiation_status(t: Translator, code: str) -> str:
    """A quote's or window's state in words (a code we do not know shows as itself)."""
    message = NEGOTIATION_STATUS.get(code)
    return t.gettext(message) if message else code


def label(t: Translator, table: dict[StrEnum, str], code: StrEnum) -> str:
    """The translated name of a code (brand names such as TikTok stay as they are)."""
    return t.gettext(table[code])
