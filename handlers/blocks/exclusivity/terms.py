"""An exclusivity clause in words: its scope, window, platforms and content, in one line."""

from __future__ import annotations

from collections.abc import Iterable

from domain.negotiation import Terms
from domain.values import ContentType, Platform, Scope
from handlers.blocks import labels
from locales import N_, Translator

SCOPE = {
    Scope.FULL: N_("full exclusivity (no sponsored content at all)"),
    Scope.CATEGORY: N_("category exclusivity (no similar products or competitors)"),
    Scope.COMPETITORS: N_("a competitor list"),
}
CONTENT = {
    ContentType.STORIES: N_("Stories"),
    ContentType.POSTS: N_("posts"),
    ContentType.REELS: N_("Reels"),
    ContentType.VIDEOS: N_("videos"),
    ContentType.SHORTS: N_("Shorts"),
}


def platform_names(platforms: Iterable[Platform]) -> str:
    """ "Instagram, TikTok": the platforms by name, in a fixed order."""
    return ", ".join(labels.PLATFORM[p] for p in sorted(platforms))


def content_names(t: Translator, content_types: Iterable[ContentType]) -> str:
    """ "posts, Stories": the content types by name, in a fixed order."""
    return ", ".join(t.gettext(CONTENT[c]) for c in sorted(content_types))


def hours_text(t: Translator, hours: int) -> str:
    """48 -> "48 hours"; 336 -> "14 days"; 720 -> "30 days"."""
    if hours % 24:
        return t.ngettext("{n} hour", "{n} hours", hours).format(n=hours)
    days = hours // 24
    return t.ngettext("{n} day", "{n} days", days).format(n=days)


def terms_text(t: Translator, terms: Terms) -> str:
    """The clause in one line: scope, window, platforms, content.

    Plain text, competitors as typed: it is stored as an approval's subject, so callers that
    put it in mrkdwn escape it (once, at render).
    """
    scope = t.gettext(SCOPE[terms.scope])
    if terms.scope is Scope.COMPETITORS and terms.competitors:
        scope += " (" + ", ".join(terms.competitors) + ")"
    window = t.gettext("{after} after go-live").format(after=hours_text(t, terms.after_hours))
    if terms.before_hours:
        window = t.gettext("{before} before and {after} after go-live").format(
            before=hours_text(t, terms.before_hours), after=hours_text(t, terms.after_hours)
        )
    platforms = platform_names(terms.platforms) if terms.platforms else t.gettext("all platforms")
    content = (
        content_names(t, terms.content_types) if terms.content_types else t.gettext("all content")
    )
    parts = [scope, window, platforms, content]
    if terms.long_term:
        parts.append(t.gettext("long-term partnership"))
    return " · ".join(parts)
