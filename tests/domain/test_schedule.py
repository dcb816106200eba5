"""Local times in the team's zone as UTC moments, across the changes to and from summer time.

Europe/Amsterdam is UTC+1 in winter and UTC+2 in summer; summer time runs from 02:00 on the
last Sunday of March to 03:00 on the last Sunday of October: 29 March and 25 October 2026,
28 March and 31 October 2027.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from domain.schedule import local_to_utc, next_daily, next_weekly, utc_to_local

AMS = "Europe/Amsterdam"
MONDAY, SUNDAY = 0, 6
NINE = time(9, 0)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 3, 23), utc(2026, 3, 23, 8)),  # winter
        (date(2026, 3, 30), utc(2026, 3, 30, 7)),  # the Monday after the spring change
        (date(2026, 10, 19), utc(2026, 10, 19, 7)),  # summer
        (date(2026, 10, 26), utc(2026, 10, 26, 8)),  # the Monday after the autumn change
        (date(2027, 3, 22), utc(2027, 3, 22, 8)),
        (date(2027, 3, 29), utc(2027, 3, 29, 7)),
        (date(2027, 10, 25), utc(2027, 10, 25, 7)),
        (date(2027, 11, 1), utc(2027, 11, 1, 8)),
    ],
)
def test_monday_nine_in_amsterdam_is_eight_utc_in_winter_and_seven_in_summer(
    day: date, expected: datetime
) -> None:
    assert local_to_utc(day, NINE, AMS) == expected


def test_a_weekly_monday_nine_oclock_stays_nine_oclock_for_two_years() -> None:
    moment = utc(2026, 3, 16, 12)  # a Monday afternoon: the next one is 23 March
    seen = []
    for _ in range(95):
        moment = next_weekly(MONDAY, NINE, AMS, moment)
        local = utc_to_local(moment, AMS)
        assert (local.weekday(), local.time()) == (MONDAY, NINE)
        seen.append(moment)
    assert seen[0] == utc(2026, 3, 23, 8)
    assert seen[1] == utc(2026, 3, 30, 7)  # six days and 23 hours later
    assert seen[1] - seen[0] == timedelta(days=7, hours=-1)
    october = seen.index(utc(2026, 10, 19, 7))
    assert seen[october + 1] == utc(2026, 10, 26, 8)  # seven days and 25 hours later
    assert utc(2027, 3, 29, 7) in seen and utc(2027, 11, 1, 8) in seen
    assert all(m.hour == (7 if utc(2026, 3, 29) < m < utc(2026, 10, 25) else 8) for m in seen[:40])


def test_next_weekly_is_strictly_after_and_on_the_same_day_when_still_ahead() -> None:
    assert next_weekly(MONDAY, NINE, AMS, utc(2026, 3, 30, 6, 59)) == utc(2026, 3, 30, 7)
    assert next_weekly(MONDAY, NINE, AMS, utc(2026, 3, 30, 7)) == utc(2026, 4, 6, 7)
    # Sunday 23:30 UTC is already Monday 01:30 in Amsterdam (summer): 09:00 that Monday.
    assert next_weekly(MONDAY, NINE, AMS, utc(2026, 6, 7, 23, 30)) == utc(2026, 6, 8, 7)


def test_a_time_in_the_spring_gap_moves_forward_by_the_gap() -> None:
    # 02:30 does not exist on 29 March 2026: sent at 03:30 summer time, 01:30 UTC.
    moment = local_to_utc(date(2026, 3, 29), time(2, 30), AMS)
    assert moment == utc(2026, 3, 29, 1, 30)
    assert utc_to_local(moment, AMS).time() == time(3, 30)
    weekly = next_weekly(SUNDAY, time(2, 30), AMS, utc(2026, 3, 23))
    assert weekly == utc(2026, 3, 29, 1, 30)
    assert next_weekly(SUNDAY, time(2, 30), AMS, weekly) == utc(2026, 4, 5, 0, 30)


def test_a_time_in_the_autumn_fold_is_its_first_occurrence_and_sent_once() -> None:
    # 02:30 happens twice on 25 October 2026: the first, in summer time (00:30 UTC).
    moment = local_to_utc(date(2026, 10, 25), time(2, 30), AMS)
    assert moment == utc(2026, 10, 25, 0, 30)
    after = next_weekly(SUNDAY, time(2, 30), AMS, moment)
    assert after == utc(2026, 11, 1, 1, 30)  # not the second 02:30 an hour later
    daily = next_daily(time(2, 30), AMS, utc(2026, 10, 24, 12))
    assert daily == moment and next_daily(time(2, 30), AMS, daily) == utc(2026, 10, 26, 1, 30)


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError):
        next_weekly(MONDAY, NINE, AMS, datetime(2026, 3, 30, 7))
    with pytest.raises(ValueError):
        local_to_utc(date(2026, 3, 30), time(9, tzinfo=UTC), AMS)
    with pytest.raises(ValueError):
        next_weekly(7, NINE, AMS, utc(2026, 3, 30))
