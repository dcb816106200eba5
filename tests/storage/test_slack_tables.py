"""Migration 0011 creates exactly the tables slack_sdk's SQLAlchemy stores read and write."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import Engine, MetaData, inspect

from storage.installations import async_database_url, installation_store, oauth_state_store

SLACK_TABLES = {"slack_installations", "slack_bots", "slack_oauth_states"}


def _stores_metadata() -> MetaData:
    metadata = MetaData()
    SQLAlchemyInstallationStore.build_installations_table(metadata, "slack_installations")
    SQLAlchemyInstallationStore.build_bots_table(metadata, "slack_bots")
    SQLAlchemyOAuthStateStore.build_oauth_states_table(metadata, "slack_oauth_states")
    return metadata


def test_the_migrated_slack_tables_equal_the_stores_definitions(engine: Engine) -> None:
    metadata = _stores_metadata()
    assert SLACK_TABLES <= set(inspect(engine).get_table_names())
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        diffs = compare_metadata(context, metadata)
    # Our own tables are not in the stores' metadata; only differences in theirs count.
    ours = [d for d in diffs if any(name in repr(d) for name in SLACK_TABLES)]
    assert ours == []


def test_the_async_stores_use_the_default_table_names() -> None:
    from sqlalchemy.ext.asyncio import create_async_engine

    engine = create_async_engine("sqlite+aiosqlite://")
    assert {t.name for t in installation_store(engine, "123.456").metadata.sorted_tables} == {
        "slack_installations",
        "slack_bots",
    }
    assert [t.name for t in oauth_state_store(engine).metadata.sorted_tables] == [
        "slack_oauth_states"
    ]


def test_async_urls_for_both_databases() -> None:
    assert async_database_url("sqlite:////data/p.db") == "sqlite+aiosqlite:////data/p.db"
    assert (
        async_database_url("postgresql+psycopg://u@h/db?options=x")
        == "postgresql+psycopg_async://u@h/db?options=x"
    )
