"""The multi-workspace mode's lifecycle events (handlers/installs.py) over real HTTP: a
workspace whose bot token is revoked leaves (tests/bot/test_oauth_install.py has the whole
departure), one where only a member's own token is revoked stays served."""

from __future__ import annotations

import asyncio
import json

from sqlalchemy import Engine, text

from bot.config import Settings
from storage import departures
from storage.db import session_scope
from tests.factories import make_brand, make_creator, make_partnership
from tests.harness import TEAM_ID, USER_ID, command_body, event_body
from tests.oauth_flow import CLIENT_ID, CLIENT_SECRET, install, post_signed, serve_multi


def _bot_tokens(engine: Engine) -> list[str]:
    with engine.connect() as connection:
        return [row[0] for row in connection.execute(text("SELECT bot_token FROM slack_bots"))]


def test_a_members_own_token_revoked_keeps_the_workspace_served(
    multi_settings: Settings, engine: Engine, standin, clean_slack_tables: None
) -> None:  # noqa: ANN001
    standin.register_app(CLIENT_ID, CLIENT_SECRET)
    server, async_engine = serve_multi(multi_settings, engine, standin)
    zoe = make_creator(engine, "Zoë de Vries")
    make_partnership(engine, zoe, make_brand(engine))
    try:
        with server as base:
            assert install(base, standin)[0] == 200
            [token] = _bot_tokens(engine)
            # Slack names the members whose user tokens went; the bot's token is not among them.
            revoked = {"type": "tokens_revoked", "tokens": {"oauth": [USER_ID], "bot": []}}
            assert post_signed(base, event_body(revoked), "application/json")[0] == 200

            assert _bot_tokens(engine) == [token]
            with session_scope(engine) as session:
                assert not departures.departed(session=session, team_id=TEAM_ID)
            seen = len(standin.calls)
            body = command_body("/creator", "status zoe", response_url=standin.hook_url("cmd"))
            status, answer = post_signed(base, body, "application/x-www-form-urlencoded")
            assert status == 200
            assert "Zoë de Vries" in json.loads(answer)["text"]
            later = standin.calls[seen:]
            assert [c for c in later if c.method == "respond"] == []  # no "install me" answer
            assert {c.token for c in later} <= {token}
    finally:
        asyncio.run(async_engine.dispose())
