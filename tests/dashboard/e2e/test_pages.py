"""Every page opens in a real browser without an exception; an upload on Gegevens shows the check report."""
from __future__ import annotations

import pytest

from tests.dashboard.e2e.conftest import wait_for_app_idle

# URL paths of the pages in streamlit_app.py (Streamlit derives them from the file names; Kaart is "/").
PAGES = ["", "regio", "organisatie", "pilotregios", "monitoring", "gegevens", "over"]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_opens_without_an_exception(visit, path):
    visit.page.goto(f"{visit.url}/{path}")
    visit.page.locator('[data-testid="stMain"] h1').first.wait_for()  # every page starts with its title
    wait_for_app_idle(visit.page)
    errors = visit.page.locator('[data-testid="stException"]')
    assert errors.count() == 0, errors.first.inner_text()
    assert visit.page_errors == []
    assert visit.blocked == [], f"the page tried to reach outside servers: {visit.blocked}"


def test_uploading_a_file_on_gegevens_shows_the_validation_report(visit, tmp_path):
    upload = tmp_path / "voorzieningen.csv"
    upload.write_text(
        "id;type;naam;organisatie;adres;postcode;plaats;lat;lon;avg_fte;clienten;anw_open\n"
        "E2E-1;hap;Huisartsenpost Proef (fictief);;;1011 AB;Amsterdam;52,3745;4,9051;;;ja\n"
        "E2E-2;ziekenhuis;<b>Geen geldig type</b>;;;1011 AB;Amsterdam;52,37;4,90;;;\n",
        encoding="utf-8",
    )
    visit.page.goto(f"{visit.url}/gegevens")
    wait_for_app_idle(visit.page)
    visit.page.locator('[data-testid="stFileUploader"] input[type="file"]').first.set_input_files(str(upload))
    visit.page.get_by_text("2 rijen gelezen, 1 geldig, 1 afgewezen").wait_for()
    visit.page.get_by_role("heading", name="Afgewezen rijen").wait_for()
    wait_for_app_idle(visit.page)
    assert visit.page.locator('[data-testid="stException"]').count() == 0
    assert visit.page.locator("b", has_text="Geen geldig type").count() == 0  # the name is shown as text
