"""A workspace's own rows: settings, language choices, events seen, Home tabs, departure."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, BigInteger
from sqlmodel import Field, SQLModel

from storage.models.columns import stamp, utc_column


class TeamSettings(SQLModel, table=True):
    """A workspace's own settings, created from DEFAULT_LOCALE and TIMEZONE on first use."""

    __tablename__ = "team_settings"

    team_id: str = Field(primary_key=True, max_length=32)
    default_locale: str = Field(max_length=8)
    timezone: str = Field(max_length=64)
    # Approvers per approval kind ({"contract": {"users": [...], "group": null, "rule": "any"}}),
    # the fallback approver and the default due/expiry (`/creator settings`).
    approval_settings: dict = Field(default_factory=dict, sa_type=JSON)
    created_at: datetime = stamp()


class UserPreference(SQLModel, table=True):
    """A user's chosen language (`/creator language`), which wins over Slack's locale."""

    __tablename__ = "user_preferences"

    team_id: str = Field(primary_key=True, max_length=32)
    user_id: str = Field(primary_key=True, max_length=32)
    locale: str | None = Field(default=None, max_length=8)
    slack_locale: str | None = Field(default=None, max_length=16)
    updated_at: datetime = stamp()


class ProcessedEvent(SQLModel, table=True):
    """Events API deliveries already handled, so that Slack's retries act only once."""

    __tablename__ = "processed_events"

    team_id: str = Field(primary_key=True, max_length=32)
    event_id: str = Field(primary_key=True, max_length=64)
    received_at: datetime = stamp()


class HomeRefresh(SQLModel, table=True):
    """A user's Home tab: what it shows (scope, page) and whether it needs publishing again.

    A change to something a Home tab shows raises `changes` (storage/home.py, in the changing
    transaction, without a clock); a publisher that sees `changes` ahead of `published_changes`
    sets `due_at` a debounce later by its own clock, so a burst publishes once (migration 0010).
    """

    __tablename__ = "home_refreshes"

    team_id: str = Field(primary_key=True, max_length=32)
    user_id: str = Field(primary_key=True, max_length=32)
    scope: str = Field(default="mine", max_length=8)  # "mine" or "team"
    page: int = 0
    changes: int = 0
    published_changes: int = 0
    due_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    claimed_until: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    published_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))


class TeamDeparture(SQLModel, table=True):
    """A workspace that uninstalled the app (or revoked its bot token): its data is kept
    until `left_at` + the retention period (storage/departures.py), then erased; a new
    install removes the row (migration 0011)."""

    __tablename__ = "team_departures"

    team_id: str = Field(primary_key=True, max_length=32)
    left_at: datetime = stamp()


class TeamDataVersion(SQLModel, table=True):
    """A number every change to the workspace's data raises (database triggers, migration
    0012): what the web process remembers is good while the number is the same."""

    __tablename__ = "team_data_versions"

    team_id: str = Field(primary_key=True, max_length=32)
    version: int = Field(sa_type=BigInteger)


class StatusCard(SQLModel, table=True):
    """A status card as built, for every web worker to use again (handlers/card_cache.py)
    while its workspace's data version is the one it was built at and the clock is inside
    its time; only the workspace's current version is kept (storage/status_cards.py)."""

    __tablename__ = "status_cards"

    team_id: str = Field(primary_key=True, max_length=32)
    # sha256 of the words asked, the language and the time zone: what makes it this card.
    card_key: str = Field(primary_key=True, max_length=64)
    version: int = Field(sa_type=BigInteger)
    built_at: datetime = stamp()
    good_until: datetime = stamp()
    reply: dict = Field(sa_type=JSON)  # the Slack message, as the ack sends it
