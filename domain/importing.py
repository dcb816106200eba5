"""Reading the creators CSV: bytes in, validated rows or each bad line with its reason out.

Pure Python: no SQL, no files, no Slack. `read_creators_csv` refuses a file that is not a
creators CSV at all (`ImportFileError`) and otherwise returns every row it could validate
and every problem it found, each with its physical line number (the header is line 1).
Problems are codes with data; `MESSAGES` turns them into the English sentences the
`partnerdesk import` command prints (operators read them, so one language is enough).
"""

from __future__ import annotations

import csv
import difflib
import io
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from domain.names import handle_key, handle_of, is_handle, name_key
from domain.text import control_characters
from domain.values import Difficulty, IPModel, Platform, Stage

# The contract: exactly these columns, in any order.
HEADER = (
    "handle",
    "display_name",
    "platforms",
    "niche",
    "country",
    "language",
    "base_rate",
    "currency",
    "brand",
    "brand_category",
    "brand_difficulty",
    "stage",
    "start_date",
    "end_date",
    "quarterly_fee",
    "premium_pct",
    "payment_terms_days",
    "ip_model",
    "owner",
)
DELIMITERS = (",", ";")
# Caps against hostile or mistaken input (a database dump, a log file, /dev/urandom).
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ROWS = 50_000
MAX_SHOWN_CHARS = 40  # how much of a bad value a message repeats
MAX_AMOUNT = Decimal("9999999999.99")  # Numeric(12, 2) in storage
MAX_PREMIUM_PCT = Decimal("999.99")  # Numeric(5, 2) in storage
MAX_AUDIENCE = 10_000_000_000
MAX_PAYMENT_TERMS_DAYS = 365
LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"
DEFAULT_CURRENCY = "EUR"

# The one place where problems become sentences; `{column}` etc. come from the data.
MESSAGES: Mapping[str, str] = {
    # the file as a whole (ImportFileError)
    "too_big": "the file is larger than {limit_mb} MB; split it into smaller files",
    "too_many_rows": "the file has more than {limit} rows; split it into smaller files",
    "utf16": "the file is UTF-16 text; save it as 'CSV UTF-8' and try again",
    "binary": "the file is not a CSV text file (it contains binary data)",
    "not_utf8": "the file is not UTF-8 text (byte {offset}); save it as 'CSV UTF-8'",
    "empty": "the file is empty; expected a header line: {header}",
    "no_header": (
        "the first line is not the header; expected these columns separated by , or ;: {header}"
    ),
    "bad_csv": "line {line} is not valid CSV ({detail}); nothing was read after it",
    # the header line
    "header_missing": "the header lacks the column(s) {columns}",
    "header_unknown": "the header has an unknown column {column}{hint}",
    "header_repeated": "the header names the column {column} more than once",
    # one row
    "cell_count": "the row has {found} values but the header has {expected} columns",
    "required": "{column} is empty but required",
    "too_long": "{column} is {length} characters long; at most {limit} are allowed",
    "control_chars": "{column} contains control characters (line breaks, tabs or similar)",
    "no_letters": "{column} {value} has no letters or digits",
    "not_handle": "{column} {value} is not a handle: use letters, digits, _ and . (@zoe.dv)",
    "not_amount": "{column} {value} is not an amount; write it like {example}",
    "negative": "{column} {value} is negative",
    "too_precise": "{column} {value} has more than 2 decimals",
    "too_large": "{column} {value} is larger than {limit}",
    "not_whole_number": "{column} {value} is not a whole number of days",
    "out_of_range": "{column} {value} is not between {low} and {high}",
    "not_date": "{column} {value} is not a date; write YYYY-MM-DD or DD-MM-YYYY",
    "not_choice": "{column} {value} is not one of: {choices}",
    "not_country": "{column} {value} is not a 2-letter country code such as NL",
    "not_currency": "{column} {value} is not a 3-letter currency code such as EUR",
    "not_user_id": "{column} {value} is not a Slack user id such as U0123456789",
    "platform_format": (
        "{column} {value}: write each platform as name:audience separated by |, "
        "e.g. instagram:120000|tiktok:45000"
    ),
    "platform_unknown": "{column}: {value} is not a platform; use {choices}",
    "platform_repeated": "{column}: {value} is listed more than once",
    "audience": "{column}: the audience {value} is not a whole number from 0 up",
    "end_before_start": "end_date {end} is before start_date {start}",
    # across rows
    "creator_conflict": (
        "creator {handle} is also on line {other_line} with a different {columns}; "
        "a creator's columns must agree on every row"
    ),
    "partnership_repeated": (
        "creator {handle} with brand {brand} is already on line {other_line}; "
        "one row per creator and brand"
    ),
    "brand_conflict": (
        "brand {brand} is also on line {other_line} with a different {columns}; "
        "a brand's columns must agree on every row"
    ),
}


