"""The status card, the list, help and the forms, rendered."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from types import SimpleNamespace

from domain import status as status_domain
from domain.roadmap import RoadmapProgress
from domain.values import ApprovalKind, Difficulty, IPModel, Stage
from handlers.blocks import forms, help, listing, status, talk
from locales import Translator
from tests.rendered.inputs import (
    APPROVER,
    NOW,
    OWNER,
    TODAY,
    ZONE,
    Inputs,
    Named,
    terms_of,
)


def status_rendered(t: Translator, inputs: Inputs) -> list[Named]:
    facts = status_domain.StatusFacts(
        stage=Stage.GROWTH,
        start_date=date(2026, 1, 1),
        end_date=date(2026, 12, 31),
        quarterly_fee=Decimal("20000"),
        currency="EUR",
        premium_pct=Decimal("35"),
        payment_terms_days=95,
        ip_model=IPModel.UNCLEAR,
        performance_incentive="",
        renewal_decided=False,
        latest_kpi_period_end=date(2026, 6, 30),
    )
    card = status_domain.StatusCard(
        partnership_id=1,
        creator_name=inputs.creator,
        handle=inputs.handle,
        brand_name=inputs.brand,
        owner_user_id=OWNER,
        status=status_domain.assemble(facts, TODAY),
        timezone=ZONE,
        roadmap=status_domain.CardRoadmap(
            roadmap_id=1,
            owner_id=OWNER,
            start_on=TODAY - timedelta(weeks=4),
            weeks=12,
            progress=RoadmapProgress(5, 6, 14, ("kickoff",), ()),
        ),
        windows=(
            status_domain.CardWindow(terms_of(inputs), TODAY, TODAY + timedelta(days=30), True),
        ),
        approvals=(
            status_domain.CardApproval(
                ApprovalKind.CONTRACT,
                inputs.subject,
                NOW + timedelta(hours=48),
                overdue=True,
                waiting=(APPROVER, "U0APPROVER2"),
            ),
        ),
    )
    candidates = [(n, inputs.creator, inputs.handle) for n in range(inputs.candidates)]
    return [
        ("status.build_status_card", status.build_status_card(t, card)),
        (
            "status.build_status_card shared",
            status.build_status_card(t, card, shareable=False),
        ),
        (
            "status.build_unknown_creator",
            status.build_unknown_creator(t, inputs.query, [inputs.handle]),
        ),
        ("status.build_unknown_creator none", status.build_unknown_creator(t, inputs.query, [])),
        ("status.build_candidates", status.build_candidates(t, inputs.query, "status", candidates)),
        ("status.build_share_confirmation", status.build_share_confirmation(t, 1)),
    ]


def listing_rendered(t: Translator, inputs: Inputs) -> list[Named]:
    row = SimpleNamespace(
        display_name=inputs.creator,
        handle=inputs.handle,
        partnership_id=1,
        brand_name=inputs.brand,
        stage=Stage.GROWTH,
        owner_user_id=OWNER,
    )
    bare = SimpleNamespace(
        display_name=inputs.creator, handle=inputs.handle, partnership_id=None, stage=None
    )
    page = listing.build_list_page(
        t, [(row, 4), (bare, 0)] * 10, page=2, total=45, filter_token="all", filter_label=None
    )
    empty = listing.build_list_page(
        t, [], page=1, total=0, filter_token="owner", filter_label=f"<@{OWNER}>"
    )
    return [
        ("listing.build_list_page", page),
        ("listing.build_list_page empty", empty),
        (
            "listing.build_list_page none yet",
            listing.build_list_page(t, [], page=1, total=0, filter_token="all", filter_label=None),
        ),
    ]


def help_rendered(t: Translator, inputs: Inputs) -> list[Named]:
    return [
        (
            "help.build_command_help",
            help.build_command_help(t, "/creator", help.CREATOR_COMMANDS, inputs.query),
        ),
        (
            "help.build_command_help exclusivity",
            help.build_command_help(t, "/exclusivity", help.EXCLUSIVITY_COMMANDS),
        ),
        ("talk.build_talk_help", talk.build_talk_help(t)),
        ("talk.build_thread_lost", talk.build_thread_lost(t)),
        ("talk.build_front_lost", talk.build_front_lost(t)),
        (
            "talk.build_which_creator",
            talk.build_which_creator(t, 12, [inputs.creator, inputs.brand, inputs.query]),
        ),
        ("help.build_language_usage", help.build_language_usage(t, "nl")),
        ("help.build_language_set", help.build_language_set(t)),
    ]


def forms_rendered(t: Translator, inputs: Inputs) -> list[Named]:
    brand = {
        "name": inputs.brand,
        "category": inputs.details,
        "competitors": list(inputs.competitors),
        "difficulty": Difficulty.HARD.value,
    }
    creator = {"handle": inputs.handle, "display_name": inputs.creator}
    return [
        ("forms.build_brand_modal", forms.build_brand_modal(t, brand, {})),
        (
            "forms.build_creator_modal",
            forms.build_creator_modal(t, creator, {"brand": inputs.brand}, [inputs.brand] * 30, {}),
        ),
        ("forms.build_kpi_modal", forms.build_kpi_modal(t, inputs.creator, TODAY, {})),
    ]
