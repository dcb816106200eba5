"""Agreed exclusivity windows: when they hold, and whether a sponsored post would break one."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.names import name_key
from domain.values import Platform, Scope


@dataclass(frozen=True)
class WindowFacts:
    window_id: int
    brand: str  # the brand the creator is exclusive to
    brand_category: str
    scope: Scope
    competitors: tuple[str, ...]
    platforms: frozenset[Platform]  # empty: every platform
    starts_at: datetime
    ends_at: datetime


@dataclass(frozen=True)
class PlannedPost:
    """A sponsored post someone wants to place: when, where, and for whom."""

    starts_at: datetime  # the day it could go out (its whole day is checked)
    platform: Platform | None = None  # None: any platform
    brand: str | None = None  # None: any brand
    brand_category: str | None = None


def holds_during(window: WindowFacts, start: datetime, end: datetime) -> bool:
    return window.starts_at < end and window.ends_at > start


def conflicts(windows: Iterable[WindowFacts], post: PlannedPost) -> list[WindowFacts]:
    """The windows the post would break, soonest ending first.

    A post for the window's own brand never breaks it. Without a brand, every window that
    holds that day on that platform is reported (it depends on the brand).
    """
    day_end = post.starts_at + timedelta(days=1)
    found = []
    for window in windows:
        if not holds_during(window, post.starts_at, day_end):
            continue
        if post.platform is not None and window.platforms and post.platform not in window.platforms:
            continue
        if post.brand is not None and not _excludes(window, post):
            continue
        found.append(window)
    return sorted(found, key=lambda w: w.ends_at)


def _excludes(window: WindowFacts, post: PlannedPost) -> bool:
    brand = name_key(post.brand or "")
    if brand == name_key(window.brand):
        return False
    if window.scope is Scope.FULL:
        return True
    competitors = {name_key(c) for c in window.competitors}
    if window.scope is Scope.COMPETITORS:
        return brand in competitors
    same_category = bool(window.brand_category) and name_key(post.brand_category or "") == name_key(
        window.brand_category
    )
    return brand in competitors or same_category


def day_state(starts_at: datetime, ends_at: datetime, day_start: datetime) -> str | None:
    """A window seen on the day starting at `day_start`: "active" when it holds by the day's
    end, "upcoming" when it starts later, None when it ended before the day."""
    if ends_at <= day_start:
        return None
    return "active" if starts_at <= day_start + timedelta(days=1) else "upcoming"