def describe(code: str, data: Mapping[str, object]) -> str:
    """The English sentence for a problem code and its data."""
    return MESSAGES[code].format(**data)


@dataclass(frozen=True)
class Problem:
    """What is wrong with one line of the file: a code and its data, at a physical line."""

    line: int
    code: str
    data: Mapping[str, object] = field(default_factory=dict)

    @property
    def reason(self) -> str:
        return describe(self.code, self.data)


class ImportFileError(Exception):
    """The file as a whole cannot be read as a creators CSV (nothing row by row to report)."""

    def __init__(self, code: str, **data: object) -> None:
        self.code = code
        self.data = data
        super().__init__(describe(code, data))


@dataclass(frozen=True)
class CreatorRow:
    """One valid row: a creator, a brand and their partnership, as the file states them."""

    line: int
    handle: str  # the stored form: lower case, no "@" (domain.names.handle_of)
    display_name: str
    platforms: tuple[tuple[Platform, int], ...]  # in file order
    niche: str
    country: str  # upper case, or ""
    language: str
    base_rate: Decimal
    currency: str  # upper case
    brand: str
    brand_category: str
    brand_difficulty: Difficulty
    stage: Stage
    start_date: date | None
    end_date: date | None
    quarterly_fee: Decimal | None
    premium_pct: Decimal | None
    payment_terms_days: int | None
    ip_model: IPModel
    owner: str | None  # a Slack user id

    @property
    def audiences(self) -> dict[str, int]:
        """The platforms as the creator record stores them: {"instagram": 120000}."""
        return {platform.value: audience for platform, audience in self.platforms}

    @property
    def brand_key(self) -> str:
        return name_key(self.brand)


@dataclass(frozen=True)
class ImportFile:
    """What a file holds: the valid rows and the problems (import only when there are none)."""

    delimiter: str
    rows: tuple[CreatorRow, ...]
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def read_creators_csv(data: bytes) -> ImportFile:
    """Validate a whole creators CSV; raises ImportFileError when it is not one at all."""
    text = _decode(data)
    delimiter = _sniff_delimiter(text)
    records = _records(text, delimiter)
    header_line, header = next(records, (0, []))
    columns, problems = _read_header(header_line, header)
    if problems:
        return ImportFile(delimiter=delimiter, rows=(), problems=tuple(problems))
    rows: list[CreatorRow] = []
    for line, cells in records:
        if len(cells) != len(columns):
            sizes = {"found": len(cells), "expected": len(columns)}
            problems.append(Problem(line, "cell_count", sizes))
            continue
        result = parse_row(line, dict(zip(columns, cells, strict=True)), delimiter=delimiter)
        if isinstance(result, CreatorRow):
            rows.append(result)
        else:
            problems.extend(result)
    problems.extend(_cross_check(rows))
    problems.sort(key=lambda problem: problem.line)
    return ImportFile(delimiter=delimiter, rows=tuple(rows), problems=tuple(problems))


