#!/usr/bin/env python3
"""Set up and run Partnerdesk, or its tests, on a machine that has only Python >= 3.11.

python3 dev.py run     # venv, install, catalogs, migrate; then serve (with Slack
                       # credentials) or the local console on the demo data
python3 dev.py test    # venv, install with the test extra, catalogs, the whole suite
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / "python"


def main(argv: list[str]) -> int:
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py may be run by an older python3
        print("Partnerdesk needs Python 3.11 or newer", file=sys.stderr)
        return 2
    if not argv or argv[0] not in ("run", "test"):
        print(__doc__, file=sys.stderr)
        return 2
    command, rest = argv[0], argv[1:]
    setup(with_tests=command == "test")
    if command == "test":
        return run([str(PYTHON), "-m", "pytest", *rest])
    return start(rest)


def setup(*, with_tests: bool) -> None:
    """Create the venv, install the project (once per pyproject change), compile catalogs."""
    if not PYTHON.exists():
        print("Creating the virtual environment in .venv ...")
        venv.create(VENV, with_pip=True)
    extra = ".[test]" if with_tests else "."
    stamp = VENV / f".installed-{'test' if with_tests else 'run'}"
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not stamp.exists() or stamp.read_text() != digest:
        print(f"Installing Partnerdesk ({extra}) ...")
        check([str(PYTHON), "-m", "pip", "install", "--quiet", "--upgrade", "pip"])
        check([str(PYTHON), "-m", "pip", "install", "--quiet", "-e", extra])
        stamp.write_text(digest)
    check([str(BIN / "pybabel"), "-q", "compile", "-d", str(ROOT / "locales"), "-D", "messages"])
    if with_tests:
        install_travel_hook()


def install_travel_hook() -> None:
    """Let PARTNERDESK_TEST_TRAVEL move the wall clock of every Python process in the venv.

    A `.pth` line runs when any interpreter of the venv starts, so the processes the tests
    spawn (console, serve, clock) travel with pytest itself; tests/travel.py does the moving
    and does nothing without the variable.
    """
    site_packages = subprocess.check_output(
        [str(PYTHON), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        text=True,
    ).strip()
    hook = ROOT / "tests" / "travel.py"
    line = (
        "import os, runpy; os.environ.get('PARTNERDESK_TEST_TRAVEL') and "
        f"runpy.run_path({str(hook)!r}, run_name='<run_path>')\n"
    )
    pth = Path(site_packages) / "partnerdesk_travel.pth"
    if not pth.exists() or pth.read_text() != line:
        pth.write_text(line)


def start(rest: list[str]) -> int:
    partnerdesk = str(BIN / "partnerdesk")
    status = run([partnerdesk, "migrate"])
    if status:
        return status
    if has_slack_credentials():
        return run([partnerdesk, "serve", *rest])
    print(
        "\nNo Slack credentials found (SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET or "
        "SLACK_APP_TOKEN),\nso here is the local console on the demo data. To connect a "
        "workspace, see README.md > Connect a workspace.\n"
    )
    return run([partnerdesk, "console", *rest])


def has_slack_credentials() -> bool:
    values = dict(os.environ)
    env_file = ROOT / ".env"
    if env_file.exists():
        for line in env_file.read_text().splitlines():
            key, sep, value = line.partition("=")
            if sep and not key.strip().startswith("#"):
                values.setdefault(key.strip(), value.strip().strip("'\""))
    has_token = bool(values.get("SLACK_BOT_TOKEN"))
    return has_token and bool(values.get("SLACK_SIGNING_SECRET") or values.get("SLACK_APP_TOKEN"))


def check(cmd: list[str]) -> None:
    status = run(cmd)
    if status:
        sys.exit(status)


def run(cmd: list[str]) -> int:
    return subprocess.call(cmd, cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
