"""`partnerdesk import`, `export` and `erase`: in process on both databases, then as the CLI."""

from __future__ import annotations

import io
import json
import os
import stat
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import select

from bot.admin import EXIT_FAILED, EXIT_OK, EXIT_USAGE, run_erase, run_export, run_import
from bot.demo import LOCAL_TEAM_ID
from domain.values import KPIKind
from storage.creators import find_brand, find_creators, get_creator_by_handle, save_creator
from storage.db import session_scope
from storage.kpis import log_kpis, record_nps
from storage.models import Creator, KPIValue, NPSAnswer, Partnership
from tests.harness import START
from tests.storage.test_importing import table_snapshot

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "creators.csv"
SEMICOLON = ROOT / "tests" / "data" / "creators_semicolon.csv"
BAD = ROOT / "tests" / "data" / "creators_bad.csv"
SAMPLE_SUMMARY = (
    "imported 7 rows into T0LOCAL0001: 6 creators created, 0 updated, 0 unchanged; "
    "4 brands created, 0 existing; 7 partnerships created, 0 updated, 0 unchanged; "
    "7 stage changes"
)


class Run:
    """The streams of one in-process command, and its exit status."""

    def __init__(self, stdin: str = "", tty: bool = False) -> None:
        self.stdin = _Terminal(stdin) if tty else io.StringIO(stdin)
        self.stdout = io.StringIO()
        self.stderr = io.StringIO()

    @property
    def out(self) -> str:
        return self.stdout.getvalue()

    @property
    def err(self) -> str:
        return self.stderr.getvalue()


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def do_import(
    engine: Engine, path: Path, *, teams: list[str] | None = None, dry_run: bool = False
) -> tuple[int, Run]:
    run = Run()
    status = run_import(
        engine, path=path, teams=teams, dry_run=dry_run, stdout=run.stdout, stderr=run.stderr
    )
    return status, run


def do_export(engine: Engine, handle: str, **options: Any) -> tuple[int, Run]:
    run = Run()
    options = {"team": None, "output": None} | options
    status = run_export(engine, handle=handle, stdout=run.stdout, stderr=run.stderr, **options)
    return status, run


def do_erase(
    engine: Engine, handle: str, *, yes: bool = False, typed: str = "", tty: bool = False
) -> tuple[int, Run]:
    run = Run(typed, tty=tty)
    status = run_erase(
        engine,
        handle=handle,
        team=None,
        yes=yes,
        stdin=run.stdin,
        stdout=run.stdout,
        stderr=run.stderr,
    )
    return status, run


def with_kpis_and_nps(engine: Engine) -> None:
    """The sample, plus a KPI period and an NPS answer for Zoë with Glow Lab, and a contact."""
    assert do_import(engine, SAMPLE)[0] == EXIT_OK
    with session_scope(engine) as session:
        zoe = get_creator_by_handle(session=session, team_id=LOCAL_TEAM_ID, handle="zoedevries")
        glow_lab = find_brand(session=session, team_id=LOCAL_TEAM_ID, name="Glow Lab")
        assert zoe is not None and glow_lab is not None
        zoe.contact = "zoe@example.invalid"
        save_creator(session=session, creator=zoe, now=START)
        partnership = session.exec(
            select(Partnership).where(
                Partnership.creator_id == zoe.id, Partnership.brand_id == glow_lab.id
            )
        ).one()
        log_kpis(
            session=session,
            partnership=partnership,
            period_start=date(2026, 1, 5),
            period_end=date(2026, 3, 31),
            values={KPIKind.SPEND: Decimal("1200"), KPIKind.AUTHENTIC_ENGAGEMENTS: Decimal(1500)},
            currency="EUR",
            feedback_shared=True,
            recorded_by="U0123456789",
            now=START,
        )
        record_nps(
            session=session,
            team_id=LOCAL_TEAM_ID,
            creator_id=zoe.id,
            brand_id=glow_lab.id,
            score=9,
            answered_on=date(2026, 3, 31),
            recorded_by="U0123456789",
        )


# -- import, in process ----------------------------------------------------------------------
def test_import_prints_one_summary_line_into_the_local_team(engine: Engine) -> None:
    status, run = do_import(engine, SAMPLE)
    assert (status, run.out, run.err) == (EXIT_OK, SAMPLE_SUMMARY + "\n", "")


