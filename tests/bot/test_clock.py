"""The clock's settings (bot/clock.py): each is checked and named when it is wrong, and each
has a default."""

from __future__ import annotations

import pytest

from bot.clock import clock_options
from bot.config import ConfigError


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("CLOCK_SWEEP_SECONDS", "soon", "seconds, at least 0.1"),
        ("CLOCK_SWEEP_SECONDS", "0", "seconds, at least 0.1"),
        ("CLOCK_LEASE_SECONDS", "1", "seconds, at least 2"),
        ("CLOCK_BATCH_SIZE", "2.5", "a whole number, at least 1"),
        ("CLOCK_BATCH_SIZE", "nan", "a whole number, at least 1"),
        ("CLOCK_LEASE_SECONDS", "inf", "seconds, at least 2"),
        ("CLOCK_CONCURRENCY", "0", "a whole number from 1 to 64"),
        ("CLOCK_CONCURRENCY", "65", "a whole number from 1 to 64"),
        ("CLOCK_CONCURRENCY", "8.5", "a whole number from 1 to 64"),
        ("CLOCK_CONCURRENCY", "many", "a whole number from 1 to 64"),
    ],
)
def test_clock_settings_are_checked(variable: str, value: str, expected: str) -> None:
    with pytest.raises(ConfigError) as raised:
        clock_options({variable: value})
    assert (raised.value.variable, raised.value.expected) == (variable, expected)


def test_clock_settings_have_defaults() -> None:
    options = clock_options({})
    assert (options.sweep_seconds, options.batch_size, options.lease_seconds) == (15, 100, 300)
    assert options.concurrency == 16
    assert clock_options({"CLOCK_CONCURRENCY": " 32 "}).concurrency == 32
    assert options.http_timeout == 10
    assert clock_options({"CLOCK_LEASE_SECONDS": "3"}).http_timeout == 0.75
