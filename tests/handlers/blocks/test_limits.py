"""Slack's Block Kit limits hold for any input: the longest names the forms allow, text made of
characters that grow when escaped, 199 emoji, many competitors, the most candidates.

Every message and view of `tests/rendered.py` goes through tests/slackspec.py (slack_sdk's
own models: button value 2,000, button text 75, header 150, option text 75, action_id and
block_id 255, 25 elements per actions block, a modal's title 24; plus section text 3,000,
field text 2,000, 50 blocks per message and 100 per modal).
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.approvals import MAX_DETAILS, MAX_REASON, MAX_SUBJECT
from domain.drafts import MAX_LONG_TEXT, MAX_TEXT
from locales import translator
from storage.creators import MAX_CANDIDATES
from tests.rendered import Inputs, render_all
from tests.slackspec import check_message, check_view

EMOJI = "😀"
# Characters that take the most room once escaped (`&` becomes `&amp;`), and emoji.
GROWING = st.sampled_from(["&", "<", ">", EMOJI, "x", " "])


def text_of_length(limit: int) -> st.SearchStrategy[str]:
    return st.lists(GROWING, min_size=limit, max_size=limit).map("".join).filter(str.strip)


def check(name: str, payload: dict) -> None:
    try:
        if payload.get("type") in ("modal", "home"):
            check_view(payload)
        else:
            check_message({"text": payload.get("text") or "-", **payload})
    except AssertionError as error:
        raise AssertionError(f"{name}: {error}") from None


def longest(char: str) -> Inputs:
    return Inputs(
        creator=char * MAX_TEXT,
        handle=char * 64,
        brand=char * MAX_TEXT,
        subject=char * MAX_SUBJECT,
        details=char * MAX_DETAILS,
        note=char * MAX_REASON,
        competitors=tuple(char * 20 for _ in range(MAX_LONG_TEXT // 22)),
        query=char * 200,
        candidates=MAX_CANDIDATES,
    )


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("char", ["&", "<", EMOJI, "x"])
def test_the_longest_inputs_fit_every_limit(language: str, char: str) -> None:
    for name, payload in render_all(translator(language), longest(char)):
        check(name, payload)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    creator=text_of_length(MAX_TEXT),
    brand=text_of_length(MAX_TEXT),
    subject=text_of_length(MAX_SUBJECT),
    note=st.integers(1, MAX_REASON).map(lambda n: "&" * n),
)
def test_mixed_long_inputs_fit_every_limit(
    creator: str, brand: str, subject: str, note: str
) -> None:
    inputs = Inputs(creator=creator, brand=brand, subject=subject, note=note, details=note)
    for name, payload in render_all(translator("nl"), inputs):
        check(name, payload)
