"""What the handler surface tests share: a reply read as one text, and the rows a test wrote."""

from __future__ import annotations

import json
from typing import Any

from sqlmodel import select

from storage.db import session_scope


def text_of(message: Any) -> str:
    """A reply, view or call's arguments as one text (non-ASCII kept), to look for words in."""
    return json.dumps(message, ensure_ascii=False)


def rows(engine, model) -> list:  # noqa: ANN001
    with session_scope(engine) as session:
        return list(session.exec(select(model)).all())
