"""Importing validated rows on both databases: what is stored, re-imports, dry runs, teams."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select
from sqlmodel import Session, SQLModel
from sqlmodel import select as sqlmodel_select

from domain.importing import HEADER, read_creators_csv
from domain.values import Difficulty, IPModel, Stage
from storage.creators import (
    current_partnership,
    find_brand,
    find_creators,
    get_creator_by_handle,
    save_brand,
    save_partnership,
)
from storage.db import session_scope
from storage.importing import ImportCounts, import_rows
from storage.models import Brand, Creator, Partnership, StageChange
from tests.harness import START

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "creators.csv"
SEMICOLON = ROOT / "tests" / "data" / "creators_semicolon.csv"
TEAM = "T0123456789"
OTHER_TEAM = "T0987654321"

# What samples/creators.csv holds: 7 rows, 6 creators (Zoë twice), 4 brands.
SAMPLE_COUNTS = ImportCounts(
    rows=7, creators_created=6, brands_created=4, partnerships_created=7, stage_changes=7
)


def import_file(
    engine: Engine,
    data: bytes,
    *,
    teams: Sequence[str] = (TEAM,),
    dry_run: bool = False,
    now: datetime = START,
) -> dict[str, ImportCounts]:
    parsed = read_creators_csv(data)
    assert parsed.ok, parsed.problems
    with session_scope(engine) as session:
        return import_rows(
            session=session, rows=parsed.rows, team_ids=teams, dry_run=dry_run, now=now
        )


def table_snapshot(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, timestamps included: "changes nothing" means nothing."""
    with engine.connect() as connection:
        return {
            table.name: [
                tuple(row)
                for row in connection.execute(
                    select(table).order_by(*table.primary_key.columns)
                ).all()
            ]
            for table in SQLModel.metadata.sorted_tables
        }


def sample_with(**changes: str) -> bytes:
    """The sample's Zoë-with-Glow-Lab row alone, with some columns changed."""
    zoe = {
        "handle": "zoedevries",
        "display_name": "Zoë de Vries",
        "platforms": "instagram:120000|tiktok:45000",
        "niche": '"beauty, lifestyle"',  # quoted, as in the sample
        "country": "NL",
        "language": "nl",
        "base_rate": "1250.00",
        "currency": "EUR",
        "brand": "Glow Lab",
        "brand_category": "skincare",
        "brand_difficulty": "hard",
        "stage": "ambassador",
        "start_date": "2026-01-05",
        "end_date": "2026-12-31",
        "quarterly_fee": "30000.00",
        "premium_pct": "35",
        "payment_terms_days": "30",
        "ip_model": "shared",
        "owner": "U0123456789",
    } | changes
    return (",".join(HEADER) + "\n" + ",".join(zoe[name] for name in HEADER) + "\n").encode()


def partnership_of(session: Session, handle: str, brand: str, team: str = TEAM) -> Partnership:
    creator = get_creator_by_handle(session=session, team_id=team, handle=handle)
    found = find_brand(session=session, team_id=team, name=brand)
    assert creator is not None and found is not None
    partnership = current_partnership(
        session=session, team_id=team, creator_id=creator.id, brand_id=found.id
    )
    assert partnership is not None
    return partnership


# -- a first import --------------------------------------------------------------------------
def test_the_sample_creates_six_creators_four_brands_and_seven_partnerships(
    engine: Engine,
) -> None:
    assert import_file(engine, SAMPLE.read_bytes()) == {TEAM: SAMPLE_COUNTS}
    snapshot = table_snapshot(engine)
    assert len(snapshot["creators"]) == 6
    assert len(snapshot["brands"]) == 4
    assert len(snapshot["partnerships"]) == 7
    assert len(snapshot["stage_changes"]) == 7


def test_zoe_is_stored_as_the_sample_says(engine: Engine) -> None:
    import_file(engine, SAMPLE.read_bytes())
    with session_scope(engine) as session:
        (zoe,) = find_creators(session=session, team_id=TEAM, query="zoe")
        assert zoe.handle == "zoedevries"
        assert zoe.display_name == "Zoë de Vries"
        assert zoe.platforms == {"instagram": 120000, "tiktok": 45000}
        assert zoe.niche == "beauty, lifestyle"
        assert (zoe.country, zoe.language) == ("NL", "nl")
        assert (zoe.base_rate, zoe.currency) == (Decimal("1250.00"), "EUR")
        glow = partnership_of(session, "zoedevries", "Glow Lab")
        assert glow.stage is Stage.AMBASSADOR
        assert (glow.start_date, glow.end_date) == (date(2026, 1, 5), date(2026, 12, 31))
        assert glow.quarterly_fee == Decimal("30000.00")
        assert glow.premium_pct == Decimal("35")
        assert (glow.payment_terms_days, glow.ip_model) == (30, IPModel.SHARED)
        assert glow.owner_user_id == "U0123456789"
        koffie = partnership_of(session, "zoedevries", "Koffiebaas")
        assert (koffie.stage, koffie.quarterly_fee) == (Stage.RENEWED, Decimal("15000.00"))
        assert koffie.ip_model is IPModel.LICENSED


