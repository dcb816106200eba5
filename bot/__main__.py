"""`partnerdesk`: serve, console, clock, migrate, demo, import, export, erase."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from bot.config import ConfigError, Settings, configure_logging, load_settings

logger = logging.getLogger("partnerdesk")

EXIT_CONFIG = 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        settings = load_settings()
    except ConfigError as error:
        # One line naming the variable and what is expected; never the value itself.
        print(f"partnerdesk: configuration error: {error}", file=sys.stderr)
        return EXIT_CONFIG
    configure_logging(settings)
    try:
        return args.run(settings, args) or 0
    except ConfigError as error:
        print(f"partnerdesk: configuration error: {error}", file=sys.stderr)
        return EXIT_CONFIG
    except NeedsMigration:
        print(
            "partnerdesk: the database needs migrating; run `partnerdesk migrate` first",
            file=sys.stderr,
        )
        return EXIT_CONFIG
    except KeyboardInterrupt:
        return 130


class NeedsMigration(Exception):
    pass


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="partnerdesk",
        description="Partnerdesk: the Slack assistant for Creator Partnership Managers.",
    )
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")

    def add(name: str, run: Callable, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(run=run)
        return sub

    add(
        "serve",
        _serve,
        "Serve Slack: Socket Mode when SLACK_APP_TOKEN is set, else HTTP on $PORT "
        "at /slack/events (with /healthz).",
    )
    console = add(
        "console",
        _console,
        "A local shell that drives the real app and database with Slack-shaped payloads "
        "(no Slack needed).",
    )
    console.add_argument("--json", action="store_true", help="one JSON object per bot output")
    console.add_argument("--locale", choices=("nl", "en"), help="the starting user's language")
    console.add_argument("--user", default="you", help="the starting user's name (default: you)")
    console.add_argument(
        "--no-demo", action="store_true", help="don't load the demo data into an empty database"
    )
    add("clock", _clock, "Run scheduled work (reminders, digests) until stopped with SIGTERM.")
    add("migrate", _migrate, "Create or upgrade the database schema to the newest migration.")
    add("demo", _demo, "Load the small, clearly fictional demo data set (idempotent).")
    team_help = "the Slack team id (default: the local console team T0LOCAL0001)"
    importer = add(
        "import",
        _import_csv,
        "Import creators, brands and partnerships from a CSV file (see samples/creators.csv): "
        "all rows or none; a bad row is reported with its line number.",
    )
    importer.add_argument("file", type=Path, metavar="FILE.csv", help="the CSV file to import")
    importer.add_argument(
        "--dry-run",
        action="store_true",
        help="validate and report what would change; write nothing",
    )
    importer.add_argument(
        "--team",
        nargs="+",
        action="extend",
        metavar="TEAM",
        help="the Slack team id(s) to import into, several allowed (put FILE.csv first); "
        "default: the local console team T0LOCAL0001",
    )
    exporter = add(
        "export", _export, "Write everything held about a creator as JSON (to stdout by default)."
    )
    exporter.add_argument("--creator", required=True, metavar="HANDLE", help="the creator's handle")
    exporter.add_argument("--team", metavar="TEAM", help=team_help)
    exporter.add_argument("--output", type=Path, metavar="FILE", help="write the JSON to FILE")
    eraser = add(
        "erase",
        _erase,
        "Erase a creator's personal data, keeping the anonymous figures (KPIs, NPS, fees); "
        "without --creator, every record of the --team (a workspace that left).",
    )
    eraser.add_argument("--creator", metavar="HANDLE", help="the creator's handle")
    eraser.add_argument("--team", metavar="TEAM", help=team_help)
    eraser.add_argument(
        "--yes",
        action="store_true",
        help="don't ask to type the handle (needed without a terminal)",
    )
    return parser


def _engine(settings: Settings, *, require_migrated: bool):  # noqa: ANN202 - sqlalchemy Engine
    from storage.db import create_db_engine, pending_migrations

    engine = create_db_engine(settings.database_url)
    if require_migrated and pending_migrations(engine):
        raise NeedsMigration
    return engine


def _serve(settings: Settings, _args: argparse.Namespace) -> int:
    settings.require_slack()
    _engine(settings, require_migrated=True).dispose()
    from bot.serve import serve

    serve(settings)
    return 0


def _console(settings: Settings, args: argparse.Namespace) -> int:
    from bot.console import run_console

    return run_console(
        settings,
        json_mode=args.json,
        locale=args.locale,
        user=args.user,
        load_demo_data=not args.no_demo,
    )


def _clock(settings: Settings, _args: argparse.Namespace) -> int:
    engine = _engine(settings, require_migrated=True)
    from bot.clock import run_clock

    run_clock(settings, engine)
    return 0


def _migrate(settings: Settings, _args: argparse.Namespace) -> int:
    from storage.db import migrate

    engine = _engine(settings, require_migrated=False)
    migrate(engine)
    print("partnerdesk: database is up to date")
    return 0


def _demo(settings: Settings, _args: argparse.Namespace) -> int:
    from bot import wallclock
    from bot.demo import LOCAL_TEAM_ID, load_demo

    engine = _engine(settings, require_migrated=True)
    summary = load_demo(
        engine, team_id=os.environ.get("DEMO_TEAM_ID", LOCAL_TEAM_ID), now=wallclock.utcnow()
    )
    print(f"partnerdesk: demo data loaded ({summary})")
    return 0


def _import_csv(settings: Settings, args: argparse.Namespace) -> int:
    from bot.admin import run_import

    engine = _engine(settings, require_migrated=True)
    return run_import(
        engine,
        path=args.file,
        teams=args.team,
        dry_run=args.dry_run,
        stdout=sys.stdout,
        stderr=sys.stderr,
    )


def _export(settings: Settings, args: argparse.Namespace) -> int:
    from bot.admin import run_export

    engine = _engine(settings, require_migrated=True)
    return run_export(
        engine,
        handle=args.creator,
        team=args.team,
        output=args.output,
        stdout=sys.stdout,
        stderr=sys.stderr,
    )


def _erase(settings: Settings, args: argparse.Namespace) -> int:
    from bot.admin import run_erase

    if args.creator is None and args.team is None:
        print(
            "partnerdesk erase: give --creator HANDLE, or --team T… to erase a workspace",
            file=sys.stderr,
        )
        return 2
    engine = _engine(settings, require_migrated=True)
    if args.creator is None:
        from bot.admin import run_erase_team

        return run_erase_team(
            engine,
            team=args.team,
            yes=args.yes,
            stdin=sys.stdin,
            stdout=sys.stdout,
            stderr=sys.stderr,
        )
    return run_erase(
        engine,
        handle=args.creator,
        team=args.team,
        yes=args.yes,
        stdin=sys.stdin,
        stdout=sys.stdout,
        stderr=sys.stderr,
    )


if __name__ == "__main__":
    sys.exit(main())
