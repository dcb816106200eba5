"""Charts as images: drawn from data in the reader's language, left out when too thin, sent
by the status card's "KPI chart" button (files_upload_v2 against the stand-in) and carried
by the weekly digest."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta
from decimal import Decimal

from PIL import Image

from domain.charts import kpi_trend_chart
from domain.kpis import KPIRecord
from domain.values import KPIKind
from handlers.charts import render, thin_note
from locales import translator
from storage.models import Partnership
from tests.factories import log_period, make_brand, make_creator, make_partnership
from tests.handlers.test_digest import NOW, TODAY, deliver_digest, workspace  # noqa: F401
from tests.harness import CHANNEL_ID, USER_ID, AppHarness

PNG = b"\x89PNG\r\n\x1a\n"


def records(periods: int, kinds=(KPIKind.ENGAGEMENT_RATE, KPIKind.AUTHENTIC_ENGAGEMENTS)):  # noqa: ANN001, ANN201
    found = []
    for n in range(periods):
        end = date(2026, 10, 31) - timedelta(days=30 * (periods - 1 - n))
        start = end - timedelta(days=29)
        values = {
            KPIKind.ENGAGEMENT_RATE: Decimal(4 + n),
            KPIKind.AUTHENTIC_ENGAGEMENTS: Decimal(1000 + 100 * n),
            KPIKind.SPEND: Decimal(900),
        }
        for kind in (*kinds, KPIKind.SPEND):
            currency = "EUR" if kind is KPIKind.SPEND else None
            found.append(KPIRecord(kind, start, end, values[kind], currency))
    return found


def opened(png: bytes) -> Image.Image:
    assert png.startswith(PNG)
    image = Image.open(io.BytesIO(png))
    image.load()
    return image


def drawn_pixels(image: Image.Image) -> int:
    """Pixels that are not the white background."""
    rgb = image.convert("RGB")
    counts = {colour: n for n, colour in rgb.getcolors(maxcolors=rgb.width * rgb.height)}
    return rgb.width * rgb.height - counts.get((255, 255, 255), 0)


def test_a_kpi_trend_is_one_phone_wide_png_with_a_panel_per_kpi() -> None:
    png = render(translator("nl"), kpi_trend_chart(records(4)))
    image = opened(png)
    # Three panels (engagement rate, authentic engagements, CPAE), one under the other.
    assert image.size == (800, 900)
    assert drawn_pixels(image) > 20_000


def test_fewer_than_three_points_are_not_drawn_and_the_text_says_why() -> None:
    t = translator("en")
    thin = kpi_trend_chart(records(2))
    assert render(t, thin) is None
    assert thin_note(t, thin) == (
        "Not drawn yet, too few data points (a trend needs at least 3): Engagement rate, "
        "Authentic engagements, CPAE per period."
    )
    # Only engagement logged for three periods: that panel alone is drawn.
    partly = kpi_trend_chart(records(3, kinds=(KPIKind.ENGAGEMENT_RATE,)))
    image = opened(render(t, partly))
    assert image.size == (800, 300)
    assert "Authentic engagements, CPAE per period" in thin_note(t, partly)


def kpi_chart_click(harness: AppHarness, partnership: Partnership) -> None:
    card = harness.command("/creator", "status zoe")
    button = next(
        e
        for b in card["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"] == "status_kpi_chart"
    )
    assert button["value"] == str(partnership.id)
    assert harness.click(button["action_id"], button["value"]).status == 200


def test_the_kpi_chart_button_uploads_the_trend_to_the_askers_dm(harness: AppHarness) -> None:
    engine = harness.engine
    zoe = make_partnership(engine, make_creator(engine), make_brand(engine))
    for n in range(3):
        end = date(2026, 10, 31) - timedelta(days=30 * (2 - n))
        log_period(
            engine,
            zoe,
            end - timedelta(days=29),
            end,
            {
                KPIKind.ENGAGEMENT_RATE: 4 + n,
                KPIKind.AUTHENTIC_ENGAGEMENTS: 1000 + 100 * n,
                KPIKind.SPEND: 900,
            },
        )
    kpi_chart_click(harness, zoe)
    [asked] = harness.standin.wait_for_call("files.getUploadURLExternal")
    [upload] = harness.standin.wait_for_call("upload")
    [done] = harness.standin.wait_for_call("files.completeUploadExternal")
    assert harness.standin.violations == []
    file_id = asked.response["file_id"]
    assert upload.args == {"file_id": file_id, "size": int(asked.args["length"])}
    assert asked.args["filename"] == "kpi-zoedevries.png" and asked.args["alt_txt"]
    assert json.loads(done.args["files"])[0]["id"] == file_id
    # In the DM of whoever clicked, with a comment naming the creator.
    [dm] = harness.standin.calls_to("conversations.open")
    assert dm.args["users"] == USER_ID
    assert done.args["channel_id"] == dm.response["channel"]["id"]
    assert "Zoë de Vries" in done.args["initial_comment"]
    image = opened(harness.standin.upload_of(file_id))
    assert image.size == (800, 900)


def test_too_few_periods_for_a_chart_are_explained_in_the_dm(harness: AppHarness) -> None:
    engine = harness.engine
    zoe = make_partnership(engine, make_creator(engine), make_brand(engine))
    log_period(
        engine,
        zoe,
        date(2026, 10, 1),
        date(2026, 10, 31),
        {KPIKind.ENGAGEMENT_RATE: 4, KPIKind.AUTHENTIC_ENGAGEMENTS: 1000, KPIKind.SPEND: 900},
    )
    kpi_chart_click(harness, zoe)
    [told] = harness.standin.wait_for_call("chat.postMessage")
    assert "too few data points" in told.args["text"]
    assert harness.standin.calls_to("files.getUploadURLExternal") == []


def test_the_weekly_digest_carries_its_chart_in_its_thread(
    harness: AppHarness,
    workspace,  # noqa: ANN001, F811
) -> None:
    [digest] = deliver_digest(harness)
    [done] = harness.standin.wait_for_call("files.completeUploadExternal")
    assert harness.standin.violations == []
    assert done.args["channel_id"] == CHANNEL_ID
    posted = next(
        c for c in harness.standin.calls_to("chat.postMessage") if c.args is digest
    ).response
    assert done.args["thread_ts"] == posted["ts"]
    assert done.args["initial_comment"].startswith("Weekly digest chart · 7 Jan 2030")
    file_id = json.loads(done.args["files"])[0]["id"]
    image = opened(harness.standin.upload_of(file_id))
    # Creator NPS per brand and partnerships per stage, one under the other. The KPI periods
    # ended 10 and 2 days ago: the weekly CPAE has two points (this week's, last week's),
    # too few to draw, and the comment says so.
    assert image.size == (800, 600)
    assert "Portfolio CPAE per week" in done.args["initial_comment"]
    assert "too few data points" in done.args["initial_comment"]
    assert drawn_pixels(image) > 20_000
    assert TODAY == date(2030, 1, 7) and NOW.date() == TODAY