def test_a_bad_file_lists_its_lines_on_stderr_and_imports_nothing(engine: Engine) -> None:
    status, run = do_import(engine, BAD)
    assert status == EXIT_FAILED and run.out == ""
    lines = run.err.splitlines()
    assert lines[0] == 'line 3: base_rate "abc" is not an amount; write it like 1250.50'
    assert "line 6: handle is empty but required" in lines
    assert "line 7: niche contains control characters (line breaks, tabs or similar)" in lines
    assert "line 12: the row has 3 values but the header has 19 columns" in lines
    assert lines[-1] == (
        f"partnerdesk import: {BAD}: 11 problem(s) on 8 line(s); nothing was imported"
    )
    assert all(rows == [] for rows in table_snapshot(engine).values())


def test_a_dry_run_says_what_it_would_do_and_writes_nothing(engine: Engine) -> None:
    status, run = do_import(engine, SAMPLE, dry_run=True)
    assert status == EXIT_OK
    assert run.out == (
        "dry run, nothing written: would import" + SAMPLE_SUMMARY.removeprefix("imported") + "\n"
    )
    assert all(rows == [] for rows in table_snapshot(engine).values())


def test_a_reimport_reports_everything_unchanged(engine: Engine) -> None:
    do_import(engine, SAMPLE)
    before = table_snapshot(engine)
    status, run = do_import(engine, SAMPLE)
    assert status == EXIT_OK
    assert "0 creators created, 0 updated, 6 unchanged" in run.out
    assert "7 partnerships created, " not in run.out and "0 stage changes" in run.out
    assert table_snapshot(engine) == before


def test_teams_can_be_repeated_or_comma_separated(engine: Engine) -> None:
    status, run = do_import(engine, SEMICOLON, teams=["T0AAAAAAAA", "T0BBBBBBBB,T0AAAAAAAA"])
    assert status == EXIT_OK
    assert [line.split(":")[0] for line in run.out.splitlines()] == [
        "imported 3 rows into T0AAAAAAAA",
        "imported 3 rows into T0BBBBBBBB",
    ]
    with session_scope(engine) as session:
        teams = session.exec(select(Creator.team_id)).all()
        assert sorted(teams) == ["T0AAAAAAAA"] * 3 + ["T0BBBBBBBB"] * 3


@pytest.mark.parametrize(
    ("name", "content", "teams", "message"),
    [
        ("missing.csv", None, None, "no such file"),
        ("folder", "dir", None, "is a directory, not a CSV file"),
        ("junk.csv", b"\x7fELF\x02\x01\x01\x00\x00\x00", None, "not a CSV text file"),
        ("empty.csv", b"", None, "the file is empty"),
        ("sample.csv", SAMPLE.read_bytes(), ["t-lower"], "'t-lower' is not a Slack team id"),
    ],
)
def test_usage_errors_exit_2_and_write_nothing(
    engine: Engine,
    tmp_path: Path,
    name: str,
    content: bytes | str | None,
    teams: list[str] | None,
    message: str,
) -> None:
    path = tmp_path / name
    if content == "dir":
        path.mkdir()
    elif isinstance(content, bytes):
        path.write_bytes(content)
    status, run = do_import(engine, path, teams=teams)
    assert status == EXIT_USAGE and run.out == ""
    assert run.err.startswith(f"partnerdesk import: {path}: ") and message in run.err
    assert all(rows == [] for rows in table_snapshot(engine).values())


# -- export ----------------------------------------------------------------------------------
def test_export_holds_everything_about_the_creator(engine: Engine) -> None:
    with_kpis_and_nps(engine)
    status, run = do_export(engine, "@ZoeDeVries")
    assert status == EXIT_OK and run.err == ""
    assert '"display_name": "Zoë de Vries"' in run.out  # UTF-8, not \u00eb
    record = json.loads(run.out)
    assert (record["format"], record["version"], record["team_id"]) == (
        "partnerdesk-creator-export",
        1,
        LOCAL_TEAM_ID,
    )
    creator = record["creator"]
    assert creator["handle"] == "zoedevries"
    assert creator["platforms"] == {"instagram": 120000, "tiktok": 45000}
    assert (creator["base_rate"], creator["currency"]) == ("1250.00", "EUR")
    assert creator["contact"] == "zoe@example.invalid"
    assert record["brands"] == ["Glow Lab", "Koffiebaas"]
    glow, koffie = record["partnerships"]
    assert (glow["brand"], glow["stage"], glow["quarterly_fee"]) == (
        "Glow Lab",
        "ambassador",
        "30000.00",
    )
    assert (glow["start_date"], glow["end_date"]) == ("2026-01-05", "2026-12-31")
    assert glow["owner_user_id"] == "U0123456789"
    assert [(c["from_stage"], c["to_stage"]) for c in glow["stage_changes"]] == [
        (None, "ambassador")
    ]
    (period,) = glow["kpi_periods"]
    assert (period["period_start"], period["period_end"]) == ("2026-01-05", "2026-03-31")
    assert period["feedback_shared"] is True
    values = {value["kind"]: value for value in period["values"]}
    assert set(values) == {"spend", "authentic_engagements"}
    assert Decimal(values["spend"]["value"]) == Decimal("1200")
    assert values["spend"]["currency"] == "EUR"
    assert (koffie["brand"], koffie["stage"], koffie["kpi_periods"]) == (
        "Koffiebaas",
        "renewed",
        [],
    )
    (answer,) = record["nps_answers"]
    assert (answer["score"], answer["brand"], answer["answered_on"]) == (
        9,
        "Glow Lab",
        "2026-03-31",
    )


