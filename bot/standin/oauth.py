"""The stand-in's side of OAuth v2: apps, the codes the authorize page hands out, and
`oauth.v2.access` for both grants (authorization_code and refresh_token), with rotating,
expiring and revocable bot tokens, as Slack documents them (docs.slack.dev: the method's
reference page and "Using token rotation"). Every token it issues or is given belongs to one
workspace: a Web API call is served by the workspace of its token, as Slack does.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass

from bot.standin.wire import Json, basic_auth
from bot.standin.workspace import APP_ID, Workspace


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
    """Apps, codes and tokens of every workspace of a stand-in. Not thread-safe: called
    under the stand-in's lock."""

    def __init__(self, workspaces: dict[str, Workspace], *, clock: Callable[[], float]) -> None:
        self.workspaces = workspaces
        self.clock = clock
        self.apps: dict[str, tuple[str, int | None]] = {}  # client id -> (secret, lifetime s)
        self.codes: dict[str, Json] = {}
        self.refresh_tokens: dict[str, tuple[str, str]] = {}  # token -> (client id, team id)
        self.tokens: dict[str, _Token] = {}

    def register_app(
        self, client_id: str, client_secret: str, *, token_lifetime: int | None = None
    ) -> None:
        """An app that may be installed; `token_lifetime` (seconds) turns token rotation on."""
        self.apps[client_id] = (client_secret, token_lifetime)

    def authorize(
        self,
        client_id: str,
        *,
        team_id: str,
        scopes: list[str],
        user_id: str,
        redirect_uri: str | None,
        org_wide: bool = False,
    ) -> str:
        """What Slack's authorize page does when the user clicks Allow: a one-time code.
        `org_wide`: an Enterprise Grid admin installs the app for the whole organisation."""
        if client_id not in self.apps:
            raise OAuthError("invalid_client_id")
        code = f"{team_id}.{secrets.token_hex(8)}"
        self.codes[code] = {
            "client_id": client_id,
            "team_id": team_id,
            "scopes": list(scopes),
            "user_id": user_id,
            "redirect_uri": redirect_uri,
            "org_wide": org_wide,
        }
        return code

    def give_token(self, team_id: str, token: str, *, lifetime: float | None = None) -> None:
        """A bot token the workspace holds without an install (a test's fixed token)."""
        expires_at = None if lifetime is None else self.clock() + lifetime
        self.tokens[token] = _Token(team_id, expires_at)

    def revoke(self, team_id: str) -> None:
        """The workspace uninstalled the app: every token it was issued stops working."""
        for token in self.tokens.values():
            if token.team_id == team_id:
                token.revoked = True
        for refresh, (_client, team) in list(self.refresh_tokens.items()):
            if team == team_id:
                del self.refresh_tokens[refresh]

    def owner(self, token: str) -> str | None:
        """The team a token was issued to (None: a token the stand-in never issued)."""
        issued = self.tokens.get(token)
        return issued.team_id if issued else None

    def token_problem(self, token: str) -> str | None:
        """Slack's error for a token it issued that no longer works, else None."""
        issued = self.tokens.get(token)
        if issued is None:
            return None
        if issued.revoked:
            return "invalid_auth"  # an uninstalled app's bot token is simply not valid
        if issued.expires_at is not None and self.clock() >= issued.expires_at:
            return "token_expired"
        return None

    def access(self, authorization: str, args: Json) -> Json:
        """oauth.v2.access: client credentials by HTTP Basic auth or as arguments."""
        client_id, client_secret = basic_auth(authorization) or (
            args.get("client_id"),
            args.get("client_secret"),
        )
        if client_id not in self.apps:
            raise OAuthError("invalid_client_id")
        secret, lifetime = self.apps[client_id]
        if client_secret != secret:
            raise OAuthError("bad_client_secret")
        if args.get("grant_type") == "refresh_token":
            client, team_id = self.refresh_tokens.pop(str(args.get("refresh_token")), (None, ""))
            if client != client_id:
                raise OAuthError("invalid_refresh_token")
            grant: Json = {"team_id": team_id, "scopes": None, "user_id": None, "org_wide": False}
        else:
            grant = self.codes.pop(str(args.get("code")), None)
            if grant is None or grant["client_id"] != client_id:
                raise OAuthError("invalid_code")
            if grant["redirect_uri"] and args.get("redirect_uri") != grant["redirect_uri"]:
                raise OAuthError("bad_redirect_uri")
        return self._issue(client_id, lifetime, grant)

    def _issue(self, client_id: str, lifetime: int | None, grant: Json) -> Json:
        ws = self.workspaces[grant["team_id"]]
        token = f"xoxb-{ws.team_id}-{secrets.token_hex(12)}"
        self.give_token(ws.team_id, token, lifetime=lifetime)
        team: Json | None = {"id": ws.team_id, "name": ws.team_domain}
        enterprise: Json | None = None
        if grant["org_wide"]:
            # Installed for an organisation: Slack names the enterprise, not a team.
            ws.enterprise_id = ws.enterprise_id or f"E{ws.team_id[1:]}"
            team, enterprise = None, {"id": ws.enterprise_id, "name": ws.team_domain}
        answer: Json = {
            "ok": True,
            "access_token": token,
            "token_type": "bot",
            "scope": ",".join(grant["scopes"] or ()),
            "bot_user_id": ws.bot_user_id,
            "app_id": APP_ID,
            "team": team,
            "enterprise": enterprise,
            "is_enterprise_install": grant["org_wide"],
        }
        if grant["user_id"]:
            answer["authed_user"] = {"id": grant["user_id"]}
        if grant["scopes"] is None:
            del answer["scope"]  # a refresh answers the token, not the grant again
        if lifetime is not None:
            refresh = f"xoxe-1-{secrets.token_hex(12)}"
            self.refresh_tokens[refresh] = (client_id, ws.team_id)
            answer.update(expires_in=lifetime, refresh_token=refresh)
        return answer
