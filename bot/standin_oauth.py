"""The stand-in's side of OAuth v2: apps, the codes the authorize page hands out, and
`oauth.v2.access` for both grants (authorization_code and refresh_token), with rotating,
expiring and revocable bot tokens, as Slack documents them (docs.slack.dev: the method's
reference page and "Using token rotation").

Only tokens it issued are checked; any other token is accepted as before, so the
single-workspace tests keep their fixed test token.
"""

from __future__ import annotations

import base64
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Json = dict[str, Any]


class OAuthError(Exception):
    def __init__(self, error: str) -> None:
        super().__init__(error)
        self.error = error


@dataclass
class _Token:
    team_id: str
    expires_at: float | None  # None: a token that never expires (rotation off)
    revoked: bool = False


class StandInOAuth:
    """OAuth state of one stand-in workspace. Not thread-safe: called under the stand-in's lock."""

    def __init__(
        self,
        *,
        team_id: str,
        team_name: str,
        bot_user_id: str,
        app_id: str,
        clock: Callable[[], float],
    ) -> None:
        self.team_id = team_id
        self.team_name = team_name
        self.bot_user_id = bot_user_id
        self.app_id = app_id
        self.clock = clock
        self.apps: dict[str, tuple[str, int | None]] = {}  # client id -> (secret, lifetime s)
        self.codes: dict[str, Json] = {}
        self.refresh_tokens: dict[str, str] = {}  # refresh token -> client id
        self.tokens: dict[str, _Token] = {}

    def register_app(
        self, client_id: str, client_secret: str, *, token_lifetime: int | None = None
    ) -> None:
        """An app that may be installed; `token_lifetime` (seconds) turns token rotation on."""
        self.apps[client_id] = (client_secret, token_lifetime)

    def authorize(
        self, client_id: str, *, scopes: list[str], user_id: str, redirect_uri: str | None
    ) -> str:
        """What Slack's authorize page does when the user clicks Allow: a one-time code."""
        if client_id not in self.apps:
            raise OAuthError("invalid_client_id")
        code = f"{self.team_id}.{secrets.token_hex(8)}"
        self.codes[code] = {
            "client_id": client_id,
            "scopes": list(scopes),
            "user_id": user_id,
            "redirect_uri": redirect_uri,
        }
        return code

    def revoke_all(self) -> None:
        """The workspace uninstalled the app: every token it issued stops working."""
        for token in self.tokens.values():
            token.revoked = True
        self.refresh_tokens.clear()

    def token_problem(self, token: str) -> str | None:
        """Slack's error for a token it issued that no longer works, else None."""
        issued = self.tokens.get(token)
        if issued is None:
            return None
        if issued.revoked:
            return "token_revoked"
        if issued.expires_at is not None and self.clock() >= issued.expires_at:
            return "token_expired"
        return None

    def access(self, authorization: str, args: Json) -> Json:
        """oauth.v2.access: client credentials by HTTP Basic auth or as arguments."""
        client_id, client_secret = _basic_auth(authorization) or (
            args.get("client_id"),
            args.get("client_secret"),
        )
        if client_id not in self.apps:
            raise OAuthError("invalid_client_id")
        secret, lifetime = self.apps[client_id]
        if client_secret != secret:
            raise OAuthError("bad_client_secret")
        if args.get("grant_type") == "refresh_token":
            if self.refresh_tokens.pop(str(args.get("refresh_token")), None) != client_id:
                raise OAuthError("invalid_refresh_token")
            grant: Json = {"scopes": None, "user_id": None}
        else:
            grant = self.codes.pop(str(args.get("code")), None)
            if grant is None or grant["client_id"] != client_id:
                raise OAuthError("invalid_code")
            if grant["redirect_uri"] and args.get("redirect_uri") != grant["redirect_uri"]:
                raise OAuthError("bad_redirect_uri")
        return self._issue(client_id, lifetime, grant)

    def _issue(self, client_id: str, lifetime: int | None, grant: Json) -> Json:
        token = f"xoxb-{self.team_id}-{secrets.token_hex(12)}"
        now = self.clock()
        self.tokens[token] = _Token(self.team_id, None if lifetime is None else now + lifetime)
        answer: Json = {
            "ok": True,
            "access_token": token,
            "token_type": "bot",
            "scope": ",".join(grant["scopes"] or ()),
            "bot_user_id": self.bot_user_id,
            "app_id": self.app_id,
            "team": {"id": self.team_id, "name": self.team_name},
            "enterprise": None,
            "is_enterprise_install": False,
        }
        if grant["user_id"]:
            answer["authed_user"] = {"id": grant["user_id"]}
        if grant["scopes"] is None:
            del answer["scope"]  # a refresh answers the token, not the grant again
        if lifetime is not None:
            refresh = f"xoxe-1-{secrets.token_hex(12)}"
            self.refresh_tokens[refresh] = client_id
            answer.update(expires_in=lifetime, refresh_token=refresh)
        return answer


def _basic_auth(authorization: str) -> tuple[str, str] | None:
    scheme, _, encoded = authorization.partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        client_id, _, secret = base64.b64decode(encoded.strip()).decode().partition(":")
    except ValueError:
        return None
    return client_id, secret
