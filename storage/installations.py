"""Where the multi-workspace mode keeps its installations and OAuth states: slack_sdk's own
SQLAlchemy stores, on the project's database (tables from migration 0011)."""

from __future__ import annotations

from slack_sdk.oauth.installation_store.sqlalchemy import AsyncSQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import AsyncSQLAlchemyOAuthStateStore
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

# The stores are async; the same database through the async flavour of each driver.
_ASYNC_DRIVERS = {
    "sqlite:": "sqlite+aiosqlite:",
    "postgresql+psycopg:": "postgresql+psycopg_async:",
}


def async_database_url(database_url: str) -> str:
    """The async driver's URL for a (normalised) DATABASE_URL."""
    for sync, async_ in _ASYNC_DRIVERS.items():
        if database_url.startswith(sync):
            return async_ + database_url[len(sync) :]
    raise ValueError(f"no async driver for {database_url.split(':', 1)[0]}")


def create_async_db_engine(database_url: str) -> AsyncEngine:
    return create_async_engine(async_database_url(database_url), pool_pre_ping=True)


def installation_store(engine: AsyncEngine, client_id: str) -> AsyncSQLAlchemyInstallationStore:
    return AsyncSQLAlchemyInstallationStore(client_id=client_id, engine=engine)


def oauth_state_store(
    engine: AsyncEngine, expiration_seconds: int = 600
) -> AsyncSQLAlchemyOAuthStateStore:
    return AsyncSQLAlchemyOAuthStateStore(expiration_seconds=expiration_seconds, engine=engine)
