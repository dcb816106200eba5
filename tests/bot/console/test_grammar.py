"""bot/console/grammar.py: what a typed console line means."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.console.grammar import (
    AT_NAME,
    Command,
    ConsoleInputError,
    Directive,
    Message,
    clock_target,
    parse_line,
    where_to,
)

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("line", "parsed"),
    [
        ("   ", None),
        ("/creator status zoe & co ", Command("/creator", "status zoe & co")),
        ("/creator", Command("/creator", "")),
        ("!Press 3", Directive("Press", "3")),
        ("!set  fee  1200 ", Directive("set", "fee  1200")),
        ("hoe staat zoe ervoor?", Message("hoe staat zoe ervoor?")),
    ],
)
def test_a_line_is_a_command_a_directive_or_a_message(line: str, parsed: object) -> None:
    assert parse_line(line) == parsed


def test_mentions_are_names_after_an_at_but_not_inside_addresses_or_slack_mentions() -> None:
    text = "vraag @Lou en @partnerdesk, niet lou@example.com of <@U0123456789>"
    assert AT_NAME.findall(text) == ["Lou", "partnerdesk"]


@pytest.mark.parametrize(
    ("rest", "offset"),
    [
        ("+2d", timedelta(days=2, hours=1)),
        ("+3h", timedelta(hours=4)),
        ("+30m", timedelta(hours=1, minutes=30)),
        ("2026-11-30T10:00+01:00", timedelta(days=7)),
    ],
)
def test_the_clock_steps_forward_or_jumps_to_a_zoned_time(rest: str, offset: timedelta) -> None:
    assert clock_target(rest, timedelta(hours=1), NOW) == offset


@pytest.mark.parametrize("rest", ["tomorrow", "+2w", "2026-11-30T09:00"])
def test_the_clock_refuses_what_it_cannot_place(rest: str) -> None:
    with pytest.raises(ConsoleInputError, match="!clock"):
        clock_target(rest, timedelta(0), NOW)


def test_in_takes_a_channel_or_a_person() -> None:
    assert where_to("#Partnerships") == ("#", "partnerships")
    assert where_to("@Lou") == ("@", "lou")
    for wrong in ("partnerships", "#", "@", ""):
        with pytest.raises(ConsoleInputError, match="#channel or @name"):
            where_to(wrong)
