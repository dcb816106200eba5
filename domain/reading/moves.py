"""A reply in a negotiation thread read as moves: act when sure, ask when unsure.

First the strict grammar of `domain.intents` (the whole reply one accepted form); then each
clause on its own, and the slots found anywhere in it. A question with a proposal around it
("kan het ook met 10 dagen?") proposes; a bare question ("2 weken?") or an amount nobody said
was the ask is only offered; an amount about something else, counts, dates, thanks and chatter
make no move.
"""

from __future__ import annotations

import re
from decimal import Decimal

from domain import intents
from domain.reading import terms
from domain.reading.text import MAX_CHARS, clean, digits, language_of, like, words
from domain.reading.types import LOST, MOVE, SMALL_TALK, Confidence, Context, Reading, Slots
from domain.values import Scope

# Wrapped around a move they make it a proposal, question mark or not.
_PROPOSAL = re.compile(
    r"\b(?:kan het (?:ook )?(?:met|voor|in)|kunnen we|kun je|zullen we|wat (?:dacht je|denk je|"
    r"als|vind je|vinden jullie|vindt ze|vindt hij) (?:van|we)?|houden we het op|keep it at|"
    r"settle on|stick to|stick with|what do you think of|how do you feel about|would work|"
    r"werkt voor|wat als|how about|what about|what if|could we|can we|shall we|"
    r"would (?:she|he|they) (?:do|accept|take|go for)|would \w+ (?:do|accept|take)|"
    r"is .{0,20}(?:ok|okay|oké|acceptabel|goed)|(?:she|he|they)(?:'s| is| are)? (?:fine|ok|okay) "
    r"with|ze (?:gaat|is) (?:akkoord|ok|oké|prima) met|hij (?:gaat|is) (?:akkoord|ok) met|"
    r"akkoord met|agrees? to|agreed to|accepts?|we say|we zeggen|zeg maar|say|let's|lets|"
    r"make it|maak (?:er|het)|laten we|doe maar|we doen|gaan voor|go for|go with|liever|"
    r"rather|instead|in plaats|mag ook|ook goed|also fine|prefer|voorkeur|propose|voorstel|"
    r"stel voor|counter|tegenvoorstel|bieden|offer|wordt|becomes|change|wijzig|verander|"
    r"korter|shorter|langer|longer|naar|to)\b"
)
_WINDOW_WORDS = re.compile(
    r"\b(?:window|venster|exclusivity|exclusiviteit|exclusief|exclusive|go[- ]?live|livegang|"
    r"na de post|after the post|erna|daarna|afterwards)\b"
)
# A clause about other time than a window: holidays, shoots, editing, illness.
_OTHER_TIME = re.compile(
    r"\b(?:vakantie|holiday|holidays|vacation|verlof|leave|ziek|sick|shoot|shooten|opname|"
    r"montage|editing|edit|reis|trip|travel|weg|away|out|off|vrij)\b"
)
# The creator (or their side) naming a price.
_ASKER = re.compile(
    r"\b(?:she|he|they|her|his|their|ze|zij|hij|haar|zijn|hun|creator|maker|influencer|agent|"
    r"agency|bureau|management|manager|talent)\b"
)
_ASKING = re.compile(
    r"\b(?:asks?|asking|asked|wants?|wanted|requests?|quotes?|quoted|charges?|counter(?:s|ed)?|"
    r"comes? back with|came back|proposes?|needs?|expects?|vraagt|vragen|vroeg|wil|wilt|willen|"
    r"eist|eisen|rekent|rekenen|zit op|komt met|kwam met|gaat voor|verwacht|tegenbod|"
    r"vraagprijs|ask|fee|prijs|price|rate|tarief|bedrag)\b"
)
# An amount about something else: what was paid, costs, audiences, counts, percentages.
_OTHER_AMOUNT = re.compile(
    r"\b(?:paid|pay|betaald|betalen|betaalden|cost|costs|kost|kostte|kosten|venue|locatie|"
    r"zaal|budget|followers|volgers|views|likes|reach|bereik|impressions|weergaven|subscribers|"
    r"abonnees|posts|stories|videos|reels|jaar|year|years|jaren|invoice|factuur|travel|reis|"
    r"reiskosten|hotel|shoot|fotograaf|photographer|last time|vorige keer|vorig jaar|"
    r"last year|procent|percent|keer|times|uur|hours|dagen|days|weken|weeks|maanden|months|"
    r"followers|mensen|people|stuks|pieces|items|producten|products)\b|%"
)
_AMOUNT = re.compile(
    r"(?<![\w.,])(?P<before>€|\$|£|eur\b|euro\b)?\s?(?P<number>[0-9][0-9.,]{0,14})(?:,-)?"
    r"(?:\s?(?P<after>€|eur|euro|euros|usd|dollars?|gbp|k)\b)?(?![\w%])"
)
_CURRENCY = {"€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR", "$": "USD", "usd": "USD"}
_CURRENCY |= {"dollar": "USD", "dollars": "USD", "£": "GBP", "gbp": "GBP"}

