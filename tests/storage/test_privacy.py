"""A creator's data on request, straight from storage: the export holds only that creator's
rows and is plain JSON; the erasure forgets the person on every partnership too.
(tests/bot/test_admin.py runs both as `partnerdesk export` and `erase`.)"""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import Engine

from domain.values import KPIKind
from storage.db import session_scope
from storage.models import Partnership
from storage.privacy import erase_creator, export_creator
from tests.factories import answer_nps, log_period, make_brand, make_creator, make_partnership
from tests.harness import START, TEAM_ID

OTHER_TEAM = "T0987654321"


def two_creators(engine: Engine) -> tuple[Partnership, Partnership]:
    brand = make_brand(engine, "Koffie & Co")
    zoe = make_creator(engine, "Zoë de Vries", contact="zoe@example.invalid")
    milan = make_creator(engine, "Milan Jansen")
    zoes = make_partnership(
        engine,
        zoe,
        brand,
        performance_incentive="€500 bonus at 10,000 authentic engagements",
        channel_id="C0ZOE00001",
    )
    milans = make_partnership(engine, milan, brand, channel_id="C0MILAN001")
    log_period(engine, milans, date(2026, 9, 1), date(2026, 9, 30), {KPIKind.SPEND: 900})
    answer_nps(engine, milan.id, brand.id, 3, date(2026, 10, 1))
    return zoes, milans


def test_the_export_holds_no_other_creators_rows(engine: Engine) -> None:
    two_creators(engine)
    with session_scope(engine) as session:
        record = export_creator(session=session, team_id=TEAM_ID, handle="zoedevries")
    assert record is not None
    assert record["creator"]["display_name"] == "Zoë de Vries"
    (partnership,) = record["partnerships"]
    assert partnership["channel_id"] == "C0ZOE00001"
    assert partnership["kpi_periods"] == [] and record["nps_answers"] == []
    assert "Milan" not in json.dumps(record, ensure_ascii=False)


def test_the_export_is_plain_json_and_found_by_a_forgiving_handle(engine: Engine) -> None:
    two_creators(engine)
    with session_scope(engine) as session:
        record = export_creator(session=session, team_id=TEAM_ID, handle="@Zoe.de.Vries")
    assert record is not None
    assert json.loads(json.dumps(record)) == record  # nothing json would have to guess at
    assert record["brands"] == ["Koffie & Co"]


def test_another_workspaces_creator_is_neither_exported_nor_erased(engine: Engine) -> None:
    two_creators(engine)
    with session_scope(engine) as session:
        assert export_creator(session=session, team_id=OTHER_TEAM, handle="zoedevries") is None
        assert (
            erase_creator(session=session, team_id=OTHER_TEAM, handle="zoedevries", now=START)
            is None
        )
        assert export_creator(session=session, team_id=TEAM_ID, handle="zoedevries") is not None


def test_erasure_clears_what_a_partnership_says_about_the_person(engine: Engine) -> None:
    zoes, milans = two_creators(engine)
    with session_scope(engine) as session:
        erasure = erase_creator(session=session, team_id=TEAM_ID, handle="zoedevries", now=START)
    assert erasure is not None and erasure.partnerships_kept == 1
    with session_scope(engine) as session:
        zoe_now = session.get(Partnership, zoes.id)
        milan_now = session.get(Partnership, milans.id)
        assert zoe_now is not None and milan_now is not None
        assert (zoe_now.performance_incentive, zoe_now.channel_id) == ("", None)
        # The figures stay; the other creator is untouched.
        assert zoe_now.quarterly_fee == zoes.quarterly_fee
        assert milan_now.channel_id == "C0MILAN001"
        assert export_creator(session=session, team_id=TEAM_ID, handle="milanjansen") is not None


def test_erasure_counts_only_the_erased_creators_figures(engine: Engine) -> None:
    two_creators(engine)
    with session_scope(engine) as session:
        erasure = erase_creator(session=session, team_id=TEAM_ID, handle="zoedevries", now=START)
    assert erasure is not None
    assert (erasure.kpi_values_kept, erasure.nps_answers_kept) == (0, 0)
    assert erasure.handle == f"erased-{erasure.creator_id}"
