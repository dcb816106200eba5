"""Move this process's wall clock when PARTNERDESK_TEST_TRAVEL says so (e.g. "+400d", "-400d").

Run at interpreter start by the `.pth` file that `dev.py test` puts in the venv, so every
Python process of a test run (pytest and the console, serve and clock processes its tests
spawn, which inherit the variable) sees the same moved calendar: the suite must pass on any
date, and CI proves it a year ahead and a year back (.ci/run). time-machine's `travel` with
`tick=True` replaces `time.time`, `datetime.now`, `date.today` and friends while the clock
keeps running; libfaketime is no option here (it makes `time.sleep` fail with EINVAL).
Without the variable this does nothing.
"""

from __future__ import annotations

import os
import re
import sys
from datetime import UTC, datetime, timedelta

VARIABLE = "PARTNERDESK_TEST_TRAVEL"


def offset_of(value: str) -> timedelta:
    """ "+400d" -> 400 days ahead, "-400d" -> 400 days back (hours with "h")."""
    match = re.fullmatch(r"\s*([+-])(\d+)([dh])\s*", value)
    if match is None:
        raise ValueError(
            f"{VARIABLE}={value!r}: expected a signed number of days or hours, e.g. +400d"
        )
    sign, amount, unit = match.groups()
    delta = timedelta(days=int(amount)) if unit == "d" else timedelta(hours=int(amount))
    return delta if sign == "+" else -delta


def inherited() -> dict[str, str]:
    """For a test that starts a process with an environment of its own: the variable, so
    that the process travels with the test (both sides of a signature check agree)."""
    value = os.environ.get(VARIABLE)
    return {VARIABLE: value} if value else {}


def start() -> None:
    value = os.environ.get(VARIABLE)
    # Once per process: a venv's site-packages can be reached twice (lib and lib64), and a
    # second start would move the clock again from the already moved time.
    if not value or getattr(sys, "_partnerdesk_travelled", False):
        return
    import time_machine

    destination = datetime.now(UTC) + offset_of(value)
    time_machine.travel(destination, tick=True).start()
    sys._partnerdesk_travelled = True  # type: ignore[attr-defined]


if __name__ in ("__main__", "<run_path>"):
    start()
