"""Thread replies as negotiation moves, in Dutch and English; everything else is no move."""

from __future__ import annotations

import time
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.durations import Duration, DurationUnit
from domain.intents import (
    MAX_INPUT_CHARS,
    UNDERSTOOD,
    Accept,
    CreatorAsk,
    NarrowContent,
    NarrowPlatforms,
    SetPreWindow,
    SetScope,
    SetWindow,
    Withdraw,
    parse_intent,
)
from domain.values import ContentType, Platform, Scope

D = Decimal
DAYS_14 = Duration(D(14), DurationUnit.DAY)
WEEKS_2 = Duration(D(2), DurationUnit.WEEK)
HOURS_48 = Duration(D(48), DurationUnit.HOUR)
HOURS_24 = Duration(D(24), DurationUnit.HOUR)
IG, TT, YT = Platform.INSTAGRAM, Platform.TIKTOK, Platform.YOUTUBE


# --- The accepted forms, English and Dutch -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("make it 14 days", SetWindow(DAYS_14)),
        ("2 weeks", SetWindow(WEEKS_2)),
        ("48h", SetWindow(HOURS_48)),
        ("maak er 14 dagen van", SetWindow(DAYS_14)),
        ("2 weken", SetWindow(WEEKS_2)),
        ("48 uur", SetWindow(HOURS_48)),
    ],
)
def test_change_window(text, intent):
    assert parse_intent(text) == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Make it 14 days after go-live.", SetWindow(DAYS_14)),
        ("14 dagen na go-live", SetWindow(DAYS_14)),
        ("window: 14 days", SetWindow(DAYS_14)),
        ("let's do 2 weeks then", SetWindow(WEEKS_2)),
        ("<@U024BE7LH> make it 2 weeks please", SetWindow(WEEKS_2)),
        ("ok, 48 uur", SetWindow(HOURS_48)),
        ("a week", SetWindow(Duration(D(1), DurationUnit.WEEK))),
        ("een maand", SetWindow(Duration(D(1), DurationUnit.MONTH))),
        ("maak er 1,5 dag van", SetWindow(Duration(D("1.5"), DurationUnit.DAY))),
        ("24h before and after", SetWindow(HOURS_24, before=HOURS_24)),
        ("24 uur ervoor en erna", SetWindow(HOURS_24, before=HOURS_24)),
    ],
)
def test_change_window_variants(text, intent):
    assert parse_intent(text) == intent


@pytest.mark.parametrize(
    "text", ["24h before", "24 uur ervoor", "24 hours before go-live", "plus 24h beforehand"]
)
def test_add_a_pre_window(text):
    assert parse_intent(text) == SetPreWindow(HOURS_24)


@pytest.mark.parametrize(
    ("text", "platforms"),
    [
        ("only TikTok", {TT}),
        ("just instagram and youtube", {IG, YT}),
        ("alleen TikTok", {TT}),
        ("enkel instagram en youtube", {IG, YT}),
        ("TikTok only", {TT}),
        ("alleen op TikTok graag", {TT}),
        ("only Instagram, TikTok, and YouTube", {IG, TT, YT}),
        ("just IG/YT", {IG, YT}),
        ("only tik tok exclusivity", {TT}),
    ],
)
def test_narrow_platforms(text, platforms):
    assert parse_intent(text) == NarrowPlatforms(frozenset(platforms))


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("stories only", {ContentType.STORIES}),
        ("alleen stories", {ContentType.STORIES}),
        ("only feed posts and reels", {ContentType.POSTS, ContentType.REELS}),
        ("alleen video's", {ContentType.VIDEOS}),
        ("just shorts", {ContentType.SHORTS}),
    ],
)
def test_narrow_content(text, content):
    assert parse_intent(text) == NarrowContent(frozenset(content))


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("full exclusivity", SetScope(Scope.FULL)),
        ("volledige exclusiviteit", SetScope(Scope.FULL)),
        ("maak er volledige exclusiviteit van", SetScope(Scope.FULL)),
        ("just competitors Nike, Adidas", SetScope(Scope.COMPETITORS, ("Nike", "Adidas"))),
        ("alleen concurrenten Nike, Adidas", SetScope(Scope.COMPETITORS, ("Nike", "Adidas"))),
        ("category only", SetScope(Scope.CATEGORY)),
        ("categorie-exclusiviteit", SetScope(Scope.CATEGORY)),
        ("competitors only", SetScope(Scope.COMPETITORS)),
    ],
)
def test_scope(text, intent):
    assert parse_intent(text) == intent


