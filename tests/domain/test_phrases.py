"""The phrase corpus: people's own words, Dutch and English, with what each must be read as."""

from __future__ import annotations

from collections import Counter

from tests.phrase_corpus import Outcome, load, score


def test_the_corpus_is_large_mixed_and_has_things_that_must_not_act():
    phrases = load()
    assert len(phrases) >= 250
    assert {p.language for p in phrases} == {"nl", "en"}
    assert {p.where for p in phrases} == {"thread", "dm"}
    assert sum(p.expected == "none" for p in phrases) >= len(phrases) / 4


def test_the_reader_never_acts_wrongly_and_is_right_or_asks_for_95_percent():
    outcomes = Counter()
    wrong = []
    for phrase in load():
        outcome, got = score(phrase)
        outcomes[outcome] += 1
        if outcome is Outcome.WRONG:
            wrong.append((phrase.text, phrase.expected, got))
    assert wrong == []
    ok = outcomes[Outcome.RIGHT] + outcomes[Outcome.ASKED]
    assert ok / sum(outcomes.values()) >= 0.95
