"""`/exclusivity check` and `/exclusivity list` through the Slack stand-in."""

from __future__ import annotations

from tests.handlers.exclusivity.deal_threads import fashion_deal, reply_in_thread, text_of
from tests.harness import AppHarness

# The harness's clock stands at 23 Nov 2026; a window agreed then for 7 days holds on the 25th.
IN_WINDOW = "2026-11-25"
AFTER_WINDOW = "2026-12-05"


def agree_a_week_on_instagram(harness: AppHarness) -> None:
    """Glow is excluded for a week on Instagram."""
    fashion_deal(harness, exclusivity_needs_approval=False)
    harness.command("/exclusivity", "quote zoe competitors Glow 7d on instagram")
    thread_ts = harness.standin.wait_for_call("chat.postMessage")[0].response["ts"]
    reply_in_thread(harness, thread_ts, "deal")


def test_check_needs_a_creator_and_a_readable_date(harness: AppHarness) -> None:
    fashion_deal(harness)
    for text in ("check zoe", "check 2026-11-25", "check zoe 2026-13-45"):
        reply = harness.command("/exclusivity", text)
        assert "/exclusivity check" in reply["text"], text


def test_check_finds_a_clash_only_where_and_when_the_window_holds(harness: AppHarness) -> None:
    agree_a_week_on_instagram(harness)
    clash = harness.command("/exclusivity", f"check zoe {IN_WINDOW} instagram Glow")
    assert clash["text"].startswith("⛔") and "Maison Lumière" in clash["text"]
    other_platform = harness.command("/exclusivity", f"check zoe {IN_WINDOW} tiktok Glow")
    assert other_platform["text"].startswith("✅")
    later = harness.command("/exclusivity", f"check zoe {AFTER_WINDOW} instagram Glow")
    assert later["text"].startswith("✅")
    any_brand = harness.command("/exclusivity", f"check zoe {IN_WINDOW}")
    assert any_brand["text"].startswith("⚠️")


def test_the_list_shows_the_agreed_window_and_finds_creators_by_name(harness: AppHarness) -> None:
    assert "No exclusivity windows" in text_of(harness.command("/exclusivity", "list"))
    agree_a_week_on_instagram(harness)
    listed = text_of(harness.command("/exclusivity", "list"))
    assert "Zoë de Vries" in listed and "(Glow)" in listed and "7 days after go-live" in listed
    assert "Maison" in text_of(harness.command("/exclusivity", "list zoe"))
    unknown = harness.command("/exclusivity", "list nobody")
    assert "Maison" not in text_of(unknown) and unknown["response_type"] == "ephemeral"
