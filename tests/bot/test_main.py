"""`partnerdesk` (bot/__main__.py): how the CLI answers a command given wrongly."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.__main__ import main


@pytest.fixture
def no_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No .env and no Slack settings: the CLI on an empty folder with its own database."""
    monkeypatch.chdir(tmp_path)
    for name in list(os.environ):
        if name.startswith(("SLACK_", "DEMO_", "DEFAULT_LOCALE")):
            monkeypatch.delenv(name)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    return tmp_path


def test_erase_without_a_creator_or_team_says_how_on_stderr(
    no_settings: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["erase"])
    out, err = capsys.readouterr()
    assert status == 2
    assert out == ""  # a script reading stdout gets no usage text as if it were data
    assert "--creator HANDLE" in err and "--team" in err
    # A usage error is answered before the database is touched.
    assert not (no_settings / "cli.db").exists()
