"""One row of the CSV, and rows checked against each other (a creator, a brand agree)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from domain.importing import HEADER, CreatorRow, parse_row, read_creators_csv
from tests.domain.importing.rows_for_tests import codes, csv_bytes, row_with


def test_every_problem_of_a_row_is_reported_not_only_the_first() -> None:
    result = parse_row(5, row_with(base_rate="x", stage="y", owner="z"))
    assert isinstance(result, list)
    assert [(p.line, p.data["column"]) for p in result] == [
        (5, "base_rate"),
        (5, "stage"),
        (5, "owner"),
    ]


def test_a_creator_must_agree_with_itself_across_rows() -> None:
    first = row_with()
    second = row_with(brand="Koffiebaas", display_name="Lucas P.", base_rate="450")
    parsed = read_creators_csv(csv_bytes(first, second))
    assert codes(parsed.problems) == [(3, "creator_conflict")]
    assert parsed.problems[0].reason == (
        "creator lucaspeeters is also on line 2 with a different display_name, base_rate; "
        "a creator's columns must agree on every row"
    )


def test_platforms_in_another_order_are_the_same_creator() -> None:
    first = row_with(platforms="youtube:12000|tiktok:5")
    second = row_with(platforms="tiktok:5|youtube:12000", brand="Koffiebaas")
    assert read_creators_csv(csv_bytes(first, second)).ok


def test_a_brand_must_agree_with_itself_across_rows() -> None:
    first = row_with()
    second = row_with(handle="emmaclarke", brand="noordzee sonar", brand_difficulty="hard")
    parsed = read_creators_csv(csv_bytes(first, second))
    assert codes(parsed.problems) == [(3, "brand_conflict")]
    assert "brand_difficulty" in parsed.problems[0].reason


def test_formulas_are_kept_as_typed_text() -> None:
    formula = '=HYPERLINK("http://example.invalid";"click")'
    result = parse_row(2, row_with(display_name=formula, niche="+SUM(A1:A9)"), delimiter=",")
    assert isinstance(result, CreatorRow)
    assert (result.display_name, result.niche) == (formula, "+SUM(A1:A9)")


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(HEADER), st.text(max_size=30)))
def test_any_text_in_any_cell_gives_a_row_or_problems(cells: dict[str, str]) -> None:
    result = parse_row(2, row_with(**cells), delimiter=";")
    if isinstance(result, list):
        assert result and all(problem.reason for problem in result)
