"""The console's read loop: start the stand-in and the session, read lines until EOF or
`!quit`, write each output (or input error) as text or as one JSON object per line."""

from __future__ import annotations

import asyncio
import logging
import sys
from typing import IO

from bot import wallclock
from bot.config import Settings
from bot.console.grammar import HELP, ConsoleInputError
from bot.console.render import json_emitter, text_emitter
from bot.console.session import Console
from bot.demo import LOCAL_TEAM_ID, existing_creators, load_demo
from bot.standin import SlackStandIn
from storage.db import create_db_engine, migrate, pending_migrations

logger = logging.getLogger("bot.console")

BANNER = (
    "Partnerdesk console: the real app on your database, Slack played locally.\n"
    "Type /creator help, or !help for console commands. To connect a real workspace, "
    "see README.md (Connect a workspace)."
)


def run_console(
    settings: Settings,
    *,
    json_mode: bool,
    locale: str | None,
    user: str,
    load_demo_data: bool = True,
    stdin: IO[str] | None = None,
    stdout: IO[str] | None = None,
) -> int:
    """Read lines until EOF or !quit; one output (or error) per line in JSON mode."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    engine = create_db_engine(settings.database_url)
    if pending_migrations(engine):
        migrate(engine)
    interactive = not json_mode and stdin.isatty()
    if load_demo_data:
        existing = existing_creators(engine)
        if existing:
            why = f"(demo data not loaded: this workspace already has {existing} creator(s))"
        else:
            summary = load_demo(
                engine,
                default_locale=settings.default_locale,
                timezone=settings.timezone,
                now=wallclock.utcnow(),  # the console's clock starts at the real time
            )
            why = f"(no creators in this workspace yet: loaded the demo data: {summary})"
        if not json_mode:
            print(why, file=stdout)
    with SlackStandIn(team_id=LOCAL_TEAM_ID).start() as standin:
        console = Console(settings, engine, standin, user=user, locale=locale)
        emit = json_emitter(stdout) if json_mode else text_emitter(stdout)
        if not json_mode:
            print(BANNER, file=stdout)
        with asyncio.Runner() as runner:
            if console.start_locale:
                runner.run(console.set_locale(console.start_locale))
            while True:
                try:
                    line = input(console.prompt) if interactive else stdin.readline()
                except EOFError:
                    break
                if not interactive and line == "":
                    break
                if line.strip() in ("!quit", "!exit"):
                    break
                if line.strip() == "!help":
                    if not json_mode:
                        print(HELP, file=stdout)
                    continue
                try:
                    outputs = runner.run(console.handle_line(line))
                except ConsoleInputError as error:
                    emit.error(str(error))
                    continue
                except Exception as error:  # noqa: BLE001 - keep the session alive; log it
                    logger.exception("console line failed")
                    emit.error(f"internal error: {type(error).__name__}")
                    continue
                for output in outputs:
                    emit.output(output)
    engine.dispose()
    return 0
