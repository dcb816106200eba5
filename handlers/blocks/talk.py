"""What Partnerdesk says when it reads people: what it understood, "did you mean ...?", and
what it can do when it is lost."""

from __future__ import annotations

from typing import Any

from domain import intents, negotiation
from handlers.blocks.common import button, context_line, escape, mrkdwn_section
from handlers.blocks.exclusivity.terms import CONTENT, SCOPE, hours_text
from handlers.blocks.labels import PLATFORM
from locales import Translator

PICK_ACTION = "reading_pick"  # suffixed with the alternative's number
NONE_ACTION = "reading_none"


def move_text(t: Translator, move: intents.Intent) -> str:
    """One move in a few words, in the channel's language."""
    match move:
        case intents.SetWindow(after=after, before=before):
            text = t.gettext("window {window} after go-live").format(
                window=hours_text(t, negotiation.hours_of(after))
            )
            if before:
                text += ", " + t.gettext("{window} before").format(
                    window=hours_text(t, negotiation.hours_of(before))
                )
            return text
        case intents.SetPreWindow(before=before):
            return t.gettext("{window} before go-live").format(
                window=hours_text(t, negotiation.hours_of(before))
            )
        case intents.NarrowPlatforms(platforms=platforms):
            names = ", ".join(PLATFORM[p] for p in sorted(platforms))
            return t.gettext("only on {platforms}").format(platforms=names)
        case intents.NarrowContent(content_types=content):
            names = ", ".join(t.gettext(CONTENT[c]) for c in sorted(content))
            return t.gettext("only {content}").format(content=names)
        case intents.SetScope(scope=scope, competitors=competitors):
            text = t.gettext(SCOPE[scope])
            return text + (": " + ", ".join(competitors) if competitors else "")
        case intents.CreatorAsk(amount=amount, currency=currency):
            shown = t.money(amount, currency) if currency else t.number(amount)
            return t.gettext("the creator asks {amount}").format(amount=shown)
        case intents.Accept():
            return t.gettext("accept the terms on the table")
        case intents.Withdraw():
            return t.gettext("withdraw the quote")
        case intents.Together(moves=moves):
            return " · ".join(move_text(t, each) for each in moves)
    return move.code


def moves_text(t: Translator, moves: tuple[intents.Intent, ...]) -> str:
    """The moves as typed words (not escaped: buttons are plain text)."""
    return " · ".join(move_text(t, move) for move in moves)


def build_understood(t: Translator, moves: tuple[intents.Intent, ...]) -> dict[str, Any]:
    """The one line said before a move read from free text is applied."""
    text = t.gettext("Understood: {moves}.").format(moves=escape(moves_text(t, moves)))
    return {"text": text, "blocks": [context_line(text)]}


def build_did_you_mean(t: Translator, memo_id: int, choices: list[str]) -> dict[str, Any]:
    """ "Did you mean: …?" with a button per reading and one for none of them."""
    shown = [escape(choice) for choice in choices]
    text = t.gettext("Did you mean: {choices}?").format(choices=t.gettext(" or ").join(shown))
    elements = [
        button(choice, f"{PICK_ACTION}_{i}", f"{memo_id}:{i}") for i, choice in enumerate(choices)
    ]
    elements.append(button(t.gettext("None of these"), NONE_ACTION, str(memo_id)))
    return {
        "text": text,
        "blocks": [
            mrkdwn_section(text),
            {"type": "actions", "block_id": "reading_choices", "elements": elements},
        ],
    }


def build_thread_lost(t: Translator) -> dict[str, Any]:
    """A short answer in a negotiation thread with what can be said."""
    text = t.gettext(
        "I didn't read that as a change, so nothing changed. You can say for example "
        "“can we do 10 days?”, “only TikTok and stories” or “her agent asks 750”; "
        "“deal” agrees, “let's leave it” withdraws."
    )
    return {"text": text, "blocks": [mrkdwn_section(text)]}


def build_front_lost(t: Translator) -> dict[str, Any]:
    """What to ask in a DM or a mention, when the message matched nothing."""
    text = t.gettext(
        "I'm not sure what you mean. You can ask me for example: “how is Lisa doing?”, "
        "“anything I need to sign off?” or “quote for Lisa, three weeks only stories”. "
        "Say “help” for more."
    )
    return {"text": text, "blocks": [mrkdwn_section(text)]}


def build_talk_help(t: Translator) -> dict[str, Any]:
    """Help for the front door: what people can say, in their own words."""
    lines = [
        t.gettext("*What you can ask me* (in Dutch or English, in a DM or with @Partnerdesk)"),
        t.gettext("• a creator's card: “how is Lisa doing?”, “status Zoë”"),
        t.gettext("• creators: “my creators”, “who is flagged?”, “creators in growth”"),
        t.gettext("• approvals: “anything I need to sign off?”, “my requests”"),
        t.gettext("• the roadmap: “Lisa's roadmap”, “and her roadmap?”"),
        t.gettext(
            "• exclusivity: “quote for Lisa, three weeks only stories”, "
            "“is Lisa free to post for Lavazza on 12 January?”, “her windows”"
        ),
        t.gettext("• “digest preview”, “speak English”, “help”"),
        t.gettext("Slash commands still work: `/creator help`, `/exclusivity help`."),
    ]
    text = "\n".join(lines)
    return {"text": text, "blocks": [mrkdwn_section(text)]}


def build_which_creator(t: Translator, memo_id: int, names: list[str]) -> dict[str, Any]:
    return build_did_you_mean(t, memo_id, names)
