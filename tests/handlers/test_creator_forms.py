"""`/creator add`, `/creator edit <name>` and `/creator archive <name>`
(handlers/creator_forms.py): the creator modal, its errors by the fields, what is saved and
what the user is told was saved."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from domain.values import KPIKind, Stage
from storage.models import Creator, KPIValue, Partnership
from tests.factories import log_period, make_brand, make_creator, make_partnership
from tests.handlers.replies_for_tests import rows, text_of
from tests.harness import CHANNEL_ID, OTHER_USER_ID, START, USER_ID, AppHarness


def test_creator_add_shows_errors_by_the_fields_and_saves_nothing(harness: AppHarness) -> None:
    make_brand(harness.engine)
    harness.command("/creator", "add")
    view = harness.last_view()
    errors = harness.submit(
        view,
        {
            "handle": "zoë de vries!",
            "display_name": "Zoë de Vries",
            "base_rate": "twelve",
            "brand": "Unknown Brand",
            "start_date": "2026-09-01",
            "end_date": "2026-08-01",
            "platforms": "myspace:10",
        },
    )
    assert errors["response_action"] == "errors"
    assert set(errors["errors"]) == {"handle", "base_rate", "end_date", "platforms"}
    assert rows(harness.engine, Creator) == []


def test_creator_add_saves_creator_and_partnership_and_says_what(harness: AppHarness) -> None:
    make_brand(harness.engine)
    harness.command("/creator", "add")
    reply = harness.submit(
        harness.last_view(),
        {
            "handle": "@ZoeDeVries",
            "display_name": "Zoë de Vries",
            "platforms": "instagram:120000|tiktok:45000",
            "base_rate": "1.250,50",
            "brand": "koffie & co",
            "stage": "guardrails",
            "quarterly_fee": "20.000",
            "payment_terms_days": "30",
        },
    )
    assert reply == {}
    [creator] = rows(harness.engine, Creator)
    assert creator.handle == "zoedevries"
    assert creator.base_rate == Decimal("1250.50")
    assert creator.platforms == {"instagram": 120000, "tiktok": 45000}
    [partnership] = rows(harness.engine, Partnership)
    assert (partnership.stage, partnership.quarterly_fee) == (Stage.GUARDRAILS, Decimal("20000"))
    assert partnership.owner_user_id == USER_ID  # the modal's default: whoever adds it
    told = harness.standin.wait_for_call("chat.postEphemeral")[0].args["text"]
    assert "Zoë de Vries" in told and "Fee per quarter" in told


def test_a_taken_handle_is_refused(harness: AppHarness) -> None:
    make_creator(harness.engine, "Zoë de Vries", handle="zoedevries")
    harness.command("/creator", "add")
    errors = harness.submit(
        harness.last_view(),
        {"handle": "ZoeDeVries", "display_name": "Another Zoë", "base_rate": "100"},
    )
    assert "handle" in errors["errors"]


def test_edit_prefills_and_reports_only_changes(harness: AppHarness) -> None:
    creator = make_creator(harness.engine)
    make_partnership(harness.engine, creator, make_brand(harness.engine))
    harness.command("/creator", "edit zoe")
    view = harness.last_view()
    assert "zoedevries" in text_of(view) and "20000" in text_of(view)
    harness.submit(view, {"niche": "coffee & lifestyle", "stage": "ambassador"})
    told = harness.standin.wait_for_call("chat.postEphemeral")[0].args["text"]
    assert "Niche" in told and "Stage" in told and "Handle" not in told
    [partnership] = rows(harness.engine, Partnership)
    assert partnership.stage is Stage.AMBASSADOR


def test_archive_hides_from_lists_but_keeps_history(harness: AppHarness) -> None:
    creator = make_creator(harness.engine)
    partnership = make_partnership(harness.engine, creator, make_brand(harness.engine))
    log_period(
        harness.engine, partnership, date(2026, 10, 1), date(2026, 10, 31), {KPIKind.BRAND_FIT: 8}
    )
    reply = harness.command("/creator", "archive zoe")
    assert "Zoë de Vries" in reply["text"]
    assert "No creators yet" in text_of(harness.command("/creator", "list"))
    assert len(rows(harness.engine, KPIValue)) == 1


def test_a_stage_change_by_edit_is_recorded(harness: AppHarness) -> None:
    from storage.models import StageChange

    creator = make_creator(harness.engine)
    make_partnership(harness.engine, creator, make_brand(harness.engine))
    harness.command("/creator", "edit zoe")
    harness.submit(harness.last_view(), {"stage": "ambassador"})
    moves = [(c.from_stage, c.to_stage) for c in rows(harness.engine, StageChange)]
    assert moves == [(None, Stage.GUARDRAILS), (Stage.GUARDRAILS, Stage.AMBASSADOR)]


def test_an_unknown_brand_is_refused_on_the_brand_field_saying_how_to_add_it(
    harness: AppHarness,
) -> None:
    make_brand(harness.engine, "Koffie & Co")
    harness.command("/creator", "add")
    answer = harness.submit(
        harness.last_view(),
        {
            "handle": "zoedevries",
            "display_name": "Zoë de Vries",
            "base_rate": "1000",
            "brand": "Lumen",
        },
    )
    assert answer == {
        "response_action": "errors",
        "errors": {"brand": "No brand called “Lumen”. Add it first with `/creator brand add`."},
    }
    assert rows(harness.engine, Creator) == []


def test_a_creator_added_without_a_brand_has_no_partnership_yet(harness: AppHarness) -> None:
    harness.command("/creator", "add")
    answer = harness.submit(
        harness.last_view(),
        {"handle": "milanj", "display_name": "Milan Jansen", "base_rate": "800"},
    )
    assert answer == {}
    [creator] = rows(harness.engine, Creator)
    assert (creator.handle, creator.base_rate) == ("milanj", Decimal("800"))
    assert rows(harness.engine, Partnership) == []
    [told] = harness.standin.wait_for_call("chat.postEphemeral")
    assert (told.args["channel"], told.args["user"]) == (CHANNEL_ID, USER_ID)
    assert told.args["text"].startswith("Added *Milan Jansen* (@milanj).")


def test_an_edit_that_changes_nothing_says_so(harness: AppHarness) -> None:
    creator = make_creator(harness.engine)
    make_partnership(harness.engine, creator, make_brand(harness.engine))
    harness.command("/creator", "edit zoe")
    assert harness.submit(harness.last_view(), {}) == {}
    told = harness.standin.wait_for_call("chat.postEphemeral")[0].args["text"]
    assert told == "Saved *Zoë de Vries* (@zoedevries). Nothing changed."
    assert len(rows(harness.engine, Partnership)) == 1


def test_another_brand_by_edit_starts_a_new_partnership_and_keeps_the_old(
    harness: AppHarness,
) -> None:
    creator = make_creator(harness.engine)
    first = make_partnership(harness.engine, creator, make_brand(harness.engine, "Koffie & Co"))
    lumen = make_brand(harness.engine, "Lumen")
    harness.command("/creator", "edit zoe")
    assert harness.submit(harness.last_view(), {"brand": "lumen"}) == {}
    told = harness.standin.wait_for_call("chat.postEphemeral")[0].args["text"]
    assert "Brand" in told and "Handle" not in told
    partnerships = {p.id: p.brand_id for p in rows(harness.engine, Partnership)}
    assert len(partnerships) == 2 and partnerships[first.id] == first.brand_id
    assert lumen.id in partnerships.values()
    assert "Zoë de Vries · Lumen" in text_of(harness.command("/creator", "status zoe"))


def test_archiving_says_so_in_the_users_language(harness: AppHarness) -> None:
    make_creator(harness.engine, "Milan & Co", handle="milanco")
    reply = harness.command("/creator", "archive milanco", user_id=OTHER_USER_ID)
    assert reply["response_type"] == "ephemeral"
    assert "Milan &amp; Co" in reply["text"] and "Milan & Co" not in reply["text"]
    assert "gearchiveerd" in reply["text"].lower()
    [creator] = rows(harness.engine, Creator)
    assert creator.archived is True


def test_an_edit_is_stamped_by_the_apps_clock_and_the_partnership_follows_the_currency(
    harness: AppHarness,
) -> None:
    creator = make_creator(harness.engine, contact="zoe@example.nl")
    make_partnership(harness.engine, creator, make_brand(harness.engine))
    harness.clock.advance(days=3)
    harness.command("/creator", "edit zoe")
    harness.submit(harness.last_view(), {"currency": "usd"})
    [stored] = rows(harness.engine, Creator)
    [partnership] = rows(harness.engine, Partnership)
    assert (stored.currency, stored.contact, partnership.currency) == (
        "USD",
        "zoe@example.nl",
        "USD",
    )
    assert stored.created_at == START
    assert stored.updated_at == partnership.updated_at == START + timedelta(days=3)
