"""The rows of `/creator list`: paged, filtered, counted, with each partnership's latest period."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine

from domain.values import KPIKind, Stage
from storage import listing
from storage.db import session_scope
from tests.factories import log_period, make_brand, make_creator, make_partnership
from tests.harness import TEAM_ID


def test_a_page_holds_its_rows_and_the_total_counts_them_all(engine: Engine) -> None:
    brand = make_brand(engine)
    for name in ("Anna", "Bram", "Cas"):
        make_partnership(engine, make_creator(engine, name, handle=name.lower()), brand)
    with session_scope(engine) as session:
        page, total = listing.list_partnerships(session=session, team_id=TEAM_ID, offset=1, limit=1)
    assert total == 3
    assert [row.display_name for row in page] == ["Bram"]


def test_a_stage_filter_lists_only_that_stage(engine: Engine) -> None:
    brand = make_brand(engine)
    make_partnership(engine, make_creator(engine, "Anna", handle="anna"), brand, stage=Stage.GROWTH)
    make_partnership(engine, make_creator(engine, "Bram", handle="bram"), brand)
    with session_scope(engine) as session:
        rows, total = listing.list_partnerships(
            session=session, team_id=TEAM_ID, stage=Stage.GROWTH
        )
    assert (total, [row.display_name for row in rows]) == (1, ["Anna"])


def test_a_row_carries_its_latest_kpi_period(engine: Engine) -> None:
    partnership = make_partnership(engine, make_creator(engine), make_brand(engine))
    log_period(engine, partnership, date(2026, 9, 1), date(2026, 9, 30), {KPIKind.BRAND_FIT: 7})
    log_period(engine, partnership, date(2026, 10, 1), date(2026, 10, 31), {KPIKind.BRAND_FIT: 8})
    with session_scope(engine) as session:
        [row], _ = listing.list_partnerships(session=session, team_id=TEAM_ID)
    assert row.latest_period_end == date(2026, 10, 31)


def test_an_offset_without_a_limit_is_refused(engine: Engine) -> None:
    with session_scope(engine) as session, pytest.raises(ValueError):
        listing.list_partnerships(session=session, team_id=TEAM_ID, offset=5)
