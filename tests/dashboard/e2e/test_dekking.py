"""The Dekking page in a real browser: filter to a region; the map, the table and the XLSX download agree."""
from __future__ import annotations

import re

from openpyxl import load_workbook

from tests.dashboard.e2e.conftest import wait_for_app_idle

MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
# Ids of the VG locations on the map (each marker carries its location id as property `i`).
MARKER_IDS_JS = """
() => !window.map ? null : Object.values(window.map._layers)
    .filter(l => l.feature && l.feature.properties && l.feature.properties.i !== undefined)
    .map(l => l.feature.properties.i)
"""


def marker_ids(page) -> list[str]:
    """The location ids on the map once Leaflet has drawn them (the iframe is rebuilt when the selection changes)."""
    page.wait_for_selector(MAP_IFRAME)
    frame = page.query_selector(MAP_IFRAME).content_frame()
    frame.wait_for_function(f"() => {{ const ids = ({MARKER_IDS_JS})(); return ids && ids.length > 0; }}")
    return frame.evaluate(MARKER_IDS_JS)


def choose(page, label: str, text: str) -> None:
    """Pick an option of a Streamlit select box by typing (as a keyboard user would)."""
    box = page.locator('[data-testid="stSelectbox"]').filter(has=page.get_by_text(label, exact=True))
    box.locator("input").click()
    page.keyboard.type(text)
    page.keyboard.press("Enter")
    wait_for_app_idle(page)


def test_filter_to_a_region_and_the_table_map_and_xlsx_agree(visit, tmp_path):
    page = visit.page
    page.goto(f"{visit.url}/dekking")
    page.get_by_role("heading", name="Dekking").wait_for()
    wait_for_app_idle(page)
    choose(page, "Regio", "Friesland")
    page.get_by_role("heading", name="Friesland (zorgkantoorregio)").wait_for()
    wait_for_app_idle(page)

    caption = page.get_by_text(re.compile(r"\d+ VG-locaties in de selectie")).inner_text()
    shown = int(re.search(r"(\d+) VG-locaties in de selectie", caption).group(1))
    on_map = marker_ids(page)
    assert len(on_map) == len(set(on_map)) == shown
    metric = page.locator('[data-testid="stMetric"]').filter(has_text="VG-locaties").first
    assert metric.locator('[data-testid="stMetricValue"]').inner_text().strip() == str(shown)

    with page.expect_download(timeout=90_000) as info:
        page.get_by_role("button", name="Excel, één werkblad per organisatie").click()
    download = info.value
    assert download.suggested_filename.startswith("fictief_voorbeeld_dekking_Friesland")
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    workbook = load_workbook(target)
    sheets = workbook.worksheets[1:]
    assert workbook.sheetnames[0] == "toelichting" and len(sheets) >= 2
    ids = []
    for sheet in sheets:
        header = [cell.value for cell in sheet[1]]
        column = header.index("Id")
        organisations = {row[header.index("Organisatie")] for row in sheet.iter_rows(min_row=2, values_only=True)}
        assert organisations == {sheet.title} or len(sheet.title) == 31  # one organisation per sheet
        ids += [row[column] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sorted(ids) == sorted(on_map)

    assert page.locator('[data-testid="stException"]').count() == 0
    assert visit.page_errors == []
    assert visit.blocked == [], f"the page tried to reach outside servers: {visit.blocked}"
