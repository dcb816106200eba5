"""The operators' commands: `partnerdesk import`, `export` and `erase`.

Each `run_*` function takes the engine, its arguments and the streams to talk on (so tests
can drive them), and returns the exit status: 0 done, 1 bad rows or nothing found or not
confirmed, 2 a usage error (a file that cannot be read, a missing --yes, a bad team id).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from sqlalchemy import Engine

from bot import leaving, wallclock
from bot.demo import LOCAL_TEAM_ID
from domain.importing import MAX_FILE_BYTES, ImportFile, ImportFileError, read_creators_csv
from domain.names import handle_of
from storage import privacy
from storage.creators import get_creator_by_handle
from storage.db import session_scope
from storage.importing import ImportCounts, import_rows

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
MAX_PROBLEMS_SHOWN = 200  # a wrong file can have 50,000 bad rows; the first ones tell enough
_TEAM_ID = re.compile(r"[TE][A-Z0-9]{1,31}")


class UsageError(Exception):
    """The command cannot run as asked; the message says why (exit status 2)."""


def team_ids(values: Sequence[str] | None) -> list[str]:
    """The --team values (each may list several, comma-separated), deduplicated, in order."""
    ids = [part.strip() for value in values or () for part in value.split(",") if part.strip()]
    for team_id in ids:
        if not _TEAM_ID.fullmatch(team_id):
            raise UsageError(f"{team_id!r} is not a Slack team id (like T0123456789)")
    return list(dict.fromkeys(ids)) or [LOCAL_TEAM_ID]


def one_team_id(value: str | None) -> str:
    """The single --team of export and erase (default: the local console team)."""
    ids = team_ids([value] if value else None)
    if len(ids) != 1:
        raise UsageError("give one team id")
    return ids[0]


def _one_team_id_or_say(command: str, value: str | None, stderr: TextIO) -> str | None:
    """`one_team_id`, or None once `stderr` has said why `value` is not one (a usage error)."""
    try:
        return one_team_id(value)
    except UsageError as error:
        stderr.write(f"partnerdesk {command}: {error}\n")
        return None


# -- import ----------------------------------------------------------------------------------
def run_import(
    engine: Engine,
    *,
    path: Path,
    teams: Sequence[str] | None,
    dry_run: bool,
    stdout: TextIO,
    stderr: TextIO,
) -> int:
    """Import a creators CSV into each team, all or nothing; report bad rows by line."""
    try:
        targets = team_ids(teams)
        parsed = read_creators_csv(_read_capped(path))
    except (UsageError, ImportFileError) as error:
        stderr.write(f"partnerdesk import: {path}: {error}\n")
        return EXIT_USAGE
    if not parsed.ok:
        _report_problems(parsed, path, stderr)
        return EXIT_FAILED
    with session_scope(engine) as session:
        counts = import_rows(
            session=session,
            rows=parsed.rows,
            team_ids=targets,
            now=wallclock.utcnow(),
            dry_run=dry_run,
        )
    for team_id, team_counts in counts.items():
        stdout.write(_summary(team_id, team_counts, dry_run) + "\n")
    return EXIT_OK


def _read_capped(path: Path) -> bytes:
    """The file's bytes, reading at most one byte past the cap (a FIFO has no size to check)."""
    if not path.exists():
        raise UsageError("no such file")
    if path.is_dir():
        raise UsageError("is a directory, not a CSV file")
    try:
        with path.open("rb") as file:
            return file.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise UsageError(f"cannot be read ({error.strerror or error})") from None


def _report_problems(parsed: ImportFile, path: Path, stderr: TextIO) -> None:
    for problem in parsed.problems[:MAX_PROBLEMS_SHOWN]:
        stderr.write(f"line {problem.line}: {problem.reason}\n")
    hidden = len(parsed.problems) - MAX_PROBLEMS_SHOWN
    if hidden > 0:
        stderr.write(f"... and {hidden} more problems\n")
    lines = len({problem.line for problem in parsed.problems})
    stderr.write(
        f"partnerdesk import: {path}: {len(parsed.problems)} problem(s) on {lines} line(s); "
        "nothing was imported\n"
    )


def _summary(team_id: str, counts: ImportCounts, dry_run: bool) -> str:
    text = (
        f"{counts.rows} rows into {team_id}: "
        f"{counts.creators_created} creators created, {counts.creators_updated} updated, "
        f"{counts.creators_unchanged} unchanged; "
        f"{counts.brands_created} brands created, {counts.brands_existing} existing; "
        f"{counts.partnerships_created} partnerships created, "
        f"{counts.partnerships_updated} updated, {counts.partnerships_unchanged} unchanged; "
        f"{counts.stage_changes} stage changes"
    )
    return f"dry run, nothing written: would import {text}" if dry_run else f"imported {text}"


