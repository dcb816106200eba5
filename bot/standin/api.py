"""The Web API methods the stand-in serves, family by family, in one visible table."""

from __future__ import annotations

import copy
from collections.abc import Callable

from bot.standin import chat, conversations, files, users, views
from bot.standin.wire import Json, SlackError
from bot.standin.workspace import Workspace

Handler = Callable[[Workspace, Json], Json]

METHODS: dict[str, Handler] = {
    **chat.METHODS,
    **conversations.METHODS,
    **users.METHODS,
    **views.METHODS,
    **files.METHODS,
}
# Every Web API method the stand-in serves; any other answers "unknown_method".
SERVED_METHODS = frozenset(METHODS)


def call(ws: Workspace, method: str, args: Json) -> Json:
    """Answer one Web API call in a workspace; raises SlackError for Slack's error answers."""
    handler = METHODS.get(method)
    if handler is None:
        raise SlackError(
            "unknown_method",
            response_metadata={"messages": [f"the Slack stand-in does not serve {method}"]},
        )
    return handler(ws, copy.deepcopy(args))
