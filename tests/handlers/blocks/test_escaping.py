"""Every builder escapes `&`, `<`, `>` exactly once, in every mrkdwn text and fallback.

Hypothesis builds names, handles, subjects, notes, competitors and queries from Slack's special
sequences, mrkdwn marks and ordinary text; every message and view of `tests/rendered.py` (the
builders of handlers/blocks/, in Dutch and English) must carry no live sequence, no bare `&`,
nothing escaped twice, and no escape shown literally in plain text.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from locales import translator
from tests.mrkdwn_check import HOSTILE_PIECES, as_read, problems, texts
from tests.rendered import Inputs, render_all

ORDINARY = st.text(alphabet="abcdeëXYZ 0123-.'", min_size=1, max_size=6)
HOSTILE = (
    st.lists(st.sampled_from(HOSTILE_PIECES) | ORDINARY, min_size=1, max_size=5)
    .map("".join)
    .filter(lambda text: text.strip())
)

hostile_inputs = st.builds(
    Inputs,
    creator=HOSTILE,
    handle=HOSTILE,
    brand=HOSTILE,
    subject=HOSTILE,
    details=HOSTILE,
    note=HOSTILE,
    competitors=st.lists(HOSTILE, min_size=1, max_size=4).map(tuple),
    query=HOSTILE,
)


@pytest.mark.parametrize("language", ["nl", "en"])
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inputs=hostile_inputs)
def test_no_live_sequence_survives_any_builder(language: str, inputs: Inputs) -> None:
    found = [
        f"{name}: {problem}"
        for name, payload in render_all(translator(language), inputs)
        for problem in problems(payload)
    ]
    assert not found, "\n".join(found)


def shown(payload: dict) -> str:
    """All a person reads of a payload's mrkdwn, after Slack's unescaping."""
    return "\n".join(as_read(text) for _, text, is_mrkdwn in texts(payload) if is_mrkdwn)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_an_ampersand_reads_as_typed(language: str) -> None:
    inputs = Inputs(
        creator="Tom & Jerry",
        brand="R&D Foods",
        subject="Q&A <draft>",
        competitors=("R&D Foods",),
    )
    rendered = dict(render_all(translator(language), inputs))
    for name in (
        "status.build_status_card",
        "listing.build_list_page",
        "approvals.build_request_message pending",
        "exclusivity.build_quote_message open",
        "exclusivity.build_agreement",
        "roadmap.build_week_reminder",
        "digest.build_digest_messages 0",
    ):
        reads = shown(rendered[name])
        assert "R&D Foods" in reads, name
        assert "&amp;" not in reads and "&lt;" not in reads, name
    assert "Q&A <draft>" in shown(rendered["approvals.build_request_message pending"])
    assert "Tom & Jerry" in shown(rendered["exclusivity.build_agreement"])
    # Plain text (the header, a button) shows the name exactly as typed.
    header = rendered["status.build_status_card"]["blocks"][0]["text"]["text"]
    assert header == "Tom & Jerry · R&D Foods"
