"""Value types of the domain: the words every layer shares (storage stores, handlers show)."""

from __future__ import annotations

from enum import StrEnum


class Stage(StrEnum):
    """Where a partnership is: before, inside and after the 4-step framework (domain.md)."""

    PROSPECT = "prospect"
    ALIGNMENT = "alignment"  # step 1
    GUARDRAILS = "guardrails"  # step 2: creative guardrails
    AMBASSADOR = "ambassador"  # step 3: structural ambassadorship
    GROWTH = "growth"  # step 4: mutual value & ecosystem growth
    RENEWED = "renewed"
    ENDED = "ended"

    @property
    def step(self) -> int | None:
        """The framework step 1-4, or None outside the framework."""
        return _FRAMEWORK_STEPS.get(self)

    @property
    def in_production(self) -> bool:
        """From the creative guardrails on, content is being made (domain.md: IP must be clear)."""
        return self in (Stage.GUARDRAILS, Stage.AMBASSADOR, Stage.GROWTH, Stage.RENEWED)

    @property
    def next(self) -> Stage | None:
        """The stage that follows in the framework, or None at its end."""
        return _NEXT_STAGE.get(self)


_FRAMEWORK_STEPS = {
    Stage.ALIGNMENT: 1,
    Stage.GUARDRAILS: 2,
    Stage.AMBASSADOR: 3,
    Stage.GROWTH: 4,
}
_NEXT_STAGE = {
    Stage.PROSPECT: Stage.ALIGNMENT,
    Stage.ALIGNMENT: Stage.GUARDRAILS,
    Stage.GUARDRAILS: Stage.AMBASSADOR,
    Stage.AMBASSADOR: Stage.GROWTH,
}


class IPModel(StrEnum):
    SHARED = "shared"
    LICENSED = "licensed"
    BUYOUT = "buyout"
    UNCLEAR = "unclear"


class Difficulty(StrEnum):
    """How hard it is for a creator to stay exclusive in a brand's category (seed 003)."""

    EASY = "easy"  # coffee machines, mattresses, sonar
    HARD = "hard"  # fashion, beauty, skincare


class Scope(StrEnum):
    """What an exclusivity clause excludes, from narrowest to widest."""

    COMPETITORS = "competitors"
    CATEGORY = "category"
    FULL = "full"

    @property
    def width(self) -> int:
        return _SCOPE_WIDTH[self]


_SCOPE_WIDTH = {Scope.COMPETITORS: 0, Scope.CATEGORY: 1, Scope.FULL: 2}


class Platform(StrEnum):
    INSTAGRAM = "instagram"
    TIKTOK = "tiktok"
    YOUTUBE = "youtube"


class ContentType(StrEnum):
    STORIES = "stories"
    POSTS = "posts"
    REELS = "reels"
    VIDEOS = "videos"
    SHORTS = "shorts"


class KPIKind(StrEnum):
    """Every KPI of domain.md that is recorded (derived figures such as CPAE are not stored)."""

    BRAND_FIT = "brand_fit"  # step 1: brand-fit score
    AUDIENCE_OVERLAP = "audience_overlap"  # step 1: audience overlap %
    CREATOR_SATISFACTION = "creator_satisfaction"  # step 2
    AUTHENTICITY = "authenticity"  # step 2: content authenticity rating
    RETENTION = "retention"  # step 3: partnership retention rate %
    SHARE_OF_VOICE = "share_of_voice"  # step 3: share of voice in the category %
    PORTFOLIO_GROWTH = "portfolio_growth"  # step 4: creator portfolio growth %
    MUTUAL_VALUE = "mutual_value"  # step 4: Mutual Value Index, 0-100 as entered
    ENGAGEMENT_RATE = "engagement_rate"  # quality: engagement rate %
    SPEND = "spend"  # financial: spend, in the partnership's currency (for CPAE)
    AUTHENTIC_ENGAGEMENTS = "authentic_engagements"  # financial: count (for CPAE)


class ApprovalKind(StrEnum):
    BRIEF = "brief"
    CONTENT = "content"
    CONTRACT = "contract"
    EXCLUSIVITY = "exclusivity"
    PAYMENT = "payment"
    BUDGET = "budget"
