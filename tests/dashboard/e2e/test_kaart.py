"""The Kaart page in a real browser: offline rendering, region click -> profile, escaped hostile names."""
from __future__ import annotations

import pytest

from tests.dashboard.e2e.conftest import HOSTILE_NAME, HOSTILE_PLACE, map_frame, wait_for_app_idle

# A pixel inside region `code` (container coordinates) that no facility marker covers, or null.
POINT_IN_REGION_JS = """
(code) => {
    const map = window.map;
    const layers = Object.values(map._layers);
    const regions = layers.filter(l => l.feature && l.feature.properties && l.feature.properties.c !== undefined);
    const region = regions.find(l => l.feature.properties.c === code);
    if (!region || !region._pxBounds) return null;
    const others = regions.filter(l => l !== region && l._pxBounds);
    const markers = layers.filter(l => l instanceof L.CircleMarker);
    // Well inside: the point and its neighbours 8 px away lie in the region and in no other region.
    const inside = p => [[0, 0], [8, 0], [-8, 0], [0, 8], [0, -8]].every(
        ([dx, dy]) => region._containsPoint(p.add([dx, dy])) && !others.some(o => o._containsPoint(p.add([dx, dy]))));
    const size = map.getSize();
    const b = region._pxBounds;
    for (let i = 1; i < 24; i++) {
        for (let j = 1; j < 24; j++) {
            const p = L.point(b.min.x + (b.max.x - b.min.x) * i / 24, b.min.y + (b.max.y - b.min.y) * j / 24);
            if (!inside(p)) continue;
            if (markers.some(m => m._point && m._point.distanceTo(p) < m._radius + 6)) continue;
            const c = map.layerPointToContainerPoint(p);
            if (c.x > 5 && c.y > 5 && c.x < size.x - 5 && c.y < size.y - 5) return [c.x, c.y];
        }
    }
    return null;
}
"""

# Region codes of the map: its tooltips' texts, keyed by code (tooltips are escaped HTML strings).
REGION_NAMES_JS = """
() => Object.fromEntries(Object.values(window.map._layers)
    .filter(l => l.feature && l.feature.properties && l.feature.properties.c !== undefined)
    .map(l => [l.feature.properties.c, l.feature.properties.t]))
"""


def open_kaart(visit):
    visit.page.goto(visit.url + "/")
    frame = map_frame(visit.page)
    wait_for_app_idle(visit.page)
    return frame


def test_map_renders_regions_with_every_outside_request_blocked(visit):
    frame = open_kaart(visit)
    regions = frame.evaluate(REGION_NAMES_JS)
    assert len(regions) == 31  # zorgkantoorregio's, the default level
    # Next to every signal the tooltip says over how many VG locations it stands, and how robust it is; a region
    # with too little data says why instead.
    assert all("Volledigheid: gegevens over " in tip for tip in regions.values())
    judged = [tip for tip in regions.values() if "Reden: Onvoldoende gegevens" not in tip]
    assert judged and all("Zekerheid: robuust" in tip or "Zekerheid: gevoelig" in tip for tip in judged)
    assert frame.locator(".leaflet-overlay-pane canvas").count() >= 1
    scripts = frame.evaluate("() => Array.from(document.scripts).map(s => s.src).filter(Boolean)")
    assert any(src.endswith("/app/static/vendor/leaflet/leaflet.js") for src in scripts)
    assert visit.blocked == [], f"the app tried to reach outside servers: {visit.blocked}"
    assert visit.page_errors == []


def test_clicking_a_region_shows_its_profile(visit):
    frame = open_kaart(visit)
    point = frame.evaluate(POINT_IN_REGION_JS, "ZK08")
    assert point is not None, "no free pixel inside Friesland"
    frame.locator(".leaflet-container").click(position={"x": point[0], "y": point[1]})
    visit.page.get_by_role("heading", name="Friesland (zorgkantoorregio)").wait_for()
    wait_for_app_idle(visit.page)
    # The map was not rebuilt: the same Leaflet map now also draws the selection outline.
    drawn = frame.evaluate("() => Object.values(window.map._layers).filter(l => l.options && l.options.interactive === false).length")
    assert drawn >= 1
    assert visit.page.locator('[data-testid="stException"]').count() == 0
    assert visit.blocked == []


@pytest.mark.parametrize("layer", ["VG-locaties", "AVG-poli's"])
def test_switching_on_a_point_layer_keeps_the_map_and_adds_markers(visit, layer):
    frame = open_kaart(visit)
    frame.evaluate("() => { window.mgzSameMap = true; }")
    before = frame.evaluate("() => Object.values(window.map._layers).filter(l => l instanceof L.CircleMarker).length")
    visit.page.get_by_role("button", name=layer).click()
    wait_for_app_idle(visit.page)
    frame.wait_for_function(f"() => Object.values(window.map._layers).filter(l => l instanceof L.CircleMarker).length > {before}")
    assert frame.evaluate("() => window.mgzSameMap === true"), "the map was re-created"
    assert visit.blocked == []


# The packed marker of the facility whose (escaped) name contains `text`, with its type's group.
FIND_POINT_JS = """
(text) => {
    const group = Object.values(window.map._layers).find(l => l.mgzData && l.mgzData.n && l.mgzData.n.some(n => n.includes(text)));
    const index = group.mgzData.n.findIndex(n => n.includes(text));
    return group.getLayers().find(m => m.mgzIndex === index);
}
"""


def test_hostile_facility_names_show_as_text_in_the_tooltip_and_the_details(visit):
    dialogs = []
    visit.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    frame = open_kaart(visit)
    shown = frame.evaluate(
        f"""() => {{
            const marker = ({FIND_POINT_JS})('alert(1)');
            marker.fire('mouseover', {{latlng: marker.getLatLng()}}, true);
            const tip = document.querySelector('.leaflet-tooltip');
            return {{text: tip.textContent, scripts: tip.querySelectorAll('script, img').length}};
        }}"""
    )
    assert HOSTILE_NAME in shown["text"] and "klik voor details" in shown["text"]
    assert shown["scripts"] == 0
    # A click loads the details (place, organisation, ...) beside the map, as text.
    point = frame.evaluate(
        f"""() => {{
            const marker = ({FIND_POINT_JS})('alert(1)');
            window.map.setView(marker.getLatLng(), 15, {{animate: false}});
            const p = window.map.latLngToContainerPoint(marker.getLatLng());
            return [p.x, p.y];
        }}"""
    )
    frame.locator(".leaflet-container").click(position={"x": point[0], "y": point[1]})
    visit.page.get_by_text(HOSTILE_PLACE).wait_for()
    wait_for_app_idle(visit.page)
    assert visit.page.get_by_text(HOSTILE_NAME).count() >= 1
    assert frame.evaluate("() => window.mgzHacked === undefined")
    assert visit.page.evaluate("() => window.mgzHacked === undefined")
    assert dialogs == []
    assert visit.page.locator('[data-testid="stException"]').count() == 0
