"""Validating what a user typed about a brand, a creator or a partnership.

Input is the raw text of each field; output is a draft with typed values, or per-field
error codes (with figures) that the handlers turn into sentences next to the field.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from domain import fields
from domain.names import handle_of, is_handle, name_key
from domain.values import Difficulty, IPModel, Platform, Stage

# The bounds are the stored columns' (domain.fields); the form caps money lower than its
# column can hold, as a guard against a typo of a few extra zeros.
MAX_TEXT = fields.DISPLAY_NAME.max_length
MAX_LONG_TEXT = fields.PERFORMANCE_INCENTIVE.max_length
MAX_MONEY = Decimal("100000000")
CURRENCY_PATTERN = re.compile(r"^[A-Z]{3}$")
COUNTRY_PATTERN = re.compile(r"^[A-Z]{2}$")


@dataclass(frozen=True)
class FieldError:
    """Why one field is invalid: a code and the figures its message needs."""

    code: str
    figures: Mapping[str, object] = field(default_factory=dict)


Errors = dict[str, FieldError]


@dataclass(frozen=True)
class CreatorDraft:
    handle: str
    display_name: str
    platforms: dict[str, int]
    niche: str
    country: str
    language: str
    base_rate: Decimal
    currency: str
    contact: str


@dataclass(frozen=True)
class PartnershipTerms:
    """A partnership's stage and terms as typed, in the form or in the CSV import."""

    stage: Stage
    start_date: date | None
    end_date: date | None
    quarterly_fee: Decimal | None
    premium_pct: Decimal | None
    payment_terms_days: int | None
    ip_model: IPModel


@dataclass(frozen=True)
class PartnershipDraft(PartnershipTerms):
    brand_name: str | None  # None: no partnership yet
    performance_incentive: str
    exit_scenario_agreed: bool
    renewal_decision: str | None
    owner_user_id: str | None
    channel_id: str | None


@dataclass(frozen=True)
class BrandDraft:
    name: str
    category: str
    difficulty: Difficulty
    competitors: tuple[str, ...]
    exclusivity_needs_approval: bool
    minimum_fee: Decimal | None


class _Reader:
    """Reads typed values out of raw fields, collecting an error per bad field."""

    def __init__(self, raw: Mapping[str, str | None]) -> None:
        self.raw = raw
        self.errors: Errors = {}

    def text(self, name: str, *, required: bool = False, limit: int = MAX_TEXT) -> str:
        value = (self.raw.get(name) or "").strip()
        if required and not value:
            self.errors[name] = FieldError("required")
        elif len(value) > limit:
            self.errors[name] = FieldError("too_long", {"limit": limit})
        return value[:limit]

    def decimal(
        self, name: str, *, required: bool = False, maximum: Decimal = MAX_MONEY
    ) -> Decimal | None:
        value = (self.raw.get(name) or "").strip()
        if not value:
            if required:
                self.errors[name] = FieldError("required")
            return None
        number = parse_decimal(value)
        if number is None:
            self.errors[name] = FieldError("not_a_number")
        elif number < 0:
            self.errors[name] = FieldError("negative")
        elif number > maximum:
            self.errors[name] = FieldError("too_large", {"limit": maximum})
        else:
            return number
        return None

    def integer(self, name: str, *, maximum: int) -> int | None:
        number = self.decimal(name, maximum=Decimal(maximum))
        if number is None:
            return None
        if number != number.to_integral_value():
            self.errors[name] = FieldError("not_whole")
            return None
        return int(number)

    def date(self, name: str) -> date | None:
        value = (self.raw.get(name) or "").strip()
        if not value:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.errors[name] = FieldError("not_a_date")
            return None

    def choice(self, name: str, allowed: tuple[str, ...], default: str) -> str:
        value = (self.raw.get(name) or "").strip().lower() or default
        if value not in allowed:
            self.errors[name] = FieldError("not_one_of", {"options": ", ".join(allowed)})
            return default
        return value


def parse_decimal(text: str) -> Decimal | None:
    """A number typed the Dutch or the English way: `1.250,50`, `1,250.50`, `1250`, `0,84`."""
    cleaned = text.replace("€", "").replace("\u00a0", "").replace(" ", "").replace("'", "")
    if not re.fullmatch(r"-?[\d.,]+", cleaned, re.ASCII) or len(cleaned) > 20:
        return None
    if "," in cleaned and "." in cleaned:
        decimal_mark = "," if cleaned.rfind(",") > cleaned.rfind(".") else "."
    elif cleaned.count(",") == 1 and len(cleaned.split(",")[1]) != 3:
        decimal_mark = ","  # "0,84" or "12,5": a Dutch decimal comma
    elif cleaned.count(".") == 1 and len(cleaned.split(".")[1]) != 3:
        decimal_mark = "."
    elif cleaned.count(",") + cleaned.count(".") == 0:
        decimal_mark = "."
    else:
        # "1.200" or "1,200" or "1.200.000": thousands separators only.
        separators = set(cleaned) & {",", "."}
        if len(separators) > 1 or not re.fullmatch(r"-?\d{1,3}([.,]\d{3})+", cleaned, re.ASCII):
            return None
        decimal_mark = None
    if decimal_mark is None:
        normalised = cleaned.replace(",", "").replace(".", "")
    else:
        thousands = "." if decimal_mark == "," else ","
        normalised = cleaned.replace(thousands, "").replace(decimal_mark, ".")
    try:
        return Decimal(normalised)
    except InvalidOperation:
        return None


