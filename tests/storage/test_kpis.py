"""KPI histories and NPS answers as storage reads them back (storage/kpis.py)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Engine

from domain.values import KPIKind
from storage import kpis
from storage.db import session_scope
from storage.models import KPIPeriod
from tests.factories import answer_nps, log_period, make_brand, make_creator, make_partnership
from tests.harness import START, TEAM_ID


def test_brand_nps_counts_each_creators_latest_answer_about_that_brand(engine: Engine) -> None:
    brand, other_brand = make_brand(engine), make_brand(engine, "Thee & Zo")
    zoe, milan, noor = (make_creator(engine, name) for name in ("Zoë", "Milan", "Noor"))
    other_team = make_creator(engine, "Sanne", team_id="T0OTHER0001")
    answer_nps(engine, zoe.id, brand.id, 2, date(2026, 3, 1))
    answer_nps(engine, zoe.id, brand.id, 10, date(2026, 6, 1))  # Zoë's latest: a promoter
    answer_nps(engine, milan.id, brand.id, 9, date(2026, 6, 1))
    answer_nps(engine, milan.id, brand.id, 4, date(2026, 6, 1))  # same day, recorded later: wins
    answer_nps(engine, milan.id, brand.id, 10, date(2026, 1, 1))  # older, recorded last: ignored
    answer_nps(engine, noor.id, other_brand.id, 0, date(2026, 6, 1))  # about another brand
    answer_nps(engine, other_team.id, brand.id, 0, date(2026, 6, 1), team_id="T0OTHER0001")
    with session_scope(engine) as session:
        scores = kpis.brand_nps_scores(session=session, team_id=TEAM_ID, brand_id=brand.id)
        latest = kpis.latest_nps_answer(
            session=session, team_id=TEAM_ID, creator_id=milan.id, brand_id=brand.id
        )
        none_yet = kpis.latest_nps_answer(
            session=session, team_id=TEAM_ID, creator_id=noor.id, brand_id=brand.id
        )
    assert scores == {10: 1, 4: 1}
    assert (latest.score, latest.answered_on) == (4, date(2026, 6, 1))
    assert none_yet is None


def test_kpi_history_keeps_a_period_logged_without_values(engine: Engine) -> None:
    partnership = make_partnership(engine, make_creator(engine), make_brand(engine))
    log_period(
        engine,
        partnership,
        date(2026, 9, 1),
        date(2026, 9, 30),
        {KPIKind.SPEND: 840, KPIKind.AUTHENTIC_ENGAGEMENTS: 1000},
    )
    with session_scope(engine) as session:
        session.add(
            KPIPeriod(
                team_id=TEAM_ID,
                partnership_id=partnership.id,
                period_start=date(2026, 10, 1),
                period_end=date(2026, 10, 31),
                feedback_shared=False,
                recorded_at=START,
            )
        )
    with session_scope(engine) as session:
        history = kpis.kpi_histories(
            session=session, team_id=TEAM_ID, partnership_ids=[partnership.id]
        )[partnership.id]
    assert [(p.period_end, p.feedback_shared) for p in history.periods] == [
        (date(2026, 9, 30), True),
        (date(2026, 10, 31), False),
    ]
    assert history.latest_period.period_end == date(2026, 10, 31)
    assert {r.kind: (r.value, r.period_end) for r in history.records} == {
        KPIKind.SPEND: (Decimal("840"), date(2026, 9, 30)),
        KPIKind.AUTHENTIC_ENGAGEMENTS: (Decimal("1000"), date(2026, 9, 30)),
    }
