"""The wave report in a real browser: one click on Monitoring downloads the golfrapportage as a PDF."""
from __future__ import annotations

import io

from pypdf import PdfReader

from tests.dashboard.e2e.conftest import wait_for_app_idle


def test_monitoring_downloads_the_wave_report_as_pdf_with_one_click(visit, tmp_path):
    page = visit.page
    page.goto(f"{visit.url}/monitoring")
    page.locator('[data-testid="stMain"] h1').first.wait_for()
    wait_for_app_idle(page)
    button = page.get_by_role("button", name="Rapport als PDF")
    with page.expect_download(timeout=120_000) as info:
        button.click()
    download = info.value
    assert download.suggested_filename == "fictief_voorbeeld_golfrapportage_2024.pdf"
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    data = target.read_bytes()
    assert data.startswith(b"%PDF")
    pages = [" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(data)).pages]
    assert "Golfrapportage convenant MGZ" in pages[0] and all("fictief voorbeeld" in p for p in pages)
    assert "Knelpunten zonder actielijn" in " ".join(pages)
    wait_for_app_idle(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert visit.page_errors == [] and visit.blocked == []
