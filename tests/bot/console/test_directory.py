"""bot/console/directory.py: people and channels named in the console, known to the stand-in."""

from __future__ import annotations

from slack_sdk import WebClient

from bot.console.directory import Directory
from tests.harness import TOKEN


def test_a_person_named_once_is_the_same_user_in_any_spelling(standin) -> None:  # noqa: ANN001
    directory = Directory(standin)
    lou = directory.user("@Lou")
    assert directory.user("lou") == lou and directory.user_name(lou) == "lou"
    answer = WebClient(token=TOKEN, base_url=standin.base_url).users_info(user=lou)
    assert answer["user"]["name"] == "lou"


def test_channels_and_dms_get_slack_shaped_ids_and_names(standin) -> None:  # noqa: ANN001
    directory = Directory(standin)
    lou = directory.user("lou")
    general = directory.channel("#General")
    dm = directory.dm(lou)
    assert general.startswith("C") and directory.channel("general") == general
    assert dm.startswith("D") and directory.dm(lou) == dm
    assert directory.channel_name(general) == "general"
    assert directory.channel_name(dm) == "directmessage"  # as Slack names a DM in payloads
    info = WebClient(token=TOKEN, base_url=standin.base_url).conversations_info(channel=general)
    assert info["channel"]["name"] == "general"
