"""Creators and partnerships through the Slack stand-in: modals, status card, list, KPIs, NPS."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from domain.values import IPModel, KPIKind, Stage
from storage.models import KPIValue, NPSAnswer
from tests.factories import log_period, make_brand, make_creator, make_partnership
from tests.handlers.replies_for_tests import rows, text_of
from tests.harness import CHANNEL_ID, OTHER_USER_ID, USER_ID, AppHarness

TODAY = date(2026, 11, 23)  # the harness clock


# -- name matching -----------------------------------------------------------------------------
def test_names_match_forgivingly(harness: AppHarness) -> None:
    creator = make_creator(harness.engine, "Zoë de Vries", handle="zoedv")
    make_partnership(harness.engine, creator, make_brand(harness.engine))
    for typed in ("zoe de vries", "ZOË DE VRIES", "@zoedv", "zoe"):
        reply = harness.command("/creator", f"status {typed}")
        assert "Zoë de Vries · Koffie & Co" in text_of(reply), typed


def test_a_handle_is_kept_as_spelled_and_found_without_its_punctuation(
    harness: AppHarness,
) -> None:
    make_brand(harness.engine)
    harness.command("/creator", "add")
    harness.submit(
        harness.last_view(),
        {
            "handle": "@Zoe.DV",
            "display_name": "Zoë de Vries",
            "base_rate": "1000",
            "brand": "Koffie & Co",
        },
    )
    # Another account: "zoe_dv" is not "zoe.dv" on Instagram.
    harness.command("/creator", "add")
    assert (
        harness.submit(
            harness.last_view(),
            {"handle": "zoe_dv", "display_name": "Zoe Dekker", "base_rate": "900"},
        )
        == {}
    )
    card = text_of(harness.command("/creator", "status zoe.dv"))
    assert "@zoe.dv" in card and "Zoë de Vries · Koffie & Co" in card
    assert "Zoe Dekker has no partnership yet" in text_of(
        harness.command("/creator", "status @Zoe_DV")
    )
    # Without the punctuation both match: the user picks.
    buttons = harness.command("/creator", "status zoedv")["blocks"][1]["elements"]
    assert sorted(b["text"]["text"] for b in buttons) == [
        "Zoe Dekker (@zoe_dv)",
        "Zoë de Vries (@zoe.dv)",
    ]


def test_an_ambiguous_name_offers_buttons_that_show_the_card(harness: AppHarness) -> None:
    brand = make_brand(harness.engine)
    first = make_creator(harness.engine, "Sanne Bakker", handle="sannebakes")
    make_partnership(harness.engine, first, brand)
    make_creator(harness.engine, "Sanne Visser", handle="sannevisser")
    reply = harness.command("/creator", "status sanne")
    buttons = reply["blocks"][1]["elements"]
    assert [b["text"]["text"] for b in buttons] == [
        "Sanne Bakker (@sannebakes)",
        "Sanne Visser (@sannevisser)",
    ]
    harness.click(buttons[0]["action_id"], buttons[0]["value"])
    card = harness.standin.wait_for_call("respond")[0].args
    assert card["replace_original"] is True
    assert "Sanne Bakker · Koffie & Co" in text_of(card)


def test_an_unknown_name_suggests_the_closest(harness: AppHarness) -> None:
    make_creator(harness.engine, "Milan Jansen", handle="milanj")
    reply = harness.command("/creator", "status milaan")
    assert reply["response_type"] == "ephemeral"
    assert "`milanj`" in reply["text"]
    assert "`milanj`" not in text_of(harness.command("/creator", "status xyz"))


# -- the status card --------------------------------------------------------------------------
def test_status_card_shows_contract_kpis_nps_in_english_and_dutch(harness: AppHarness) -> None:
    brand = make_brand(harness.engine)
    zoe = make_creator(harness.engine)
    partnership = make_partnership(harness.engine, zoe, brand, owner_user_id=OTHER_USER_ID)
    log_period(
        harness.engine,
        partnership,
        date(2026, 10, 1),
        date(2026, 10, 31),
        {KPIKind.SPEND: 1000, KPIKind.AUTHENTIC_ENGAGEMENTS: 1250, KPIKind.BRAND_FIT: 7},
    )
    log_period(
        harness.engine,
        partnership,
        date(2026, 11, 1),
        date(2026, 11, 15),
        {KPIKind.SPEND: 900, KPIKind.AUTHENTIC_ENGAGEMENTS: 1000, KPIKind.BRAND_FIT: 8},
    )
    harness.command("/creator", "nps zoe 9")
    other = make_creator(harness.engine, "Milan Jansen", handle="milanj")
    make_partnership(harness.engine, other, brand)
    harness.command("/creator", "nps milan 5")

    english = text_of(harness.command("/creator", "status zoe", user_id=USER_ID))
    assert "step 2 of 4, Creative guardrails" in english
    assert "€20,000.00" in english and "within the band €15,000–€50,000" in english
    assert "35%" in english and "30 days" in english and "Shared IP" in english
    assert f"<@{OTHER_USER_ID}>" in english
    assert "9 months left" in english  # 23 Nov 2026 -> 31 Aug 2027
    # CPAE over both periods: 1,900 / 2,250 = 0.84 (at the benchmark); latest period 0.90
    assert "€0.84" in english and "at or under the €0.84 benchmark" in english
    assert "↑ Brand-fit score: *8* (+1)" in english
    assert "9 (promoter)" in english
    # Brand NPS over the latest answers: one promoter, one detractor -> 0, below target.
    assert "*Brand Creator NPS:* 0 over 2 creators" in english
    assert "*Red flags:* none" in english

    dutch = text_of(harness.command("/creator", "status zoe", user_id=OTHER_USER_ID))
    assert "stap 2 van 4, Creatieve kaders" in dutch
    assert "€\u00a020.000,00" in dutch and "nog 9 maanden" in dutch


def test_every_red_flag_and_the_renewal_warning(harness: AppHarness) -> None:
    zoe = make_creator(harness.engine)
    partnership = make_partnership(
        harness.engine,
        zoe,
        make_brand(harness.engine),
        payment_terms_days=90,
        ip_model=IPModel.UNCLEAR,
        end_date=TODAY + timedelta(days=20),
    )
    log_period(
        harness.engine,
        partnership,
        date(2026, 10, 1),
        TODAY - timedelta(days=15),
        {KPIKind.BRAND_FIT: 6},
        feedback_shared=False,
    )
    card = text_of(harness.command("/creator", "status zoe"))
    assert "Payment terms of 90 days" in card
    assert "IP rights are unclear" in card
    assert "the last KPI period ended 15 days ago" in card
    assert "the contract ends in 20 days" in card


def test_no_flags_at_the_edges(harness: AppHarness) -> None:
    zoe = make_creator(harness.engine)
    partnership = make_partnership(
        harness.engine,
        zoe,
        make_brand(harness.engine),
        stage=Stage.ALIGNMENT,
        payment_terms_days=89,
        ip_model=IPModel.UNCLEAR,
        end_date=TODAY + timedelta(days=31),
    )
    log_period(
        harness.engine,
        partnership,
        date(2026, 10, 1),
        TODAY - timedelta(days=14),
        {KPIKind.BRAND_FIT: 6},
        feedback_shared=False,
    )
    card = text_of(harness.command("/creator", "status zoe"))
    assert "*Red flags:* none" in card


def test_a_creator_without_partnership_says_how_to_add_one(harness: AppHarness) -> None:
    make_creator(harness.engine)
    reply = harness.command("/creator", "status zoe")
    assert "/creator edit zoedevries" in reply["text"]


def test_sharing_posts_the_card_in_the_channel(harness: AppHarness) -> None:
    zoe = make_creator(harness.engine)
    partnership = make_partnership(harness.engine, zoe, make_brand(harness.engine))
    card = harness.command("/creator", "status zoe")
    share = card["blocks"][-2]["elements"][0]
    harness.click(share["action_id"], share["value"])
    [posted] = harness.standin.wait_for_call("chat.postMessage")
    assert posted.args["channel"] == CHANNEL_ID
    assert "Zoë de Vries · Koffie & Co" in text_of(posted.args)
    assert "actions" not in [b["type"] for b in posted.args["blocks"]]
    assert str(partnership.id) == share["value"]


def test_sharing_into_slack_connect_asks_first(harness: AppHarness) -> None:
    harness.standin.add_channel("C0EXTERNAL01", name="zoe-connect", is_ext_shared=True)
    zoe = make_creator(harness.engine)
    make_partnership(harness.engine, zoe, make_brand(harness.engine))
    card = harness.command("/creator", "status zoe", channel_id="C0EXTERNAL01")
    share = card["blocks"][-2]["elements"][0]
    harness.click(share["action_id"], share["value"], channel_id="C0EXTERNAL01")
    confirmation = harness.standin.wait_for_call("respond")[0].args
    assert "Slack Connect" in confirmation["text"]
    assert harness.standin.calls_to("chat.postMessage") == []
    confirm = confirmation["blocks"][1]["elements"][0]
    harness.click(confirm["action_id"], confirm["value"], channel_id="C0EXTERNAL01")
    [posted] = harness.standin.wait_for_call("chat.postMessage")
    assert posted.args["channel"] == "C0EXTERNAL01"


# -- list ---------------------------------------------------------------------------------------
def test_list_pages_with_buttons_within_slacks_limits(harness: AppHarness) -> None:
    brand = make_brand(harness.engine)
    for n in range(45):
        creator = make_creator(harness.engine, f"Creator {n:02d}", handle=f"creator{n:02d}")
        make_partnership(harness.engine, creator, brand)
    first = harness.command("/creator", "list")
    assert "Creators (45)" in first["text"]
    assert "Creator 00" in text_of(first) and "Creator 20" not in text_of(first)
    [next_button] = first["blocks"][-1]["elements"]
    harness.click(next_button["action_id"], next_button["value"])
    second = harness.standin.wait_for_call("respond")[0].args
    assert "Creator 20" in text_of(second) and "Page 2 of 3" in text_of(second)
    assert {b["text"]["text"] for b in second["blocks"][-1]["elements"]} == {"Previous", "Next"}


def test_list_filters_by_stage_owner_and_flags(harness: AppHarness) -> None:
    brand = make_brand(harness.engine)
    calm = make_creator(harness.engine, "Calm Creator", handle="calm")
    make_partnership(harness.engine, calm, brand, stage=Stage.AMBASSADOR, owner_user_id=USER_ID)
    risky = make_creator(harness.engine, "Risky Creator", handle="risky")
    make_partnership(harness.engine, risky, brand, payment_terms_days=120)
    assert "Risky" not in text_of(harness.command("/creator", "list ambassador"))
    assert "Calm" in text_of(harness.command("/creator", "list ambassador"))
    assert "Calm" in text_of(harness.command("/creator", f"list owner <@{USER_ID}|cpm>"))
    flagged = text_of(harness.command("/creator", "list flagged"))
    assert "Risky" in flagged and "Calm" not in flagged
    assert "/creator list flagged" in text_of(harness.command("/creator", "list nonsense words"))


# -- KPIs and NPS -----------------------------------------------------------------------------
def test_kpi_modal_round_trip(harness: AppHarness) -> None:
    zoe = make_creator(harness.engine)
    make_partnership(harness.engine, zoe, make_brand(harness.engine))
    harness.command("/creator", "kpi zoe")
    view = harness.last_view()
    errors = harness.submit(view, {"kpi_spend": "a lot", "kpi_audience_overlap": "140"})
    assert set(errors["errors"]) == {"kpi_spend", "kpi_audience_overlap"}
    assert rows(harness.engine, KPIValue) == []
    empty = harness.submit(view, {})
    assert empty["response_action"] == "errors"
    harness.submit(
        view,
        {
            "period_start": "2026-10-01",
            "period_end": "2026-10-31",
            "kpi_spend": "840,00",
            "kpi_authentic_engagements": "1.000",
            "feedback_shared": "yes",
        },
    )
    values = {v.kind: v.value for v in rows(harness.engine, KPIValue)}
    assert values == {KPIKind.SPEND: Decimal("840"), KPIKind.AUTHENTIC_ENGAGEMENTS: Decimal("1000")}
    assert "€0.84" in text_of(harness.command("/creator", "status zoe"))


def test_nps_is_recorded_with_its_class_and_bad_scores_change_nothing(
    harness: AppHarness,
) -> None:
    make_creator(harness.engine)
    assert "promoter" in harness.command("/creator", "nps zoe 10")["text"]
    assert "detractor" in harness.command("/creator", "nps zoe 6")["text"]
    for bad in ("nps zoe 11", "nps zoe -1", "nps zoe", "nps 7"):
        assert "0 to 10" in harness.command("/creator", bad)["text"], bad
    assert [a.score for a in rows(harness.engine, NPSAnswer)] == [10, 6]
