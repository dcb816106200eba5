"""Every code the domain speaks in has a name a reader understands, in Dutch and English."""

from __future__ import annotations

from enum import StrEnum

import pytest

from domain.flags import FlagKind
from domain.kpis import BandPosition, DerivedKPI, NPSClass
from domain.roadmap import MilestoneId
from domain.stages import RequirementCode
from domain.values import ApprovalKind, Difficulty, IPModel, KPIKind, Platform, Stage
from handlers.blocks import labels
from handlers.blocks.labels import label, negotiation_status
from locales import translator

EN, NL = translator("en"), translator("nl")

TABLES: list[tuple[str, dict, set[StrEnum]]] = [
    ("STAGE", labels.STAGE, set(Stage)),
    ("IP_MODEL", labels.IP_MODEL, set(IPModel)),
    ("DIFFICULTY", labels.DIFFICULTY, set(Difficulty)),
    ("PLATFORM", labels.PLATFORM, set(Platform)),
    ("KPI", labels.KPI, set(KPIKind) | set(DerivedKPI)),
    ("REQUIREMENT", labels.REQUIREMENT, set(RequirementCode)),
    ("FLAG", labels.FLAG, set(FlagKind)),
    ("BAND", labels.BAND, set(BandPosition)),
    ("NPS_CLASS", labels.NPS_CLASS, set(NPSClass)),
    ("MILESTONE", labels.MILESTONE, set(MilestoneId)),
    ("APPROVAL_KIND", labels.APPROVAL_KIND, set(ApprovalKind)),
]
IDS = [name for name, _, _ in TABLES]


@pytest.mark.parametrize(("name", "table", "codes"), TABLES, ids=IDS)
def test_every_code_has_a_name(name: str, table: dict, codes: set[StrEnum]) -> None:
    assert set(table) == codes


@pytest.mark.parametrize(("name", "table", "codes"), TABLES, ids=IDS)
@pytest.mark.parametrize("t", [EN, NL], ids=["en", "nl"])
def test_no_two_codes_read_the_same(t, name: str, table: dict, codes: set[StrEnum]) -> None:
    names = [label(t, table, code) for code in codes]
    assert all(names) and len(set(names)) == len(names)


def test_names_are_in_the_readers_language() -> None:
    assert label(NL, labels.STAGE, Stage.ENDED) != label(EN, labels.STAGE, Stage.ENDED)
    assert label(NL, labels.MILESTONE, MilestoneId.KICKOFF) != label(
        EN, labels.MILESTONE, MilestoneId.KICKOFF
    )


def test_platforms_keep_their_own_spelling_in_every_language() -> None:
    assert [label(NL, labels.PLATFORM, p) for p in Platform] == ["Instagram", "TikTok", "YouTube"]


@pytest.mark.parametrize("t", [EN, NL], ids=["en", "nl"])
def test_a_flags_sentence_takes_its_figure_in_both_languages(t) -> None:
    for kind in (FlagKind.PAYMENT_TERMS, FlagKind.FEEDBACK_NOT_SHARED):
        assert "97" in label(t, labels.FLAG, kind).format(days=97)


def test_a_negotiations_state_in_words_and_an_unknown_one_as_itself() -> None:
    assert negotiation_status(EN, "awaiting_approval") == "awaiting approval"
    assert negotiation_status(NL, "agreed") != negotiation_status(EN, "agreed")
    assert negotiation_status(NL, "paused") == "paused"
