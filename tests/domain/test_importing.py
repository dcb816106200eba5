"""Reading the creators CSV: the sample files, each reason for refusing a row, hostile input."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.importing import (
    HEADER,
    MAX_FILE_BYTES,
    MAX_ROWS,
    CreatorRow,
    ImportFileError,
    Problem,
    parse_row,
    read_creators_csv,
)
from domain.values import Difficulty, IPModel, Platform, Stage

ROOT = Path(__file__).resolve().parents[2]
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


# -- the sample files --------------------------------------------------------------------------
def test_the_sample_reads_as_seven_rows_of_six_creators() -> None:
    parsed = read_creators_csv(SAMPLE.read_bytes())
    assert parsed.ok and parsed.delimiter == ","
    assert [row.handle for row in parsed.rows] == [
        "zoedevries",
        "zoedevries",
        "milanjansen",
        "sannebakker",
        "emmaclarke",
        "lucaspeeters",
        "noorelamrani",
    ]
    assert {row.stage for row in parsed.rows} == set(Stage)


def test_zoes_first_row_holds_what_the_sample_says() -> None:
    zoe = read_creators_csv(SAMPLE.read_bytes()).rows[0]
    assert zoe == CreatorRow(
        line=2,
        handle="zoedevries",
        display_name="Zoë de Vries",
        platforms=((Platform.INSTAGRAM, 120000), (Platform.TIKTOK, 45000)),
        niche="beauty, lifestyle",
        country="NL",
        language="nl",
        base_rate=Decimal("1250.00"),
        currency="EUR",
        brand="Glow Lab",
        brand_category="skincare",
        brand_difficulty=Difficulty.HARD,
        stage=Stage.AMBASSADOR,
        start_date=date(2026, 1, 5),
        end_date=date(2026, 12, 31),
        quarterly_fee=Decimal("30000.00"),
        premium_pct=Decimal("35"),
        payment_terms_days=30,
        ip_model=IPModel.SHARED,
        owner="U0123456789",
    )
    assert zoe.audiences == {"instagram": 120000, "tiktok": 45000}
    assert zoe.brand_key == "glow lab"


def test_empty_optional_cells_take_their_defaults() -> None:
    lucas = read_creators_csv(SAMPLE.read_bytes()).rows[5]
    assert lucas.handle == "lucaspeeters"
    assert (lucas.start_date, lucas.end_date, lucas.quarterly_fee) == (None, None, None)
    assert (lucas.premium_pct, lucas.payment_terms_days, lucas.owner) == (None, None, None)
    emma = read_creators_csv(SAMPLE.read_bytes()).rows[4]
    assert (emma.payment_terms_days, emma.currency, emma.language) == (90, "GBP", "en")


def test_the_semicolon_file_with_a_bom_decimal_commas_and_dutch_dates() -> None:
    assert SEMICOLON.read_bytes().startswith(b"\xef\xbb\xbf")
    parsed = read_creators_csv(SEMICOLON.read_bytes())
    assert parsed.ok and parsed.delimiter == ";"
    fenna, daan, zoe = parsed.rows
    assert fenna.handle == "fennavisser"  # not "\ufeffhandle" mistaken for a column
    assert fenna.base_rate == Decimal("1250.50")  # 1.250,50
    assert fenna.quarterly_fee == Decimal("15000.00")  # 15.000,00
    assert fenna.premium_pct == Decimal("32.5")  # 32,5
    assert (fenna.start_date, fenna.end_date) == (date(2026, 4, 1), date(2026, 9, 30))
    assert fenna.niche == "interieur, wonen"  # a comma is only text in a ;-separated file
    assert daan.base_rate == Decimal("2100") and daan.quarterly_fee == Decimal("48750")
    assert daan.audiences == {"tiktok": 230000, "youtube": 18000}
    assert zoe.base_rate == Decimal("1400.00") and zoe.stage is Stage.GROWTH


# -- bad rows ----------------------------------------------------------------------------------
def test_the_bad_file_reports_each_problem_on_its_physical_line() -> None:
    parsed = read_creators_csv(BAD.read_bytes())
    assert not parsed.ok
    assert codes(parsed.problems) == [
        (3, "not_amount"),
        (4, "platform_unknown"),
        (4, "not_choice"),
        (6, "required"),  # line 5 is blank
        (7, "control_chars"),  # the quoted niche runs over lines 7 and 8
        (9, "end_before_start"),
        (10, "not_country"),
        (10, "out_of_range"),
        (10, "not_user_id"),
        (11, "partnership_repeated"),
        (12, "cell_count"),
    ]


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


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"handle": ""}, "required"),
        ({"handle": "@!!"}, "no_letters"),
        ({"handle": "lucas peeters"}, "not_handle"),
        ({"handle": "lucas-peeters"}, "not_handle"),
        ({"display_name": "—"}, "no_letters"),
        ({"brand": ""}, "required"),
        ({"base_rate": ""}, "required"),
        ({"base_rate": "-5"}, "negative"),
        ({"base_rate": "12.345"}, "too_precise"),
        ({"base_rate": "€400"}, "not_amount"),
        ({"base_rate": "1,250.50"}, "not_amount"),
        ({"base_rate": "99999999999"}, "too_large"),
        ({"premium_pct": "1000"}, "too_large"),
        ({"quarterly_fee": "lots"}, "not_amount"),
        ({"payment_terms_days": "30.5"}, "not_whole_number"),
        ({"payment_terms_days": "366"}, "out_of_range"),
        ({"start_date": "2026-02-30"}, "not_date"),
        ({"start_date": "05/01/2026"}, "not_date"),
        ({"stage": "negotiation"}, "not_choice"),
        ({"stage": ""}, "required"),
        ({"ip_model": "mine"}, "not_choice"),
        ({"brand_difficulty": "medium"}, "not_choice"),
        ({"language": "fr"}, "not_choice"),
        ({"country": "Netherlands"}, "not_country"),
        ({"country": "ß"}, "not_country"),
        ({"currency": "€"}, "not_currency"),
        ({"owner": "@sanne"}, "not_user_id"),
        ({"platforms": "instagram"}, "platform_format"),
        ({"platforms": "instagram:1|"}, "platform_format"),
        ({"platforms": "myspace:100"}, "platform_unknown"),
        ({"platforms": "tiktok:1|TikTok:2"}, "platform_repeated"),
        ({"platforms": "tiktok:-1"}, "audience"),
        ({"platforms": "tiktok:12k"}, "audience"),
        ({"display_name": "Zoë\tde Vries"}, "control_chars"),
        ({"niche": "x" * 81}, "too_long"),
        ({"handle": "z" * 66}, "too_long"),
        ({"display_name": "Z" * 81}, "too_long"),
        ({"brand_category": "c" * 81}, "too_long"),
        ({"start_date": "2026-06-01", "end_date": "2026-05-31"}, "end_before_start"),
    ],
)
def test_each_bad_value_has_its_reason(changes: dict[str, str], code: str) -> None:
    assert only_problem(**changes).code == code


def test_a_reason_names_the_column_and_the_value() -> None:
    problem = only_problem(quarterly_fee="lots")
    assert problem.reason == 'quarterly_fee "lots" is not an amount; write it like 1250.50'
    problem = only_problem(niche="x" * 81)
    assert problem.reason == "niche is 81 characters long; at most 80 are allowed"


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


# -- the header --------------------------------------------------------------------------------
def test_a_misspelt_column_is_reported_once_with_a_hint_and_no_row_is_checked() -> None:
    header = ",".join(HEADER).replace("base_rate", "base rate")
    parsed = read_creators_csv(csv_bytes(row_with(), row_with(handle=""), header=header))
    assert codes(parsed.problems) == [(1, "header_missing"), (1, "header_unknown")]
    assert [p.reason for p in parsed.problems] == [
        "the header lacks the column(s) base_rate",
        'the header has an unknown column "base rate" (did you mean base_rate?)',
    ]
    assert parsed.rows == ()


def test_missing_extra_and_repeated_columns_are_each_named() -> None:
    names = [name for name in HEADER if name not in ("owner", "niche")]
    header = ",".join([*names, "contact", "stage"])
    data = (header + "\n").encode()
    reasons = [p.reason for p in read_creators_csv(data).problems]
    assert reasons == [
        "the header lacks the column(s) niche, owner",
        'the header has an unknown column "contact"',
        "the header names the column stage more than once",
    ]


def test_columns_come_in_any_order_and_any_case() -> None:
    order = list(reversed(HEADER))
    header = ",".join(name.upper() for name in order)
    body = ",".join(GOOD[name] for name in order)
    parsed = read_creators_csv(f"{header}\r\n{body}\r\n".encode())
    assert parsed.ok
    assert parsed.rows[0].handle == "lucaspeeters" and parsed.rows[0].base_rate == Decimal(400)


# -- numbers and dates ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "delimiter", "amount"),
    [
        ("1250.50", ",", "1250.50"),
        ("1250", ",", "1250"),
        ("1.250,50", ";", "1250.50"),
        ("1250,50", ";", "1250.50"),
        ("15.000", ";", "15000"),  # dots group thousands next to a decimal comma
        ("1.234.567,8", ";", "1234567.8"),
        ("12.5", ";", "12.5"),  # not a thousands group: a decimal point
        ("1250.50", ";", "1250.50"),
    ],
)
def test_amounts(text: str, delimiter: str, amount: str) -> None:
    result = parse_row(2, row_with(base_rate=text), delimiter=delimiter)
    assert isinstance(result, CreatorRow)
    assert result.base_rate == Decimal(amount)


def test_a_decimal_comma_is_refused_in_a_comma_separated_file() -> None:
    # There it could only arrive quoted, and 1,250 is ambiguous: 1250 or 1.25?
    assert only_problem(base_rate="1,250").code == "not_amount"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-01", date(2026, 3, 1)),
        ("01-03-2026", date(2026, 3, 1)),
        ("1-3-2026", date(2026, 3, 1)),
    ],
)
def test_dates_in_both_orders(text: str, expected: date) -> None:
    result = parse_row(2, row_with(start_date=text))
    assert isinstance(result, CreatorRow) and result.start_date == expected


def test_handles_are_stored_lower_case_without_at() -> None:
    result = parse_row(2, row_with(handle="@LucasPeeters"))
    assert isinstance(result, CreatorRow) and result.handle == "lucaspeeters"


def test_a_handles_dots_and_underscores_are_kept() -> None:
    # "lucas.peeters" is another Instagram account than "lucaspeeters".
    result = parse_row(2, row_with(handle="@Lucas.Peeters_NL"))
    assert isinstance(result, CreatorRow) and result.handle == "lucas.peeters_nl"


def test_codes_are_read_in_any_case() -> None:
    result = parse_row(
        2, row_with(country="be", currency="gbp", stage="Growth", owner="u0123456789")
    )
    assert isinstance(result, CreatorRow)
    assert (result.country, result.currency) == ("BE", "GBP")
    assert (result.stage, result.owner) == (Stage.GROWTH, "U0123456789")


# -- the file as a whole ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty"),
        (b"\n \n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("handle,display_name".encode("utf-16"), "utf16"),
        ("handle,naam\nzoë,Zoë\n".encode("latin-1"), "not_utf8"),
        (b"hello world\nthis is not it\n", "no_header"),
        ("\t".join(HEADER).encode(), "no_header"),
        (b",".join(h.encode() for h in HEADER) + b'\nzoe,"Zo"e"\n', "bad_csv"),
    ],
)
def test_what_is_not_a_creators_csv_is_refused_as_a_whole(data: bytes, code: str) -> None:
    with pytest.raises(ImportFileError) as raised:
        read_creators_csv(data)
    assert raised.value.code == code


def test_a_file_over_the_size_cap_is_refused_unread() -> None:
    with pytest.raises(ImportFileError) as raised:
        read_creators_csv(b"x" * (MAX_FILE_BYTES + 1))
    assert str(raised.value) == "the file is larger than 20 MB; split it into smaller files"


def test_a_file_over_the_row_cap_is_refused() -> None:
    line = ",".join(GOOD[name] for name in HEADER)
    body = "\n".join(line for _ in range(MAX_ROWS + 1))
    with pytest.raises(ImportFileError) as raised:
        read_creators_csv(f"{','.join(HEADER)}\n{body}\n".encode())
    assert raised.value.code == "too_many_rows"
    assert "50,000" in str(raised.value)


def test_a_field_longer_than_the_csv_module_allows_is_a_clean_error() -> None:
    data = csv_bytes(row_with(niche="x" * 200_000))
    with pytest.raises(ImportFileError) as raised:
        read_creators_csv(data)
    assert raised.value.code == "bad_csv" and raised.value.data["line"] == 2


def test_formulas_are_kept_as_typed_text() -> None:
    formula = '=HYPERLINK("http://example.invalid";"click")'
    result = parse_row(2, row_with(display_name=formula, niche="+SUM(A1:A9)"), delimiter=",")
    assert isinstance(result, CreatorRow)
    assert (result.display_name, result.niche) == (formula, "+SUM(A1:A9)")


def test_a_value_quoted_in_a_reason_cannot_drive_the_terminal() -> None:
    problem = only_problem(stage="\x1b[31mred\u202e")
    assert problem.code == "control_chars"
    # A bidi override is refused like a control character (domain.text: it makes a value
    # read as something else).
    assert only_problem(stage="red\u202eder").code == "control_chars"
    problem = only_problem(stage="red\u200fder")  # a right-to-left mark is allowed text
    assert "\u200f" not in problem.reason and "\\u200f" in problem.reason


def test_blank_and_empty_rows_are_skipped_without_shifting_line_numbers() -> None:
    body = ",".join(GOOD[name] for name in HEADER)
    empty = "," * (len(HEADER) - 1)
    text = f"{','.join(HEADER)}\n\n{empty}\n{body.replace('400.00', 'x')}\n"
    assert codes(read_creators_csv(text.encode()).problems) == [(4, "not_amount")]


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_give_rows_problems_or_a_file_error_never_a_crash(data: bytes) -> None:
    try:
        read_creators_csv(b",".join(h.encode() for h in HEADER) + b"\n" + data)
        read_creators_csv(data)
    except ImportFileError:
        pass


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(HEADER), st.text(max_size=30)))
def test_any_text_in_any_cell_gives_a_row_or_problems(cells: dict[str, str]) -> None:
    result = parse_row(2, row_with(**cells), delimiter=";")
    if isinstance(result, list):
        assert result and all(problem.reason for problem in result)


def test_old_mac_line_endings_keep_their_line_numbers() -> None:
    data = SAMPLE.read_bytes().replace(b"\n", b"\r").replace(b"1250.00,EUR,Koffie", b"x,EUR,Koffie")
    assert codes(read_creators_csv(data).problems) == [(3, "not_amount")]
