"""Reading the creators CSV: bytes in, validated rows or each bad line with its reason out.

Pure Python: no SQL, no files, no Slack. `read_creators_csv` refuses a file that is not a
creators CSV at all (`ImportFileError`) and otherwise returns every row it could validate
and every problem it found, each with its physical line number (the header is line 1).
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from domain.importing.cells import COLUMNS
from domain.importing.problems import ImportFileError, Problem, shown
from domain.importing.rows import CreatorRow, cross_check, parse_row

# The contract: exactly these columns, in any order.
HEADER = tuple(COLUMNS)
DELIMITERS = (",", ";")
# Caps against hostile or mistaken input (a database dump, a log file, /dev/urandom).
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ROWS = 50_000


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
    problems.extend(cross_check(rows))
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
            quoted = shown(name) if name else f"(empty, column {position})"
            problems.append(
                Problem(line, "header_unknown", {"column": quoted, "hint": _hint(name, missing)})
            )
    repeated = sorted({name for name in names if name in HEADER and names.count(name) > 1})
    problems.extend(Problem(line, "header_repeated", {"column": name}) for name in repeated)
    return names, problems


def _hint(name: str, missing: Sequence[str]) -> str:
    close = difflib.get_close_matches(name, missing, n=1, cutoff=0.6) if name else []
    return f" (did you mean {close[0]}?)" if close else ""