_ACCEPT = re.compile(
    r"\b(?:deal|akkoord|agreed|accepted|accept|accepteren|geaccepteerd|afgesproken|"
    r"doen we|we doen het|let'?s do it|let'?s do this|go ahead|ga je gang|sounds good|"
    r"klinkt goed|prima zo|goed zo|top zo|mooi zo|fine by (?:us|me)|works for (?:us|me)|"
    r"we'?re good|we zijn eruit|sign it|tekenen maar|gaan we doen|yes let'?s|"
    r"ja doen|ja,? doen|akkoord gaan)\b"
)
_WITHDRAW = re.compile(
    r"\b(?:let'?s leave it|leave it|laat maar(?: zitten)?|laten we het laten|forget it|"
    r"vergeet het maar|we pass|we passen|trek(?:ken)? (?:het|ons|de offerte|het bod|het aanbod)"
    r"(?: \w+)? in|trekken ons terug|we withdraw|withdraw(?:n)?|intrekken|walk away|"
    r"we stoppen ermee|stop de onderhandeling|niet meer nodig|no longer needed|"
    r"walk(?:ing)? away|cancel (?:the|this|our) (?:offer|quote|deal|negotiation)|"
    r"annuleer (?:de|het|deze) "
    r"(?:offerte|bod|aanbod|onderhandeling)|call it off|blaas het af|geen deal|no deal)\b"
)
# Said alone these may agree, or be about something else: ask first.
_MAYBE_ACCEPT = re.compile(r"^\W*(?:done|rond|klaar|ok(?:ay|é)? dan|fine|goed)\W*$")
# Said in a thread these may end it, or may be about one term: ask first.
_MAYBE_WITHDRAW = re.compile(r"\b(?:geen deal|no deal|laat maar|forget it)\b")
_SMALL_TALK = re.compile(
    r"^(?:(?:ok(?:ay|é|e)?|thanks?|thank you|thx|ty|cheers|bedankt|dank(?:je|jewel| je| u)?|"
    r"merci|top|nice|cool|great|mooi|fijn|super|prima|goed|lol|haha+|hihi|hi|hey|hoi|hallo|"
    r"hello|morning|goedemorgen|middag|goedemiddag|yes|ja|nee|no|sure|zeker|got it|gezien|"
    r"noted|genoteerd|will do|komt goed|👍|🙏|🙌|😂|😊|👌|🎉|❤️|thanks a lot|heel fijn|"
    r"perfect|perfecto|lekker|helder|duidelijk|clear|true|klopt|inderdaad|indeed|oh|ah|hm+|"
    r"ik kijk (?:even|ernaar)|i'?ll check|let me check|even checken|brb|"
    r"voor de info|fyi|good morning|goedenavond|have a nice weekend|fijn weekend)[\s,.!]*)+$"
)
_NEGOTIATION_WORDS = re.compile(
    r"\b(?:window|venster|exclusiv\w*|exclusie\w*|dagen|days|weken|weeks|maand\w*|months?|"
    r"uur|hours?|tiktok|instagram|youtube|stories|reels|posts?|deal|akkoord|offerte|quote|"
    r"prijs|price|ask|bod|offer|concurrent\w*|competitors?|categor\w*|€|\d)"
)
_CLAUSES = re.compile(r"\s*[,;.!]+\s+|\s*;\s*")

# default: readings an unsure reply offers at most (one button each, plus "none").
MAX_ALTERNATIVES = 3


def read_reply(text: str, context: Context) -> Reading:
    """The moves a negotiation reply makes, or how unsure we are about them."""
    if len(text) > MAX_CHARS:
        return LOST
    strict = intents.parse_intent(text)
    if strict is not None:
        return Reading(MOVE, Confidence.SURE, moves=(strict,), sources={strict.code: text})
    line = clean(text)
    if not line:
        return SMALL_TALK
    lowered = line.lower()
    if _SMALL_TALK.match(lowered):
        return SMALL_TALK
    language = language_of(words(lowered), context.language)
    readable = digits(line, language)
    sure: list[intents.Intent] = []
    unsure: list[intents.Intent] = []
    sources: dict[str, str] = {}
    question = "?" in readable
    for clause in _CLAUSES.split(readable):
        if clause:
            _read_clause(clause, question, sure, unsure, sources)
    moves = _merge(sure)
    if any(isinstance(m, intents.Accept) for m in moves) and any(
        isinstance(m, intents.Withdraw) for m in moves
    ):
        return Reading(None, Confidence.LOST)  # "deal, or let's leave it": ask nothing, do nothing
    if unsure:
        offered = _merge([*sure, *unsure])
        alternatives = [Reading(MOVE, Confidence.SURE, moves=offered, sources=sources)]
        if moves and tuple(moves) != tuple(offered):
            alternatives.append(Reading(MOVE, Confidence.SURE, moves=tuple(moves)))
        return Reading(
            MOVE,
            Confidence.UNSURE,
            moves=offered,
            alternatives=tuple(alternatives[:MAX_ALTERNATIVES]),
            sources=sources,
        )
    if moves:
        slots = _slots_of(moves)
        return Reading(MOVE, Confidence.SURE, slots=slots, moves=moves, sources=sources)
    if _NEGOTIATION_WORDS.search(lowered) or question:
        return LOST
    return SMALL_TALK