# -- the file ------------------------------------------------------------------------------
def _decode(data: bytes) -> str:
    if len(data) > MAX_FILE_BYTES:
        raise ImportFileError("too_big", limit_mb=MAX_FILE_BYTES // (1024 * 1024))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportFileError("utf16")
    if b"\x00" in data:
        raise ImportFileError("binary")
    try:
        text = data.decode("utf-8-sig")  # Excel's "CSV UTF-8" starts with a BOM
    except UnicodeDecodeError as error:
        raise ImportFileError("not_utf8", offset=error.start) from None
    if not text.strip():
        raise ImportFileError("empty", header=",".join(HEADER))
    return text


def _sniff_delimiter(text: str) -> str:
    """`,` or `;`: whichever splits the first line into more of the known column names.

    csv.Sniffer guesses from character frequencies and is easily fooled by a header that
    holds both characters; the header is fixed, so counting known names is exact.
    """
    first_line = re.split(r"[\r\n]", text.lstrip(), maxsplit=1)[0]

    def score(delimiter: str) -> tuple[int, int]:
        try:
            cells = next(csv.reader([first_line], delimiter=delimiter), [])
        except csv.Error:
            return 0, 0
        known = sum(cell.strip().lower() in HEADER for cell in cells)
        return known, len(cells)

    best = max(DELIMITERS, key=score)  # max keeps the first (",") on a tie
    if score(best)[0] == 0:
        raise ImportFileError("no_header", header=",".join(HEADER))
    return best


def _records(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """Non-blank records with the physical line each starts on (a quoted value may span lines)."""
    # strict: a stray quote after a closing quote is an error, not a silently merged value.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    start, count = 1, 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise ImportFileError("bad_csv", line=start, detail=str(error)) from None
        line, start = start, reader.line_num + 1
        if not any(cell.strip() for cell in cells):
            continue  # blank lines and spreadsheet rows of empty cells ";;;;"
        count += 1
        if count > MAX_ROWS + 1:  # + the header
            raise ImportFileError("too_many_rows", limit=f"{MAX_ROWS:,}")
        yield line, cells


def _read_header(line: int, cells: Sequence[str]) -> tuple[list[str], list[Problem]]:
    """The column names in file order, and the header's problems (each named once)."""
    names = [cell.strip().lower() for cell in cells]
    problems: list[Problem] = []
    missing = [column for column in HEADER if column not in names]
    if missing:
        problems.append(Problem(line, "header_missing", {"columns": ", ".join(missing)}))
    for position, name in enumerate(names, start=1):
        if name not in HEADER:
            shown = _shown(name) if name else f"(empty, column {position})"
            problems.append(
                Problem(line, "header_unknown", {"column": shown, "hint": _hint(name, missing)})
            )
    repeated = sorted({name for name in names if name in HEADER and names.count(name) > 1})
    problems.extend(Problem(line, "header_repeated", {"column": name}) for name in repeated)
    return names, problems


def _hint(name: str, missing: Sequence[str]) -> str:
    close = difflib.get_close_matches(name, missing, n=1, cutoff=0.6) if name else []
    return f" (did you mean {close[0]}?)" if close else ""


# -- one row -------------------------------------------------------------------------------
class _Invalid(Exception):
    """A cell's value is wrong: a MESSAGES code and its data (the column is added later)."""

    def __init__(self, code: str, **data: object) -> None:
        super().__init__(code)
        self.code = code
        self.data = data


_REQUIRED = object()  # marks a column that may not be empty


@dataclass(frozen=True)
class _Column:
    limit: int  # characters, at most the model's max_length
    parse: Callable[[str, bool], object]  # (text, decimal_comma) -> value, or raises _Invalid
    default: object = _REQUIRED  # the value of an empty cell


def parse_row(
    line: int, cells: Mapping[str, str], *, delimiter: str = ","
) -> CreatorRow | list[Problem]:
    """One row (column name -> text) as a CreatorRow, or every problem it has."""
    decimal_comma = delimiter == ";"  # "1.250,50" only where "," cannot be the separator
    values: dict[str, object] = {}
    problems: list[Problem] = []
    for column, spec in _COLUMNS.items():
        try:
            values[column] = _parse_cell(cells.get(column, ""), spec, decimal_comma)
        except _Invalid as invalid:
            problems.append(Problem(line, invalid.code, {"column": column, **invalid.data}))
    if problems:
        return problems
    start, end = values["start_date"], values["end_date"]
    if isinstance(start, date) and isinstance(end, date) and end < start:
        return [Problem(line, "end_before_start", {"start": start, "end": end})]
    return CreatorRow(line=line, **values)  # type: ignore[arg-type] - checked column by column


def _parse_cell(raw: str, spec: _Column, decimal_comma: bool) -> object:
    text = raw.strip()
    if len(text) > spec.limit:
        raise _Invalid("too_long", length=len(text), limit=spec.limit)
    # The import reports the line to fix rather than dropping characters silently: the
    # person running it sees the report. Same set as every other door (domain.text).
    if control_characters(text):
        raise _Invalid("control_chars")
    if not text:
        if spec.default is _REQUIRED:
            raise _Invalid("required")
        return spec.default
    return spec.parse(text, decimal_comma)


def _shown(text: str) -> str:
    """A value quoted for a message: short, and with nothing a terminal would act on."""
    cut = text[:MAX_SHOWN_CHARS] + ("…" if len(text) > MAX_SHOWN_CHARS else "")
    safe = "".join(
        char if unicodedata.category(char)[0] != "C" else f"\\u{ord(char):04x}" for char in cut
    )
    return f'"{safe}"'


def _text(text: str, _decimal_comma: bool) -> str:
    return text


def _named(text: str, _decimal_comma: bool) -> str:
    """A name must keep something to look it up by once accents and punctuation go."""
    if not name_key(text):
        raise _Invalid("no_letters", value=_shown(text))
    return text


def _handle(text: str, _decimal_comma: bool) -> str:
    if not handle_key(text):
        raise _Invalid("no_letters", value=_shown(text))
    handle = handle_of(text)
    if len(handle) > _HANDLE_LIMIT:  # some characters expand when normalised
        raise _Invalid("too_long", length=len(handle), limit=_HANDLE_LIMIT)
    if not is_handle(handle):
        raise _Invalid("not_handle", value=_shown(text))
    return handle


def _choice(
    choices: tuple[str, ...], convert: Callable[[str], object]
) -> Callable[[str, bool], object]:
    def parse(text: str, _decimal_comma: bool) -> object:
        if text.lower() not in choices:
            raise _Invalid("not_choice", value=_shown(text), choices=", ".join(choices))
        return convert(text.lower())

    return parse


def _pattern(regex: str, code: str) -> Callable[[str, bool], str]:
    compiled = re.compile(regex)

    def parse(text: str, _decimal_comma: bool) -> str:
        # ASCII first: "ß".upper() is "SS", which would pass as a country code.
        if not text.isascii() or not compiled.fullmatch(text.upper()):
            raise _Invalid(code, value=_shown(text))
        return text.upper()

    return parse


_PLAIN_NUMBER = re.compile(r"\d+(\.\d+)?")
# A decimal comma, with dots grouping thousands: "1.250,50", "1250,50", "15.000".
_COMMA_NUMBER = re.compile(r"(\d{1,3}(\.\d{3})+|\d+)(,\d+)?")


def _parse_amount(text: str, *, decimal_comma: bool, limit: Decimal = MAX_AMOUNT) -> Decimal:
    """An amount with at most 2 decimals, from 0 up to the limit (raises _Invalid)."""
    shown = _shown(text)
    if text.startswith("-"):
        raise _Invalid("negative", value=shown)
    if decimal_comma and _COMMA_NUMBER.fullmatch(text):
        amount = Decimal(text.replace(".", "").replace(",", "."))
    elif _PLAIN_NUMBER.fullmatch(text):
        amount = Decimal(text)
    else:
        raise _Invalid("not_amount", value=shown, example="1250,50" if decimal_comma else "1250.50")
    if -amount.as_tuple().exponent > 2:  # type: ignore[operator] - finite: an int
        raise _Invalid("too_precise", value=shown)
    if amount > limit:
        raise _Invalid("too_large", value=shown, limit=limit)
    return amount


def _amount(limit: Decimal) -> Callable[[str, bool], Decimal]:
    return lambda text, decimal_comma: _parse_amount(text, decimal_comma=decimal_comma, limit=limit)


def _days(text: str, _decimal_comma: bool) -> int:
    if not text.isascii() or not text.isdigit():
        raise _Invalid("not_whole_number", value=_shown(text))
    if int(text) > MAX_PAYMENT_TERMS_DAYS:
        raise _Invalid("out_of_range", value=_shown(text), low=0, high=MAX_PAYMENT_TERMS_DAYS)
    return int(text)


_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DUTCH_DATE = re.compile(r"(\d{1,2})-(\d{1,2})-(\d{4})")


def _parse_date(text: str) -> date:
    """YYYY-MM-DD or DD-MM-YYYY (raises _Invalid)."""
    if match := _ISO_DATE.fullmatch(text):
        year, month, day = match.groups()
    elif match := _DUTCH_DATE.fullmatch(text):
        day, month, year = match.groups()
    else:
        raise _Invalid("not_date", value=_shown(text))
    try:
        return date(int(year), int(month), int(day))
    except ValueError:  # 31-02-2026
        raise _Invalid("not_date", value=_shown(text)) from None


def _parse_platforms(text: str) -> tuple[tuple[Platform, int], ...]:
    """`instagram:120000|tiktok:45000` -> ((Platform.INSTAGRAM, 120000), ...)."""
    platforms: dict[Platform, int] = {}
    for part in text.split("|"):
        name, colon, audience = (piece.strip() for piece in part.partition(":"))
        if not colon or not name:
            raise _Invalid("platform_format", value=_shown(text))
        try:
            platform = Platform(name.lower())
        except ValueError:
            choices = ", ".join(p.value for p in Platform)
            raise _Invalid("platform_unknown", value=_shown(name), choices=choices) from None
        if platform in platforms:
            raise _Invalid("platform_repeated", value=platform.value)
        if not (audience.isascii() and audience.isdigit()) or int(audience) > MAX_AUDIENCE:
            raise _Invalid("audience", value=_shown(audience))
        platforms[platform] = int(audience)
    return tuple(platforms.items())


_HANDLE_LIMIT = 64
# Free text is limited to the model's max_length; a coded value only needs a guard that keeps
# it short (its own check then gives the precise reason: "NLD" is not a country code).
_CODED = 40
_COLUMNS: Mapping[str, _Column] = {
    "handle": _Column(_HANDLE_LIMIT + 1, _handle),  # + a leading "@"
    "display_name": _Column(80, _named),
    "platforms": _Column(200, lambda text, _: _parse_platforms(text), default=()),
    "niche": _Column(80, _text, default=""),
    "country": _Column(_CODED, _pattern(r"[A-Z]{2}", "not_country"), default=""),
    "language": _Column(_CODED, _choice(LANGUAGES, str), default=DEFAULT_LANGUAGE),
    "base_rate": _Column(_CODED, _amount(MAX_AMOUNT)),
    "currency": _Column(_CODED, _pattern(r"[A-Z]{3}", "not_currency"), default=DEFAULT_CURRENCY),
    "brand": _Column(80, _named),
    "brand_category": _Column(80, _text, default=""),
    "brand_difficulty": _Column(_CODED, _choice(tuple(Difficulty), Difficulty)),
    "stage": _Column(_CODED, _choice(tuple(Stage), Stage)),
    "start_date": _Column(_CODED, lambda text, _: _parse_date(text), default=None),
    "end_date": _Column(_CODED, lambda text, _: _parse_date(text), default=None),
    "quarterly_fee": _Column(_CODED, _amount(MAX_AMOUNT), default=None),
    "premium_pct": _Column(_CODED, _amount(MAX_PREMIUM_PCT), default=None),
    "payment_terms_days": _Column(_CODED, _days, default=None),
    "ip_model": _Column(_CODED, _choice(tuple(IPModel), IPModel)),
    "owner": _Column(_CODED, _pattern(r"[UW][A-Z0-9]{8,31}", "not_user_id"), default=None),
}


# -- across rows -----------------------------------------------------------------------------
_CREATOR_COLUMNS = (
    "display_name",
    "platforms",
    "niche",
    "country",
    "language",
    "base_rate",
    "currency",
)
_BRAND_COLUMNS = ("brand_category", "brand_difficulty")


def _cross_check(rows: Sequence[CreatorRow]) -> list[Problem]:
    """A creator or a brand on several rows must be the same on each; a pair only once."""
    problems: list[Problem] = []
    creators: dict[str, CreatorRow] = {}
    brands: dict[str, CreatorRow] = {}
    pairs: dict[tuple[str, str], CreatorRow] = {}
    for row in rows:
        first = creators.setdefault(row.handle, row)
        if differing := _differing(first, row, _CREATOR_COLUMNS):
            data = {"handle": row.handle, "other_line": first.line, "columns": differing}
            problems.append(Problem(row.line, "creator_conflict", data))
        first = brands.setdefault(row.brand_key, row)
        if differing := _differing(first, row, _BRAND_COLUMNS):
            data = {"brand": _shown(row.brand), "other_line": first.line, "columns": differing}
            problems.append(Problem(row.line, "brand_conflict", data))
        first = pairs.setdefault((row.handle, row.brand_key), row)
        if first is not row:
            data = {"handle": row.handle, "brand": _shown(row.brand), "other_line": first.line}
            problems.append(Problem(row.line, "partnership_repeated", data))
    return problems


def _differing(first: CreatorRow, row: CreatorRow, columns: Sequence[str]) -> str:
    """The columns (comma-separated) in which two rows differ; platforms in any order."""

    def value(of: CreatorRow, column: str) -> object:
        return of.audiences if column == "platforms" else getattr(of, column)

    return ", ".join(column for column in columns if value(first, column) != value(row, column))
