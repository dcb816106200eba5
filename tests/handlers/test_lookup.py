"""Naming a creator in a command: the one, which of these, did you mean, or gone since."""

from __future__ import annotations

import json

from sqlmodel import delete

from storage.db import session_scope
from storage.models import Creator
from tests.factories import make_brand, make_creator, make_partnership
from tests.harness import AppHarness


def _two_sannes(harness: AppHarness) -> tuple[Creator, Creator]:
    brand = make_brand(harness.engine)
    bakker = make_creator(harness.engine, "Sanne Bakker", handle="sannebakes")
    visser = make_creator(harness.engine, "Sanne Visser", handle="sannevisser")
    make_partnership(harness.engine, bakker, brand)
    make_partnership(harness.engine, visser, brand)
    return bakker, visser


def test_a_command_without_a_name_asks_which_creator(harness: AppHarness) -> None:
    reply = harness.command("/creator", "archive")
    assert reply["response_type"] == "ephemeral"
    assert reply["text"].startswith("Which creator?") and "/creator archive" in reply["text"]


def test_a_creator_picked_for_edit_opens_their_own_form(harness: AppHarness) -> None:
    _, visser = _two_sannes(harness)
    buttons = harness.command("/creator", "edit sanne")["blocks"][1]["elements"]
    picked = next(b for b in buttons if "sannevisser" in b["text"]["text"])
    harness.click(picked["action_id"], picked["value"])
    view = harness.last_view()
    assert "sannevisser" in json.dumps(view) and "sannebakes" not in json.dumps(view)
    assert json.loads(view["private_metadata"])["creator_id"] == visser.id


def test_a_creator_removed_after_the_buttons_were_shown_is_said_to_be_gone(
    harness: AppHarness,
) -> None:
    bakker, _ = _two_sannes(harness)
    buttons = harness.command("/creator", "kpi sanne")["blocks"][1]["elements"]
    with session_scope(harness.engine) as session:
        session.exec(delete(Creator).where(Creator.id == bakker.id))
    picked = next(b for b in buttons if "sannebakes" in b["text"]["text"])
    harness.click(picked["action_id"], picked["value"])
    answer = harness.standin.wait_for_call("respond")[0].args
    assert "That creator no longer exists." in json.dumps(answer)
