"""Migration 0011 creates exactly the tables slack_sdk's SQLAlchemy stores read and write."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import Engine, MetaData, inspect

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
