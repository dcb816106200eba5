"""SQLModel tables, one module per part of the product. Every row belongs to a Slack team
(`team_id`); every query is scoped by it.

Importing the package registers every table on SQLModel.metadata (Alembic's env and the
foreign keys between modules need them all), and names the tables where the rest of the code
has always found them (`from storage.models import Creator`).
"""

from storage.models.approvals import ApprovalDecision, ApprovalEvent, ApprovalRequest
from storage.models.creators import (
    Brand,
    BrandBase,
    BrandCreate,
    BrandPublic,
    Creator,
    CreatorBase,
    CreatorCreate,
    CreatorPublic,
    Partnership,
    PartnershipBase,
    PartnershipCreate,
    PartnershipPublic,
    StageChange,
)
from storage.models.exclusivity import ExclusivityQuote, ExclusivityWindow, NegotiationRound
from storage.models.kpis import KPIPeriod, KPIValue, NPSAnswer
from storage.models.scheduling import DigestSubscription, Reminder, Roadmap, RoadmapMilestone
from storage.models.team import (
    HomeRefresh,
    ProcessedEvent,
    StatusCard,
    TeamDataVersion,
    TeamDeparture,
    TeamSettings,
    UserPreference,
)

__all__ = [
    "ApprovalDecision",
    "ApprovalEvent",
    "ApprovalRequest",
    "Brand",
    "BrandBase",
    "BrandCreate",
    "BrandPublic",
    "Creator",
    "CreatorBase",
    "CreatorCreate",
    "CreatorPublic",
    "DigestSubscription",
    "ExclusivityQuote",
    "ExclusivityWindow",
    "HomeRefresh",
    "KPIPeriod",
    "KPIValue",
    "NPSAnswer",
    "NegotiationRound",
    "Partnership",
    "PartnershipBase",
    "PartnershipCreate",
    "PartnershipPublic",
    "ProcessedEvent",
    "Reminder",
    "Roadmap",
    "RoadmapMilestone",
    "StageChange",
    "StatusCard",
    "TeamDataVersion",
    "TeamDeparture",
    "TeamSettings",
    "UserPreference",
]
