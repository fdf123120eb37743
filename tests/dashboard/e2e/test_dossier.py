"""The regiodossier in a real browser: one click on the Regio page downloads a PDF of the shown region."""
from __future__ import annotations

import io

from pypdf import PdfReader

from tests.dashboard.e2e.conftest import wait_for_app_idle


def test_regio_page_downloads_the_dossier_as_pdf_with_one_click(visit, tmp_path):
    page = visit.page
    page.goto(f"{visit.url}/regio")
    page.locator('[data-testid="stMain"] h1').first.wait_for()
    wait_for_app_idle(page)
    heading = page.locator('[data-testid="stMain"] h2').first.inner_text()  # "Naam (ZKnn)"
    name = heading.rsplit(" (", 1)[0].strip()
    button = page.get_by_role("button", name="Dossier als PDF")
    with page.expect_download(timeout=90_000) as info:
        button.click()
    download = info.value
    assert download.suggested_filename.startswith("fictief_voorbeeld_regiodossier_")
    assert download.suggested_filename.endswith("_vertrouwelijk.pdf")
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    data = target.read_bytes()
    assert data.startswith(b"%PDF") and len(data) < 3 * 1024 * 1024
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(data)).pages)
    assert f"Regiodossier {name}" in text and "fictief voorbeeld" in text
    wait_for_app_idle(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert visit.page_errors == [] and visit.blocked == []
