"""The exclusivity surface's action and view ids, and the value its quote buttons carry."""

from __future__ import annotations

from dataclasses import dataclass

# One action per button; the value is "<quote id>:<version>" (QuoteSubject.value).
SHORTEN_ACTION = "excl_shorten"
PLATFORMS_ACTION = "excl_platforms"
COMPETITORS_ACTION = "excl_competitors"
LONG_TERM_ACTION = "excl_long_term"
ASK_ACTION = "excl_ask"
ACCEPT_ACTION = "excl_accept"
WITHDRAW_ACTION = "excl_withdraw"
WINDOW_WITHDRAW_ACTION = "excl_window_withdraw"
POST_ANYWAY_ACTION = "excl_post_anyway"
ASK_CALLBACK = "excl_ask_form"
QUOTE_CALLBACK = "excl_quote_form"


@dataclass(frozen=True)
class QuoteSubject:
    quote_id: int
    creator_name: str
    brand_name: str
    version: int = 1  # the quote's version these buttons were shown with

    @property
    def value(self) -> str:
        """The buttons' value, "<quote id>:<version>": a click on an outdated message is
        recognised (storage.exclusivity.claim_quote)."""
        return f"{self.quote_id}:{self.version}"
