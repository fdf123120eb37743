"""The Dekking map and its pieces, tested as HTML and frames without a browser (hand-built world)."""
from __future__ import annotations

import re
from datetime import date

import geopandas as gpd
import pandas as pd

from dashboard.components.coverage import counts_frame, display_table, organisation_options
from dashboard.maps.base import map_html
from dashboard.maps.coverage import CLASS_LABELS, GAP_COLOURS, coverage_map, legend_html, location_layers
from geo.analysis import analyse
from geo.coverage import coverage_table
from tests.geo import world
from tests.geo.test_coverage import GEOGRAPHY, make_registry

HOSTILE = "<script>alert(1)</script>"


def table() -> pd.DataFrame:
    registry = make_registry()
    return coverage_table(analyse(registry, GEOGRAPHY, geometry=False), registry, date(2025, 6, 30))


def areas() -> gpd.GeoDataFrame:
    shapes = {"h1": world.rd_polygon(100_000, 450_000, 115_000, 460_000), "h2": world.rd_polygon(120_000, 450_000, 130_000, 460_000)}
    return gpd.GeoDataFrame({"hap_id": list(shapes), "naam": ["HAP 1", "HAP 2"]}, geometry=list(shapes.values()), crs="EPSG:4326")


def marker_ids(html: str) -> set[str]:
    return set(re.findall(r'"i": "([^"]+)"', html))


def test_every_location_is_one_marker_with_its_id_and_the_worst_gap_decides_the_layer():
    frame = table()
    html = map_html(coverage_map(frame, areas(), make_registry().facilities, tiles="geen"))
    assert marker_ids(html) == set(frame["id"])
    layers = {group.layer_name: group for group in location_layers(frame)}
    assert CLASS_LABELS["geen_huisarts"] in layers and CLASS_LABELS["niet_geregistreerd"] in layers
    assert GAP_COLOURS["geen_huisarts"] in html and "dashArray" in html  # HAP areas beneath, dashed
    assert not re.search(r"https?://|//cdn|cdnjs|jsdelivr|code\.jquery|bootstrapcdn", html)  # works offline


def test_only_the_selected_locations_and_their_hap_areas_are_drawn():
    frame = table()
    chosen = frame[frame["hap_id"] == "h2"]
    html = map_html(coverage_map(chosen, areas(), make_registry().facilities, tiles="geen"))
    assert marker_ids(html) == set(chosen["id"])
    assert html.count('"dashArray": "6 4"') <= 2


def test_hostile_names_are_escaped_in_tooltips():
    frame = table()
    frame.loc[0, "naam"] = HOSTILE
    html = map_html(coverage_map(frame, areas(), make_registry().facilities, tiles="geen"))
    assert HOSTILE not in html
    assert "\\u0026lt;script\\u0026gt;alert(1)" in html  # escaped for HTML, then JSON-encoded by folium


def test_legend_counts_and_table_for_the_page():
    frame = table()
    legend = legend_html({"geen_huisarts": 3})
    assert "Geen huisarts (3)" in legend and "Geen knelpunt (0)" in legend
    shown = display_table(frame)
    assert len(shown) == len(frame) and shown.columns[0] == "VG-locatie"
    assert set(shown["Formele afspraak met de HAP"]) <= {"ja", "nee", ""}
    assert shown["Knelpunten"].iloc[0].startswith("buiten elk HAP-werkgebied")  # worst first
    assert shown["Geschatte reistijd eigen HAP (min)"].dtype == float
    counts = counts_frame(frame).set_index("Knelpunt")["VG-locaties"]
    assert counts["Geen huisarts"] == 5
    assert list(organisation_options(frame))[:2] == ["", "A"]
