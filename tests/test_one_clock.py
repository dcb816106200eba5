"""One clock: rules take time from the injected clock, only the wiring reads the wall clock.

Behaviour that compares times (the status card's pending approvals, the digest's moves of
the week, expiry, reminders) must see the same "now" as the request, the clock process or
the console's `!clock`; a rule that reads the wall clock itself is right only on the day it
was written (issue 11, finding 1). This parses every module of the app and fails on any
read of the wall clock outside the modules listed below.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("domain", "storage", "handlers", "locales", "bot")

# The only module that reads the wall clock itself.
CLOCK = {"bot/wallclock.py": "the wall clock, handed to everything else as `now`"}

# Wiring that takes the wall clock from bot.wallclock and hands it on; nothing else may.
WIRING = {
    "bot/app.py": "the app's default clock (Deps.now) when no test or console gives one",
    "bot/clock.py": "the clock process: each sweep's now and the scheduler's first run",
    "bot/console/session.py": "the console's clock (wall clock + `!clock` offset); Slack's ids",
    "bot/console/loop.py": "the demo data loaded at the console's start, at the real time",
    "bot/__main__.py": "`partnerdesk demo` loads the demo data at today's date",
    "bot/admin.py": "the admin CLI's import and erase stamps and the export's exported_at",
    "bot/server.py": "a request's signature age against Slack's real timestamp",
    "bot/delivery/sweeping.py": "when an attempt started, compared with Slack's message timestamps",
    "bot/standin/facade.py": "the Slack stand-in's message timestamps: Slack's clock is real time",
}

_DATE_TYPES = {"datetime", "date"}
_DATE_READS = {"now", "utcnow", "today"}
_TIME_READS = {"time", "time_ns"}


def wall_clock_reads(source: str, *, may_use_wallclock: bool = False) -> list[str]:
    """Each place `source` reads the wall clock, as "line: what" (empty when none does)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.Attribute):
            base = node.value
            base_name = base.id if isinstance(base, ast.Name) else getattr(base, "attr", None)
            if node.attr in _DATE_READS and base_name in _DATE_TYPES:
                found.append(f"{line}: {base_name}.{node.attr}")
            elif node.attr in _TIME_READS and base_name == "time":
                found.append(f"{line}: time.{node.attr}")
            elif node.attr == "utcnow" and not (may_use_wallclock and base_name == "wallclock"):
                found.append(f"{line}: {base_name}.utcnow")
        elif isinstance(node, ast.Name) and node.id == "utcnow":
            found.append(f"{line}: utcnow")
        elif isinstance(node, ast.ImportFrom):
            names = {alias.name for alias in node.names}
            if node.module == "time" and names & _TIME_READS:
                found.append(f"{line}: from time import {', '.join(sorted(names & _TIME_READS))}")
            wallclock = node.module == "bot.wallclock" or (
                node.module == "bot" and "wallclock" in names
            )
            if wallclock and not may_use_wallclock:
                found.append(f"{line}: imports bot.wallclock")
        elif isinstance(node, ast.Import):
            if any(alias.name == "bot.wallclock" for alias in node.names) and not may_use_wallclock:
                found.append(f"{line}: imports bot.wallclock")
    return sorted(found, key=lambda entry: int(entry.split(":")[0]))


def app_modules() -> list[Path]:
    return sorted(path for package in PACKAGES for path in (ROOT / package).rglob("*.py"))


def test_only_the_wiring_reads_the_wall_clock() -> None:
    offenders = {}
    for path in app_modules():
        name = path.relative_to(ROOT).as_posix()
        if name in CLOCK:
            continue
        reads = wall_clock_reads(path.read_text(encoding="utf-8"), may_use_wallclock=name in WIRING)
        if reads:
            offenders[name] = reads
    assert offenders == {}, (
        "take the time from the injected clock (now(context), a `now=` argument) instead:\n"
        + "\n".join(f"{name}: {', '.join(reads)}" for name, reads in offenders.items())
    )


def test_the_listed_modules_exist() -> None:
    """A renamed wiring module must not leave a stale exemption behind."""
    for name in (*CLOCK, *WIRING):
        assert (ROOT / name).is_file(), name
    assert len(app_modules()) > 50  # the scan sees the app, not an empty folder


@pytest.mark.parametrize(
    "snippet",
    [
        "from datetime import datetime, UTC\nx = datetime.now(UTC)",
        "import datetime\nx = datetime.datetime.utcnow()",
        "from datetime import date\nx = date.today()",
        "import datetime as dt\nx = dt.date.today()",
        "import time\nx = time.time()",
        "import time\nx = time.time_ns()",
        "from time import time\nx = time()",
        "from storage.types import utcnow\nx = utcnow()",
        "from datetime import datetime\nf = datetime.now  # passed as a default, not called",
        "from bot import wallclock\nx = wallclock.utcnow()",
        "from bot.wallclock import utcnow",
    ],
)
def test_the_scan_finds_each_way_of_reading_the_wall_clock(snippet: str) -> None:
    assert wall_clock_reads(snippet), snippet


@pytest.mark.parametrize(
    "snippet",
    [
        "def f(now):\n    return now.date()",
        "from handlers.context import now, today\nx = today(context), now(context)",
        "import time\nx = time.monotonic()",
        "from datetime import datetime\nx = datetime.fromisoformat('2026-01-01T00:00+00:00')",
    ],
)
def test_the_scan_lets_the_injected_clock_be(snippet: str) -> None:
    assert wall_clock_reads(snippet) == []


def test_wiring_may_take_the_wall_clock_from_bot_wallclock_only() -> None:
    assert (
        wall_clock_reads(
            "from bot import wallclock\nx = wallclock.utcnow()", may_use_wallclock=True
        )
        == []
    )
    assert wall_clock_reads(
        "from datetime import datetime\nx = datetime.now()", may_use_wallclock=True
    )
