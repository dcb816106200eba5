"""Modals for adding and editing brands, creators (with their partnership) and KPIs."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from typing import Any

from domain import fields
from domain.drafts import FieldError
from domain.values import Difficulty, IPModel, KPIKind, Stage
from handlers.blocks import labels
from handlers.blocks.common import escape, mrkdwn_section, shorten
from locales import N_, Translator

CREATOR_CALLBACK = "creator_form"
BRAND_CALLBACK = "brand_form"
KPI_CALLBACK = "kpi_form"

# The sentence for each validation code of domain.drafts.
ERROR_MESSAGES = {
    "required": N_("This field is required."),
    "too_long": N_("At most {limit} characters."),
    "not_a_number": N_("Type a number, for example 1250 or 1.250,50."),
    "negative": N_("This can't be negative."),
    "too_large": N_("That is more than {limit}."),
    "not_whole": N_("Type a whole number."),
    "not_a_date": N_("Pick a date."),
    "not_one_of": N_("Choose one of: {options}."),
    "bad_handle": N_("A handle is 2-64 letters, digits, dots or underscores."),
    "bad_country": N_("Two letters, for example NL or BE."),
    "bad_currency": N_("Three letters, for example EUR."),
    "unknown_platform": N_("Unknown platform “{platform}”: use instagram, tiktok or youtube."),
    "bad_audience": N_("The audience of {platform} must be a whole number."),
    "end_before_start": N_("The end date is before the start date."),
    "handle_taken": N_("Another creator already has this handle."),
    "unknown_brand": N_("No brand called “{brand}”. Add it first with `/creator brand add`."),
    "name_taken": N_("Another brand already has this name."),
    "not_a_score": N_("A score from 0 to 10."),
}


def error_messages(
    t: Translator, errors: Mapping[str, FieldError], block_ids: Mapping[str, str] | None = None
) -> dict[str, str]:
    """`response_action: errors` content: the translated message per input block."""
    return {
        (block_ids or {}).get(name, name): t.gettext(ERROR_MESSAGES[error.code]).format(
            **error.figures
        )
        for name, error in errors.items()
    }


def _plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text, "emoji": True}


def text_input(
    block_id: str,
    label: str,
    *,
    initial: str | None = None,
    optional: bool = True,
    multiline: bool = False,
    hint: str | None = None,
    max_length: int | None = None,
) -> dict[str, Any]:
    element: dict[str, Any] = {"type": "plain_text_input", "action_id": block_id}
    if initial:
        element["initial_value"] = initial
    if multiline:
        element["multiline"] = True
    if max_length:
        element["max_length"] = max_length
    block = _input_block(block_id, label, element, optional=optional)
    if hint:
        block["hint"] = _plain(hint)
    return block


def field_input(
    block_id: str,
    label: str,
    values: Mapping[str, Any],
    spec: fields.Text,
    **options: Any,
) -> dict[str, Any]:
    """A text input for a stored field (domain.fields): prefilled, capped at its length."""
    initial = values.get(block_id, spec.default) or None
    return text_input(block_id, label, initial=initial, max_length=spec.max_length, **options)


def select_input(
    block_id: str,
    label: str,
    options: list[tuple[str, str]],
    *,
    initial: str | None = None,
    optional: bool = True,
) -> dict[str, Any]:
    rendered = [{"text": _plain(shorten(text, 75)), "value": value} for value, text in options]
    element: dict[str, Any] = {"type": "static_select", "action_id": block_id, "options": rendered}
    chosen = next((o for o in rendered if o["value"] == initial), None)
    if chosen is not None:
        element["initial_option"] = chosen
    return _input_block(block_id, label, element, optional=optional)


def _input_block(
    block_id: str, label: str, element: dict[str, Any], *, optional: bool = True
) -> dict[str, Any]:
    return {
        "type": "input",
        "block_id": block_id,
        "label": _plain(label),
        "element": element,
        "optional": optional,
    }


def _picker(block_id: str, label: str, kind: str, initial_key: str, initial: Any) -> dict:
    element: dict[str, Any] = {"type": kind, "action_id": block_id}
    if initial:
        element[initial_key] = initial
    return _input_block(block_id, label, element)


def date_input(block_id: str, label: str, initial: date | None = None) -> dict[str, Any]:
    value = initial.isoformat() if initial else None
    return _picker(block_id, label, "datepicker", "initial_date", value)


def user_input(block_id: str, label: str, initial: str | None = None) -> dict[str, Any]:
    return _picker(block_id, label, "users_select", "initial_user", initial)


def channel_input(block_id: str, label: str, initial: str | None = None) -> dict[str, Any]:
    return _picker(block_id, label, "conversations_select", "initial_conversation", initial)


def modal(
    t: Translator,
    callback_id: str,
    title: str,
    blocks: list[dict[str, Any]],
    metadata: dict[str, Any],
) -> dict[str, Any]:
    return {
        "type": "modal",
        "callback_id": callback_id,
        "title": _plain(shorten(title, 24)),
        "submit": _plain(t.gettext("Save")),
        "close": _plain(t.gettext("Cancel")),
        "private_metadata": json.dumps(metadata),
        "blocks": blocks,
    }


def form_values(view: dict[str, Any]) -> dict[str, str | None]:
    """Each input block's value as text, whatever its element type."""
    values: dict[str, str | None] = {}
    for block_id, actions in view.get("state", {}).get("values", {}).items():
        state = next(iter(actions.values()), {})
        if "selected_option" in state:
            option = state["selected_option"]
            values[block_id] = option["value"] if option else None
        elif "selected_date" in state:
            values[block_id] = state["selected_date"]
        elif "selected_user" in state:
            values[block_id] = state["selected_user"]
        elif "selected_conversation" in state:
            values[block_id] = state["selected_conversation"]
        elif "selected_options" in state:
            values[block_id] = ",".join(o["value"] for o in state["selected_options"] or [])
        else:
            values[block_id] = state.get("value")
    return values


