"""One cell of a creators CSV: each column's bound and parser, from domain.fields."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from domain import fields
from domain.importing.problems import shown
from domain.names import handle_key, handle_of, is_handle, name_key
from domain.text import control_characters
from domain.values import Difficulty, IPModel, Platform, Stage


class Invalid(Exception):
    """A cell's value is wrong: a MESSAGES code and its data (the column is added later)."""

    def __init__(self, code: str, **data: object) -> None:
        super().__init__(code)
        self.code = code
        self.data = data


REQUIRED = object()  # marks a column that may not be empty


@dataclass(frozen=True)
class Column:
    limit: int  # characters, at most the model's max_length
    parse: Callable[[str, bool], object]  # (text, decimal_comma) -> value, or raises Invalid
    default: object = REQUIRED  # the value of an empty cell


def parse_cell(raw: str, spec: Column, decimal_comma: bool) -> object:
    text = raw.strip()
    if len(text) > spec.limit:
        raise Invalid("too_long", length=len(text), limit=spec.limit)
    # The import reports the line to fix rather than dropping characters silently: the
    # person running it sees the report. Same set as every other door (domain.text).
    if control_characters(text):
        raise Invalid("control_chars")
    if not text:
        if spec.default is REQUIRED:
            raise Invalid("required")
        return spec.default
    return spec.parse(text, decimal_comma)


def _text(text: str, _decimal_comma: bool) -> str:
    return text


def _named(text: str, _decimal_comma: bool) -> str:
    """A name must keep something to look it up by once accents and punctuation go."""
    if not name_key(text):
        raise Invalid("no_letters", value=shown(text))
    return text


def _handle(text: str, _decimal_comma: bool) -> str:
    if not handle_key(text):
        raise Invalid("no_letters", value=shown(text))
    handle = handle_of(text)
    if len(handle) > _HANDLE_LIMIT:  # some characters expand when normalised
        raise Invalid("too_long", length=len(handle), limit=_HANDLE_LIMIT)
    if not is_handle(handle):
        raise Invalid("not_handle", value=shown(text))
    return handle


def _choice(
    choices: tuple[str, ...], convert: Callable[[str], object]
) -> Callable[[str, bool], object]:
    def parse(text: str, _decimal_comma: bool) -> object:
        if text.lower() not in choices:
            raise Invalid("not_choice", value=shown(text), choices=", ".join(choices))
        return convert(text.lower())

    return parse


def _pattern(regex: str, code: str) -> Callable[[str, bool], str]:
    compiled = re.compile(regex)

    def parse(text: str, _decimal_comma: bool) -> str:
        # ASCII first: "ß".upper() is "SS", which would pass as a country code.
        if not text.isascii() or not compiled.fullmatch(text.upper()):
            raise Invalid(code, value=shown(text))
        return text.upper()

    return parse


_PLAIN_NUMBER = re.compile(r"\d+(\.\d+)?")
# A decimal comma, with dots grouping thousands: "1.250,50", "1250,50", "15.000".
_COMMA_NUMBER = re.compile(r"(\d{1,3}(\.\d{3})+|\d+)(,\d+)?")


def _parse_amount(
    text: str, *, decimal_comma: bool, limit: Decimal = fields.MONEY.maximum
) -> Decimal:
    """An amount with at most 2 decimals, from 0 up to the limit (raises Invalid)."""
    quoted = shown(text)
    if text.startswith("-"):
        raise Invalid("negative", value=quoted)
    if decimal_comma and _COMMA_NUMBER.fullmatch(text):
        amount = Decimal(text.replace(".", "").replace(",", "."))
    elif _PLAIN_NUMBER.fullmatch(text):
        amount = Decimal(text)
    else:
        raise Invalid("not_amount", value=quoted, example="1250,50" if decimal_comma else "1250.50")
    if -amount.as_tuple().exponent > 2:  # type: ignore[operator] - finite: an int
        raise Invalid("too_precise", value=quoted)
    if amount > limit:
        raise Invalid("too_large", value=quoted, limit=limit)
    return amount


def _amount(limit: Decimal) -> Callable[[str, bool], Decimal]:
    return lambda text, decimal_comma: _parse_amount(text, decimal_comma=decimal_comma, limit=limit)


