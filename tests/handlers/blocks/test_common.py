"""handlers.blocks.common: the small pieces every builder uses to escape once and to stay
inside Slack's limits, whatever people typed."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from handlers.blocks.common import (
    as_plain_text,
    cut_mrkdwn,
    escape,
    escape_within,
    fill,
    fit_lines,
    packed_sections,
    shorten,
)

# What a person can type, with the characters that matter to mrkdwn well represented.
typed = st.text(alphabet=st.sampled_from(list("ab &<>;@!#|é😀")) | st.characters(), max_size=80)
ENTITY = re.compile(r"&(amp|lt|gt);")


def _bare_markup(mrkdwn: str) -> bool:
    """A `<` or `>`, or an `&` that starts no entity: what Slack would read as markup."""
    return "<" in mrkdwn or ">" in mrkdwn or "&" in ENTITY.sub("", mrkdwn)


def test_a_typed_channel_ping_is_shown_as_text() -> None:
    assert escape("<!channel> & <@U0SANNE1>") == "&lt;!channel&gt; &amp; &lt;@U0SANNE1&gt;"


@given(typed)
def test_escaped_text_reads_back_as_typed(text: str) -> None:
    escaped = escape(text)
    assert not _bare_markup(escaped)
    assert as_plain_text(escaped) == text.replace("`", "")


def test_fill_escapes_the_template_and_each_value_once() -> None:
    sentence = fill("Usage: /creator status <name> for {brand}", brand="R&D <Foods>")
    assert sentence == "Usage: /creator status &lt;name&gt; for R&amp;D &lt;Foods&gt;"


@given(typed, st.integers(min_value=2, max_value=40))
def test_escape_within_never_exceeds_the_limit_nor_cuts_an_entity(text: str, limit: int) -> None:
    result = escape_within(text, limit)
    assert len(result) <= limit
    assert not _bare_markup(result)
    if len(escape(text)) <= limit:
        assert result == escape(text)
    else:
        assert result.endswith("…")


@given(typed, st.integers(min_value=2, max_value=40))
def test_cut_mrkdwn_never_leaves_half_an_entity(text: str, limit: int) -> None:
    result = cut_mrkdwn(escape(text) + " <@U0SANNE1>", limit)
    assert len(result) <= limit
    assert not _bare_markup(result.replace("<@U0SANNE1>", ""))


def test_shorten_marks_the_cut() -> None:
    assert shorten("Zoë de Vries", 20) == "Zoë de Vries"
    assert shorten("Zoë de Vries", 5) == "Zoë …"


def test_fit_lines_keeps_whole_lines_and_says_there_is_more() -> None:
    lines = [f"line {n} <@U0SANNE1>" for n in range(100)]
    joined = fit_lines(lines, limit=200)
    assert len(joined) <= 200
    kept = joined.split("\n")
    assert kept[-1] == "…"
    assert all(line in lines for line in kept[:-1])


def test_packed_sections_fit_slacks_limit_and_keep_every_line() -> None:
    lines = [f"*Creator {n}* · {'x' * 90}" for n in range(100)]
    sections = packed_sections(lines, "roadmap")
    assert [s["block_id"] for s in sections[:2]] == ["roadmap", "roadmap_2"]
    assert all(len(s["text"]["text"]) <= 3000 for s in sections)
    assert "\n".join(s["text"]["text"] for s in sections).split("\n") == lines