def submitted(view: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str | None]]:
    """A submitted modal's private metadata (what its builder put there) and the values typed
    into it."""
    return json.loads(view.get("private_metadata") or "{}"), form_values(view)


def _yes_no(t: Translator) -> list[tuple[str, str]]:
    return [("no", t.gettext("No")), ("yes", t.gettext("Yes"))]


def build_brand_modal(
    t: Translator, brand: Mapping[str, Any] | None, metadata: dict[str, Any]
) -> dict[str, Any]:
    """Add (brand None) or edit a brand."""
    brand = brand or {}
    difficulty_options = [(d.value, labels.label(t, labels.DIFFICULTY, d)) for d in Difficulty]
    blocks = [
        field_input("name", t.gettext("Brand name"), brand, fields.BRAND_NAME, optional=False),
        field_input(
            "category",
            t.gettext("Category"),
            brand,
            fields.CATEGORY,
            hint=t.gettext("For example coffee machines, skincare, fashion."),
        ),
        select_input(
            "difficulty",
            t.gettext("Staying exclusive in this category is"),
            difficulty_options,
            initial=brand.get("difficulty", fields.DEFAULT_DIFFICULTY.value),
            optional=False,
        ),
        text_input(
            "competitors",
            t.gettext("Named competitors"),
            initial=", ".join(brand.get("competitors", [])),
            multiline=True,
            hint=t.gettext("Separated by commas; used for competitor-list exclusivity."),
        ),
        select_input(
            "needs_approval",
            t.gettext("Agreed exclusivity needs approval"),
            _yes_no(t),
            initial="yes" if brand.get("exclusivity_needs_approval") else "no",
            optional=False,
        ),
        text_input(
            "minimum_fee",
            t.gettext("Minimum exclusivity fee"),
            initial=str(brand["minimum_fee"]) if brand.get("minimum_fee") else None,
            hint=t.gettext("Leave empty for the default of 200 in the quote's currency."),
        ),
    ]
    title = t.gettext("Edit brand") if brand.get("name") else t.gettext("Add a brand")
    return modal(t, BRAND_CALLBACK, title, blocks, metadata)


