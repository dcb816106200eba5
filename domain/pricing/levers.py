"""Negotiation levers (domain.md "Negotiation levers"): each change of the clause that
would lower the typical stance, with what it saves."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType

from domain.pricing.factors import price_request, to_cents
from domain.pricing.request import QuoteRequest, Window
from domain.values import ContentType, Difficulty, Platform, Scope


class LeverCode(StrEnum):
    """A negotiation lever (domain.md "Negotiation levers"); ties in saving keep this order."""

    LONG_TERM = "long_term"  # lever 1
    SHORTEN_WINDOW = "shorten_window"  # lever 2, the time span
    NARROW_PLATFORMS = "narrow_platforms"  # lever 2, the platform
    NARROW_CONTENT = "narrow_content"  # lever 2, the content type
    COMPETITOR_LIST = "competitor_list"  # lever 3
    AMBASSADOR = "ambassador"  # lever 4: costs extra


@dataclass(frozen=True)
class Lever:
    """A negotiation lever: the request with it applied and the typical amount it saves."""

    code: LeverCode
    saves: Decimal  # typical(request) - typical(changed), > 0
    typical: Decimal  # the typical amount once the lever is applied
    changed: QuoteRequest
    costs_extra: bool = False  # seed: an ambassadorship costs extra beyond the exclusivity


def shortened_window(window: Window, allowance_days: Decimal) -> Window | None:
    """The window the shorten_window lever proposes, or None when shortening saves nothing.

    Half the window (both parts halved, so a "1 month before and after" clause stays
    symmetric), but never below the free allowance: once half would fall inside it, the
    window is cut to exactly the allowance, which already makes low and typical free, so
    anything shorter only costs the brand exclusivity. That cut keeps the pre-window (up to
    the allowance) and shortens the after-window.
    """
    total = window.total_days
    if total <= allowance_days:
        return None
    if total / 2 >= allowance_days:
        return Window(before_days=window.before_days / 2, after_days=window.after_days / 2)
    before = min(window.before_days, allowance_days)
    return Window(before_days=before, after_days=allowance_days - before)


# default: the content type a narrowed clause keeps, most valuable to the brand first: the
# long-lived formats (seed: "maybe they may post an Instagram Story, but not a separate feed
# post about a competitor"; YouTube videos live longer than Shorts).
CONTENT_PREFERENCE = (
    ContentType.POSTS,
    ContentType.VIDEOS,
    ContentType.REELS,
    ContentType.SHORTS,
    ContentType.STORIES,
)
# The content types each platform has (seed: Stories vs posts and Reels; videos vs Shorts).
CONTENT_BY_PLATFORM = MappingProxyType(
    {
        Platform.INSTAGRAM: frozenset({ContentType.POSTS, ContentType.REELS, ContentType.STORIES}),
        Platform.TIKTOK: frozenset({ContentType.VIDEOS}),
        Platform.YOUTUBE: frozenset({ContentType.VIDEOS, ContentType.SHORTS}),
    }
)


def _main_platform(request: QuoteRequest) -> Platform:
    """The covered platform a narrowed clause keeps: the creator's largest audience."""
    order = list(Platform)
    return min(
        request.covered_platforms,
        key=lambda p: (-request.audiences.get(p, 0), order.index(p)),
    )


def _main_content(request: QuoteRequest) -> ContentType:
    """The content type a narrowed clause keeps (CONTENT_PREFERENCE among those that apply)."""
    candidates = request.content_types or frozenset(ContentType)
    on_platforms = frozenset().union(*(CONTENT_BY_PLATFORM[p] for p in request.covered_platforms))
    preferred = candidates & on_platforms or candidates
    return next(content for content in CONTENT_PREFERENCE if content in preferred)


def _lever_candidates(request: QuoteRequest) -> Iterator[tuple[LeverCode, QuoteRequest, bool]]:
    """Each lever that could apply, as (code, changed request, costs extra)."""
    replace = dataclasses.replace
    if not request.long_term:
        yield LeverCode.LONG_TERM, replace(request, long_term=True), False
    shorter = shortened_window(request.window, request.policy.allowance_days)
    if shorter is not None:
        yield LeverCode.SHORTEN_WINDOW, replace(request, window=shorter), False
    if len(request.covered_platforms) > 1:
        kept = frozenset({_main_platform(request)})
        yield LeverCode.NARROW_PLATFORMS, replace(request, platforms=kept), False
    if request.content_types is None or len(request.content_types) > 1:
        kept_content = frozenset({_main_content(request)})
        yield LeverCode.NARROW_CONTENT, replace(request, content_types=kept_content), False
    if request.scope is not Scope.COMPETITORS:
        yield LeverCode.COMPETITOR_LIST, replace(request, scope=Scope.COMPETITORS), False
    # seed: an ambassadorship costs extra and makes no sense in fashion/beauty/skincare (hard
    # categories). It is a structural 6-12 month partnership (seed 000, stage 3), so it prices
    # the exclusivity as long-term; the ambassador fee itself is not in the seed.
    if request.difficulty is Difficulty.EASY and not request.long_term:
        yield LeverCode.AMBASSADOR, replace(request, long_term=True), True


def levers_of(request: QuoteRequest, typical: Decimal) -> tuple[Lever, ...]:
    """The levers that save on the typical stance, largest saving first."""
    levers = []
    for code, changed, costs_extra in _lever_candidates(request):
        changed_typical = to_cents(price_request(changed).stances.typical)
        saves = typical - changed_typical
        # A lever that saves nothing is no lever (e.g. shortening inside the free allowance).
        if saves > 0:
            levers.append(Lever(code, saves, changed_typical, changed, costs_extra))
    order = list(LeverCode)
    return tuple(sorted(levers, key=lambda lever: (-lever.saves, order.index(lever.code))))
