"""The brand and creator modals, built from facts alone: what a person sees and may type."""

from __future__ import annotations

import json
from typing import Any

from domain import fields
from handlers.blocks.forms import build_brand_modal, build_creator_modal, submitted
from locales import translator


def _inputs(view: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {block["block_id"]: block for block in view["blocks"] if block["type"] == "input"}


def test_a_new_creator_form_starts_from_the_stored_defaults() -> None:
    view = build_creator_modal(translator("en"), None, None, [], {})
    inputs = _inputs(view)
    assert inputs["currency"]["element"]["initial_value"] == "EUR"
    assert inputs["language"]["element"]["initial_option"]["value"] == "nl"
    assert inputs["stage"]["element"]["initial_option"]["value"] == "prospect"
    assert inputs["ip_model"]["element"]["initial_option"]["value"] == "unclear"
    assert "initial_value" not in inputs["niche"]["element"]
    assert view["title"]["text"] == "Add a creator"


def test_no_text_field_takes_more_than_its_column_holds() -> None:
    creator = {"handle": "zoe.dv", "display_name": "Zoë de Vries", "currency": "USD"}
    inputs = _inputs(build_creator_modal(translator("nl"), creator, {}, ["Koffie & Co"], {}))
    limits = {
        "handle": fields.HANDLE,
        "display_name": fields.DISPLAY_NAME,
        "niche": fields.NICHE,
        "country": fields.COUNTRY,
        "currency": fields.CURRENCY,
        "contact": fields.CONTACT,
        "brand": fields.BRAND_NAME,
        "performance_incentive": fields.PERFORMANCE_INCENTIVE,
    }
    for block_id, spec in limits.items():
        assert inputs[block_id]["element"]["max_length"] == spec.max_length, block_id
    assert inputs["handle"]["element"]["initial_value"] == "zoe.dv"
    assert inputs["currency"]["element"]["initial_value"] == "USD"
    brand_inputs = _inputs(build_brand_modal(translator("en"), {"name": "Koffie & Co"}, {}))
    assert brand_inputs["name"]["element"]["max_length"] == fields.BRAND_NAME.max_length
    assert brand_inputs["name"]["element"]["initial_value"] == "Koffie & Co"


def test_a_submitted_modal_gives_its_metadata_and_what_was_typed() -> None:
    view = {
        "private_metadata": json.dumps({"id": 7, "version": 2}),
        "state": {
            "values": {
                "subject": {"subject": {"type": "plain_text_input", "value": "Renewal"}},
                "kind": {"kind": {"type": "static_select", "selected_option": {"value": "brief"}}},
            }
        },
    }
    assert submitted(view) == ({"id": 7, "version": 2}, {"subject": "Renewal", "kind": "brief"})
    assert submitted({}) == ({}, {})
