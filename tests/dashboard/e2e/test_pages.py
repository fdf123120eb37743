"""Every page opens in a real browser without an exception; an upload on Gegevens shows the check report."""
from __future__ import annotations

import json
import re

import pytest

from tests.dashboard.e2e.conftest import wait_for_app_idle

# URL paths of the pages in streamlit_app.py (Streamlit derives them from the file names; Kaart is "/").
PAGES = ["", "dekking", "regio", "organisatie", "pilotregios", "monitoring", "gegevens", "over"]


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


# The visible words of a page: text nodes of the main area, each on its own, without code (commands and file
# names the user types), icons (Material ligatures such as keyboard_arrow_right) and the network picture's SVG.
PAGE_WORDS_JS = """
() => {
    const main = document.querySelector('[data-testid="stMain"]');
    const skip = 'code, pre, svg, [data-testid="stIconMaterial"], .material-symbols-rounded, [translate="no"]';
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    const parts = [];
    while (walker.nextNode()) {
        const node = walker.currentNode;
        if (node.parentElement && !node.parentElement.closest(skip)) parts.push(node.textContent);
    }
    return parts.join(' ');
}
"""
SNAKE_CASE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b(?!\.(?:csv|xlsx|json|geojson|toml))")
RAW_VALUES = re.compile(r"\b(?:None|nan|NaN|True|False|NaT|undefined)\b")


@pytest.mark.parametrize("path", PAGES)
def test_no_page_shows_a_raw_key_or_an_empty_value(visit, path):
    visit.page.goto(f"{visit.url}/{path}")
    visit.page.locator('[data-testid="stMain"] h1').first.wait_for()
    wait_for_app_idle(visit.page)
    words = visit.page.evaluate(PAGE_WORDS_JS)
    assert len(words) > 200
    assert not SNAKE_CASE.findall(words), sorted(set(SNAKE_CASE.findall(words)))
    raw = [words[max(0, m.start() - 60):m.end() + 20] for m in RAW_VALUES.finditer(words)]
    assert not raw, raw
    # No sentence starts with a zero ('0 van de 30 ...' reads 'Geen van de 30 ...').
    assert not re.search(r"(?:^|[.!?]\s+)0 [a-zé]", words)


def test_kaart_with_a_region_and_a_facility_chosen_shows_no_raw_key(visit):
    from tests.dashboard.e2e.test_kaart import FIND_POINT_JS, POINT_IN_REGION_JS, open_kaart

    frame = open_kaart(visit)
    point = frame.evaluate(POINT_IN_REGION_JS, "ZK08")
    frame.locator(".leaflet-container").click(position={"x": point[0], "y": point[1]})
    visit.page.get_by_role("heading", name="Friesland (zorgkantoorregio)").wait_for()
    wait_for_app_idle(visit.page)
    marker = frame.evaluate(
        f"""() => {{
            const marker = ({FIND_POINT_JS})('(fictief)');
            window.map.setView(marker.getLatLng(), 15, {{animate: false}});
            const p = window.map.latLngToContainerPoint(marker.getLatLng());
            return [p.x, p.y];
        }}"""
    )
    frame.locator(".leaflet-container").click(position={"x": marker[0], "y": marker[1]})
    visit.page.get_by_text("Soort:").first.wait_for()
    wait_for_app_idle(visit.page)
    words = visit.page.evaluate(PAGE_WORDS_JS)
    assert not SNAKE_CASE.findall(words) and not RAW_VALUES.findall(words), words[:400]


def test_the_network_picture_keeps_its_shapes_after_switching_region(visit):
    # Each node's shape follows its type (the legend under the picture): huisarts ellipse, HAP box, AVG-poli
    # hexagon, VG-organisatie house. Before, d3-graphviz matched the next region's nodes to the last ones by
    # position and a house kept the ellipse it replaced.
    shapes_js = """() => [...document.querySelectorAll('[data-testid="stGraphVizChart"] g.node')].map(g => {
        const e = g.querySelector('ellipse, polygon');
        if (!e) return ['', 'none', 0];
        return [(e.getAttribute('fill') || '').slice(0, 7).toLowerCase(), e.tagName,
                e.tagName === 'polygon' ? (e.getAttribute('points') || '').trim().split(/\\s+/).length : 0];
    })"""
    expected = {"#009e73": ("ellipse", 0), "#0072b2": ("polygon", 5), "#cc79a7": ("polygon", 7), "#e69f00": ("polygon", 6)}
    page = visit.page
    page.goto(f"{visit.url}/regio")
    page.locator('[data-testid="stMain"] h2').first.wait_for()
    wait_for_app_idle(page)
    titles_js = """() => [...document.querySelectorAll('[data-testid="stGraphVizChart"] g.node text')]
        .map(t => t.textContent).sort().join('|')"""  # the parties' names: they change with the region
    page.get_by_role("tab", name="Netwerk").click()
    page.locator('[data-testid="stGraphVizChart"] g.node').first.wait_for()
    for region in ("Friesland (ZK08)", "Zeeland (ZK27)", "'t Gooi (ZK21)"):
        before = page.evaluate(titles_js)
        box = page.get_by_role("combobox", name="Regio")
        box.click()
        box.fill(region.split(" (")[0])
        page.get_by_role("option", name=region, exact=True).click()
        page.get_by_role("heading", name=region).wait_for()
        wait_for_app_idle(page)
        page.get_by_role("tab", name="Netwerk").click()
        # d3-graphviz draws the new picture (and used to morph the old one into it) after the rerun.
        page.wait_for_function(f"() => ({titles_js})() !== {json.dumps(before)}")
        shapes = page.evaluate(shapes_js)
        assert len(shapes) > 5
        wrong = [s for s in shapes if s[0] in expected and (s[1], s[2]) != expected[s[0]]]
        assert not wrong, (region, wrong[:5])