def build_creator_modal(
    t: Translator,
    creator: Mapping[str, Any] | None,
    partnership: Mapping[str, Any] | None,
    brand_names: list[str],
    metadata: dict[str, Any],
) -> dict[str, Any]:
    """Add (creator None) or edit a creator with their current partnership."""
    creator = creator or {}
    partnership = partnership or {}
    stage_options = [(s.value, labels.label(t, labels.STAGE, s)) for s in Stage]
    ip_options = [(m.value, labels.label(t, labels.IP_MODEL, m)) for m in IPModel]
    renewal_options = [
        ("", t.gettext("Not decided")),
        ("renew", t.gettext("Renew")),
        ("end", t.gettext("End")),
    ]
    brands_hint = (
        t.gettext("Known brands: {brands}").format(brands=", ".join(brand_names[:20]))
        if brand_names
        else t.gettext("No brands yet: add one with `/creator brand add`.")
    )
    blocks = [
        field_input("handle", t.gettext("Handle"), creator, fields.HANDLE, optional=False),
        field_input(
            "display_name", t.gettext("Display name"), creator, fields.DISPLAY_NAME, optional=False
        ),
        text_input(
            "platforms",
            t.gettext("Platforms and audience"),
            initial=creator.get("platforms"),
            hint=t.gettext("For example instagram:120000|tiktok:45000"),
        ),
        field_input("niche", t.gettext("Niche"), creator, fields.NICHE),
        field_input("country", t.gettext("Country (2 letters)"), creator, fields.COUNTRY),
        select_input(
            "language",
            t.gettext("Preferred language"),
            [("nl", t.gettext("Dutch")), ("en", t.gettext("English"))],
            initial=creator.get("language", fields.LANGUAGE.default),
            optional=False,
        ),
        text_input(
            "base_rate",
            t.gettext("Base rate per deliverable"),
            initial=creator.get("base_rate"),
            optional=False,
        ),
        field_input("currency", t.gettext("Currency"), creator, fields.CURRENCY),
        field_input("contact", t.gettext("Contact"), creator, fields.CONTACT),
        mrkdwn_section(t.gettext("*Partnership* (leave the brand empty for none yet)")),
        field_input("brand", t.gettext("Brand"), partnership, fields.BRAND_NAME, hint=brands_hint),
        select_input(
            "stage",
            t.gettext("Stage"),
            stage_options,
            initial=partnership.get("stage", fields.DEFAULT_STAGE.value),
            optional=False,
        ),
        date_input("start_date", t.gettext("Start date"), partnership.get("start_date")),
        date_input("end_date", t.gettext("End date"), partnership.get("end_date")),
        text_input(
            "quarterly_fee", t.gettext("Fee per quarter"), initial=partnership.get("quarterly_fee")
        ),
        text_input(
            "premium_pct",
            t.gettext("Premium over a one-off deal (%)"),
            initial=partnership.get("premium_pct"),
        ),
        text_input(
            "payment_terms_days",
            t.gettext("Payment terms (days)"),
            initial=partnership.get("payment_terms_days"),
        ),
        select_input(
            "ip_model",
            t.gettext("IP model"),
            ip_options,
            initial=partnership.get("ip_model", fields.DEFAULT_IP_MODEL.value),
            optional=False,
        ),
        field_input(
            "performance_incentive",
            t.gettext("Performance incentive"),
            partnership,
            fields.PERFORMANCE_INCENTIVE,
            multiline=True,
        ),
        select_input(
            "exit_scenario_agreed",
            t.gettext("Exit scenario agreed"),
            _yes_no(t),
            initial="yes" if partnership.get("exit_scenario_agreed") else "no",
            optional=False,
        ),
        select_input(
            "renewal_decision",
            t.gettext("Renewal decision"),
            renewal_options,
            initial=partnership.get("renewal_decision") or "",
            optional=False,
        ),
        user_input("owner", t.gettext("Owner"), partnership.get("owner")),
        channel_input("channel", t.gettext("Channel"), partnership.get("channel")),
    ]
    title = t.gettext("Edit creator") if creator.get("handle") else t.gettext("Add a creator")
    return modal(t, CREATOR_CALLBACK, title, blocks, metadata)


# The KPIs a person logs by hand, in the order of the framework.
LOGGED_KPIS: tuple[KPIKind, ...] = tuple(KPIKind)


def build_kpi_modal(
    t: Translator, creator_name: str, today: date, metadata: dict[str, Any]
) -> dict[str, Any]:
    """Log KPI values for a period (every value optional; at least one required)."""
    blocks: list[dict[str, Any]] = [
        mrkdwn_section(
            t.gettext("KPIs of *{creator}* for one period. Fill in what you measured.").format(
                creator=escape(creator_name)
            )
        ),
        date_input("period_start", t.gettext("Period start"), today.replace(day=1)),
        date_input("period_end", t.gettext("Period end"), today),
    ]
    for kind in LOGGED_KPIS:
        blocks.append(text_input(f"kpi_{kind.value}", labels.label(t, labels.KPI, kind)))
    blocks.append(
        select_input(
            "feedback_shared",
            t.gettext("Performance feedback shared with the creator"),
            _yes_no(t),
            initial="no",
            optional=False,
        )
    )
    return modal(t, KPI_CALLBACK, t.gettext("Log KPIs"), blocks, metadata)