def test_the_other_sample_creators_as_a_user_would_see_them(engine: Engine) -> None:
    import_file(engine, SAMPLE.read_bytes())
    with session_scope(engine) as session:
        sanne = partnership_of(session, "sannebakker", "Atelier Veld")
        assert (sanne.stage, sanne.ip_model) == (Stage.GUARDRAILS, IPModel.UNCLEAR)
        emma = partnership_of(session, "emmaclarke", "Koffiebaas")
        assert (emma.payment_terms_days, emma.currency, emma.end_date) == (90, "GBP", None)
        assert emma.owner_user_id is None and emma.premium_pct is None
        milan = partnership_of(session, "milanjansen", "Noordzee Sonar")
        assert milan.quarterly_fee == Decimal("42500.50")
        lucas = partnership_of(session, "lucaspeeters", "Noordzee Sonar")
        assert (lucas.stage, lucas.quarterly_fee, lucas.start_date) == (Stage.PROSPECT, None, None)
        glow_lab = find_brand(session=session, team_id=TEAM, name="glow lab")
        assert glow_lab is not None
        assert (glow_lab.name, glow_lab.category) == ("Glow Lab", "skincare")
        assert glow_lab.difficulty is Difficulty.HARD
        stages = session.exec(sqlmodel_select(StageChange.from_stage, StageChange.to_stage)).all()
        assert sorted(to for _, to in stages) == sorted(Stage)
        assert {from_ for from_, _ in stages} == {None}


def test_formulas_are_stored_as_typed(engine: Engine) -> None:
    formula = "=HYPERLINK(http://example.invalid)"
    import_file(engine, sample_with(display_name=formula, niche="@SUM(A1)"))
    with session_scope(engine) as session:
        zoe = get_creator_by_handle(session=session, team_id=TEAM, handle="zoedevries")
        assert zoe is not None and (zoe.display_name, zoe.niche) == (formula, "@SUM(A1)")


# -- importing again -------------------------------------------------------------------------
def test_importing_the_same_file_again_changes_nothing(engine: Engine) -> None:
    import_file(engine, SAMPLE.read_bytes())
    before = table_snapshot(engine)
    counts = import_file(engine, SAMPLE.read_bytes())
    assert counts == {
        TEAM: ImportCounts(
            rows=7, creators_unchanged=6, brands_existing=4, partnerships_unchanged=7
        )
    }
    assert table_snapshot(engine) == before


def test_a_dotted_handle_is_its_own_creator_found_again_on_re_import(engine: Engine) -> None:
    import_file(engine, sample_with())
    import_file(engine, sample_with(handle="@Zoe.DeVries", display_name="Zoë de Vries (NL)"))
    again = import_file(engine, sample_with(handle="zoe.devries", display_name="Zoë de Vries (NL)"))
    assert again[TEAM].creators_unchanged == 1
    with session_scope(engine) as session:
        dotted = get_creator_by_handle(session=session, team_id=TEAM, handle="@zoe.devries")
        plain = get_creator_by_handle(session=session, team_id=TEAM, handle="zoedevries")
        assert dotted is not None and plain is not None and dotted.id != plain.id
        assert (dotted.handle, dotted.display_name) == ("zoe.devries", "Zoë de Vries (NL)")


def test_a_changed_row_updates_in_place_and_records_the_stage_move(engine: Engine) -> None:
    import_file(engine, SAMPLE.read_bytes())
    with session_scope(engine) as session:
        glow_before = partnership_of(session, "zoedevries", "Glow Lab")
        koffie_before = partnership_of(session, "zoedevries", "Koffiebaas")
    a_day_later = START + timedelta(days=1)
    counts = import_file(engine, SEMICOLON.read_bytes(), now=a_day_later)
    assert counts == {
        TEAM: ImportCounts(
            rows=3,
            creators_created=2,  # Fenna, Daan
            creators_updated=1,  # Zoë: base rate 1.400,00 and 125000 on Instagram
            brands_created=2,  # Huis & Haard, Pixelpost
            brands_existing=1,  # Glow Lab
            partnerships_created=2,
            partnerships_updated=1,  # Zoë with Glow Lab: ambassador -> growth
            stage_changes=3,
        )
    }
    with session_scope(engine) as session:
        zoe = get_creator_by_handle(session=session, team_id=TEAM, handle="zoedevries")
        assert zoe is not None
        assert zoe.base_rate == Decimal("1400.00")
        assert zoe.platforms == {"instagram": 125000, "tiktok": 45000}
        glow = partnership_of(session, "zoedevries", "Glow Lab")
        assert glow.id == glow_before.id and glow.stage is Stage.GROWTH
        assert (glow_before.updated_at, glow.updated_at) == (START, a_day_later)
        koffie = partnership_of(session, "zoedevries", "Koffiebaas")
        assert koffie.updated_at == koffie_before.updated_at  # not in the file: untouched
        moves = session.exec(
            sqlmodel_select(StageChange).where(StageChange.partnership_id == glow.id)
        ).all()
        assert [(m.from_stage, m.to_stage, m.changed_at) for m in moves] == [
            (None, Stage.AMBASSADOR, START),
            (Stage.AMBASSADOR, Stage.GROWTH, a_day_later),  # the import's clock, not today's
        ]
        assert glow.stage_changed_at == a_day_later
        fenna = get_creator_by_handle(session=session, team_id=TEAM, handle="fennavisser")
        assert fenna is not None and fenna.base_rate == Decimal("1250.50")
        huis = partnership_of(session, "fennavisser", "Huis & Haard")
        assert huis.quarterly_fee == Decimal("15000.00")
        assert huis.premium_pct == Decimal("32.5")
        assert (huis.start_date, huis.end_date) == (date(2026, 4, 1), date(2026, 9, 30))


