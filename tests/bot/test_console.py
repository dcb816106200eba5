"""The console as a user runs it: a real subprocess, --json on piped input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests import travel


def run_console(tmp_path: Path, lines: list[str], *args: str) -> list[dict]:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'console.db'}",
        "LOG_LEVEL": "WARNING",
        **travel.inherited(),
    }
    result = subprocess.run(
        [sys.executable, "-m", "bot", "console", "--json", *args],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_help_in_dutch_and_english(tmp_path: Path) -> None:
    dutch = run_console(tmp_path, ["/creator help"])
    english = run_console(tmp_path, ["/creator help"], "--locale", "en", "--user", "casey")
    assert dutch[0]["method"] == "ack" and dutch[0]["response_type"] == "ephemeral"
    assert "Toon deze hulp." in json.dumps(dutch[0]["blocks"], ensure_ascii=False)
    assert "Show this help." in json.dumps(english[0]["blocks"])
    assert dutch[0]["user"] != english[0]["user"]


def test_a_button_press_and_a_modal(tmp_path: Path) -> None:
    outputs = run_console(
        tmp_path,
        [
            "!locale en",
            "/creator status zoe",
            "!press 1",
            "/creator brand add",
            "!set name Fietsfabriek",
            "!set difficulty hard",
            "!submit",
            "!set name Again",
            "this line is a channel message",
            "!bogus",
        ],
    )
    card, shared, _respond, modal, saved, *rest = outputs
    assert card["method"] == "ack" and card["buttons"][0]["text"] == "Share in channel"
    assert card["buttons"][0]["n"] == 1
    assert shared["method"] == "chat.postMessage" and shared["channel"] == card["channel"]
    assert "Zoë de Vries" in shared["text"]
    assert modal["method"] == "views.open"
    assert {f["name"] for f in modal["fields"]} >= {"name", "difficulty", "competitors"}
    difficulty = next(f for f in modal["fields"] if f["name"] == "difficulty")
    assert difficulty["options"] == ["easy", "hard"] and difficulty["value"] == "easy"
    assert saved["method"] == "chat.postEphemeral" and "Fietsfabriek" in saved["text"]
    errors = [o for o in rest if "error" in o]
    assert errors[0]["error"] == "no modal is open"
    assert "unknown console command" in errors[1]["error"]


def test_modal_errors_keep_the_modal_open(tmp_path: Path) -> None:
    outputs = run_console(
        tmp_path,
        ["/creator add", "!set handle !!", "!set base_rate lots", "!submit", "!cancel"],
    )
    errors = outputs[-1]
    assert errors["method"] == "ack"
    assert set(errors["errors"]) >= {"handle", "display_name", "base_rate"}


@pytest.mark.parametrize("line", ["!press 99", "!thread 5", "!clock soon", "!in nowhere"])
def test_lines_the_console_cannot_act_on_yield_an_error(tmp_path: Path, line: str) -> None:
    [output] = run_console(tmp_path, [line])
    assert set(output) == {"error"}


def test_clock_moves_the_status_cards_pending_approvals(tmp_path: Path) -> None:
    """The demo's content approval waits on Sanne's card until `!clock` passes its expiry
    (a week, the default): the card reads the console's clock (issue 11, finding 1)."""
    from domain.approvals import DEFAULT_EXPIRY_DAYS
    from storage.approvals import DEMO_SUBJECT

    outputs = run_console(
        tmp_path,
        [
            "/creator status sanne",
            "!clock +1d",
            "/creator status sanne",
            f"!clock +{DEFAULT_EXPIRY_DAYS}d",
            "/creator status sanne",
        ],
    )
    cards = [json.dumps(o, ensure_ascii=False) for o in outputs if o.get("method") == "ack"]
    assert len(cards) == 3, outputs
    assert DEMO_SUBJECT in cards[0] and DEMO_SUBJECT in cards[1]
    assert DEMO_SUBJECT not in cards[2]


def test_whoever_runs_the_console_owns_it_others_may_not_change_approvals(tmp_path: Path) -> None:
    outputs = run_console(
        tmp_path,
        ["/creator settings", "!set due_hours 24", "!submit", "!as max", "/creator settings"],
    )
    modal, saved, announced, refused = outputs
    assert modal["method"] == "views.open" and saved["response_type"] == "ephemeral"
    assert announced["method"] == "chat.postMessage"
    assert announced["text"].endswith("Deadline na: 48 → 24 uur")  # the team reads Dutch
    assert refused["user"] != modal["user"] and refused["response_type"] == "ephemeral"
    assert refused["text"].startswith("Alleen beheerders en eigenaren van de workspace")