def parse_platforms(text: str) -> dict[str, int] | FieldError:
    """`instagram:120000|tiktok:45000` (also `,` or new lines between platforms)."""
    platforms: dict[str, int] = {}
    for part in re.split(r"[|,\n]+", text.strip()):
        if not part.strip():
            continue
        name, _, audience = part.partition(":")
        name = name.strip().lower()
        if name not in {p.value for p in Platform}:
            return FieldError("unknown_platform", {"platform": name[:20]})
        audience = audience.strip().replace(".", "").replace(",", "").replace("_", "")
        if audience and (not audience.isdigit() or int(audience) > fields.MAX_AUDIENCE):
            return FieldError("bad_audience", {"platform": name})
        platforms[name] = int(audience) if audience else 0
    return platforms


def validate_creator(raw: Mapping[str, str | None]) -> tuple[CreatorDraft | None, Errors]:
    reader = _Reader(raw)
    handle = reader.text("handle", required=True, limit=fields.HANDLE.max_length)
    if handle and not is_handle(handle_of(handle)):
        reader.errors["handle"] = FieldError("bad_handle")
    display_name = reader.text("display_name", required=True, limit=fields.DISPLAY_NAME.max_length)
    if display_name and not name_key(display_name):
        reader.errors["display_name"] = FieldError("required")
    platforms = parse_platforms(raw.get("platforms") or "")
    if isinstance(platforms, FieldError):
        reader.errors["platforms"] = platforms
        platforms = {}
    country = reader.text("country", limit=fields.COUNTRY.max_length).upper()
    if country and not COUNTRY_PATTERN.match(country):
        reader.errors["country"] = FieldError("bad_country")
    currency = (
        reader.text("currency", limit=fields.CURRENCY.max_length) or fields.CURRENCY.default
    ).upper()
    if not CURRENCY_PATTERN.match(currency):
        reader.errors["currency"] = FieldError("bad_currency")
    draft = CreatorDraft(
        handle=handle_of(handle),
        display_name=display_name,
        platforms=platforms,
        niche=reader.text("niche", limit=fields.NICHE.max_length),
        country=country,
        language=reader.choice("language", fields.LANGUAGES, fields.LANGUAGE.default),
        base_rate=reader.decimal("base_rate", required=True) or Decimal(0),
        currency=currency,
        contact=reader.text("contact", limit=fields.CONTACT.max_length),
    )
    return (None if reader.errors else draft), reader.errors


def validate_partnership(
    raw: Mapping[str, str | None],
) -> tuple[PartnershipDraft | None, Errors]:
    reader = _Reader(raw)
    start, end = reader.date("start_date"), reader.date("end_date")
    if start and end and end < start:
        reader.errors["end_date"] = FieldError("end_before_start")
    renewal = (raw.get("renewal_decision") or "").strip().lower() or None
    if renewal is not None and renewal not in fields.RENEWAL_DECISIONS:
        reader.errors["renewal_decision"] = FieldError(
            "not_one_of", {"options": ", ".join(fields.RENEWAL_DECISIONS)}
        )
    draft = PartnershipDraft(
        brand_name=reader.text("brand", limit=fields.BRAND_NAME.max_length) or None,
        stage=Stage(reader.choice("stage", tuple(Stage), fields.DEFAULT_STAGE)),
        start_date=start,
        end_date=end,
        quarterly_fee=reader.decimal("quarterly_fee"),
        premium_pct=reader.decimal("premium_pct", maximum=fields.PREMIUM_PCT.maximum),
        payment_terms_days=reader.integer(
            "payment_terms_days", maximum=fields.MAX_PAYMENT_TERMS_DAYS
        ),
        ip_model=IPModel(reader.choice("ip_model", tuple(IPModel), fields.DEFAULT_IP_MODEL)),
        performance_incentive=reader.text(
            "performance_incentive", limit=fields.PERFORMANCE_INCENTIVE.max_length
        ),
        exit_scenario_agreed=(raw.get("exit_scenario_agreed") or "") in ("yes", "true", "1"),
        renewal_decision=renewal,
        owner_user_id=(raw.get("owner") or "").strip() or None,
        channel_id=(raw.get("channel") or "").strip() or None,
    )
    return (None if reader.errors else draft), reader.errors


def validate_brand(raw: Mapping[str, str | None]) -> tuple[BrandDraft | None, Errors]:
    reader = _Reader(raw)
    name = reader.text("name", required=True, limit=fields.BRAND_NAME.max_length)
    if name and not name_key(name):
        reader.errors["name"] = FieldError("required")
    competitors_text = reader.text("competitors", limit=MAX_LONG_TEXT)
    competitors = tuple(
        dict.fromkeys(c.strip() for c in re.split(r"[,\n]+", competitors_text) if c.strip())
    )
    draft = BrandDraft(
        name=name,
        category=reader.text("category", limit=fields.CATEGORY.max_length),
        difficulty=Difficulty(
            reader.choice("difficulty", tuple(Difficulty), fields.DEFAULT_DIFFICULTY)
        ),
        competitors=competitors,
        exclusivity_needs_approval=(raw.get("needs_approval") or "") in ("yes", "true", "1"),
        minimum_fee=reader.decimal("minimum_fee"),
    )
    return (None if reader.errors else draft), reader.errors