def test_export_of_an_unknown_handle_or_another_team_finds_nothing(engine: Engine) -> None:
    do_import(engine, SAMPLE)
    status, run = do_export(engine, "nobody")
    assert status == EXIT_FAILED
    assert run.err == "partnerdesk export: no creator with handle 'nobody' in T0LOCAL0001\n"
    assert do_export(engine, "zoedevries", team="T0987654321")[0] == EXIT_FAILED


def test_export_to_a_file_only_its_owner_can_read(engine: Engine, tmp_path: Path) -> None:
    do_import(engine, SAMPLE)
    output = tmp_path / "zoe.json"
    status, run = do_export(engine, "zoedevries", output=output)
    assert status == EXIT_OK and run.out == ""
    assert json.loads(output.read_text(encoding="utf-8"))["creator"]["niche"] == (
        "beauty, lifestyle"
    )
    assert stat.S_IMODE(output.stat().st_mode) == 0o600


# -- erase -----------------------------------------------------------------------------------
def test_erase_removes_the_person_and_keeps_the_figures(engine: Engine) -> None:
    with_kpis_and_nps(engine)
    with session_scope(engine) as session:
        zoe_id = get_creator_by_handle(
            session=session, team_id=LOCAL_TEAM_ID, handle="zoedevries"
        ).id
    status, run = do_erase(engine, "zoedevries", yes=True)
    assert status == EXIT_OK
    assert run.out == (
        f"erased zoedevries: personal data removed, the record is now erased-{zoe_id}; "
        "kept as anonymous figures: 2 partnerships, 2 KPI values, 1 NPS answers\n"
    )
    with session_scope(engine) as session:
        erased = session.get(Creator, zoe_id)
        assert erased is not None
        assert (erased.handle, erased.display_name, erased.name_key) == (
            f"erased-{zoe_id}",
            "Erased creator",
            "erased creator",
        )
        assert (erased.contact, erased.niche, erased.country, erased.platforms) == ("", "", "", {})
        assert erased.erased and erased.archived
        for query in ("zoedevries", "zoe", "Zoë de Vries", "vries"):
            assert (
                find_creators(
                    session=session, team_id=LOCAL_TEAM_ID, query=query, include_archived=True
                )
                == []
            ), query
        assert (
            get_creator_by_handle(session=session, team_id=LOCAL_TEAM_ID, handle="zoedevries")
            is None
        )
        # The anonymous figures stay, pointing at the erased row.
        fees = session.exec(
            select(Partnership.quarterly_fee).where(Partnership.creator_id == zoe_id)
        ).all()
        assert sorted(fees) == [Decimal("15000.00"), Decimal("30000.00")]
        assert len(session.exec(select(KPIValue)).all()) == 2
        (answer,) = session.exec(select(NPSAnswer)).all()
        assert (answer.creator_id, answer.score) == (zoe_id, 9)
    assert do_export(engine, "zoedevries")[0] == EXIT_FAILED
    assert do_erase(engine, "zoedevries", yes=True)[0] == EXIT_FAILED  # nothing left to erase


def test_an_erased_creator_cannot_be_reached_by_a_reimport(engine: Engine) -> None:
    do_import(engine, SAMPLE)
    do_erase(engine, "zoedevries", yes=True)
    before = {row[0]: row for row in table_snapshot(engine)["creators"]}
    status, run = do_import(engine, SAMPLE)
    assert status == EXIT_OK and "1 creators created, 0 updated, 5 unchanged" in run.out
    after = {row[0]: row for row in table_snapshot(engine)["creators"]}
    assert all(after[creator_id] == row for creator_id, row in before.items())


