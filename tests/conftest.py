"""Fixtures shared by the whole suite: real databases (SQLite and PostgreSQL) and settings.

Every test that takes `engine` runs twice: on a fresh SQLite file and in a fresh PostgreSQL
schema, each migrated with Alembic exactly as `partnerdesk migrate` does. Where no
PostgreSQL answers, those runs skip saying so, except under CI=true, where it is a failure.
"""

from __future__ import annotations

import dataclasses
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlmodel import SQLModel

from bot.config import Settings, normalise_database_url
from storage.db import create_db_engine, migrate
from storage.models import TeamDataVersion

DEFAULT_POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
ALL_BACKENDS = ("sqlite", "postgresql")


def _backends() -> tuple[str, ...]:
    """Both databases, unless PARTNERDESK_TEST_BACKENDS names some (CI's moved-clock runs)."""
    chosen = os.environ.get("PARTNERDESK_TEST_BACKENDS", "")
    names = tuple(name.strip() for name in chosen.split(",") if name.strip()) or ALL_BACKENDS
    unknown = set(names) - set(ALL_BACKENDS)
    if unknown:
        raise pytest.UsageError(f"PARTNERDESK_TEST_BACKENDS: unknown {sorted(unknown)}")
    return names


BACKENDS = _backends()


def postgres_url() -> str:
    return normalise_database_url(os.environ.get("DATABASE_URL_TEST") or DEFAULT_POSTGRES_URL)


def _postgres_unavailable_reason() -> str | None:
    try:
        probe = create_engine(postgres_url(), connect_args={"connect_timeout": 3})
        with probe.connect() as connection:
            connection.execute(text("SELECT 1"))
        probe.dispose()
    except Exception as error:  # noqa: BLE001 - any failure means "not here"
        return f"PostgreSQL not reachable at {postgres_url()}: {type(error).__name__}"
    return None


@pytest.fixture(scope="session")
def postgres_available() -> None:
    if "postgresql" not in BACKENDS:
        pytest.skip("PostgreSQL not selected (PARTNERDESK_TEST_BACKENDS)")
    reason = _postgres_unavailable_reason()
    if reason is None:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; under CI=true the PostgreSQL runs are required", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session", params=BACKENDS)
def database_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A freshly migrated database for this test session: a SQLite file or a PG schema."""
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("db") / "partnerdesk.db"
        url = f"sqlite:///{path}"
        engine = create_db_engine(url)
        migrate(engine)
        engine.dispose()
        yield url
        return
    request.getfixturevalue("postgres_available")
    schema = f"pd_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(postgres_url())
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = f"{postgres_url()}?options=-csearch_path%3D{schema}"
    engine = create_db_engine(url)
    migrate(engine)
    engine.dispose()
    try:
        yield url
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """The session's database, emptied after each test so tests never see each other's rows."""
    engine = create_db_engine(database_url)
    try:
        yield engine
    finally:
        with engine.begin() as connection:
            for table in reversed(SQLModel.metadata.sorted_tables):
                connection.execute(table.delete())
        with engine.begin() as connection:  # the versions the deletes above just raised
            connection.execute(TeamDataVersion.__table__.delete())
        engine.dispose()


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(
        slack_bot_token="xoxb-test-token",
        slack_signing_secret="test-signing-secret",
        database_url=database_url,
        default_locale="nl",
        timezone="Europe/Amsterdam",
    )


@pytest.fixture
def repo_root() -> Path:
    return Path(__file__).resolve().parent.parent


# -- Slack: the product's stand-in, wrapped with Slack's own spec ---------------------------
@pytest.fixture(scope="session")
def web_api_spec():  # noqa: ANN201 - WebApiSpec | None
    from tests.slackspec import default_web_api_spec

    return default_web_api_spec()


@pytest.fixture
def standin(web_api_spec) -> Iterator:  # noqa: ANN001
    """The Web API stand-in on 127.0.0.1, validating every call against Slack's spec.

    Without the spec (no ../shared/slack-specs and no SLACK_SPECS_DIR) the tests that use it
    skip, saying why: a stand-in that checks nothing would prove nothing.
    """
    from bot.standin import SlackStandIn
    from tests.harness import CHANNEL_ID, OTHER_USER_ID, TEAM_ID, USER_ID
    from tests.mrkdwn_check import call_problems
    from tests.slackspec import make_validator

    if web_api_spec is None:
        pytest.skip("Slack's Web API spec not found: set SLACK_SPECS_DIR to shared/slack-specs")
    warnings: list[str] = []
    with SlackStandIn(team_id=TEAM_ID, validator=make_validator(web_api_spec, warnings)) as fake:
        fake.add_user(USER_ID, name="cpm", real_name="Casey Partner", locale="en-US")
        fake.add_user(OTHER_USER_ID, name="lead", real_name="Lou Lead", locale="nl-NL")
        fake.add_channel(CHANNEL_ID, name="partnerships", members=[USER_ID, OTHER_USER_ID])
        yield fake
        assert not fake.violations, "calls that break Slack's spec:\n" + "\n".join(fake.violations)
        # Every message of every test reaches people as text: no ping, link or `&amp;` shown.
        live = call_problems(fake.calls)
        assert not live, "live mrkdwn sequences (tests/mrkdwn_check.py):\n" + "\n".join(live)


@pytest.fixture
def harness(settings: Settings, engine: Engine, standin) -> Iterator:  # noqa: ANN001
    from tests.harness import AppHarness

    app_harness = AppHarness(settings, engine, standin)
    yield app_harness
    app_harness.close()


# -- the multi-workspace mode (tests/oauth_flow.py serves it) --------------------------------
@pytest.fixture
def multi_settings(settings: Settings) -> Settings:
    """The settings of the multi-workspace mode: no bot token, Bolt's OAuth flow instead."""
    from bot.config import manifest_bot_scopes
    from tests.oauth_flow import CLIENT_ID, CLIENT_SECRET

    return dataclasses.replace(
        settings,
        slack_bot_token=None,
        slack_client_id=CLIENT_ID,
        slack_client_secret=CLIENT_SECRET,
        slack_scopes=manifest_bot_scopes(),
    )


@pytest.fixture
def clean_slack_tables(engine: Engine) -> Iterator[None]:
    """Bolt's installation tables emptied after the test (the `engine` fixture knows only ours)."""
    from tests.oauth_flow import SLACK_TABLES

    yield
    with engine.begin() as connection:
        for table in SLACK_TABLES:
            connection.execute(text(f"DELETE FROM {table}"))
