"""The charts' Slack surface (handlers/charts/surface.py): the status card's "KPI chart" button
uploads the trend to the asker's DM (files_upload_v2 against the stand-in) or says why it
cannot yet, and the weekly digest carries its chart in its thread."""

from __future__ import annotations

import json
from datetime import date, timedelta

from domain.values import KPIKind
from storage.models import Partnership
from tests.factories import log_period, make_brand, make_creator, make_partnership
from tests.handlers.charts.images_for_tests import drawn_pixels, opened
from tests.handlers.test_digest import NOW, TODAY, deliver_digest, workspace  # noqa: F401
from tests.harness import CHANNEL_ID, USER_ID, AppHarness


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
