"""`partnerdesk serve` as a real process: refuses an unmigrated database, serves signed requests."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from bot.standin import SlackStandIn
from tests import travel
from tests.harness import command_body, free_port, sign


def env_for(tmp_path: Path, **extra: str) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'serve.db'}",
        "SLACK_BOT_TOKEN": "xoxb-serve-test",
        "SLACK_SIGNING_SECRET": "test-signing-secret",
        "LOG_LEVEL": "WARNING",
        **travel.inherited(),
        **extra,
    }


def test_serve_refuses_a_database_that_needs_migrating(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "serve"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env_for(tmp_path),
        timeout=60,
    )
    assert result.returncode == 2
    assert "partnerdesk migrate" in result.stderr


def wait_healthy(url: str, process: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stderr.read()
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=1) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.1)  # polling a starting server, bounded by the deadline
    raise TimeoutError("serve did not become healthy")


def test_serve_answers_a_signed_slash_command_and_stops_on_sigterm(tmp_path: Path) -> None:
    env = env_for(tmp_path)
    subprocess.run(
        [sys.executable, "-m", "bot", "migrate"],
        env=env,
        cwd=tmp_path,
        check=True,
        capture_output=True,
        timeout=60,
    )
    port = free_port()
    with SlackStandIn(team_id="T0123456789") as standin:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", "serve"],
            env={
                **env,
                "PORT": str(port),
                "WEB_CONCURRENCY": "1",
                "HOST": "127.0.0.1",
                "SLACK_API_URL": standin.base_url,
            },
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            url = f"http://127.0.0.1:{port}"
            wait_healthy(url, process)
            body = command_body("/creator", "help", response_url=standin.hook_url("h"))
            request = urllib.request.Request(
                url + "/slack/events",
                data=body.encode(),
                headers={"Content-Type": "application/x-www-form-urlencoded", **sign(body)},
            )
            with urllib.request.urlopen(request, timeout=10) as response:
                reply = json.loads(response.read())
            assert reply["response_type"] == "ephemeral"
            assert "/creator help" in json.dumps(reply)
        finally:
            process.send_signal(signal.SIGTERM)
            # uvicorn shuts down gracefully, then re-raises the signal it caught.
            assert process.wait(timeout=30) in (0, -signal.SIGTERM)
        output = process.stdout.read() + process.stderr.read()
        assert "Traceback" not in output
        assert "xoxb-serve-test" not in output and "test-signing-secret" not in output