def _read_clause(
    clause: str,
    question: bool,
    sure: list[intents.Intent],
    unsure: list[intents.Intent],
    sources: dict[str, str],
) -> None:
    strict = intents.parse_intent(clause.rstrip("?"))
    if strict is not None and not question:
        sure.append(strict)
        sources[strict.code] = clause
        return
    typed = words(clause)
    proposal = _PROPOSAL.search(clause) is not None
    bare = _is_bare(clause)
    found_any = False

    # The window (and pre-window) wherever it stands, unless the clause is about other time.
    other_time = _OTHER_TIME.search(clause) and not _WINDOW_WORDS.search(clause)
    for side, duration, said, position in terms.windows(clause) if not other_time else ():
        index = len(words(clause[:position]))
        if terms.negated(typed, index, reach=2) and not proposal:
            continue
        about_window = proposal or _WINDOW_WORDS.search(clause) or side != "after"
        if side == "both":
            move: intents.Intent = intents.SetWindow(after=duration, before=duration)
        elif side == "before":
            move = intents.SetPreWindow(duration)
        else:
            move = intents.SetWindow(duration)
        sources[move.code] = said
        found_any = True
        if (about_window or bare) and not (question and not proposal):
            sure.append(move)
        elif about_window or bare or (question and proposal is False and bare):
            unsure.append(move)
        else:
            unsure.append(move)

    # Platforms and content types: only with "only/alleen", or alongside another move.
    only = terms.has_only(typed)
    on_words = {"op", "on", "via"}
    found_platforms = [
        (i, p) for i, p in terms.platforms(typed) if not terms.negated(typed, i, reach=2)
    ]
    found_content = [
        (i, c) for i, c in terms.content_types(typed) if not terms.negated(typed, i, reach=2)
    ]
    narrowing = only or (found_any and any(typed[i - 1] in on_words for i, _ in found_platforms))
    # "ze doet alleen reels op instagram" tells what she does: a narrowing is sure when it is
    # proposed, goes with a window, or is the whole reply ("alleen op TikTok graag").
    named = {i for i, _ in found_platforms} | {i for i, _ in found_content}
    other_words = [
        w
        for i, w in enumerate(typed)
        if i not in named
        and w not in terms.ONLY_WORDS
        and w not in on_words | _LINKS
        and not _filler(w)
    ]
    settled = proposal or found_any or len(other_words) <= 1
    if found_platforms and (narrowing or proposal and only):
        move = intents.NarrowPlatforms(frozenset(p for _, p in found_platforms))
        (unsure if (question and not proposal) or not settled else sure).append(move)
        sources[move.code] = " ".join(typed[found_platforms[0][0] : found_platforms[-1][0] + 1])
        found_any = True
    if found_content and (only or found_any):
        move = intents.NarrowContent(frozenset(c for _, c in found_content))
        (unsure if (question and not proposal) or not settled else sure).append(move)
        sources[move.code] = " ".join(typed[found_content[0][0] : found_content[-1][0] + 1])
        found_any = True

    # Scope: full or category named anywhere (competitor lists stay with the strict grammar).
    named_scope = terms.scope(clause)
    if named_scope and not any(word in terms.NEGATIONS for word in typed):
        move = intents.SetScope(named_scope[0])
        (unsure if question and not proposal else sure).append(move)
        sources[move.code] = named_scope[1]
        found_any = True

    # The creator's ask.
    ask = _ask(clause, typed, question)
    if ask is not None:
        move, is_sure = ask
        (sure if is_sure else unsure).append(move)
        sources[move.code] = clause
        found_any = True

    if found_any:
        return
    if _MAYBE_ACCEPT.match(clause) and not question:
        unsure.append(intents.Accept())
        sources["accept"] = clause
        return
    # Accept and withdraw: only a short reply that says nothing else.
    for pattern, kind in ((_WITHDRAW, intents.Withdraw), (_ACCEPT, intents.Accept)):
        match = pattern.search(clause)
        if match is None:
            continue
        rest = words(clause[: match.start()] + " " + clause[match.end() :])
        negation = any(word in terms.NEGATIONS for word in words(clause[: match.start()]))
        if kind is intents.Accept and negation:
            return
        if len(rest) > 4 or any(not _filler(word) for word in rest):
            return  # "I accept that this is hard", "we need to cancel the call"
        maybe = kind is intents.Withdraw and _MAYBE_WITHDRAW.search(clause)
        (unsure if question or maybe else sure).append(kind())
        sources[kind.code] = match.group(0)
        return


