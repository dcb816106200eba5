"""The input boundary (issue 11, findings 4 and 8): odd characters, empty or out-of-range
slots, and command text as Slack sends it. Each case on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from bot.slack_requests import escape_command_text
from handlers.commands import unescape_slack
from storage.models import ApprovalRequest, Creator, ExclusivityQuote, NPSAnswer
from tests.factories import make_brand, make_creator, make_partnership
from tests.handlers.input_for_tests import EN, NL, add_zoe
from tests.handlers.replies_for_tests import rows, text_of
from tests.harness import OTHER_USER_ID, AppHarness
from tests.mrkdwn_check import as_read

# -- control characters --------------------------------------------------------------------
UNSEEN = ["\x00", "\x1b", "\x7f", "\u202e", "\u2066", "\u2028"]


@pytest.fixture
def zoe(harness: AppHarness) -> Creator:
    return add_zoe(harness.engine)


@pytest.mark.parametrize("char", UNSEEN)
@pytest.mark.parametrize(
    ("command", "text", "usage"),
    [
        ("/creator", "status zo{c}e", "/creator status <name>"),
        ("/creator", "nps zoe{c} 9", "/creator nps <name> <0-10>"),
        ("/creator", "approve zoe content R{c}D plan", "/creator approve <name>"),
        ("/exclusivity", "quote zoe 30d{c}", "/exclusivity quote <creator>"),
    ],
)
def test_a_command_with_an_unseen_character_is_refused_with_its_usage(
    harness: AppHarness, zoe: Creator, command: str, text: str, usage: str, char: str
) -> None:
    reply = harness.command(command, text.format(c=char))
    said = reply["text"]
    assert said.startswith(
        EN.gettext(
            "Your command contains characters I can't read ({characters}); Slack doesn't show "
            "them. Type it again without them:"
        ).format(characters=f"U+{ord(char):04X}")
    )
    assert usage in as_read(said)
    assert rows(harness.engine, NPSAnswer) == []
    assert rows(harness.engine, ApprovalRequest) == []
    assert rows(harness.engine, ExclusivityQuote) == []


def test_the_refusal_is_in_the_users_language(harness: AppHarness, zoe: Creator) -> None:
    reply = harness.command("/creator", "status zoe\x00", user_id=OTHER_USER_ID)
    assert reply["text"].startswith(
        NL.gettext(
            "Your command contains characters I can't read ({characters}); Slack doesn't show "
            "them. Type it again without them:"
        ).format(characters="U+0000")
    )


# -- grammar slots -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("quote zoe 30d on", "Which platforms? `on instagram,tiktok`."),
        ("quote zoe 30d only", "Which content? `only stories,posts`."),
        ("quote zoe 30d on ,,,", "Which platforms? `on instagram,tiktok`."),
        ("quote zoe only , ,", "Which content? `only stories,posts`."),
        ("quote zoe golive 0001-01-01", None),
        ("quote zoe golive 9999-12-31", None),
        ("quote zoe golive ٢٠٢٦-١٢-٠١", None),
    ],
)
def test_quote_slots_refuse_empty_lists_and_impossible_dates(
    harness: AppHarness, zoe: Creator, text: str, problem: str | None
) -> None:
    reply = harness.command("/exclusivity", text)
    usage = "/exclusivity quote <creator> [full|category|competitors a,b]"
    assert usage in as_read(reply["text"])
    if problem:
        assert reply["text"].startswith(EN.gettext(problem))
    assert rows(harness.engine, ExclusivityQuote) == []


@pytest.mark.parametrize(
    "day", ["0001-01-01", "9999-12-31", "31-12-9999", "01-01-0001", "٢٠٢٦-١٢-٠١", "2026-02-30"]
)
def test_check_refuses_a_date_out_of_range_with_its_usage(
    harness: AppHarness, zoe: Creator, day: str
) -> None:
    reply = harness.command("/exclusivity", f"check zoe {day}")
    assert as_read(reply["text"]) == EN.gettext(
        "Use `/exclusivity check <creator> <date> [platform] [brand]`."
    )


def test_check_still_reads_an_ordinary_date(harness: AppHarness, zoe: Creator) -> None:
    reply = harness.command("/exclusivity", "check zoe 2026-12-01")
    assert "Zoë de Vries" in text_of(reply)


@pytest.mark.parametrize("score", ["³", "٣", "¹⁰", "-1", "11", "7.5", "", "x"])
def test_nps_refuses_anything_but_a_whole_ascii_number_from_0_to_10(
    harness: AppHarness, zoe: Creator, score: str
) -> None:
    reply = harness.command("/creator", f"nps zoe {score}")
    assert as_read(reply["text"]) == EN.gettext(
        "Use `/creator nps <name> <score>` with a score from 0 to 10."
    )
    assert rows(harness.engine, NPSAnswer) == []


def test_nps_with_a_score_is_recorded(harness: AppHarness, zoe: Creator) -> None:
    harness.command("/creator", "nps zoe 9")
    [answer] = rows(harness.engine, NPSAnswer)
    assert answer.score == 9


@pytest.mark.parametrize("words", ["monday ١٠:٠٠", "monday 1٠:00", "²"])
def test_digest_subscribe_refuses_non_ascii_digits(harness: AppHarness, words: str) -> None:
    reply = harness.command("/creator", f"digest subscribe {words}")
    assert "/creator digest subscribe" in text_of(reply)
    assert not harness.standin.calls_to("respond")


# -- command text as Slack sends it ---------------------------------------------------------
def test_an_ampersand_in_a_name_finds_the_creator(harness: AppHarness) -> None:
    brand = make_brand(harness.engine, "Koffie & Co")
    creator = make_creator(harness.engine, "Tom & Jerry", handle="tomandjerry")
    make_partnership(harness.engine, creator, brand)
    # The harness escapes the text as Slack does: "status Tom &amp; Jerry".
    reply = harness.command("/creator", "status Tom & Jerry")
    assert "Tom & Jerry" in as_read(reply["text"])


def test_what_people_type_is_stored_as_typed(harness: AppHarness, zoe: Creator) -> None:
    # (A typed entity such as "&amp; Co" is read back once too (the test below); its
    # rendering "&amp;amp;" is what tests/mrkdwn_check.py cannot tell from a double escape.)
    harness.command("/exclusivity", "quote zoe competitors R&D Foods, <Glow>, Tom & Co 30d")
    harness.standin.wait_for_call("chat.postMessage")
    [quote] = rows(harness.engine, ExclusivityQuote)
    # Slack sent "R&amp;D Foods, &lt;Glow&gt;, Tom &amp; Co": read back once, as typed.
    assert quote.terms["competitors"] == ["R&D Foods", "<Glow>", "Tom & Co"]


@pytest.mark.parametrize(
    "typed", ["&amp; Co", "&lt;b&gt;", "a &amp;amp; b", "<@U0ABCDEF12>", "R&D"]
)
def test_command_text_is_read_back_exactly_once(typed: str) -> None:
    # What Slack sends for what was typed, read back: the typed text, entities and all.
    assert unescape_slack(escape_command_text(typed)) == typed


# -- people named in a command ----------------------------------------------------------------
SANNE = "U0SANNE0001"


def test_list_owner_by_at_name_as_slack_sends_it(harness: AppHarness, zoe: Creator) -> None:
    harness.standin.add_user(SANNE, name="sanne", real_name="Sanne Jansen")
    calm = make_creator(harness.engine, "Calm Carla", handle="calmcarla")
    make_partnership(harness.engine, calm, make_brand(harness.engine), owner_user_id=SANNE)
    for typed in ("@sanne", "@Sanne Jansen", "@SANNE", f"<@{SANNE}>", f"<@{SANNE}|sanne>"):
        harness.command("/creator", f"list owner {typed}")
    # `@name` is looked up after the ack; `<@U…>` forms are answered in the ack itself.
    answers = [c.args for c in harness.standin.calls_to("respond")]
    assert len(answers) == 3
    for answer in answers:
        assert "Calm Carla" in text_of(answer) and "Zoë de Vries" not in text_of(answer)
    assert "Calm Carla" in text_of(harness.command("/creator", f"list owner <@{SANNE}>"))


def test_list_owner_reads_every_page_of_users_list(harness: AppHarness, zoe: Creator) -> None:
    # users.list pages at 200 (handlers.people): the owner is on the third page.
    for number in range(450):
        harness.standin.add_user(f"U0FILL{number:05d}", name=f"filler{number}")
    harness.standin.add_user(SANNE, name="sanne", real_name="Sanne Jansen")
    calm = make_creator(harness.engine, "Calm Carla", handle="calmcarla")
    make_partnership(harness.engine, calm, make_brand(harness.engine), owner_user_id=SANNE)
    harness.command("/creator", "list owner @sanne")
    [answer] = [c.args for c in harness.standin.calls_to("respond")]
    assert "Calm Carla" in text_of(answer)
    assert [c.args.get("cursor") for c in harness.standin.calls_to("users.list")][0] in (None, "")
    assert len(harness.standin.calls_to("users.list")) == 3


def test_an_ambiguous_name_lists_the_candidates(harness: AppHarness, zoe: Creator) -> None:
    harness.standin.add_user("U0SAM000001", name="sam.a", real_name="Sam")
    harness.standin.add_user("U0SAM000002", name="sam.b", real_name="Sam")
    harness.command("/creator", "list owner @Sam")
    [answer] = [c.args for c in harness.standin.calls_to("respond")]
    assert answer["text"].startswith(
        EN.gettext("“{name}” could be several people. Which one do you mean?").format(name="Sam")
    )
    assert "@sam.a" in answer["text"] and "@sam.b" in answer["text"]


def test_an_unknown_name_is_answered(harness: AppHarness, zoe: Creator) -> None:
    harness.command("/creator", "list owner @nobody", user_id=OTHER_USER_ID)
    [answer] = [c.args for c in harness.standin.calls_to("respond")]
    assert answer["text"] == NL.gettext(
        "I can't find anyone called “{name}” in this workspace. Use `/creator list owner @user`."
    ).format(name="nobody")
