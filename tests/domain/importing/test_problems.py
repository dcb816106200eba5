"""A problem's reason: plain English naming the column and the value, safe for a terminal."""

from __future__ import annotations

from domain.importing import read_creators_csv
from tests.domain.importing.rows_for_tests import BAD, only_problem


def test_the_bad_files_reasons_read_as_plain_english() -> None:
    reasons = {(p.line, p.reason) for p in read_creators_csv(BAD.read_bytes()).problems}
    assert (3, 'base_rate "abc" is not an amount; write it like 1250.50') in reasons
    stages = "prospect, alignment, guardrails, ambassador, growth, renewed, ended"
    assert (4, f'stage "negotiating" is not one of: {stages}') in reasons
    assert (6, "handle is empty but required") in reasons
    assert (9, "end_date 2026-05-01 is before start_date 2026-06-01") in reasons
    assert (10, 'owner "bob" is not a Slack user id such as U0123456789') in reasons
    assert (
        11,
        'creator goodrow with brand "Koffiebaas" is already on line 2; '
        "one row per creator and brand",
    ) in reasons
    assert (12, "the row has 3 values but the header has 19 columns") in reasons


def test_a_reason_names_the_column_and_the_value() -> None:
    problem = only_problem(quarterly_fee="lots")
    assert problem.reason == 'quarterly_fee "lots" is not an amount; write it like 1250.50'
    problem = only_problem(niche="x" * 81)
    assert problem.reason == "niche is 81 characters long; at most 80 are allowed"


def test_a_value_quoted_in_a_reason_cannot_drive_the_terminal() -> None:
    problem = only_problem(stage="\x1b[31mred\u202e")
    assert problem.code == "control_chars"
    # A bidi override is refused like a control character (domain.text: it makes a value
    # read as something else).
    assert only_problem(stage="red\u202eder").code == "control_chars"
    problem = only_problem(stage="red\u200fder")  # a right-to-left mark is allowed text
    assert "\u200f" not in problem.reason and "\\u200f" in problem.reason