def _console_text(tmp_path: Path, *commands: list[str], lines: str = "") -> list[str]:
    """Run `python -m bot <command>` in turn on one SQLite file; the console's own lines."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'console.db'}",
        "LOG_LEVEL": "WARNING",
        **travel.inherited(),
    }
    output = ""
    for command in commands:
        result = subprocess.run(
            [sys.executable, "-m", "bot", *command],
            input=lines,
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env=env,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        output = result.stdout
    return output.splitlines()


def test_the_demo_is_not_loaded_beside_imported_creators(tmp_path: Path, repo_root: Path) -> None:
    """Finding 6: `partnerdesk import` then `partnerdesk console` kept the demo's eight
    fictional creators beside the imported ones; the console now says why it skips them."""
    sample = repo_root / "samples" / "creators.csv"
    imported_handles = {line.split(",", 1)[0] for line in sample.read_text().splitlines()[1:]}
    lines = _console_text(
        tmp_path,
        ["migrate"],
        ["import", str(sample)],
        ["console", "--locale", "en"],
        lines="/creator list\n",
    )
    assert lines[0] == (
        f"(demo data not loaded: this workspace already has {len(imported_handles)} creator(s))"
    )
    listing = "\n".join(lines)
    assert all(f"(@{handle})" in listing for handle in imported_handles)
    assert "(demo)" not in listing  # every demo brand says so in its name (bot/demo.py)


def test_the_demo_is_loaded_into_an_empty_workspace(tmp_path: Path) -> None:
    lines = _console_text(tmp_path, ["console", "--locale", "en"], lines="/creator list\n")
    assert lines[0].startswith("(no creators in this workspace yet: loaded the demo data:")
    assert "(demo)" in "\n".join(lines)  # every demo brand says so in its name


def test_the_console_reads_an_ampersand_as_slack_would_send_it(tmp_path: Path) -> None:
    # The console escapes `&` as Slack does and the app reads it back once: the demo brand
    # "Koffie & Co (demo)" is found by its full name.
    [modal] = run_console(tmp_path, ["/creator brand edit Koffie & Co (demo)"], "--locale", "en")
    assert modal["method"] == "views.open"
    [name] = [b for b in modal["view"]["blocks"] if b.get("block_id") == "name"]
    assert name["element"]["initial_value"] == "Koffie & Co (demo)"


def test_people_talk_to_partnerdesk_in_mentions_dms_and_threads(tmp_path: Path) -> None:
    outputs = run_console(
        tmp_path,
        [
            "@partnerdesk how is zoe doing?",
            "!in @cpm",
            "hoe doet zoe het?",
            "en haar roadmap?",
            "!in #general",
            "/exclusivity quote zoe",
            "!thread 4",
            "kan het ook met 10 dagen?",
            "2 weken?",
        ],
    )
    card, dm_card, roadmap, quote, understood, round_reply, update, question = outputs[:8]
    # A card asked for in a channel goes only to the asker.
    assert card["method"] == "chat.postEphemeral" and "Zoë de Vries" in card["text"]
    assert dm_card["method"] == "chat.postMessage" and dm_card["channel"].startswith("D")
    assert "Zoë de Vries" in dm_card["text"]
    # "haar" is Zoë: the follow-up kept the subject.
    assert "Zoë de Vries" in roadmap["text"] and roadmap["channel"] == dm_card["channel"]
    assert quote["thread_ts"] is None
    # A proposal in a question is applied, said in one line, and the quote is updated.
    assert understood["thread_ts"] == quote["ts"] and "10 dagen" in understood["text"]
    assert "10 dagen" in round_reply["text"] and update["method"] == "chat.update"
    # A bare question is asked back with a button per reading and one for none.
    assert question["text"].startswith("Bedoel je") and "14 dagen" in question["text"]
    assert [b["action_id"] for b in question["buttons"]] == ["reading_pick_0", "reading_none"]


def test_a_typed_at_name_becomes_a_mention(tmp_path: Path) -> None:
    outputs = run_console(tmp_path, ["@Partnerdesk help", "mail me at a@b.nl"])
    help_reply = outputs[0]
    assert help_reply["method"] == "chat.postMessage" and "Partnerdesk" in help_reply["text"]
    assert len(outputs) == 1  # a plain channel message (an e-mail address is no mention)
