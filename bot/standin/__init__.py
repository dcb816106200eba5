"""An in-process stand-in for Slack's Web API, served over HTTP on 127.0.0.1.

The local console points its AsyncWebClient at it (`base_url`), and the tests do the same after
wrapping it with a validator built from Slack's own spec (`tests/slackspec.py`). It keeps one
workspace or several (users, channels, messages, views, usergroups, uploads, bot tokens),
answers in Slack's shapes, records every call, serves `response_url`s under `/hooks/<key>`
and lets a caller inject Slack's errors, rate limits and outages.

Standard library only, and it never reaches slack.com: everything it knows is in this process.

- wire.py: arguments, timestamps, cursors, tokens on the wire
- workspace.py: one workspace's state
- chat.py, conversations.py, users.py, views.py, files.py: the methods by family (api.py: the table)
- oauth.py: apps, codes, oauth.v2.access, rotating and revocable tokens
- recorder.py: the call log, injected errors, the validator
- http.py: the HTTP server and its routes
- facade.py: SlackStandIn, what the console and the tests hold
"""

from bot.standin.api import SERVED_METHODS
from bot.standin.facade import SlackStandIn
from bot.standin.recorder import Call

__all__ = ["SERVED_METHODS", "Call", "SlackStandIn"]