def _days(text: str, _decimal_comma: bool) -> int:
    if not text.isascii() or not text.isdigit():
        raise Invalid("not_whole_number", value=shown(text))
    if int(text) > fields.MAX_PAYMENT_TERMS_DAYS:
        raise Invalid("out_of_range", value=shown(text), low=0, high=fields.MAX_PAYMENT_TERMS_DAYS)
    return int(text)


_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DUTCH_DATE = re.compile(r"(\d{1,2})-(\d{1,2})-(\d{4})")


def _parse_date(text: str) -> date:
    """YYYY-MM-DD or DD-MM-YYYY (raises Invalid)."""
    if match := _ISO_DATE.fullmatch(text):
        year, month, day = match.groups()
    elif match := _DUTCH_DATE.fullmatch(text):
        day, month, year = match.groups()
    else:
        raise Invalid("not_date", value=shown(text))
    try:
        return date(int(year), int(month), int(day))
    except ValueError:  # 31-02-2026
        raise Invalid("not_date", value=shown(text)) from None


def _parse_platforms(text: str) -> tuple[tuple[Platform, int], ...]:
    """`instagram:120000|tiktok:45000` -> ((Platform.INSTAGRAM, 120000), ...)."""
    platforms: dict[Platform, int] = {}
    for part in text.split("|"):
        name, colon, audience = (piece.strip() for piece in part.partition(":"))
        if not colon or not name:
            raise Invalid("platform_format", value=shown(text))
        try:
            platform = Platform(name.lower())
        except ValueError:
            choices = ", ".join(p.value for p in Platform)
            raise Invalid("platform_unknown", value=shown(name), choices=choices) from None
        if platform in platforms:
            raise Invalid("platform_repeated", value=platform.value)
        if not (audience.isascii() and audience.isdigit()) or int(audience) > fields.MAX_AUDIENCE:
            raise Invalid("audience", value=shown(audience))
        platforms[platform] = int(audience)
    return tuple(platforms.items())


_HANDLE_LIMIT = fields.HANDLE.max_length
# Free text is limited to the model's max_length (domain.fields); a coded value only needs a
# guard that keeps it short (its own check then gives the precise reason: "NLD" is not a
# country code).
_CODED = 40
COLUMNS: Mapping[str, Column] = {
    "handle": Column(_HANDLE_LIMIT + 1, _handle),  # + a leading "@"
    "display_name": Column(fields.DISPLAY_NAME.max_length, _named),
    "platforms": Column(200, lambda text, _: _parse_platforms(text), default=()),
    "niche": Column(fields.NICHE.max_length, _text, default=fields.NICHE.default),
    "country": Column(_CODED, _pattern(r"[A-Z]{2}", "not_country"), default=""),
    "language": Column(_CODED, _choice(fields.LANGUAGES, str), default=fields.LANGUAGE.default),
    "base_rate": Column(_CODED, _amount(fields.MONEY.maximum)),
    "currency": Column(
        _CODED, _pattern(r"[A-Z]{3}", "not_currency"), default=fields.CURRENCY.default
    ),
    "brand": Column(fields.BRAND_NAME.max_length, _named),
    "brand_category": Column(fields.CATEGORY.max_length, _text, default=fields.CATEGORY.default),
    "brand_difficulty": Column(_CODED, _choice(tuple(Difficulty), Difficulty)),
    "stage": Column(_CODED, _choice(tuple(Stage), Stage)),
    "start_date": Column(_CODED, lambda text, _: _parse_date(text), default=None),
    "end_date": Column(_CODED, lambda text, _: _parse_date(text), default=None),
    "quarterly_fee": Column(_CODED, _amount(fields.MONEY.maximum), default=None),
    "premium_pct": Column(_CODED, _amount(fields.PREMIUM_PCT.maximum), default=None),
    "payment_terms_days": Column(_CODED, _days, default=None),
    "ip_model": Column(_CODED, _choice(tuple(IPModel), IPModel)),
    "owner": Column(_CODED, _pattern(r"[UW][A-Z0-9]{8,31}", "not_user_id"), default=None),
}
