"""The importing tests' files and rows: the sample files, a good row to vary, its problems."""

from __future__ import annotations

from pathlib import Path

from domain.importing import HEADER, Problem, parse_row

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "samples" / "creators.csv"
SEMICOLON = ROOT / "tests" / "data" / "creators_semicolon.csv"
BAD = ROOT / "tests" / "data" / "creators_bad.csv"

# A valid row (the sample's Lucas Peeters) to vary one column at a time.
GOOD = {
    "handle": "lucaspeeters",
    "display_name": "Lucas Peeters",
    "platforms": "youtube:12000",
    "niche": "tech reviews",
    "country": "NL",
    "language": "en",
    "base_rate": "400.00",
    "currency": "EUR",
    "brand": "Noordzee Sonar",
    "brand_category": "sonar",
    "brand_difficulty": "easy",
    "stage": "prospect",
    "start_date": "",
    "end_date": "",
    "quarterly_fee": "",
    "premium_pct": "",
    "payment_terms_days": "",
    "ip_model": "unclear",
    "owner": "",
}


def csv_bytes(*rows: dict[str, str], delimiter: str = ",", header: str | None = None) -> bytes:
    """A file in the contract's column order; values must not need quoting."""
    lines = [header if header is not None else delimiter.join(HEADER)]
    lines += [delimiter.join(row[column] for column in HEADER) for row in rows]
    return ("\n".join(lines) + "\n").encode()


def row_with(**changes: str) -> dict[str, str]:
    return {**GOOD, **changes}


def codes(problems: tuple[Problem, ...] | list[Problem]) -> list[tuple[int, str]]:
    return [(problem.line, problem.code) for problem in problems]


def only_problem(**changes: str) -> Problem:
    result = parse_row(2, row_with(**changes))
    assert isinstance(result, list) and len(result) == 1, result
    return result[0]
