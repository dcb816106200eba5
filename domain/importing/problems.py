"""What can be wrong with a creators CSV: problem codes with data, and their sentences.

Problems are codes with data; `MESSAGES` turns them into the English sentences the
`partnerdesk import` command prints (operators read them, so one language is enough).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field

MAX_SHOWN_CHARS = 40  # how much of a bad value a message repeats

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


def shown(text: str) -> str:
    """A value quoted for a message: short, and with nothing a terminal would act on."""
    cut = text[:MAX_SHOWN_CHARS] + ("…" if len(text) > MAX_SHOWN_CHARS else "")
    safe = "".join(
        char if unicodedata.category(char)[0] != "C" else f"\\u{ord(char):04x}" for char in cut
    )
    return f'"{safe}"'
