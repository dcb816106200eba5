"""The console's `!home`: the Home tab as text or JSON, its buttons numbered like messages."""

from __future__ import annotations

from pathlib import Path

from tests.bot.test_console import run_console


def test_home_shows_the_tab_and_its_buttons_press(tmp_path: Path) -> None:
    outputs = run_console(tmp_path, ["!home", "!press 2", "!press 4"], "--locale", "en")
    home, team, card = outputs
    assert (home["method"], home["view"]["type"]) == ("views.publish", "home")
    labels = [b["text"] for b in home["buttons"]]
    assert labels[:3] == ["Mine", "The team's", "Nederlands"]
    assert [b["n"] for b in home["buttons"]] == list(range(1, len(labels) + 1))
    # [2] "The team's": the tab again, numbered on from the first.
    assert team["method"] == "views.publish" and team["buttons"][0]["n"] == len(labels) + 1
    # [4] the first partnership's status card, as a modal over the tab.
    assert (card["method"], card["view"]["type"]) == ("views.open", "modal")
    assert card["view"]["title"]["text"] == "Status card"


def test_a_chart_is_written_to_the_image_folder_and_its_path_printed(tmp_path: Path) -> None:
    outputs = run_console(tmp_path, ["/creator status zoe", "!press 2"], "--locale", "en")
    card, chart = outputs
    assert card["buttons"][1]["text"] == "KPI chart"
    assert chart["method"] == "files.completeUploadExternal"
    [path] = chart["images"]
    assert path.startswith("console-images/") and path.endswith(".png")
    assert (tmp_path / path).read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
