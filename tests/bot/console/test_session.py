"""bot/console/session.py: typed lines sent into the real app as Slack sends them, in process
(tests/bot/test_console.py drives the whole console as a user runs it)."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import Engine

from bot.config import Settings
from bot.console.grammar import ConsoleInputError
from bot.console.session import Console


@pytest.fixture
def console(settings: Settings, engine: Engine, standin) -> Console:  # noqa: ANN001
    return Console(settings, engine, standin, user="sam", locale="en")


def test_a_slash_command_is_answered_in_its_ack_to_the_one_who_typed_it(console: Console) -> None:
    [reply] = asyncio.run(console.handle_line("/creator help"))
    assert (reply.method, reply.response_type) == ("ack", "ephemeral")
    assert reply.user == console.current_user and reply.channel == console.channel_id
    assert "/creator status" in str(reply.blocks)


def test_moving_to_a_person_opens_a_dm_and_speaks_as_them(console: Console) -> None:
    asyncio.run(console.handle_line("!in @Lou"))
    assert console.prompt == "lou in @lou> "
    assert console.channel_id.startswith("D")


def test_the_console_clock_moves_without_touching_slacks_timestamps(console: Console) -> None:
    before = console.now()
    asyncio.run(console.handle_line("!clock +2d"))
    assert console.now() - before >= timedelta(days=2)
    # Signatures stay at real time: Bolt still accepts the next request.
    [reply] = asyncio.run(console.handle_line("/creator help"))
    assert reply.method == "ack"


@pytest.mark.parametrize(
    ("line", "error"),
    [
        ("!press 99", "there is no button [99]"),
        ("!submit", "no modal is open"),
        ("!Bogus", "unknown console command !Bogus; try !help"),
        ("!locale fr", "!locale takes nl or en"),
    ],
)
def test_lines_it_cannot_act_on_say_why(console: Console, line: str, error: str) -> None:
    with pytest.raises(ConsoleInputError) as raised:
        asyncio.run(console.handle_line(line))
    assert str(raised.value) == error