def test_competitor_names_keep_their_case_and_order():
    intent = parse_intent("only competitors: ASICS, H&M and new balance")
    assert intent == SetScope(Scope.COMPETITORS, ("ASICS", "H&M", "new balance"))
    assert parse_intent("concurrentenlijst: Nike, nike, Puma") == SetScope(
        Scope.COMPETITORS, ("Nike", "Puma")
    )


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("she asks 400", "400", None),
        ("they want €1.200", "1200", "EUR"),
        ("counter 350", "350", None),
        ("ze vraagt 400", "400", None),
        ("hij wil € 1.200", "1200", "EUR"),
        ("tegenbod 350", "350", None),
    ],
)
def test_creator_ask(text, amount, currency):
    assert parse_intent(text) == CreatorAsk(D(amount), currency)


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("she wants €1,200", "1200", "EUR"),
        ("he asks 1.200,50 euro", "1200.50", "EUR"),
        ("the creator countered with $1,200.50", "1200.50", "USD"),
        ("ze vraagt nu € 400,- voor exclusiviteit", "400", "EUR"),
        ("counter: 350 EUR", "350", "EUR"),
        ("they are asking for 1,5", "1.5", None),
        ("their ask is 2.500.000", "2500000", None),
    ],
)
def test_creator_ask_number_formats(text, amount, currency):
    assert parse_intent(text) == CreatorAsk(D(amount), currency)


@pytest.mark.parametrize(
    "text",
    ["deal", "accept", "agreed", "akkoord", "Deal!", "ok, deal 👍", "we gaan akkoord", "accept it"],
)
def test_accept(text):
    assert parse_intent(text) == Accept()


@pytest.mark.parametrize(
    "text",
    ["withdraw", "cancel", "intrekken", "annuleer", "we withdraw the offer", "trek het bod in"],
)
def test_withdraw(text):
    assert parse_intent(text) == Withdraw()


# --- What is no move ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "what about next week?",
        "400 followers",
        "14 posts",
        "400",
        "14",
        "€1.200",
        "the shoot cost 400 last time",
        "we paid €1.200 for the venue",
        "dealer",
        "cancelled the shoot yesterday",
        "",
        "   ",
        "2 weeks?",
        "deal?",
        "she asks 400 followers",
        "she asks 10%",
        "counter 0",
        "she asks 1,2345",
        "TikTok",
        "make it 400",
        "14 dagenlang",
        "only instagram stories",  # platform and content mixed: not (yet) one move
        "just competitors like Nike because they are our biggest rivals in the market",
        "we need to cancel the call",
        "I accept that this is hard",
        "ok",
    ],
)
def test_no_move(text):
    assert parse_intent(text) is None


def test_hostile_input_is_no_move_and_fast():
    hostile = [
        "a" * 10_000,
        "\x00\x07\x1b[31m deal \x00",
        "1," * 5_000,
        "only " + "instagram and " * 5_000,
        "just competitors " + "Nike, " * 20_000,
        "x" * 100_000,
    ]
    start = time.perf_counter()
    for text in hostile:
        assert parse_intent(text) is None
    # Inside the length limit, the worst shapes we can think of still run in linear time.
    for text in ["1," * 249, "only instagram and " * 26, "Nike, " * 83, "4" * 499, " " * 499]:
        assert len(text) <= MAX_INPUT_CHARS
        parse_intent(text)
    assert time.perf_counter() - start < 0.5


def test_control_characters_inside_a_short_reply_are_spaces():
    assert parse_intent("deal\x00") == Accept()
    # A zero-width space pasted between words separates them like any other space.
    assert parse_intent("make\u200bit 14\tdays") == SetWindow(DAYS_14)
    assert parse_intent("make it\t14\ndays") == SetWindow(DAYS_14)


# --- Fuzz --------------------------------------------------------------------------------------


@given(st.text(max_size=600))
def test_never_raises_on_arbitrary_text(text):
    parse_intent(text)


@given(
    st.lists(
        st.sampled_from(
            ["make it", "only", "she asks", "14", "days", "€", "1.200", "deal", ",", "and", "?"]
            + ["tiktok", "alleen", "concurrenten", "Nike", "uur", "ervoor", "\x00", " "]
        ),
        max_size=30,
    )
)
def test_never_raises_on_word_salad(words):
    intent = parse_intent(" ".join(words))
    assert intent is None or intent.code in UNDERSTOOD


@given(
    st.integers(min_value=0, max_value=10**9),
    st.sampled_from(["{:d}", "{:,d}", "€{:d}", "{:d} euro", "€ {:,d}", " {:d}. "]),
    st.booleans(),
)
def test_a_bare_number_never_matches(number, shape, dutch):
    text = shape.format(number)
    if dutch:
        text = text.replace(",", ".")
    assert parse_intent(text) is None


@given(st.decimals(min_value=D("0.01"), max_value=D(99_999), places=2))
def test_an_ask_reads_back_the_amount_in_both_styles(amount):
    english = f"{amount:,.2f}"
    dutch = english.replace(",", "_").replace(".", ",").replace("_", ".")
    assert parse_intent(f"she asks {english}") == CreatorAsk(amount)
    assert parse_intent(f"ze vraagt €{dutch}") == CreatorAsk(amount, "EUR")
