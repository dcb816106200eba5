"""Help messages for `/creator`, `/exclusivity`, direct messages and mentions."""

from __future__ import annotations

from typing import Any

from handlers.blocks.common import context_line, ephemeral, escape, header, mrkdwn_section
from locales import N_, Translator

# (usage, what it does): usage strings are command grammar and stay untranslated.
CREATOR_COMMANDS: tuple[tuple[str, str], ...] = (
    ("/creator help", N_("Show this help.")),
    ("/creator status <name>", N_("The partnership on one card: stage, contract, KPIs, flags.")),
    ("/creator list [stage | owner @user | flagged]", N_("Creators and their partnerships.")),
    ("/creator add", N_("Add a creator (and their partnership).")),
    ("/creator edit <name>", N_("Edit a creator and their current partnership.")),
    ("/creator archive <name>", N_("Hide a creator from lists and digests; history stays.")),
    ("/creator kpi <name>", N_("Log a period's KPIs.")),
    ("/creator nps <name> <0-10>", N_("Record the creator's NPS answer.")),
    ("/creator roadmap <name>", N_("The 12-week roadmap: this week, done and overdue milestones.")),
    (
        "/creator roadmap start <name> [YYYY-MM-DD]",
        N_("Start the 12-week roadmap (from today when you give no date)."),
    ),
    ("/creator brand add | edit <name>", N_("Add or edit a brand.")),
    (
        "/creator approve <name> <kind> <subject>",
        N_("Ask for approval (brief, content, contract, exclusivity, payment, budget)."),
    ),
    ("/creator approvals [mine | all]", N_("Approvals waiting for a decision.")),
    ("/creator settings", N_("Who approves what, the fallback approver, due time and expiry.")),
    (
        "/creator digest subscribe [#channel] [weekday] [HH:MM] [nl|en]",
        N_("The weekly digest in a channel (Monday 09:00 unless you say otherwise)."),
    ),
    ("/creator digest preview | unsubscribe", N_("See the digest now, or stop it.")),
    ("/creator language nl|en", N_("Choose the language Partnerdesk speaks to you.")),
)
EXCLUSIVITY_COMMANDS: tuple[tuple[str, str], ...] = (
    ("/exclusivity help", N_("Show this help.")),
    (
        "/exclusivity quote <creator> [full|category|competitors a,b] [30d] [before 24h] "
        "[on instagram,tiktok] [only stories] [brand <name>] [golive <date>]",
        N_("Price an exclusivity clause and negotiate it in the thread."),
    ),
    (
        "/exclusivity check <creator> <date> [platform] [brand]",
        N_("Would a sponsored post break an exclusivity window?"),
    ),
    ("/exclusivity list [creator]", N_("Exclusivity windows now and coming up.")),
)


def usage_of(entries: tuple[tuple[str, str], ...], command: str, subcommand: str) -> list[str]:
    """The usage lines of one subcommand (`/creator nps <name> <0-10>`); the command's help
    line when the subcommand is unknown."""
    prefix = f"{command} {subcommand}"
    found = [usage for usage, _ in entries if usage == prefix or usage.startswith(prefix + " ")]
    return found or [f"{command} help"]


def build_unreadable_command(t: Translator, characters: str, usage: list[str]) -> dict[str, Any]:
    """A command with characters Slack shows nobody (NUL, bidi overrides ...): type it again."""
    text = t.gettext(
        "Your command contains characters I can't read ({characters}); Slack doesn't show "
        "them. Type it again without them:"
    ).format(characters=characters)
    lines = "\n".join(f"`{escape(line)}`" for line in usage)
    return ephemeral(f"{text}\n{lines}")


def build_command_help(
    t: Translator, command: str, entries: tuple[tuple[str, str], ...], unknown: str | None = None
) -> dict[str, Any]:
    """The help for a slash command; `unknown` is a subcommand we did not understand."""
    # Usage lines show <name> placeholders: escaped, or Slack would read them as markup.
    lines = "\n".join(f"`{escape(usage)}`  {escape(t.gettext(what))}" for usage, what in entries)
    title = t.gettext("Partnerdesk: {command}").format(command=command)
    blocks: list[dict[str, Any]] = [header(title)]
    if unknown:
        blocks.append(
            mrkdwn_section(
                t.gettext("I don't know `{subcommand}`. This is what I can do:").format(
                    subcommand=escape(unknown[:50].replace("`", "'"))
                )
            )
        )
    blocks.append(mrkdwn_section(lines))
    blocks.append(context_line(t.gettext("Partnerdesk answers in Dutch and English.")))
    fallback = t.gettext("Partnerdesk help for {command}").format(command=command)
    return ephemeral(fallback, blocks)


def build_language_set(t: Translator) -> dict[str, Any]:
    return ephemeral(t.gettext("From now on I'll speak English with you."))


def build_language_usage(t: Translator, current: str) -> dict[str, Any]:
    names = {"nl": t.gettext("Dutch"), "en": t.gettext("English")}
    text = t.gettext(
        "I speak {language} with you. Change it with `/creator language nl` or "
        "`/creator language en`."
    ).format(language=names[current])
    return ephemeral(text)