_LINKS = frozenset("op on via en and voor for in de the het graag please aub".split())
_FILLERS = frozenset(
    "ok oke oké okay prima top goed fijn mooi great good fine perfect super cool alright then "
    "dan zo we wij ik i it that this dat dit het is so well wel dus let's lets yes ja sure "
    "please graag thanks bedankt hoor hè he toch nou it's its with them met hun haar her him "
    "hem zijn the de our ons onze their offer bod aanbod voorstel proposal quote offerte "
    "deal terms voorwaarden for voor nu now maar just gewoon even all right also ook a an een "
    "have has got hebben heb hebt we've we're we'll i'll will gaan ga this one deze from van "
    "hierbij anyway toch".split()
)


def _filler(word: str) -> bool:
    return word in _FILLERS or any(like(word, f) for f in ("prima", "alright", "perfect"))


def _is_bare(clause: str) -> bool:
    """A clause that is little more than its figures ("2 weken?", "10 days then")."""
    rest = [w for w in words(clause) if not w.replace(",", "").replace(".", "").isdigit()]
    return len(rest) <= 3


def _ask(clause: str, typed: list[str], question: bool) -> tuple[intents.CreatorAsk, bool] | None:
    """The creator's ask named in the clause, and whether we are sure it is the ask."""
    for match in _AMOUNT.finditer(clause):
        amount = intents.parse_amount(match["number"].rstrip(".,"))
        if amount is None or amount <= 0:
            continue
        if (match["after"] or "").lower() == "k":
            amount *= 1000
        tail = clause[match.end() : match.end() + 30]
        head = clause[max(0, match.start() - 40) : match.start()]
        if _OTHER_AMOUNT.search(tail.split(",")[0][:20]) or re.search(
            r"\b(?:paid|betaald|betaalden|cost|costs|kost|kostte|kosten|spent|spend|uitgegeven|"
            r"budget|vorige keer|last time)\b",
            clause,
        ):
            continue
        before, after = match["before"], match["after"]
        clock = re.search(r"\b(?:om|at)\s*$", head) and not (before or after) and amount <= 24
        if re.match(r"\s*(?:[/.-]\d|uur|u\b|h\b|:\d)", tail) or clock:
            continue  # a time or a date
        currency = _CURRENCY.get((before or "").lower()) or _CURRENCY.get((after or "").lower())
        move = intents.CreatorAsk(Decimal(amount), currency)
        asked = _ASKER.search(head) is not None and _ASKING.search(clause) is not None
        if asked and not question:
            return move, True
        if asked or currency or _is_bare(clause) and amount >= 50:
            return move, False
    return None


def _merge(moves: list[intents.Intent]) -> tuple[intents.Intent, ...]:
    """One move per kind (the last said wins); a window and a pre-window become one window."""
    by_code: dict[str, intents.Intent] = {}
    for move in moves:
        by_code[move.code] = move
    window = by_code.get("window")
    pre = by_code.get("pre_window")
    if isinstance(window, intents.SetWindow) and isinstance(pre, intents.SetPreWindow):
        by_code["window"] = intents.SetWindow(window.after, pre.before)
        del by_code["pre_window"]
    order = intents.UNDERSTOOD
    return tuple(sorted(by_code.values(), key=lambda m: order.index(m.code)))


def _slots_of(moves: tuple[intents.Intent, ...]) -> Slots:
    slots: dict[str, object] = {}
    for move in moves:
        match move:
            case intents.SetWindow(after=after, before=before):
                slots["after"] = after
                if before:
                    slots["before"] = before
            case intents.SetPreWindow(before=before):
                slots["before"] = before
            case intents.NarrowPlatforms(platforms=platforms):
                slots["platforms"] = platforms
            case intents.NarrowContent(content_types=content):
                slots["content_types"] = content
            case intents.SetScope(scope=scope, competitors=competitors):
                slots["scope"] = scope
                slots["competitors"] = competitors if scope is Scope.COMPETITORS else ()
            case intents.CreatorAsk(amount=amount, currency=currency):
                slots["amount"] = amount
                slots["currency"] = currency
    return Slots(**slots)  # type: ignore[arg-type]
