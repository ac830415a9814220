"""End to end in a real browser: the distribution's Chromium, driven by Playwright, uploads a corpus
PDF, sees a finding beside its page with the cited cell marked, and downloads the XLSX report.

Screenshots are written to tests/artifacts/ (not committed). Chromium comes from the system
(Debian package ``chromium``, installed by .ci/run); Playwright never downloads a browser here.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from web_support import PDF_WITH_ERRORS, live_server

CHROMIUM = os.environ.get("YUSUAN_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).parent / "artifacts"
# what a root CI box needs: no sandbox, and no calls home on a closed network
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]


def test_upload_see_marked_finding_download_xlsx(tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is a dev dependency")
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"SKIPPED LOUDLY: no Chromium at {CHROMIUM} (apt-get install chromium; .ci/run does)")
    if not PDF_WITH_ERRORS.exists():
        pytest.skip(f"SKIPPED LOUDLY: corpus PDF {PDF_WITH_ERRORS} is absent")
    from openpyxl import load_workbook

    ARTIFACTS.mkdir(exist_ok=True)
    with live_server(tmp_path, workers=1) as url, sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
            page.goto(url + "/")
            page.set_input_files('input[name="files"]', str(PDF_WITH_ERRORS))
            page.screenshot(path=str(ARTIFACTS / "e2e_1_upload.png"))
            page.click("#submit")
            # the batch page refreshes itself until the document is read
            page.wait_for_selector("a.open", timeout=120_000)
            page.screenshot(path=str(ARTIFACTS / "e2e_2_batch.png"), full_page=True)
            page.click("a.open")
            finding = page.locator("article.finding.error", has_text="Y101").first
            finding.scroll_into_view_if_needed()
            mark = finding.locator(".mark").first
            mark.wait_for(state="visible", timeout=30_000)
            image = finding.locator("figure.page img")
            page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle(),
                                   timeout=60_000)
            assert "第 8 页" in finding.inner_text()
            # the mark sits inside the page image, over the cited cell
            box, frame = mark.bounding_box(), image.bounding_box()
            assert box and frame and frame["x"] <= box["x"] and box["x"] + box["width"] <= frame["x"] + frame["width"]
            page.wait_for_timeout(300)
            finding.screenshot(path=str(ARTIFACTS / "e2e_3_finding.png"))
            page.screenshot(path=str(ARTIFACTS / "e2e_4_document.png"))
            with page.expect_download() as info:
                page.click("#doc-xlsx")
            target = ARTIFACTS / "e2e_审核意见.xlsx"
            info.value.save_as(str(target))
        finally:
            browser.close()
    rows = list(load_workbook(target)["审核意见"].iter_rows(min_row=2, values_only=True))
    assert any(r[3] == "Y101" and r[0] == PDF_WITH_ERRORS.name for r in rows)
