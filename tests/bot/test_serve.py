"""Running the web process (bot/serve.py): Socket Mode when an app token is set, else HTTP
through uvicorn with one app per worker process, WEB_CONCURRENCY of them."""

from __future__ import annotations

from typing import Any

import pytest

from bot import serve
from bot.config import Settings
from bot.server import SlackASGIApp


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """What serve() started, instead of starting it."""
    seen: dict[str, Any] = {}

    async def socket_mode(settings: Settings) -> None:
        seen["socket_mode"] = settings

    monkeypatch.setattr(serve, "_socket_mode", socket_mode)
    monkeypatch.setattr(serve.uvicorn, "run", lambda *args, **kwargs: seen.update(http=kwargs))
    return seen


def test_an_app_token_means_socket_mode_and_no_http_server(started: dict[str, Any]) -> None:
    settings = Settings(slack_app_token="xapp-1", slack_bot_token="xoxb-1")
    serve.serve(settings)
    assert started == {"socket_mode": settings}


def test_http_runs_a_worker_per_web_concurrency_each_building_its_own_app(
    started: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    serve.serve(Settings(slack_signing_secret="s3cret", slack_bot_token="xoxb-1", port=3123))
    http = started["http"]
    assert (http["workers"], http["port"], http["factory"]) == (3, 3123, True)
    monkeypatch.delenv("WEB_CONCURRENCY")
    serve.serve(Settings(slack_signing_secret="s3cret", slack_bot_token="xoxb-1"))
    assert started["http"]["workers"] == 2  # two cores' worth by default


def test_each_worker_builds_its_app_from_the_environment(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:  # noqa: ANN001
    monkeypatch.chdir(tmp_path)  # no .env of the developer's
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'serve.db'}")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "s3cret")
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    assert isinstance(serve.build_asgi_app(), SlackASGIApp)
