"""`/creator brand add|edit` (handlers/brands.py): the brand modal, its errors next to the
fields, what is stored and what the user is told."""

from __future__ import annotations

from decimal import Decimal

from storage.models import Brand
from tests.factories import make_brand
from tests.handlers.replies_for_tests import rows, text_of
from tests.harness import CHANNEL_ID, OTHER_USER_ID, USER_ID, AppHarness

# The harness's users: USER_ID reads English (en-US in Slack), OTHER_USER_ID Dutch (nl-NL).


def test_brand_add_round_trip(harness: AppHarness) -> None:
    assert harness.command("/creator", "brand add") == {}
    view = harness.last_view()
    errors = harness.submit(view, {"name": "", "minimum_fee": "lots"})
    assert errors["response_action"] == "errors"
    assert set(errors["errors"]) == {"name", "minimum_fee"}
    assert rows(harness.engine, Brand) == []

    assert (
        harness.submit(
            view,
            {
                "name": "Maison Lumière",
                "category": "skincare",
                "difficulty": "hard",
                "competitors": "Glow, Dewy",
                "minimum_fee": "500",
            },
        )
        == {}
    )
    [brand] = rows(harness.engine, Brand)
    assert (brand.name, brand.difficulty, brand.competitors) == (
        "Maison Lumière",
        "hard",
        ["Glow", "Dewy"],
    )
    assert brand.pricing_overrides == {"minimum_fee": "500"}
    told = harness.standin.wait_for_call("chat.postEphemeral")[0]
    assert "Maison Lumière" in told.args["text"]


def test_brand_names_are_unique_per_team(harness: AppHarness) -> None:
    make_brand(harness.engine, "Koffie & Co")
    harness.command("/creator", "brand add")
    errors = harness.submit(harness.last_view(), {"name": "koffie & co"})
    assert "name" in errors["errors"]


def test_brand_edit_is_prefilled_and_saves(harness: AppHarness) -> None:
    make_brand(harness.engine, "Koffie & Co", competitors=["Bonen BV"])
    harness.command("/creator", "brand edit koffie")
    reply = harness.command("/creator", "brand edit Koffie & Co")
    assert reply == {}
    view = harness.last_view()
    assert "Bonen BV" in text_of(view)
    harness.submit(view, {"category": "espresso"})
    [brand] = rows(harness.engine, Brand)
    assert brand.category == "espresso"


def test_each_refused_field_says_why_next_to_it_in_the_users_language(
    harness: AppHarness,
) -> None:
    bad = {"name": "", "minimum_fee": "lots"}
    harness.command("/creator", "brand add", user_id=USER_ID)
    english = harness.submit(harness.last_view(), bad, user_id=USER_ID)
    assert english == {
        "response_action": "errors",
        "errors": {
            "name": "This field is required.",
            "minimum_fee": "Type a number, for example 1250 or 1.250,50.",
        },
    }
    harness.command("/creator", "brand add", user_id=OTHER_USER_ID)
    dutch = harness.submit(harness.last_view(), bad, user_id=OTHER_USER_ID)
    assert dutch["errors"] == {
        "name": "Dit veld is verplicht.",
        "minimum_fee": "Typ een getal, bijvoorbeeld 1250 of 1.250,50.",
    }
    assert rows(harness.engine, Brand) == []


def test_a_taken_name_is_refused_on_the_name_field_only(harness: AppHarness) -> None:
    make_brand(harness.engine, "Koffie & Co")
    harness.command("/creator", "brand add", user_id=OTHER_USER_ID)
    answer = harness.submit(
        harness.last_view(),
        {"name": "KOFFIE & CO", "category": "espresso", "minimum_fee": "300"},
        user_id=OTHER_USER_ID,
    )
    assert answer == {
        "response_action": "errors",
        "errors": {"name": "Een ander merk heeft deze naam al."},
    }
    [brand] = rows(harness.engine, Brand)
    assert (brand.category, brand.pricing_overrides) == ("coffee machines", {})


