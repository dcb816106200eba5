"""A status card asked again comes from memory, and never once anything it shows has changed:
in this process or another, through the ORM, Core or plain SQL, or by the clock alone."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import Engine, event, select, text, update

from bot.config import Settings
from domain.values import KPIKind
from storage.db import create_db_engine, session_scope
from storage.models import Creator, Partnership, StatusCard
from storage.privacy import erase_creator
from tests.factories import answer_nps, log_period, make_brand, make_creator, make_partnership
from tests.handlers.approvals.desk import APPROVER, ask, click, configure, set_up_desk
from tests.harness import OTHER_USER_ID, START, TEAM_ID, USER_ID, AppHarness


def card(harness: AppHarness, name: str = "zoedevries", user_id: str = USER_ID) -> str:
    reply = harness.command("/creator", f"status {name}", user_id=user_id)
    return json.dumps(reply, ensure_ascii=False)


@pytest.fixture
def zoe(harness: AppHarness) -> Partnership:
    creator = make_creator(harness.engine)
    return make_partnership(harness.engine, creator, make_brand(harness.engine))


@pytest.fixture
def other_process(database_url: str) -> Iterator[Engine]:
    """An engine of its own, as the other web worker, the clock or the console has."""
    engine = create_db_engine(database_url)
    yield engine
    engine.dispose()


def statements_for(harness: AppHarness, ask_card: Callable[[], str]) -> tuple[str, list[str]]:
    seen: list[str] = []

    def note(_conn, _cursor, statement: str, *_args) -> None:  # noqa: ANN001
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            seen.append(statement)

    event.listen(harness.engine, "before_cursor_execute", note)
    try:
        return ask_card(), seen
    finally:
        event.remove(harness.engine, "before_cursor_execute", note)


def test_a_card_asked_again_is_the_same_card_for_one_statement(
    harness: AppHarness, zoe: Partnership
) -> None:
    first, built = statements_for(harness, lambda: card(harness))
    again, remembered = statements_for(harness, lambda: card(harness))
    assert again == first and "Zoë de Vries" in again
    assert len(built) > 3 and len(remembered) == 1  # the workspace's data version only


def _fee_by_orm(engine: Engine, partnership: Partnership) -> str:
    with session_scope(engine) as session:
        session.get(Partnership, partnership.id).quarterly_fee = Decimal(31_000)
    return "€31,000.00"


def _fee_by_core(engine: Engine, partnership: Partnership) -> str:
    with engine.begin() as connection:
        connection.execute(
            update(Partnership)
            .where(Partnership.id == partnership.id)
            .values(quarterly_fee=Decimal(27_500))
        )
    return "€27,500.00"


def _plain_sql(engine: Engine, statement: str, **params: object) -> None:
    """As psql, or any tool that knows nothing of the app, would change it."""
    with engine.begin() as connection:
        connection.execute(text(statement), params)


def _name_by_plain_sql(engine: Engine, partnership: Partnership) -> str:
    sql = "UPDATE creators SET display_name = 'Zoë van Dijk' WHERE id = :id"
    _plain_sql(engine, sql, id=partnership.creator_id)
    return "Zoë van Dijk"


def _kpis_logged(engine: Engine, partnership: Partnership) -> str:
    log_period(
        engine,
        partnership,
        date(2026, 10, 1),
        date(2026, 10, 31),
        {KPIKind.SPEND: 1000, KPIKind.AUTHENTIC_ENGAGEMENTS: 1250, KPIKind.BRAND_FIT: 7},
    )
    return "Brand-fit score: *7*"


def _nps_answered(engine: Engine, partnership: Partnership) -> str:
    answer_nps(engine, partnership.creator_id, partnership.brand_id, 9, on=date(2026, 11, 20))
    return "9 (promoter)"


def _brand_renamed(engine: Engine, partnership: Partnership) -> str:
    _plain_sql(
        engine, "UPDATE brands SET name = 'Thee & Zo' WHERE id = :id", id=partnership.brand_id
    )
    return "Thee &amp; Zo"


@pytest.mark.parametrize(
    "change",
    [_fee_by_orm, _fee_by_core, _name_by_plain_sql, _kpis_logged, _nps_answered, _brand_renamed],
)
def test_a_change_made_elsewhere_shows_on_the_next_card(
    harness: AppHarness,
    zoe: Partnership,
    other_process: Engine,
    change: Callable[[Engine, Partnership], str],
) -> None:
    before = card(harness)
    shown = change(other_process, zoe)
    assert shown not in before
    assert shown in card(harness)


def test_a_creator_archived_elsewhere_has_no_card_any_more(
    harness: AppHarness, zoe: Partnership, other_process: Engine
) -> None:
    assert "Zoë de Vries" in card(harness)
    with other_process.begin() as connection:
        connection.execute(
            update(Creator).where(Creator.id == zoe.creator_id).values(archived=True)
        )
    assert "Zoë de Vries" not in card(harness)


def test_an_approval_shows_when_asked_falls_overdue_and_goes_when_decided(
    harness: AppHarness,
) -> None:
    desk = set_up_desk(harness)
    configure(desk)
    assert "Renewal terms 2027" not in card(desk)
    request = ask(desk)
    waiting = card(desk)
    assert "Renewal terms 2027" in waiting and "overdue" not in waiting
    # Nothing changes in the data: only the clock passes the request's due time.
    desk.clock.advance(days=3)
    assert "overdue" in card(desk)
    click(desk, request, "approval_approve", APPROVER)
    assert "Renewal terms 2027" not in card(desk)


def test_the_days_left_change_at_the_teams_midnight(harness: AppHarness) -> None:
    """The harness clock is 09:00 UTC on 23 Nov; the team is in Amsterdam (UTC+1)."""
    creator = make_creator(harness.engine)
    make_partnership(
        harness.engine, creator, make_brand(harness.engine), end_date=date(2026, 12, 13)
    )
    assert "ends in 20 days (13 Dec 2026)" in card(harness)
    harness.clock.advance(hours=13, minutes=59)  # 22:59 UTC, 23:59 in Amsterdam
    assert "ends in 20 days (13 Dec 2026)" in card(harness)
    harness.clock.advance(minutes=2)  # 00:01 on the 24th in Amsterdam
    assert "ends in 19 days (13 Dec 2026)" in card(harness)
    harness.clock.advance(days=-1)  # a clock moved back is never answered from memory
    assert "ends in 20 days (13 Dec 2026)" in card(harness)


def test_each_language_gets_its_own_card(harness: AppHarness, zoe: Partnership) -> None:
    harness.command("/creator", "language nl", user_id=OTHER_USER_ID)
    english = card(harness, user_id=USER_ID)
    dutch = card(harness, user_id=OTHER_USER_ID)
    assert "step 2 of 4" in english and "stap 2 van 4" in dutch
    assert "step 2 of 4" in card(harness, user_id=USER_ID)


def test_a_name_that_is_not_a_handle_is_not_remembered_wrongly(
    harness: AppHarness, zoe: Partnership, other_process: Engine
) -> None:
    """ "status zoë de vries" goes through the forgiving look-up every time."""
    assert "Zoë de Vries" in card(harness, "Zoë de Vries")
    with other_process.begin() as connection:
        connection.execute(
            update(Partnership)
            .where(Partnership.id == zoe.id)
            .values(quarterly_fee=Decimal(12_345))
        )
    assert "€12,345.00" in card(harness, "Zoë de Vries")


@pytest.fixture
def other_worker(settings: Settings, other_process: Engine, standin, harness: AppHarness):  # noqa: ANN001, ANN201
    """The app in a second web worker: its own engine and memory, the same database."""
    worker = AppHarness(settings, other_process, standin)
    worker.clock.current = harness.clock.current
    yield worker
    worker.close()


def kept_cards(engine: Engine) -> list[str]:
    with engine.connect() as connection:
        replies = connection.execute(select(StatusCard.reply)).scalars()
        return [json.dumps(reply, ensure_ascii=False) for reply in replies]


def test_a_card_one_worker_built_is_used_by_the_next_without_building_it(
    harness: AppHarness, zoe: Partnership, other_worker: AppHarness
) -> None:
    first = card(harness)
    other_worker.command("/creator", "help")  # its first request looks the user up
    again, statements = statements_for(other_worker, lambda: card(other_worker))
    assert again == first and "Zoë de Vries" in again
    # The data version, then the card the first worker kept: none of the card's facts.
    assert len(statements) == 2
    _, remembered = statements_for(other_worker, lambda: card(other_worker))
    assert len(remembered) == 1  # from then on, from its own memory


def test_no_worker_uses_a_kept_card_once_its_data_changed(
    harness: AppHarness, zoe: Partnership, other_worker: AppHarness, other_process: Engine
) -> None:
    assert "€31,000.00" not in card(harness)
    assert _fee_by_orm(other_process, zoe) in card(other_worker)
    assert "€31,000.00" in card(harness)
    assert len(kept_cards(harness.engine)) == 1  # the card of the version before is gone


def test_a_kept_card_is_used_only_inside_its_time(
    harness: AppHarness, zoe: Partnership, other_worker: AppHarness
) -> None:
    card(harness)
    other_worker.command("/creator", "help")
    other_worker.clock.current = harness.clock.current - timedelta(minutes=1)  # behind
    _, statements = statements_for(other_worker, lambda: card(other_worker))
    assert len(statements) > 2  # built, not taken from a card built "later"


def test_erasing_a_creator_leaves_no_kept_card_that_shows_them(
    harness: AppHarness, zoe: Partnership
) -> None:
    assert "Zoë de Vries" in card(harness)
    assert any("Zoë de Vries" in kept for kept in kept_cards(harness.engine))
    with session_scope(harness.engine) as session:
        erase_creator(session=session, team_id=TEAM_ID, handle="zoedevries", now=START)
    assert not any("Zoë de Vries" in kept for kept in kept_cards(harness.engine))