def test_erase_without_a_terminal_needs_yes(engine: Engine) -> None:
    do_import(engine, SAMPLE)
    before = table_snapshot(engine)
    status, run = do_erase(engine, "zoedevries")
    assert status == EXIT_USAGE
    assert run.err == (
        "partnerdesk erase: not run from a terminal, so it cannot ask for confirmation; "
        "add --yes to erase without asking\n"
    )
    assert table_snapshot(engine) == before


def test_erase_on_a_terminal_asks_for_the_handle(engine: Engine) -> None:
    do_import(engine, SAMPLE)
    before = table_snapshot(engine)
    status, run = do_erase(engine, "zoe de vries", tty=True, typed="zoe\n")
    assert status == EXIT_FAILED
    assert "personal data of zoedevries (Zoë de Vries)" in run.out
    assert run.out.endswith("Type the handle to confirm: ")
    assert run.err == "partnerdesk erase: not confirmed; nothing was erased\n"
    assert table_snapshot(engine) == before
    status, run = do_erase(engine, "zoedevries", tty=True, typed="zoedevries\n")
    assert status == EXIT_OK and "erased zoedevries" in run.out


# -- the real command line (SQLite) ----------------------------------------------------------
def cli(tmp_path: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    """`python -m bot ...` in an empty directory (no .env) on the test's SQLite file."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("SLACK_", "DATABASE_URL", "DEFAULT_LOCALE", "DEMO_"))
    }
    environment["DATABASE_URL"] = f"sqlite:///{tmp_path / 'cli.db'}"
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=tmp_path,
        env=environment,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.fixture
def migrated(tmp_path: Path) -> Path:
    assert cli(tmp_path, "migrate").returncode == 0
    return tmp_path


@pytest.mark.slow
def test_cli_import_reimport_dry_run_and_teams(migrated: Path) -> None:
    dry = cli(migrated, "import", str(SAMPLE), "--dry-run")
    assert dry.returncode == 0 and dry.stdout.startswith("dry run, nothing written")
    first = cli(migrated, "import", str(SAMPLE))
    assert (first.returncode, first.stdout, first.stderr) == (0, SAMPLE_SUMMARY + "\n", "")
    again = cli(migrated, "import", str(SAMPLE))
    assert "0 creators created, 0 updated, 6 unchanged" in again.stdout
    teams = cli(migrated, "import", str(SEMICOLON), "--team", "T0AAAAAAAA", "T0BBBBBBBB")
    assert teams.returncode == 0
    assert teams.stdout.count("imported 3 rows into T0") == 2


@pytest.mark.slow
def test_cli_bad_rows_exit_1_and_import_nothing(migrated: Path) -> None:
    bad = cli(migrated, "import", str(BAD))
    assert bad.returncode == 1 and bad.stdout == ""
    assert bad.stderr.startswith('line 3: base_rate "abc" is not an amount')
    assert "nothing was imported" in bad.stderr and "Traceback" not in bad.stderr
    assert cli(migrated, "export", "--creator", "goodrow").returncode == 1


@pytest.mark.slow
def test_cli_usage_errors_exit_2_without_a_traceback(migrated: Path) -> None:
    junk = migrated / "junk.csv"
    junk.write_bytes(bytes(range(256)) * 64)
    for args in (
        ("import", str(migrated / "missing.csv")),
        ("import", str(junk)),
        ("import", str(SAMPLE), "--team", "nonsense"),
        ("import",),
        ("erase", "--creator", "zoedevries"),  # stdin is not a terminal and no --yes
    ):
        result = cli(migrated, *args, stdin="")
        assert result.returncode == 2, (args, result.stderr)
        assert "Traceback" not in result.stderr and result.stderr.strip()


@pytest.mark.slow
def test_cli_export_then_erase(migrated: Path) -> None:
    cli(migrated, "import", str(SAMPLE))
    exported = cli(migrated, "export", "--creator", "zoedevries")
    assert exported.returncode == 0
    assert json.loads(exported.stdout)["creator"]["display_name"] == "Zoë de Vries"
    refused = cli(migrated, "erase", "--creator", "zoedevries", stdin="zoedevries\n")
    assert refused.returncode == 2 and "--yes" in refused.stderr
    erased = cli(migrated, "erase", "--creator", "zoedevries", "--yes")
    assert erased.returncode == 0 and erased.stdout.startswith("erased zoedevries")
    assert cli(migrated, "export", "--creator", "zoedevries").returncode == 1


@pytest.mark.slow
def test_cli_refuses_an_unmigrated_database(tmp_path: Path) -> None:
    result = cli(tmp_path, "import", str(SAMPLE))
    assert result.returncode == 2 and "run `partnerdesk migrate` first" in result.stderr
