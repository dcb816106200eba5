"""The local console: the real app and database, driven by Slack-shaped payloads.

In the spirit of Hubot's shell adapter and Errbot's text mode: every line becomes what Slack
would send (a signed slash command, an Events API message, a button click, a modal
submission) and goes into the same Bolt app that serves Slack; every way the bot answers
(the body of the ack, `respond()`, each Web API call) comes back through the in-process
Web API stand-in and is shown as text, or as one JSON object per output with `--json`.

grammar.py    what a typed line means (the console grammar, a contract)
session.py    who speaks where, the console's clock, each line sent in as Slack would
replies.py    what the bot answered, numbered: outputs, buttons, open modals, Home tabs
blocks.py     what the console reads out of Block Kit (buttons, a modal's inputs)
render.py     outputs as text or as `--json` lines (a contract)
loop.py       the read loop: `partnerdesk console`
"""

from __future__ import annotations

from bot.console.loop import run_console
from bot.console.session import Console

__all__ = ["Console", "run_console"]
