"""The console's local workspace: people and channels made up on first mention, with the
ids Slack would give them, registered with the stand-in so the app can look them up."""

from __future__ import annotations

import hashlib

from bot.demo import user_id_for
from bot.standin import SlackStandIn


class Directory:
    """Names typed in the console, and the Slack ids they stand for."""

    def __init__(self, standin: SlackStandIn) -> None:
        self.standin = standin
        self.users: dict[str, str] = {}
        self.channels: dict[str, str] = {}
        self.dm_channels: dict[str, str] = {}

    def user(self, name: str) -> str:
        """The id of the user called `name` (`@` optional), added on first use."""
        name = name.lstrip("@").lower()
        if name not in self.users:
            user_id = user_id_for(name)
            self.standin.add_user(user_id, name=name, real_name=name.title(), locale="nl-NL")
            self.users[name] = user_id
        return self.users[name]

    def channel(self, name: str) -> str:
        """The id of the channel called `name` (`#` optional), created on first use with
        everyone known so far as members."""
        name = name.lstrip("#").lower()
        if name not in self.channels:
            channel_id = "C" + hashlib.sha1(name.encode()).hexdigest()[:10].upper()
            self.standin.add_channel(channel_id, name=name, members=list(self.users.values()))
            self.channels[name] = channel_id
        return self.channels[name]

    def dm(self, user_id: str) -> str:
        """The id of the user's DM with the bot."""
        if user_id not in self.dm_channels:
            channel_id = "D" + hashlib.sha1(user_id.encode()).hexdigest()[:10].upper()
            self.standin.add_channel(channel_id, name=user_id, is_im=True, user=user_id)
            self.dm_channels[user_id] = channel_id
        return self.dm_channels[user_id]

    def user_name(self, user_id: str) -> str:
        return next((name for name, uid in self.users.items() if uid == user_id), user_id)

    def channel_name(self, channel_id: str) -> str:
        """A channel's name; DMs, which have none, as Slack names them in payloads."""
        for name, cid in self.channels.items():
            if cid == channel_id:
                return name
        return "directmessage"
