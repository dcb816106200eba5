"""Exclusivity (quote, clause, windows), the roadmap and its reminders, the digest, rendered."""

from __future__ import annotations

from dataclasses import replace
from datetime import time, timedelta
from decimal import Decimal

from domain import negotiation
from domain.digest.assembly import assemble
from domain.digest.facts import (
    ApprovalFact,
    DigestFacts,
    MilestoneFact,
    PartnershipFact,
    WindowFact,
)
from domain.digest.facts import StageMove as DigestStageMove
from domain.digest.subscription import GrammarError
from domain.negotiation import Guidance, Pricing, Terms
from domain.roadmap import MilestoneId, RoadmapProgress
from domain.values import Difficulty, IPModel, Platform, Scope, Stage
from handlers.blocks import roadmap
from handlers.blocks.digest import messages as digest_messages
from handlers.blocks.digest import subscription as digest_subscription
from handlers.blocks.exclusivity import agreement as agreement_blocks
from handlers.blocks.exclusivity import quote as quote_blocks
from handlers.blocks.exclusivity import rounds as round_blocks
from handlers.blocks.exclusivity.actions import QuoteSubject
from locales import Translator, translator
from tests.rendered.inputs import (
    APPROVER,
    CHANNEL,
    NOW,
    OWNER,
    TODAY,
    ZONE,
    Inputs,
    Named,
    terms_of,
    window_line,
)


def exclusivity_rendered(t: Translator, inputs: Inputs) -> list[Named]:
    pricing = Pricing(
        base_rate=Decimal("1000"),
        currency="EUR",
        difficulty=Difficulty.HARD,
        audiences={Platform.INSTAGRAM: 1000, Platform.TIKTOK: 500},
    )
    terms = terms_of(inputs)
    quote = negotiation.price(Terms(after_hours=720), pricing)
    subject = QuoteSubject(3, inputs.creator, inputs.brand)
    facts = agreement_blocks.ClauseFacts(
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
    agreement = agreement_blocks.build_agreement(
        t,
        agreement_blocks.clause_text(translator("en"), facts),
        agreement_blocks.clause_text(translator("nl"), facts),
        window_id=4,
        awaiting_approval=True,
        price="€ 500",
    )
    found: list[Named] = [
        (
            f"exclusivity.build_quote_message {state}",
            quote_blocks.build_quote_message(
                t, subject, terms, quote, ask=Decimal("900"), status=state
            ),
        )
        for state in ("open", "agreed", "withdrawn")
    ]
    found += [
        (
            "exclusivity.build_round_reply",
            round_blocks.build_round_reply(
                t, terms, quote, gap=negotiation.gap(Decimal("900"), quote), notes=tuple(Guidance)
            ),
        ),
        ("exclusivity.build_not_understood", round_blocks.build_not_understood(t)),
        ("exclusivity.build_agreement", agreement),
        (
            "exclusivity.build_agreement category",
            agreement_blocks.build_agreement(
                t,
                agreement_blocks.clause_text(translator("en"), replace(facts, terms=category)),
                agreement_blocks.clause_text(translator("nl"), replace(facts, terms=category)),
                window_id=4,
                awaiting_approval=False,
                price="€ 500",
            ),
        ),
        ("exclusivity.window_line", {"text": window_line(t, inputs)}),
    ]
    return found


def roadmap_rendered(t: Translator, inputs: Inputs) -> list[Named]:
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
        (
            "roadmap.build_roadmap_card",
            roadmap.build_roadmap_card(t, subject, progress, lines),
        ),
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


def digest_rendered(t: Translator, inputs: Inputs) -> list[Named]:
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
        for n in range(1, len(Stage) + 1)
    ]
    facts = DigestFacts(
        partnerships=partnerships,
        moves=[
            DigestStageMove(n, stage, following, NOW - timedelta(days=2))
            for n, (stage, following) in enumerate(zip(Stage, list(Stage)[1:], strict=False), 1)
        ],
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
    assembled = assemble(facts, NOW, TODAY)
    quiet = digest_messages.build_digest_messages(t, assemble(DigestFacts(), NOW, TODAY), ZONE)
    found: list[Named] = [
        (f"digest.build_digest_messages {n}", message)
        for n, message in enumerate(digest_messages.build_digest_messages(t, assembled, ZONE))
    ]
    found += [
        (
            "digest.build_subscribed",
            digest_subscription.build_subscribed(
                t, CHANNEL, 0, time(9), "nl", ZONE, NOW, changed=False
            ),
        ),
        (
            "digest.build_current",
            digest_subscription.build_current(t, CHANNEL, (0, time(9), "en"), ZONE, NOW),
        ),
        (
            "digest.build_channel_unknown",
            digest_subscription.build_channel_unknown(t, inputs.query),
        ),
        ("digest.build_usage", digest_subscription.build_usage(t)),
        (
            "digest.build_usage unknown word",
            digest_subscription.build_usage(t, GrammarError("unknown_word", inputs.query)),
        ),
        (
            "digest.build_usage twice",
            digest_subscription.build_usage(t, GrammarError("twice", inputs.query)),
        ),
        ("digest.build_digest_messages empty", quiet[0]),
        ("digest.build_unsubscribed", digest_subscription.build_unsubscribed(t, CHANNEL, True)),
        (
            "digest.build_unsubscribed never",
            digest_subscription.build_unsubscribed(t, CHANNEL, False),
        ),
        (
            "digest.build_connect_confirmation",
            digest_subscription.build_connect_confirmation(t, CHANNEL, "value", "every Monday"),
        ),
        (
            "digest.build_not_subscribed_after_all",
            digest_subscription.build_not_subscribed_after_all(t, CHANNEL),
        ),
        ("digest.build_not_member", digest_subscription.build_not_member(t, CHANNEL)),
        ("digest.build_preview_note", {"text": digest_subscription.build_preview_note(t)}),
    ]
    return found
