"""The creator, partnership and brand fields a person types: names, bounds and defaults.

The one definition of these fields. Plain Python, so that the domain's readers (the form's
drafts, the CSV import) can check input against it without knowing SQL; storage's SQLModel
classes (storage/models/creators.py) build their columns, and the validation of what is
written to them (the `...Create` classes), from the same figures, so a column's length or
precision and the validation that guards it cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from domain.values import Difficulty, IPModel, Stage


@dataclass(frozen=True)
class Text:
    """Free text of at most `max_length` characters (the column's VARCHAR length)."""

    max_length: int
    default: str = ""


@dataclass(frozen=True)
class Amount:
    """A decimal stored as NUMERIC(precision, scale): `maximum` is the largest it holds."""

    precision: int
    scale: int

    @property
    def maximum(self) -> Decimal:
        return Decimal(10) ** (self.precision - self.scale) - Decimal(1).scaleb(-self.scale)


LANGUAGES = ("nl", "en")
RENEWAL_DECISIONS = ("renew", "end")
MAX_PAYMENT_TERMS_DAYS = 365
MAX_AUDIENCE = 10_000_000_000

# A Slack id (user, channel) and an ISO code: short coded values.
SLACK_ID = Text(32)
CURRENCY = Text(3, default="EUR")
MONEY = Amount(12, 2)

# -- the creator ------------------------------------------------------------------------------
HANDLE = Text(64)  # as on the platform, lower case: "zoe.dv"
DISPLAY_NAME = Text(80)
NICHE = Text(80)
COUNTRY = Text(2)
LANGUAGE = Text(8, default=LANGUAGES[0])
CONTACT = Text(200)
# What a person edits in the creator form, in the form's order (and the draft's fields).
CREATOR_FIELDS = (
    "handle",
    "display_name",
    "platforms",
    "niche",
    "country",
    "language",
    "base_rate",
    "currency",
    "contact",
)

# -- the partnership --------------------------------------------------------------------------
DEFAULT_STAGE = Stage.PROSPECT
DEFAULT_IP_MODEL = IPModel.UNCLEAR
PREMIUM_PCT = Amount(5, 2)
PERFORMANCE_INCENTIVE = Text(500)
RENEWAL_DECISION = Text(16)
# What a person edits in the partnership part of the form (besides its brand).
PARTNERSHIP_FIELDS = (
    "stage",
    "start_date",
    "end_date",
    "quarterly_fee",
    "premium_pct",
    "payment_terms_days",
    "ip_model",
    "performance_incentive",
    "exit_scenario_agreed",
    "renewal_decision",
    "owner_user_id",
    "channel_id",
)

# -- the brand --------------------------------------------------------------------------------
BRAND_NAME = Text(80)
CATEGORY = Text(80)
DEFAULT_DIFFICULTY = Difficulty.EASY
