"""Finding 6 on both databases: the console loads the demo only into a team with no creators."""

from __future__ import annotations

import io
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import select

from bot.admin import run_import
from bot.config import Settings
from bot.console import run_console
from bot.demo import LOCAL_TEAM_ID
from storage.db import session_scope
from storage.models import Creator


def handles(engine: Engine) -> set[str]:
    with session_scope(engine) as session:
        statement = select(Creator.handle).where(Creator.team_id == LOCAL_TEAM_ID)
        return set(session.exec(statement).all())


def console_once(settings: Settings) -> str:
    out = io.StringIO()
    code = run_console(
        settings, json_mode=False, locale="en", user="you", stdin=io.StringIO(""), stdout=out
    )
    assert code == 0
    return out.getvalue().splitlines()[0]


def test_imported_creators_are_not_joined_by_the_demo(
    settings: Settings, engine: Engine, repo_root: Path
) -> None:
    sample = repo_root / "samples" / "creators.csv"
    code = run_import(
        engine,
        path=sample,
        teams=None,
        dry_run=False,
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    assert code == 0
    imported = handles(engine)
    assert imported  # the sample's creators, in the console's team

    first_line = console_once(settings)

    assert first_line == (
        f"(demo data not loaded: this workspace already has {len(imported)} creator(s))"
    )
    assert handles(engine) == imported


def test_an_empty_team_gets_the_demo_once(settings: Settings, engine: Engine) -> None:
    assert console_once(settings).startswith(
        "(no creators in this workspace yet: loaded the demo data:"
    )
    demo = handles(engine)
    assert demo
    # The next start finds the demo's creators and adds nothing.
    assert console_once(settings) == (
        f"(demo data not loaded: this workspace already has {len(demo)} creator(s))"
    )
    assert handles(engine) == demo