def test_a_brand_saved_under_its_own_name_is_no_clash(harness: AppHarness) -> None:
    make_brand(harness.engine, "Koffie & Co")
    harness.command("/creator", "brand edit Koffie & Co")
    assert harness.submit(harness.last_view(), {"difficulty": "hard"}) == {}
    [brand] = rows(harness.engine, Brand)
    assert (brand.name, brand.difficulty) == ("Koffie & Co", "hard")


def test_an_emptied_minimum_fee_is_forgotten(harness: AppHarness) -> None:
    make_brand(harness.engine, "Koffie & Co", pricing_overrides={"minimum_fee": "500"})
    harness.command("/creator", "brand edit koffie & co")
    view = harness.last_view()
    [fee] = [b for b in view["blocks"] if b.get("block_id") == "minimum_fee"]
    assert fee["element"]["initial_value"] == "500"
    assert harness.submit(view, {"minimum_fee": None}) == {}
    [brand] = rows(harness.engine, Brand)
    assert brand.pricing_overrides == {}  # the default of domain.md applies again


def test_the_confirmation_names_category_and_fee_in_the_users_numbers(
    harness: AppHarness,
) -> None:
    for user_id, name in ((USER_ID, "Glow Lab"), (OTHER_USER_ID, "Dewy & Co")):
        harness.command("/creator", "brand add", user_id=user_id)
        values = {"name": name, "category": "skincare", "minimum_fee": "1250"}
        assert harness.submit(harness.last_view(), values, user_id=user_id) == {}
    harness.standin.wait_for(
        lambda calls: len([c for c in calls if c.method == "chat.postEphemeral"]) == 2
    )
    english, dutch = harness.standin.calls_to("chat.postEphemeral")
    assert (english.args["channel"], english.args["user"]) == (CHANNEL_ID, USER_ID)
    assert english.args["text"] == (
        "Saved brand *Glow Lab* · skincare · minimum exclusivity fee 1,250"
    )
    assert dutch.args["user"] == OTHER_USER_ID
    assert dutch.args["text"] == (
        "Merk *Dewy &amp; Co* opgeslagen · skincare · minimale exclusiviteitsvergoeding 1.250"
    )
    fees = {b.name: b.pricing_overrides["minimum_fee"] for b in rows(harness.engine, Brand)}
    assert {name: Decimal(fee) for name, fee in fees.items()} == {
        "Glow Lab": Decimal(1250),
        "Dewy & Co": Decimal(1250),
    }


def test_editing_a_brand_nobody_added_says_how_to_add_it(harness: AppHarness) -> None:
    make_brand(harness.engine, "Koffie & Co")
    reply = harness.command("/creator", "brand edit Lumen")
    assert reply["response_type"] == "ephemeral"
    assert reply["text"] == "No brand called “Lumen”. Add it with `/creator brand add`."
    assert harness.standin.calls_to("views.open") == []


def test_brand_without_add_or_a_name_to_edit_shows_how_to_use_it(harness: AppHarness) -> None:
    for typed in ("brand", "brand edit", "brand remove Koffie"):
        reply = harness.command("/creator", typed)
        # `<name>` reads as itself: escaped, as Slack would otherwise take it for markup.
        assert reply["text"] == (
            "Use `/creator brand add` or `/creator brand edit &lt;name&gt;`."
        ), typed
    assert harness.standin.calls_to("views.open") == []


def test_dutch_words_open_the_same_modals(harness: AppHarness) -> None:
    make_brand(harness.engine, "Koffie & Co")
    harness.command("/creator", "brand nieuw", user_id=OTHER_USER_ID)
    assert harness.last_view()["title"]["text"] == "Merk toevoegen"
    harness.command("/creator", "brand wijzig koffie & co", user_id=OTHER_USER_ID)
    edit = harness.last_view()
    assert edit["title"]["text"] == "Merk bewerken"
    assert "Koffie & Co" in text_of(edit["blocks"])
