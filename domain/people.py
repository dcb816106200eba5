"""Who a person means when they name a colleague in a command (`@sanne`, `<@U123>`).

The commands keep `should_escape: false` (manifest.json): names, links and channels reach us
as typed, so a creator or brand called `zoe.nl` or `#1 Coffee` is not rewritten into a link
by Slack. The price is that a user picked from Slack's list arrives as plain `@name`; Slack
documents resolving it through `users.list` (api.slack.com/interactivity/slash-commands,
"should_escape"). A pasted `<@U123>` or `<@U123|name>` is read too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_MENTION = re.compile(r"<@([UW][A-Z0-9]{2,})(?:\|[^>]*)?>", re.ASCII)


@dataclass(frozen=True)
class Member:
    """A workspace member as `users.list` describes them."""

    id: str
    name: str  # the unique username
    display_name: str = ""
    real_name: str = ""


@dataclass(frozen=True)
class UserRef:
    """What the text names: a user id, or a name still to look up."""

    user_id: str | None = None
    name: str | None = None


def parse_user_ref(text: str) -> UserRef | None:
    """`<@U123>`, `<@U123|sanne>`, `@sanne`, `@Sanne de Vries`, `sanne`."""
    text = " ".join(text.split())
    if not text:
        return None
    if mention := _MENTION.fullmatch(text):
        return UserRef(user_id=mention.group(1))
    name = text.removeprefix("@").strip()
    return UserRef(name=name) if name else None


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def members_named(name: str, members: Iterable[Member]) -> list[Member]:
    """The members `name` can mean, best first.

    The username is unique in a workspace, so an exact username is the one person meant;
    otherwise everyone whose display name or full name it is (case and spacing ignored).
    """
    wanted = _key(name.removeprefix("@"))
    if not wanted:
        return []
    by_name: list[Member] = []
    others: list[Member] = []
    for member in members:
        if _key(member.name) == wanted:
            by_name.append(member)
        elif wanted in (_key(member.display_name), _key(member.real_name)):
            others.append(member)
    return by_name[:1] or others
