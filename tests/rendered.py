"""Every outgoing message and view the Block Kit builders make, from inputs a test chooses.

`render_all(t, inputs)` calls each builder of `handlers/blocks/` (status card, list,
approvals, exclusivity quote/clause/check/list, roadmap and its reminders, digest, help,
forms) the way the handlers do, with the people's text taken from `inputs`, and returns
`(name, payload)` pairs: a message (`text` + `blocks`) or a view. The property tests for
escaping, for Block Kit's limits and for untranslated codes all walk this one list.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from domain import digest as digest_domain
from domain import negotiation
from domain import status as status_domain
from domain.approvals import ApprovalSettings, Decision, KindSettings, Rule, Status
from domain.digest import (
    ApprovalFact,
    DigestFacts,
    GrammarError,
    MilestoneFact,
    PartnershipFact,
    WindowFact,
)
from domain.digest import StageMove as DigestStageMove
from domain.negotiation import Guidance, Pricing, Terms
from domain.roadmap import MilestoneId, RoadmapProgress
from domain.values import ApprovalKind, Difficulty, IPModel, Platform, Scope, Stage
from handlers.blocks import approvals, digest, exclusivity, forms, help, listing, roadmap, status
from locales import Translator, translator

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
ZONE = "Europe/Amsterdam"
OWNER = "U0OWNER0001"
APPROVER = "U0APPROVER1"
CHANNEL = "C0CHANNEL01"

Named = tuple[str, dict[str, Any]]


@dataclass(frozen=True)
class Inputs:
    """What people typed: names, subjects, notes, competitors, a query."""

    creator: str = "Zoë de Vries"
    handle: str = "zoedevries"
    brand: str = "Koffie & Co"
    subject: str = "Renewal terms 2027"
    details: str = "Two reels and a story"
    note: str = "Shorter, please"
    competitors: tuple[str, ...] = ("R&D Foods", "Glow")
    query: str = "zoe"
    candidates: int = 2


def render_all(t: Translator, inputs: Inputs) -> list[Named]:
    return [
        *_status(t, inputs),
        *_listing(t, inputs),
        *_approvals(t, inputs),
        *_exclusivity(t, inputs),
        *_roadmap(t, inputs),
        *_digest(t, inputs),
        *_help(t, inputs),
        *_forms(t, inputs),
    ]


def _card(inputs: Inputs, status: Status, **fields: Any) -> approvals.RequestCard:
    settled = status not in (Status.PENDING,)
    return approvals.RequestCard(
        id=7,
        version=2,
        kind=ApprovalKind.CONTRACT,
        subject=inputs.subject,
        details=inputs.details,
        requester=OWNER,
        approvers=(APPROVER, "U0APPROVER2"),
        group="S0GROUP0001",
        rule=Rule.ALL,
        status=status,
        due_at=NOW + timedelta(hours=48),
        expires_at=NOW + timedelta(days=7),
        creator_name=inputs.creator,
        brand_name=inputs.brand,
        decided_by=APPROVER if settled else None,
        decided_at=NOW if settled else None,
        reason=inputs.note if settled else None,
        approved_by=(APPROVER,),
        changed=("subject", "details"),
        **fields,
    )


def _status(t: Translator, inputs: Inputs) -> list[Named]:
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
    pending = approvals.ListedRequest(_card(inputs, Status.PENDING), CHANNEL, True, True)
    subject = status.CardSubject(
        partnership_id=1,
        creator_name=inputs.creator,
        handle=inputs.handle,
        brand_name=inputs.brand,
        owner_user_id=OWNER,
        exclusivity_lines=(_window_line(t, inputs),),
        roadmap_line="week 5 of 12",
        approval_lines=(approvals.pending_line(t, pending, ZONE),),
    )
    card = status_domain.assemble(facts, TODAY)
    candidates = [(n, inputs.creator, inputs.handle) for n in range(inputs.candidates)]
    return [
        ("status.build_status_card", status.build_status_card(t, subject, card)),
        (
            "status.build_status_card shared",
            status.build_status_card(t, subject, card, shareable=False),
        ),
        (
            "status.build_unknown_creator",
            status.build_unknown_creator(t, inputs.query, [inputs.handle]),
        ),
        ("status.build_unknown_creator none", status.build_unknown_creator(t, inputs.query, [])),
        ("status.build_candidates", status.build_candidates(t, inputs.query, "status", candidates)),
        ("status.build_share_confirmation", status.build_share_confirmation(t, 1)),
    ]


def _listing(t: Translator, inputs: Inputs) -> list[Named]:
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


def _approvals(t: Translator, inputs: Inputs) -> list[Named]:
    found: list[Named] = []
    for state in Status:
        card = _card(inputs, state)
        found += [
            (
                f"approvals.build_request_message {state}",
                approvals.build_request_message(t, card, ZONE),
            ),
            (f"approvals.build_late {state}", approvals.build_late(t, card, 1, ZONE)),
        ]
        if state in (Status.APPROVED, Status.CHANGES_REQUESTED, Status.REJECTED):
            for channel in (CHANNEL, None):
                dm = approvals.build_requester_dm(t, card, channel, ZONE)
                found.append((f"approvals.build_requester_dm {state} {channel}", dm))
    card = _card(inputs, Status.PENDING)
    for decision in Decision:
        found += [
            (
                f"approvals.build_decision_note {decision}",
                approvals.build_decision_note(t, decision, APPROVER, inputs.note, (OWNER,)),
            ),
            (f"approvals.build_done {decision}", approvals.build_done(t, decision, inputs.subject)),
            (
                f"approvals.build_reason_modal {decision}",
                approvals.build_reason_modal(t, decision, card, {}),
            ),
        ]
    for channel in (CHANNEL, None):
        found += [
            (
                f"approvals.build_reminder_dm {channel}",
                approvals.build_reminder_dm(t, card, channel, ZONE),
            ),
            (
                f"approvals.build_escalation_dm {channel}",
                approvals.build_escalation_dm(t, card, channel, ZONE),
            ),
            (
                f"approvals.build_expiry_dm {channel}",
                approvals.build_expiry_dm(t, card, channel, ZONE),
            ),
        ]
    settings = ApprovalSettings(
        kinds={kind: KindSettings((APPROVER,), "S0GROUP0001", Rule.ALL) for kind in ApprovalKind},
        fallback=OWNER,
    )
    items = [
        approvals.ListedRequest(card, channel, overdue, True, (APPROVER,))
        for channel, overdue in ((CHANNEL, True), (None, False))
    ] * 8
    creators = [(n, inputs.creator, inputs.handle) for n in range(inputs.candidates)]
    found += [
        ("approvals.build_cancel_note", approvals.build_cancel_note(t, OWNER)),
        (
            "approvals.build_edit_note",
            approvals.build_edit_note(
                t, OWNER, 2, ("subject", "details"), inputs.note, inputs.subject, (APPROVER,)
            ),
        ),
        (
            "approvals.build_reminder_thread",
            approvals.build_reminder_thread(t, NOW, (APPROVER,), ZONE),
        ),
        (
            "approvals.build_escalation_thread",
            approvals.build_escalation_thread(t, NOW, OWNER, ZONE),
        ),
        *(
            (f"approvals.build_refusal {code}", approvals.build_refusal(t, code, card))
            for code in ("own_request", "not_requester", "not_approver")
        ),
        ("approvals.build_duplicate", approvals.build_duplicate(t, card, (APPROVER,))),
        ("approvals.build_edit_modal", approvals.build_edit_modal(t, card, {})),
        (
            "approvals.build_request_modal",
            approvals.build_request_modal(t, creators, inputs.subject, inputs.details, {}),
        ),
        ("approvals.build_settings_modal", approvals.build_settings_modal(t, settings)),
        ("approvals.build_settings_saved", {"text": approvals.build_settings_saved(t, settings)}),
        ("approvals.build_pending_list", approvals.build_pending_list(t, items, False, 20, ZONE)),
    ]
    return found


def _terms(inputs: Inputs) -> Terms:
    return Terms(scope=Scope.COMPETITORS, competitors=inputs.competitors, after_hours=720)


def _window_line(t: Translator, inputs: Inputs) -> str:
    return exclusivity.window_line(
        t,
        inputs.creator,
        inputs.brand,
        _terms(inputs),
        NOW,
        NOW + timedelta(days=30),
        "awaiting_approval",
    )


def _exclusivity(t: Translator, inputs: Inputs) -> list[Named]:
    pricing = Pricing(
        base_rate=Decimal("1000"),
        currency="EUR",
        difficulty=Difficulty.HARD,
        audiences={Platform.INSTAGRAM: 1000, Platform.TIKTOK: 500},
    )
    terms = _terms(inputs)
    quote = negotiation.price(Terms(after_hours=720), pricing)
    subject = exclusivity.QuoteSubject(3, inputs.creator, inputs.brand)
    facts = exclusivity.ClauseFacts(
        creator=inputs.creator,
        brand=inputs.brand,
        terms=terms,
        starts_at=NOW,
        ends_at=NOW + timedelta(days=30),
        covers_other_accounts=True,
        covers_pr_packages=True,
        price=Decimal("500"),
        currency="EUR",
    )
    category = Terms(after_hours=720)
    agreement = exclusivity.build_agreement(
        t,
        exclusivity.clause_text(translator("en"), facts),
        exclusivity.clause_text(translator("nl"), facts),
        window_id=4,
        awaiting_approval=True,
        price="€ 500",
    )
    found: list[Named] = [
        (
            f"exclusivity.build_quote_message {state}",
            exclusivity.build_quote_message(
                t, subject, terms, quote, ask=Decimal("900"), status=state
            ),
        )
        for state in ("open", "agreed", "withdrawn")
    ]
    found += [
        (
            "exclusivity.build_round_reply",
            exclusivity.build_round_reply(
                t, terms, quote, gap=negotiation.gap(Decimal("900"), quote), notes=tuple(Guidance)
            ),
        ),
        ("exclusivity.build_not_understood", exclusivity.build_not_understood(t)),
        ("exclusivity.build_agreement", agreement),
        (
            "exclusivity.build_agreement category",
            exclusivity.build_agreement(
                t,
                exclusivity.clause_text(translator("en"), replace(facts, terms=category)),
                exclusivity.clause_text(translator("nl"), replace(facts, terms=category)),
                window_id=4,
                awaiting_approval=False,
                price="€ 500",
            ),
        ),
        ("exclusivity.window_line", {"text": _window_line(t, inputs)}),
    ]
    return found


def _roadmap(t: Translator, inputs: Inputs) -> list[Named]:
    subject = roadmap.RoadmapSubject(
        roadmap_id=5,
        creator_name=inputs.creator,
        handle=inputs.handle,
        brand_name=inputs.brand,
        owner_id=OWNER,
        start_on=TODAY - timedelta(days=28),
        weeks=12,
        reminder_channel=CHANNEL,
        payment_terms_days=95,
    )
    lines = [
        roadmap.MilestoneLine(
            m.value, TODAY, TODAY + timedelta(days=n), done=n % 3 == 0, done_by="auto"
        )
        for n, m in enumerate(MilestoneId)
    ]
    progress = RoadmapProgress(
        week=5,
        done=3,
        total=14,
        overdue=(MilestoneId.KICKOFF.value,),
        due_this_week=(MilestoneId.CO_CREATION.value,),
    )
    candidates = [(n, inputs.creator, inputs.handle) for n in range(inputs.candidates)]
    return [
        ("roadmap.build_roadmap_card", roadmap.build_roadmap_card(t, subject, progress, lines)),
        (
            "roadmap.build_start_candidates",
            roadmap.build_start_candidates(t, inputs.query, TODAY, candidates),
        ),
        (
            "roadmap.build_week_reminder",
            roadmap.build_week_reminder(t, subject, 5, lines[:3], lines[3:5], lines[5:8]),
        ),
        (
            "roadmap.build_overdue_reminder",
            roadmap.build_overdue_reminder(t, subject, TODAY, lines[:4]),
        ),
    ]


def _digest(t: Translator, inputs: Inputs) -> list[Named]:
    partnerships = [
        PartnershipFact(
            partnership_id=n,
            creator_name=inputs.creator,
            brand_id=1,
            brand_name=inputs.brand,
            stage=list(Stage)[n % len(Stage)],
            end_date=TODAY + timedelta(days=20),
            quarterly_fee=Decimal("60000"),
            premium_pct=Decimal("50"),
            payment_terms_days=95,
            ip_model=IPModel.UNCLEAR,
            stage_since=TODAY - timedelta(days=3),
        )
        for n in range(1, 4)
    ]
    facts = DigestFacts(
        partnerships=partnerships,
        moves=[DigestStageMove(1, Stage.PROSPECT, Stage.ALIGNMENT, NOW - timedelta(days=2))],
        approvals=[
            ApprovalFact(
                9, 1, "contract", inputs.subject, OWNER, (APPROVER,), NOW - timedelta(days=1), None
            ),
            ApprovalFact(
                10,
                None,
                "budget",
                inputs.subject,
                OWNER,
                (APPROVER,),
                NOW + timedelta(days=1),
                CHANNEL,
            ),
        ],
        milestones=[MilestoneFact(1, MilestoneId.KICKOFF.value, TODAY - timedelta(days=2))],
        windows=[
            WindowFact(2, 1, Scope.COMPETITORS, inputs.competitors, NOW, NOW + timedelta(days=3))
        ],
    )
    assembled = digest_domain.assemble(facts, NOW, TODAY)
    quiet = digest.build_digest_messages(t, digest_domain.assemble(DigestFacts(), NOW, TODAY), ZONE)
    found: list[Named] = [
        (f"digest.build_digest_messages {n}", message)
        for n, message in enumerate(digest.build_digest_messages(t, assembled, ZONE))
    ]
    found += [
        (
            "digest.build_subscribed",
            digest.build_subscribed(t, CHANNEL, 0, time(9), "nl", ZONE, NOW, changed=False),
        ),
        ("digest.build_current", digest.build_current(t, CHANNEL, (0, time(9), "en"), ZONE, NOW)),
        ("digest.build_channel_unknown", digest.build_channel_unknown(t, inputs.query)),
        ("digest.build_usage", digest.build_usage(t)),
        (
            "digest.build_usage unknown word",
            digest.build_usage(t, GrammarError("unknown_word", inputs.query)),
        ),
        ("digest.build_usage twice", digest.build_usage(t, GrammarError("twice", inputs.query))),
        ("digest.build_digest_messages empty", quiet[0]),
        ("digest.build_unsubscribed", digest.build_unsubscribed(t, CHANNEL, True)),
        ("digest.build_unsubscribed never", digest.build_unsubscribed(t, CHANNEL, False)),
        (
            "digest.build_connect_confirmation",
            digest.build_connect_confirmation(t, CHANNEL, "value", "every Monday"),
        ),
        (
            "digest.build_not_subscribed_after_all",
            digest.build_not_subscribed_after_all(t, CHANNEL),
        ),
        ("digest.build_not_member", digest.build_not_member(t, CHANNEL)),
        ("digest.build_preview_note", {"text": digest.build_preview_note(t)}),
    ]
    return found


def _help(t: Translator, inputs: Inputs) -> list[Named]:
    return [
        (
            "help.build_command_help",
            help.build_command_help(t, "/creator", help.CREATOR_COMMANDS, inputs.query),
        ),
        (
            "help.build_command_help exclusivity",
            help.build_command_help(t, "/exclusivity", help.EXCLUSIVITY_COMMANDS),
        ),
        ("help.build_short_help", help.build_short_help(t)),
        ("help.build_language_usage", help.build_language_usage(t, "nl")),
        ("help.build_language_set", help.build_language_set(t)),
    ]


def _forms(t: Translator, inputs: Inputs) -> list[Named]:
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
