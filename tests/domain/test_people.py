"""domain.people: the colleague a name in a command means (`@sanne`, `<@U…>`, a display name)."""

from __future__ import annotations

import pytest

from domain.people import Member, UserRef, members_named, parse_user_ref

SANNE = Member("U01", "sanne", display_name="Sanne", real_name="Sanne Jansen")
SANNE_B = Member("U02", "sanne.b", display_name="Sanne", real_name="Sanne Bakker")
SAM = Member("U03", "sam", display_name="", real_name="Sanne")  # real name = others' display


@pytest.mark.parametrize(
    ("text", "ref"),
    [
        ("<@U0123456789>", UserRef(user_id="U0123456789")),
        ("<@U0123456789|sanne>", UserRef(user_id="U0123456789")),
        ("<@W0123456789>", UserRef(user_id="W0123456789")),
        ("WALTERBOSS1", UserRef(name="WALTERBOSS1")),  # a name, even if it looks like an id
        ("@sanne", UserRef(name="sanne")),
        ("@Sanne  Jansen", UserRef(name="Sanne Jansen")),
        ("sanne", UserRef(name="sanne")),
        ("@", None),
        ("", None),
    ],
)
def test_a_user_is_named_by_mention_id_or_name(text: str, ref: UserRef | None) -> None:
    assert parse_user_ref(text) == ref


def test_the_unique_username_wins_over_display_and_real_names() -> None:
    people = [SANNE, SANNE_B, SAM]
    assert members_named("@SANNE", people) == [SANNE]
    assert members_named("sanne.b", people) == [SANNE_B]
    assert members_named("sanne jansen", people) == [SANNE]
    assert members_named("@Sanne Bakker", people) == [SANNE_B]
    assert members_named("Sanne", people) == [SANNE]  # "sanne" is SANNE's username
    assert members_named("nobody", people) == []


def test_a_shared_display_name_gives_every_candidate() -> None:
    one = Member("U01", "s.one", display_name="Sam")
    two = Member("U02", "s.two", real_name="sam")
    assert members_named("@Sam", [one, two]) == [one, two]
