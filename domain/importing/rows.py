"""One row of a creators CSV as a CreatorRow, and the checks across rows."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from domain import fields
from domain.drafts import PartnershipTerms
from domain.importing.cells import COLUMNS, Invalid, parse_cell
from domain.importing.problems import Problem, shown
from domain.names import name_key
from domain.values import Difficulty, Platform


@dataclass(frozen=True)
class CreatorRow(PartnershipTerms):
    """One valid row: a creator, a brand and their partnership (its terms: the base class),
    as the file states them."""

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
    owner: str | None  # a Slack user id

    @property
    def audiences(self) -> dict[str, int]:
        """The platforms as the creator record stores them: {"instagram": 120000}."""
        return {platform.value: audience for platform, audience in self.platforms}

    @property
    def brand_key(self) -> str:
        return name_key(self.brand)


def parse_row(
    line: int, cells: Mapping[str, str], *, delimiter: str = ","
) -> CreatorRow | list[Problem]:
    """One row (column name -> text) as a CreatorRow, or every problem it has."""
    decimal_comma = delimiter == ";"  # "1.250,50" only where "," cannot be the separator
    values: dict[str, object] = {}
    problems: list[Problem] = []
    for column, spec in COLUMNS.items():
        try:
            values[column] = parse_cell(cells.get(column, ""), spec, decimal_comma)
        except Invalid as invalid:
            problems.append(Problem(line, invalid.code, {"column": column, **invalid.data}))
    if problems:
        return problems
    start, end = values["start_date"], values["end_date"]
    if isinstance(start, date) and isinstance(end, date) and end < start:
        return [Problem(line, "end_before_start", {"start": start, "end": end})]
    return CreatorRow(line=line, **values)  # type: ignore[arg-type] - checked column by column


# -- across rows -----------------------------------------------------------------------------
# The creator's and the partnership's fields (domain.fields) that the file holds as columns
# of the same name; a creator's must agree on each of their rows. (The handle is the key.)
CREATOR_COLUMNS = tuple(
    name for name in fields.CREATOR_FIELDS if name in COLUMNS and name != "handle"
)
PARTNERSHIP_COLUMNS = tuple(name for name in fields.PARTNERSHIP_FIELDS if name in COLUMNS)
_BRAND_COLUMNS = ("brand_category", "brand_difficulty")


def cross_check(rows: Sequence[CreatorRow]) -> list[Problem]:
    """A creator or a brand on several rows must be the same on each; a pair only once."""
    problems: list[Problem] = []
    creators: dict[str, CreatorRow] = {}
    brands: dict[str, CreatorRow] = {}
    pairs: dict[tuple[str, str], CreatorRow] = {}
    for row in rows:
        first = creators.setdefault(row.handle, row)
        if differing := _differing(first, row, CREATOR_COLUMNS):
            data = {"handle": row.handle, "other_line": first.line, "columns": differing}
            problems.append(Problem(row.line, "creator_conflict", data))
        first = brands.setdefault(row.brand_key, row)
        if differing := _differing(first, row, _BRAND_COLUMNS):
            data = {"brand": shown(row.brand), "other_line": first.line, "columns": differing}
            problems.append(Problem(row.line, "brand_conflict", data))
        first = pairs.setdefault((row.handle, row.brand_key), row)
        if first is not row:
            data = {"handle": row.handle, "brand": shown(row.brand), "other_line": first.line}
            problems.append(Problem(row.line, "partnership_repeated", data))
    return problems


def _differing(first: CreatorRow, row: CreatorRow, columns: Sequence[str]) -> str:
    """The columns (comma-separated) in which two rows differ; platforms in any order."""

    def value(of: CreatorRow, column: str) -> object:
        return of.audiences if column == "platforms" else getattr(of, column)

    return ", ".join(column for column in columns if value(first, column) != value(row, column))