# -- export ----------------------------------------------------------------------------------
def run_export(
    engine: Engine,
    *,
    handle: str,
    team: str | None,
    output: Path | None,
    stdout: TextIO,
    stderr: TextIO,
) -> int:
    """Write everything held about a creator as JSON, to stdout or a file only we can read."""
    team_id = _one_team_id_or_say("export", team, stderr)
    if team_id is None:
        return EXIT_USAGE
    with session_scope(engine) as session:
        record = privacy.export_creator(session=session, team_id=team_id, handle=handle)
    if record is None:
        stderr.write(f"partnerdesk export: no creator with handle {handle!r} in {team_id}\n")
        return EXIT_FAILED
    text = json.dumps(
        {"exported_at": wallclock.utcnow().isoformat(), **record}, ensure_ascii=False, indent=2
    )
    if output is None:
        stdout.write(text + "\n")
        return EXIT_OK
    try:
        _write_private(output, text + "\n")
    except OSError as error:
        stderr.write(f"partnerdesk export: {output}: cannot write ({error.strerror or error})\n")
        return EXIT_USAGE
    stderr.write(f"partnerdesk export: wrote {output}\n")
    return EXIT_OK


def _write_private(path: Path, text: str) -> None:
    """Personal data: the file is created readable by its owner only (mode 600)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(text)


# -- erase -----------------------------------------------------------------------------------
def run_erase(
    engine: Engine,
    *,
    handle: str,
    team: str | None,
    yes: bool,
    stdin: TextIO,
    stdout: TextIO,
    stderr: TextIO,
) -> int:
    """Erase a creator's personal data after the operator types the handle (or --yes)."""
    team_id = _one_team_id_or_say("erase", team, stderr)
    if team_id is None:
        return EXIT_USAGE
    if not yes and not stdin.isatty():
        stderr.write(
            "partnerdesk erase: not run from a terminal, so it cannot ask for confirmation; "
            "add --yes to erase without asking\n"
        )
        return EXIT_USAGE
    with session_scope(engine) as session:
        creator = get_creator_by_handle(
            session=session, team_id=team_id, handle=handle, forgiving=True
        )
        found = None if creator is None else (creator.handle, creator.display_name)
    if found is None:
        stderr.write(f"partnerdesk erase: no creator with handle {handle!r} in {team_id}\n")
        return EXIT_FAILED
    if not yes and not _confirmed(found, team_id, stdin, stdout):
        stderr.write("partnerdesk erase: not confirmed; nothing was erased\n")
        return EXIT_FAILED
    with session_scope(engine) as session:
        erasure = privacy.erase_creator(
            session=session, team_id=team_id, handle=found[0], now=wallclock.utcnow()
        )
    if erasure is None:  # erased by someone else between the look-up and now
        stderr.write(f"partnerdesk erase: no creator with handle {handle!r} in {team_id}\n")
        return EXIT_FAILED
    stdout.write(_erased_summary(found[0], erasure) + "\n")
    return EXIT_OK


def _confirmed(found: tuple[str, str], team_id: str, stdin: TextIO, stdout: TextIO) -> bool:
    # The transaction is closed while we wait: a slow operator must not hold a lock.
    handle, display_name = found
    stdout.write(
        f"This erases the personal data of {handle} ({display_name}) in {team_id}. "
        "KPI values, NPS scores and fees stay, as anonymous figures.\n"
        "Type the handle to confirm: "
    )
    stdout.flush()
    return handle_of(stdin.readline()) == handle


def _erased_summary(handle: str, erasure: privacy.Erasure) -> str:
    kept = {
        "partnerships": erasure.partnerships_kept,
        "KPI values": erasure.kpi_values_kept,
        "NPS answers": erasure.nps_answers_kept,
    }
    figures = ", ".join(f"{count} {what}" for what, count in kept.items())
    return (
        f"erased {handle}: personal data removed, the record is now {erasure.handle}; "
        f"kept as anonymous figures: {figures}"
    )


def run_erase_team(
    engine: Engine, *, team: str, yes: bool, stdin: TextIO, stdout: TextIO, stderr: TextIO
) -> int:
    """Erase everything of one workspace at once (a workspace that left and asks for it),
    after the operator types the team id (or --yes)."""
    team_id = _one_team_id_or_say("erase", team, stderr)
    if team_id is None:
        return EXIT_USAGE
    if not yes:
        if not stdin.isatty():
            stderr.write(
                "partnerdesk erase: not run from a terminal, so it cannot ask for "
                "confirmation; add --yes to erase without asking\n"
            )
            return EXIT_USAGE
        stdout.write(f"This erases every record of workspace {team_id}. Type its id to confirm: ")
        stdout.flush()
        if stdin.readline().strip() != team_id:
            stderr.write("partnerdesk erase: not confirmed; nothing was erased\n")
            return EXIT_FAILED
    deleted = leaving.erase_team(engine, team_id)
    stdout.write(f"erased workspace {team_id}: {deleted} records\n")
    return EXIT_OK
