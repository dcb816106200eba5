"""What the console reads out of Block Kit: the buttons in a message or view, a modal's
input fields, their initial state as Slack reports it, and a typed value for one input."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from bot.console.grammar import ConsoleInputError


def buttons_in(blocks: list[dict[str, Any]]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each button, with its block's id, in the order a reader sees them."""
    for index, block in enumerate(blocks):
        block_id = block.get("block_id") or f"block{index}"
        elements = block.get("elements", []) if block.get("type") == "actions" else []
        accessory = block.get("accessory")
        if accessory:
            elements = [*elements, accessory]
        for element in elements:
            if element.get("type") == "button":
                yield block_id, element


def fields(view: dict[str, Any]) -> list[dict[str, Any]]:
    """A modal's inputs as the console lists them (`--json` "fields")."""
    found = []
    for block in view.get("blocks", []):
        if block.get("type") != "input":
            continue
        element = block["element"]
        options = element.get("options")
        found.append(
            {
                "name": block.get("block_id"),
                "label": block["label"]["text"],
                "type": element["type"],
                "value": initial_value(element),
                "options": [o["value"] for o in options] if options else None,
            }
        )
    return found


def initial_value(element: dict[str, Any]) -> Any:
    for key in ("initial_value", "initial_date", "initial_user", "initial_conversation"):
        if key in element:
            return element[key]
    if "initial_option" in element:
        return element["initial_option"]["value"]
    if "initial_options" in element:
        return [o["value"] for o in element["initial_options"]]
    return None


def initial_state(view: dict[str, Any]) -> dict[str, dict[str, dict[str, Any]]]:
    """What Slack reports for untouched inputs: their initial values (or nothing)."""
    state: dict[str, dict[str, dict[str, Any]]] = {}
    for block in view.get("blocks", []):
        if block.get("type") != "input":
            continue
        element = block["element"]
        kind = element["type"]
        value: dict[str, Any] = {"type": kind}
        if kind in ("static_select", "radio_buttons"):
            value["selected_option"] = element.get("initial_option")
        elif kind in ("multi_static_select", "checkboxes"):
            value["selected_options"] = element.get("initial_options", [])
        elif kind == "datepicker":
            value["selected_date"] = element.get("initial_date")
        elif kind == "users_select":
            value["selected_user"] = element.get("initial_user")
        elif kind == "multi_users_select":
            value["selected_users"] = element.get("initial_users", [])
        elif kind == "conversations_select":
            value["selected_conversation"] = element.get("initial_conversation")
        elif kind == "channels_select":
            value["selected_channel"] = element.get("initial_channel")
        else:
            value["value"] = element.get("initial_value")
        state[block["block_id"]] = {element["action_id"]: value}
    return state


def find_input(view: dict[str, Any], name: str) -> dict[str, Any] | None:
    """The input block named by its block_id or its label, in any case."""
    wanted = name.lower()
    for block in view.get("blocks", []):
        if block.get("type") == "input" and (
            str(block.get("block_id", "")).lower() == wanted
            or block["label"]["text"].lower() == wanted
        ):
            return block
    return None


def typed_value(
    element: dict[str, Any],
    value: str,
    *,
    user: Callable[[str], str],
    channel: Callable[[str], str],
) -> dict[str, Any]:
    """The state Slack reports for an input after `value` was typed or picked in it; people
    and channels by name, turned into ids by `user` and `channel`."""
    kind = element["type"]
    if kind in ("static_select", "radio_buttons"):
        return {"type": kind, "selected_option": pick_option(element, value)}
    if kind in ("multi_static_select", "checkboxes"):
        picked = [pick_option(element, v.strip()) for v in value.split(",") if v.strip()]
        return {"type": kind, "selected_options": picked}
    if kind == "datepicker":
        return {"type": kind, "selected_date": value or None}
    if kind == "users_select":
        return {"type": kind, "selected_user": user(value) if value else None}
    if kind == "multi_users_select":
        users = [user(v.strip()) for v in value.split(",") if v.strip()]
        return {"type": kind, "selected_users": users}
    if kind == "conversations_select":
        return {"type": kind, "selected_conversation": channel(value)}
    if kind == "channels_select":
        return {"type": kind, "selected_channel": channel(value)}
    return {"type": kind, "value": value}


def pick_option(element: dict[str, Any], value: str) -> dict[str, Any]:
    for option in element.get("options", []):
        if value.lower() in (option["value"].lower(), option["text"]["text"].lower()):
            return option
    choices = ", ".join(o["value"] for o in element.get("options", []))
    raise ConsoleInputError(f"{value!r} is not one of: {choices}")
