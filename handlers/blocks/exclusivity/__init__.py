"""Exclusivity builders: the quote message, the replies in its thread, the agreed clause,
and the terms and windows in a line.

`actions` holds the ids the surface registers; `terms` words a clause in one line; `quote`
builds the thread starter; `rounds` the replies in the thread; `agreement` the clause.
"""

from handlers.blocks.exclusivity.terms import terms_text

__all__ = ["terms_text"]
