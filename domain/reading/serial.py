"""Moves and readings as JSON, to keep a reading between the question and the click."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from domain import intents
from domain.durations import Duration, DurationUnit
from domain.values import ContentType, Platform, Scope


def _duration(value: Duration | None) -> list[str] | None:
    return [str(value.amount), value.unit.value] if value else None


def _from_duration(value: list[str] | None) -> Duration | None:
    return Duration(Decimal(value[0]), DurationUnit(value[1])) if value else None


def move_to_json(move: intents.Intent) -> dict[str, Any]:
    match move:
        case intents.SetWindow(after=after, before=before):
            return {"code": move.code, "after": _duration(after), "before": _duration(before)}
        case intents.SetPreWindow(before=before):
            return {"code": move.code, "before": _duration(before)}
        case intents.NarrowPlatforms(platforms=platforms):
            return {"code": move.code, "platforms": sorted(p.value for p in platforms)}
        case intents.NarrowContent(content_types=content):
            return {"code": move.code, "content": sorted(c.value for c in content)}
        case intents.SetScope(scope=scope, competitors=competitors):
            return {"code": move.code, "scope": scope.value, "competitors": list(competitors)}
        case intents.CreatorAsk(amount=amount, currency=currency):
            return {"code": move.code, "amount": str(amount), "currency": currency}
    return {"code": move.code}


def move_from_json(data: dict[str, Any]) -> intents.Intent | None:
    code = data.get("code")
    if code == "window":
        return intents.SetWindow(_from_duration(data["after"]), _from_duration(data["before"]))
    if code == "pre_window":
        return intents.SetPreWindow(_from_duration(data["before"]))
    if code == "platforms":
        return intents.NarrowPlatforms(frozenset(Platform(p) for p in data["platforms"]))
    if code == "content":
        return intents.NarrowContent(frozenset(ContentType(c) for c in data["content"]))
    if code == "scope":
        return intents.SetScope(Scope(data["scope"]), tuple(data["competitors"]))
    if code == "ask":
        return intents.CreatorAsk(Decimal(data["amount"]), data["currency"])
    if code == "accept":
        return intents.Accept()
    if code == "withdraw":
        return intents.Withdraw()
    return None


def day_to_json(day: date | None) -> str | None:
    return day.isoformat() if day else None
