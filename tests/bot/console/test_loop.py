"""The console's read loop (bot/console/loop.py) in process: what it says first, `!help`,
`!quit`, a line it cannot read answered without ending the session, and EOF."""

from __future__ import annotations

import io
import json
from pathlib import Path

from bot.config import Settings
from bot.console.loop import run_console


def console(tmp_path: Path, lines: list[str], *, json_mode: bool) -> tuple[int, str]:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'console.db'}")
    stdout = io.StringIO()
    code = run_console(
        settings,
        json_mode=json_mode,
        locale="en",
        user="casey",
        stdin=io.StringIO("".join(f"{line}\n" for line in lines)),
        stdout=stdout,
    )
    return code, stdout.getvalue()


def test_an_unreadable_line_is_answered_and_the_session_goes_on_until_quit(
    tmp_path: Path,
) -> None:
    code, shown = console(
        tmp_path, ["!clock soon", "/creator help", "!quit", "/creator help"], json_mode=True
    )
    answers = [json.loads(line) for line in shown.splitlines()]
    assert code == 0
    assert answers[0] == {"error": "!clock takes an ISO time or +<n>d / +<n>h"}
    assert [a["method"] for a in answers[1:]] == ["ack"]  # nothing after !quit was read
    assert "Show this help." in json.dumps(answers[1]["blocks"])


def test_the_first_run_loads_the_demo_and_says_so_the_next_says_why_not(tmp_path: Path) -> None:
    code, first = console(tmp_path, ["!help"], json_mode=False)
    assert code == 0
    assert first.startswith("(no creators in this workspace yet: loaded the demo data")
    assert "Partnerdesk console" in first and "Console commands:" in first  # !help
    _, second = console(tmp_path, [], json_mode=False)  # EOF at once: the session ends
    assert second.startswith("(demo data not loaded: this workspace already has ")
