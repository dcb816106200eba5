"""`/creator` (handlers/creator.py): its first word picks the subcommand; help, an unknown
word and `language` answered in the user's language; a candidate button re-runs its
subcommand. Through the Slack stand-in; USER_ID reads English (en-US in Slack),
OTHER_USER_ID Dutch (nl-NL)."""

from __future__ import annotations

from storage.models import UserPreference
from tests.handlers.replies_for_tests import rows
from tests.handlers.replies_for_tests import text_of as _text
from tests.harness import OTHER_USER_ID, USER_ID, AppHarness


def test_creator_help_speaks_the_users_slack_language(harness: AppHarness) -> None:
    english = harness.command("/creator", "help", user_id=USER_ID)  # en-US in Slack
    dutch = harness.command("/creator", "help", user_id=OTHER_USER_ID)  # nl-NL in Slack
    assert english["response_type"] == "ephemeral"
    assert "Show this help." in _text(english)
    assert "Toon deze hulp." in _text(dutch)
    # Escaped for mrkdwn (Slack would read a bare <name> as markup); it reads "<name>".
    assert "/creator status &lt;name&gt;" in _text(english)


def test_an_unknown_subcommand_answers_with_help_and_changes_nothing(harness: AppHarness) -> None:
    calls_before = len(harness.standin.calls)
    reply = harness.command("/creator", "frobnicate everything")
    assert reply["response_type"] == "ephemeral"
    assert "frobnicate" in _text(reply)
    assert "/creator help" in _text(reply)
    # Only look-ups (users.info for the language) reached Slack: nothing was posted.
    posted = [c for c in harness.standin.calls[calls_before:] if c.method.startswith("chat.")]
    assert posted == []


def test_hostile_subcommand_text_is_escaped_and_bounded(harness: AppHarness) -> None:
    reply = harness.command("/creator", "<!channel>`" + "x" * 5000)
    text = _text(reply)
    assert "<!channel>" not in text
    assert len(text) < 5000


def test_language_override_wins_over_slack(harness: AppHarness) -> None:
    switched = harness.command("/creator", "language nl", user_id=USER_ID)
    assert "Nederlands" in _text(switched)
    assert "Toon deze hulp." in _text(harness.command("/creator", "help", user_id=USER_ID))
    back = harness.command("/creator", "language en", user_id=USER_ID)
    assert "English" in _text(back)
    assert "Show this help." in _text(harness.command("/creator", "help", user_id=USER_ID))


def test_language_without_a_choice_explains_itself(harness: AppHarness) -> None:
    reply = harness.command("/creator", "language klingon")
    assert "/creator language nl" in _text(reply)


def test_creator_alone_shows_the_help_without_naming_a_word(harness: AppHarness) -> None:
    reply = harness.command("/creator", "")
    assert reply["response_type"] == "ephemeral"
    assert "Show this help." in _text(reply)
    assert "I don't know" not in _text(reply)


def test_an_unknown_word_is_named_in_the_users_language(harness: AppHarness) -> None:
    english = _text(harness.command("/creator", "frobnicate", user_id=USER_ID))
    dutch = _text(harness.command("/creator", "frobnicate", user_id=OTHER_USER_ID))
    assert "I don't know `frobnicate`. This is what I can do:" in english
    assert "`frobnicate` ken ik niet. Dit kan ik wel:" in dutch
    assert "Toon deze hulp." in dutch and "Show this help." not in dutch


def test_the_language_chosen_is_kept_and_spoken_at_once(harness: AppHarness) -> None:
    before = harness.command("/creator", "language", user_id=OTHER_USER_ID)
    assert before["text"] == (
        "Ik spreek Nederlands met je. Wijzig het met `/creator language nl` of "
        "`/creator language en`."
    )
    switched = harness.command("/creator", "taal EN", user_id=OTHER_USER_ID)
    assert switched["text"] == "From now on I'll speak English with you."
    [preference] = [p for p in rows(harness.engine, UserPreference) if p.user_id == OTHER_USER_ID]
    assert preference.locale == "en"
    after = harness.command("/creator", "language", user_id=OTHER_USER_ID)
    assert after["text"].startswith("I speak English with you.")


def test_a_candidate_button_it_cannot_rerun_answers_with_the_help(harness: AppHarness) -> None:
    for value in ("frobnicate:12", "status:twelve"):
        seen = len(harness.standin.calls)
        harness.click("creator_pick_0", value)
        [answer] = [c for c in harness.standin.calls[seen:] if c.method == "respond"]
        assert "Show this help." in _text(answer.args), value
        assert "I don't know" not in _text(answer.args)
    assert [c for c in harness.standin.calls if c.method.startswith("chat.")] == []
