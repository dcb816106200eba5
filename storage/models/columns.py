"""Column helpers every table uses: UTC timestamps, and the moments the clock stamps."""

from __future__ import annotations

from sqlmodel import Column, Field

from storage.types import UTCDateTime


def utc_column(nullable: bool = False) -> Column:
    return Column(UTCDateTime(), nullable=nullable)


def stamp():  # noqa: ANN201 - a pydantic FieldInfo
    """A required moment (created_at, updated_at, ...) with no default: the writer in storage/
    sets it from the clock its caller passes (`now=`), never from the wall clock, so that
    the digest, the status card and every rule compare times of one clock. A row written
    without it fails on the NOT NULL column instead of quietly taking today's date."""
    return Field(sa_column=utc_column())
