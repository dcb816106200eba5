"""The levers a quote offers: what each would save, largest first, and what it changes."""

from __future__ import annotations

import dataclasses

import pytest

from domain.pricing import LeverCode, quote
from domain.pricing.levers import shortened_window
from domain.values import ContentType, Platform, Scope
from tests.domain.pricing.requests_for_tests import EASY, D, codes, days, request


def test_levers_of_a_hard_one_off_month():
    q = quote(request())  # W1
    assert set(codes(q)) == {"long_term", "shorten_window", "narrow_content", "competitor_list"}
    # seed: ambassadorship is unrealistic in fashion/beauty (hard); platforms unknown.
    assert "ambassador" not in codes(q) and "narrow_platforms" not in codes(q)


def test_ambassador_is_offered_in_easy_categories_and_costs_extra():
    q = quote(request(1000, EASY))  # W2
    (ambassador,) = [lever for lever in q.levers if lever.code == LeverCode.AMBASSADOR]
    assert ambassador.costs_extra is True
    assert ambassador.saves == D("62.50") and ambassador.changed.long_term is True
    assert all(not lever.costs_extra for lever in q.levers if lever is not ambassador)


def test_each_lever_saves_the_typical_difference_and_applies_its_change():
    audiences = {Platform.INSTAGRAM: 300, Platform.YOUTUBE: 100}
    r = request(1000, EASY, scope=Scope.FULL, window=days(60), audiences=audiences)
    q = quote(r)
    assert set(codes(q)) == set(LeverCode)
    for lever in q.levers:
        assert lever.saves == q.typical - quote(lever.changed).typical == q.typical - lever.typical
        assert lever.saves > 0
    changed = {lever.code: lever.changed for lever in q.levers}
    assert changed[LeverCode.LONG_TERM] == dataclasses.replace(r, long_term=True)
    assert changed[LeverCode.SHORTEN_WINDOW].window == days(30)
    assert changed[LeverCode.NARROW_PLATFORMS].platforms == {Platform.INSTAGRAM}  # the largest
    assert changed[LeverCode.NARROW_CONTENT].content_types == {ContentType.POSTS}
    assert changed[LeverCode.COMPETITOR_LIST].scope is Scope.COMPETITORS


def test_levers_are_sorted_by_saving_largest_first():
    audiences = {Platform.INSTAGRAM: 300, Platform.YOUTUBE: 100}
    q = quote(request(1000, EASY, scope=Scope.FULL, window=days(60), audiences=audiences))
    savings = [lever.saves for lever in q.levers]
    assert savings == sorted(savings, reverse=True)
    assert q.levers[0].code == "competitor_list"  # full -> competitor list: x2 -> x0.5
    assert q.levers[-1].code == "narrow_platforms"  # keeps 3/4 of the audience


def test_levers_that_cannot_apply_are_left_out():
    r = request(
        scope=Scope.COMPETITORS,
        long_term=True,
        audiences={Platform.TIKTOK: 10},
        content_types=frozenset({ContentType.STORIES}),
    )
    assert codes(quote(r)) == ["shorten_window"]


def test_no_lever_inside_the_free_allowance():
    assert quote(request(window=days(7))).levers == ()  # typical is already 0


def test_narrow_content_keeps_a_type_of_the_covered_platform():
    r = request(audiences={Platform.YOUTUBE: 10})
    (lever,) = [lever for lever in quote(r).levers if lever.code == LeverCode.NARROW_CONTENT]
    assert lever.changed.content_types == {ContentType.VIDEOS}
    r = request(content_types=frozenset({ContentType.STORIES, ContentType.REELS}))
    (lever,) = [lever for lever in quote(r).levers if lever.code == LeverCode.NARROW_CONTENT]
    assert lever.changed.content_types == {ContentType.REELS}


@pytest.mark.parametrize(
    ("window", "proposed"),
    [
        (days(30), days(15)),  # halved
        (days(after=30, before=30), days(after=15, before=15)),  # both parts halved
        (days(14), days(7)),  # half is exactly the allowance
        (days(10), days(7)),  # half would be free anyway: cut to the allowance
        (days(after=9, before=1), days(after=6, before=1)),  # the pre-window is kept
        (days(after=2, before=8), days(after=0, before=7)),
        (days(7), None),  # already free: nothing to save
        (days(0), None),
    ],
)
def test_shorten_window_halves_but_not_below_the_allowance(window, proposed):
    assert shortened_window(window, D(7)) == proposed


def test_shorten_window_to_the_allowance_saves_the_whole_typical():
    q = quote(request(window=days(10)))
    (lever,) = [lever for lever in q.levers if lever.code == LeverCode.SHORTEN_WINDOW]
    assert lever.typical == D("0.00") and lever.saves == q.typical
