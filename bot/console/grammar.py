"""The console's input grammar: what a typed line means, before anything is sent.

`/…` is a slash command, `!…` a console directive, anything else a message; `@name` in a
message is a mention. Errors in a line are ConsoleInputError, shown and the session goes on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

HELP = """Console commands:
  /creator help            a slash command, as the current user in the current channel
  any other text           a message in the current channel (or thread)
  !as <name>               speak as another user (created on first use)
  !in #<channel>           move to a channel;  !in @<name>  a DM with the bot
  !thread <n> | off        reply in the thread of bot message n / leave it
  !press <n>               press button n
  !set <field> <value>     fill the open modal;  !submit  send it;  !cancel  close it
  !clock <ISO time> | +<n>d | +<n>h   set or advance the clock and run what falls due
  !locale nl|en            the current user's language
  !home                    open the current user's Home tab
  !help, !quit"""

BOT_NAMES = frozenset({"partnerdesk", "bot"})  # `@partnerdesk` in a typed line mentions the bot
# `@name` typed as a mention (not inside an e-mail address or an existing `<@U…>`).
AT_NAME = re.compile(r"(?<![\w<@])@([A-Za-z][\w.\-]{0,39}[\w])")
_CLOCK_STEP = re.compile(r"\+(\d+)([dhm])")
_STEP_UNITS = {"d": "days", "h": "hours", "m": "minutes"}


class ConsoleInputError(Exception):
    """An input line the console cannot act on."""


@dataclass(frozen=True)
class Directive:
    """`!name rest`: a console directive (its name as typed; directives match in any case)."""

    name: str
    rest: str


@dataclass(frozen=True)
class Command:
    """`/command text`: a slash command."""

    command: str
    text: str


@dataclass(frozen=True)
class Message:
    """Anything else: a message in the current channel or thread."""

    text: str


def parse_line(line: str) -> Directive | Command | Message | None:
    """What a typed line is; None for a blank line."""
    line = line.strip()
    if not line:
        return None
    if line.startswith("!"):
        name, _, rest = line[1:].partition(" ")
        return Directive(name, rest.strip())
    if line.startswith("/"):
        command, _, text = line.partition(" ")
        return Command(command, text)
    return Message(line)


def clock_target(rest: str, offset: timedelta, now: datetime) -> timedelta:
    """The console clock's new offset from the wall clock for `!clock <rest>`: a step forward
    (`+3d`, `+2h`, `+30m`) or an ISO time with its zone."""
    step = _CLOCK_STEP.fullmatch(rest)
    if step:
        return offset + timedelta(**{_STEP_UNITS[step[2]]: int(step[1])})
    try:
        target = datetime.fromisoformat(rest)
    except ValueError:
        raise ConsoleInputError("!clock takes an ISO time or +<n>d / +<n>h") from None
    if target.tzinfo is None:
        raise ConsoleInputError("!clock needs a time zone, e.g. 2026-11-30T09:00+01:00")
    return target - now


def where_to(where: str) -> tuple[str, str]:
    """`!in #channel` or `!in @name`: ("#", "channel") or ("@", "name")."""
    if where[:1] in ("#", "@") and len(where) > 1:
        return where[0], where.lstrip(where[0]).lower()
    raise ConsoleInputError("!in takes #channel or @name")
