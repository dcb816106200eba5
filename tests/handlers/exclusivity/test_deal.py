"""Terms a deal cannot carry, refused in words before anything is priced or posted."""

from __future__ import annotations

from storage.models import ExclusivityQuote
from tests.handlers.exclusivity.deal_threads import fashion_deal, rows
from tests.harness import AppHarness


def test_terms_the_deal_cannot_carry_are_refused_in_words(harness: AppHarness) -> None:
    fashion_deal(harness)  # Zoë is on Instagram and TikTok; a partnership of 365 days
    cases = {
        "quote zoe on youtube": "is not active on youtube",
        "quote zoe 0d": "needs a length",
        "quote zoe 400d": "(400 days) is longer than the partnership itself (365 days)",
    }
    for text, expected in cases.items():
        reply = harness.command("/exclusivity", text)
        assert expected in reply["text"], (text, reply["text"])
    assert rows(harness.engine, ExclusivityQuote) == []
