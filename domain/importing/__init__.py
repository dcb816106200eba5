"""Reading the creators CSV (`partnerdesk import`): pure Python, no SQL, no files, no Slack.

csv_file.py reads the file as a whole (encoding, delimiter, header); rows.py reads one row and
checks rows against each other; cells.py parses each column's cell within the bounds of
domain.fields; problems.py holds the problem codes and their sentences.
"""

from domain.importing.csv_file import (
    HEADER,
    MAX_FILE_BYTES,
    MAX_ROWS,
    ImportFile,
    read_creators_csv,
)
from domain.importing.problems import ImportFileError, Problem
from domain.importing.rows import CreatorRow, parse_row

__all__ = [
    "HEADER",
    "MAX_FILE_BYTES",
    "MAX_ROWS",
    "CreatorRow",
    "ImportFile",
    "ImportFileError",
    "Problem",
    "parse_row",
    "read_creators_csv",
]
