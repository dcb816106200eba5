"""The multi-workspace mode's stores on the project's database: slack_sdk's async stores, on
the default table names migration 0011 creates (tests/storage/test_slack_tables.py), through the
async flavour of the database's driver."""

from __future__ import annotations

import pytest

from storage.installations import async_database_url, installation_store, oauth_state_store


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


def test_a_database_without_an_async_driver_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="mysql"):
        async_database_url("mysql://u@h/db")
