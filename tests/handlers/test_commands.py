"""handlers.commands: command text read back exactly once, and messages read as a person reads
them (the text Slack sends, not what we would render)."""

from __future__ import annotations

import pytest

from handlers.commands import plain_text_of_message, split_command, unescape_slack


@pytest.mark.parametrize(
    ("sent", "typed"),
    [
        ("Tom &amp; Jerry", "Tom & Jerry"),
        ("R&amp;D Foods", "R&D Foods"),
        ("&lt;script&gt;", "<script>"),
        ("&amp;lt;", "&lt;"),  # someone typed the entity itself: read back once, not twice
        ("&amp;amp;", "&amp;"),
        ("zoe", "zoe"),
    ],
)
def test_command_text_is_read_back_exactly_once(sent: str, typed: str) -> None:
    assert unescape_slack(sent) == typed


def test_the_subcommand_is_the_first_word_in_any_case() -> None:
    assert split_command("STATUS   Zoë  de Vries") == ("status", "Zoë de Vries")
    assert split_command("status Tom &amp; Jerry") == ("status", "Tom & Jerry")
    assert split_command(None) == ("", "")
    assert split_command("   ") == ("", "")


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("ask <@U0SANNE1|sanne> about it", "ask @sanne about it"),
        ("see <#C0GENERAL|general>", "see #general"),
        ("<!here> the brief", "@here the brief"),
        ("<!subteam^S0TEAM01|@legal> please", "@legal please"),
        ("<https://brief.example|the brief> &amp; more", "the brief & more"),
        ("<mailto:a@b.nl|a@b.nl>", "a@b.nl"),
        ("1 &lt; 2", "1 < 2"),
    ],
)
def test_a_message_is_read_as_a_person_reads_it(text: str, read: str) -> None:
    assert plain_text_of_message(text) == read
