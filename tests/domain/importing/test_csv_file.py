"""The creators CSV as a whole: the sample files, the header, encodings, caps, line numbers."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.importing import (
    HEADER,
    MAX_FILE_BYTES,
    MAX_ROWS,
    CreatorRow,
    ImportFileError,
    read_creators_csv,
)
from domain.values import Difficulty, IPModel, Platform, Stage
from tests.domain.importing.rows_for_tests import (
    BAD,
    GOOD,
    SAMPLE,
    SEMICOLON,
    codes,
    csv_bytes,
    row_with,
)


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


def test_old_mac_line_endings_keep_their_line_numbers() -> None:
    data = SAMPLE.read_bytes().replace(b"\n", b"\r").replace(b"1250.00,EUR,Koffie", b"x,EUR,Koffie")
    assert codes(read_creators_csv(data).problems) == [(3, "not_amount")]