def test_a_changed_fee_is_an_update_without_a_stage_change(engine: Engine) -> None:
    import_file(engine, sample_with())
    counts = import_file(engine, sample_with(quarterly_fee="32000", owner=""))
    assert counts[TEAM].partnerships_updated == 1 and counts[TEAM].stage_changes == 0
    with session_scope(engine) as session:
        glow = partnership_of(session, "zoedevries", "Glow Lab")
        assert glow.quarterly_fee == Decimal("32000.00")
        assert glow.owner_user_id is None  # an empty cell clears the stored value
        assert len(session.exec(sqlmodel_select(StageChange)).all()) == 1


def test_an_existing_brand_keeps_its_own_category_and_difficulty(engine: Engine) -> None:
    with session_scope(engine) as session:
        save_brand(
            session=session,
            brand=Brand(
                team_id=TEAM, name="GLOW LAB", category="cosmetics", difficulty=Difficulty.EASY
            ),
            now=START,
        )
    counts = import_file(engine, SAMPLE.read_bytes())
    assert (counts[TEAM].brands_created, counts[TEAM].brands_existing) == (3, 1)
    with session_scope(engine) as session:
        brand = find_brand(session=session, team_id=TEAM, name="Glow Lab")
        assert brand is not None
        assert (brand.name, brand.category, brand.difficulty) == (
            "GLOW LAB",
            "cosmetics",
            Difficulty.EASY,
        )


def test_the_live_partnership_is_updated_not_an_ended_one(engine: Engine) -> None:
    import_file(engine, sample_with())
    with session_scope(engine) as session:
        live = partnership_of(session, "zoedevries", "Glow Lab")
        ended = save_partnership(
            session=session,
            partnership=Partnership(
                team_id=TEAM,
                creator_id=live.creator_id,
                brand_id=live.brand_id,
                stage=Stage.ENDED,
                start_date=date(2027, 1, 1),  # later, but over: the live one still wins
            ),
            now=START,
        )
        ended_id = ended.id
    import_file(engine, sample_with(stage="growth"))
    with session_scope(engine) as session:
        assert session.get(Partnership, live.id).stage is Stage.GROWTH
        assert session.get(Partnership, ended_id).stage is Stage.ENDED


# -- dry runs and teams ----------------------------------------------------------------------
def test_a_dry_run_counts_the_same_and_writes_nothing(engine: Engine) -> None:
    assert import_file(engine, SAMPLE.read_bytes(), dry_run=True) == {TEAM: SAMPLE_COUNTS}
    assert all(rows == [] for rows in table_snapshot(engine).values())


def test_a_dry_run_over_existing_data_reports_updates_and_changes_nothing(engine: Engine) -> None:
    import_file(engine, SAMPLE.read_bytes())
    before = table_snapshot(engine)
    dry = import_file(engine, SEMICOLON.read_bytes(), dry_run=True)
    assert table_snapshot(engine) == before
    assert dry == import_file(engine, SEMICOLON.read_bytes())  # what it said it would do


def test_each_team_gets_its_own_records(engine: Engine) -> None:
    counts = import_file(engine, SAMPLE.read_bytes(), teams=(TEAM, OTHER_TEAM))
    assert counts == {TEAM: SAMPLE_COUNTS, OTHER_TEAM: SAMPLE_COUNTS}
    with session_scope(engine) as session:
        mine = get_creator_by_handle(session=session, team_id=TEAM, handle="zoedevries")
        theirs = get_creator_by_handle(session=session, team_id=OTHER_TEAM, handle="zoedevries")
        assert mine is not None and theirs is not None and mine.id != theirs.id
        teams = session.exec(sqlmodel_select(Creator.team_id)).all()
        assert sorted(teams) == [TEAM] * 6 + [OTHER_TEAM] * 6
    # The other team's import then finds its own rows, not ours.
    again = import_file(engine, SAMPLE.read_bytes(), teams=(OTHER_TEAM,))
    assert again[OTHER_TEAM].creators_unchanged == 6
