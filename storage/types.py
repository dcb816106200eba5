"""Column types shared by the models."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import DateTime, String
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator):
    """Timezone-aware UTC in Python on every database (SQLite stores it naive)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:  # noqa: ANN001
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:  # noqa: ANN001
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)

    def result_processor(self, dialect, coltype):  # noqa: ANN001, ANN201
        """On SQLite, the stored text straight to an aware datetime with the C parser: the
        clock reads six of these per claimed row, and SQLAlchemy's own (a regular
        expression, then this type's conversion) cost several times more."""
        if dialect.name != "sqlite":
            return super().result_processor(dialect, coltype)
        return _sqlite_utc


def _sqlite_utc(value: str | None) -> datetime | None:
    if value is None:
        return None
    parsed = datetime.fromisoformat(value)  # "2026-12-05 09:00:00.000000", as stored
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


class StrEnumType(TypeDecorator):
    """A StrEnum stored as its plain string value (no database enum type to migrate)."""

    impl = String(32)
    cache_ok = True

    def __init__(self, enum_class: type[StrEnum]) -> None:
        # Migrations store these as String(32); see the 0002 revision.
        super().__init__()
        self.enum_class = enum_class

    def process_bind_param(self, value: StrEnum | str | None, dialect) -> str | None:  # noqa: ANN001
        return None if value is None else self.enum_class(value).value

    def process_result_value(self, value: str | None, dialect) -> StrEnum | None:  # noqa: ANN001
        return None if value is None else self.enum_class(value)
