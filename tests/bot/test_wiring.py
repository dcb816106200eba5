"""The one visible list the clock (and the app's in-process sweeps) are built from
(bot/wiring.py): a fresh process that builds the clock finds a renderer for every kind of
reminder the product schedules, without any surface imported for its side effects."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

from tests import travel

REPO_ROOT = Path(__file__).resolve().parents[2]
# Kinds that share the reminders table but are never delivered (the sweep never claims them).
NOT_DELIVERED = {"memo"}  # storage/memos.py: short-lived notes in a state of their own

BUILD_THE_CLOCK_AND_RENDER = """
import json, sys
from datetime import UTC, datetime
from sqlmodel import Session
from bot.clock import build_scheduler
from bot.config import load_settings
from storage.db import create_db_engine, migrate
from storage.models import Reminder

settings = load_settings()
engine = create_db_engine(settings.database_url)
migrate(engine)
kinds = build_scheduler(settings, engine).get_job("sweep").func.kinds
due = datetime(2026, 3, 30, 7, 0, tzinfo=UTC)
rendered = {}
with Session(engine) as session:
    for kind in json.loads(sys.argv[1]):
        reminder = Reminder(
            id=1, team_id="T0123456789", kind=kind, dedupe_key=kind, due_at=due, created_at=due,
            channel_id="C0123456789", subject_id=1,
            payload={"message": {"text": "part two"}, "state": "failed", "kind": "digest",
                     "due_at": due.isoformat(), "attempts": 1},
        )
        try:
            message = kinds.render(session, reminder)
        except KeyError as missing:
            rendered[kind] = f"no renderer: {missing}"
            continue
        rendered[kind] = message and message.get("text")
print(json.dumps(rendered))
"""


def product_kinds() -> set[str]:
    """Every `KIND` / `..._KIND` string constant in storage/: the kinds the product schedules."""
    kinds: set[str] = set()
    for path in (REPO_ROOT / "storage").rglob("*.py"):
        for node in ast.parse(path.read_text()).body:
            if not isinstance(node, ast.Assign):
                continue
            for target in node.targets:
                names = target.elts if isinstance(target, ast.Tuple) else [target]
                values = node.value.elts if isinstance(node.value, ast.Tuple) else [node.value]
                for name, value in zip(names, values, strict=False):
                    if (
                        isinstance(name, ast.Name)
                        and (name.id == "KIND" or name.id.endswith("_KIND"))
                        and isinstance(value, ast.Constant)
                        and isinstance(value.value, str)
                    ):
                        kinds.add(value.value)
    return kinds - NOT_DELIVERED


def test_a_fresh_process_building_the_clock_renders_every_kind_the_product_schedules(
    tmp_path: Path,
) -> None:
    kinds = sorted(product_kinds())
    assert {"digest", "approval_reminder", "thread_reply", "delivery_report"} <= set(kinds)
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": str(REPO_ROOT),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'wiring.db'}",
        "SLACK_BOT_TOKEN": "xoxb-wiring-test",
        **travel.inherited(),
    }
    done = subprocess.run(
        [sys.executable, "-c", BUILD_THE_CLOCK_AND_RENDER, json.dumps(kinds)],
        env=env,
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    rendered = json.loads(done.stdout.strip().splitlines()[-1])
    missing = {kind: text for kind, text in rendered.items() if str(text).startswith("no renderer")}
    assert missing == {}
    assert set(rendered) == set(kinds)
    # Those whose subject is gone have nothing to say any more; these two need none.
    assert rendered["thread_reply"] == "part two"
    assert rendered["delivery_report"].startswith(":warning:")
