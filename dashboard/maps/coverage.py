"""The Dekking map: VG locations coloured by their worst gap, HAP service areas beneath (pure folium, no streamlit).

One GeoJSON layer per gap class, each drawn as canvas circle markers with one style: thousands of points stay
fast and the legend is the list of classes. Every marker carries the location id (property `i`), so a test can
check that the map shows exactly the locations of the table.
"""
from __future__ import annotations

import html

import folium
import geopandas as gpd
import pandas as pd
from folium.utilities import JsCode

from dashboard.maps.base import base_map
from dashboard.maps.facilities import facility_layer, service_area_layer
from dashboard.maps.geojson import point_collection, tooltip_html
from dashboard.format import number
from geo.coverage import GAPS

NO_GAP = "geen"
# Worst gap -> colour (Okabe-Ito, colour-blind safe); unknown registry ties are grey, no gap is blue.
GAP_COLOURS = {
    "buiten_hap_gebied": "#7f2704",
    "geen_huisarts": "#d55e00",
    "niet_geregistreerd": "#9e9e9e",
    "geen_afspraak_hap": "#e69f00",
    "hap_niet_anw": "#f0e442",
    "avg_laag": "#cc79a7",
    NO_GAP: "#0072b2",
}
CLASS_LABELS = {**{key: words[:1].upper() + words[1:] for key, words in GAPS.items()}, NO_GAP: "Geen knelpunt"}
_TOOLTIP_JS = "function (feature, layer) { layer.bindTooltip(feature.properties.t); }"


def _yes_no(value) -> str | None:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    return "ja" if bool(value) else "nee"


def location_tooltip(row) -> str:
    """Escaped tooltip of one location: name, organisation, gaps, GP, HAP and the estimated travel times."""
    lines = [
        ("Organisatie", row.organisatie),
        ("Knelpunten", row.knelpunten or "geen"),
        ("Huisarts", row.huisarts),
        ("HAP", row.hap_naam),
        ("Formele afspraak met de HAP", _yes_no(row.hap_formeel)),
        ("HAP alle ANW-uren open", _yes_no(row.hap_anw_volledig)),
        ("Geschatte reistijd eigen HAP", number(row.reistijd_eigen_hap_min, 0, "min") if pd.notna(row.reistijd_eigen_hap_min) else None),
        ("Geschatte reistijd AVG-poli", number(row.reistijd_avg_poli_min, 0, "min") if pd.notna(row.reistijd_avg_poli_min) else None),
        ("Wlz-behandeling", row.behandeling if isinstance(row.behandeling, str) else None),
    ]
    return tooltip_html(row.naam, lines)


def gap_class(worst) -> str:
    return worst if isinstance(worst, str) and worst in GAP_COLOURS else NO_GAP


def location_layers(table: pd.DataFrame) -> list[folium.FeatureGroup]:
    """One feature group per gap class (worst gap first, 'geen knelpunt' last) with the locations of `table`."""
    classes = table["ergste"].map(gap_class)
    groups = []
    for key, colour in GAP_COLOURS.items():
        rows = table[(classes == key).to_numpy()]
        if rows.empty:
            continue
        group = folium.FeatureGroup(name=CLASS_LABELS[key])
        properties = [{"t": location_tooltip(row), "i": str(row.id), "k": key} for row in rows.itertuples(index=False)]
        collection = point_collection(rows["lat"].to_numpy(), rows["lon"].to_numpy(), properties)
        folium.GeoJson(
            collection,
            name=CLASS_LABELS[key],
            marker=folium.CircleMarker(radius=6, color="#000000", weight=1, fill=True, fill_color=colour, fill_opacity=0.95),
            on_each_feature=JsCode(_TOOLTIP_JS),
        ).add_to(group)
        groups.append(group)
    return groups


def coverage_map(table: pd.DataFrame, areas: gpd.GeoDataFrame, facilities: pd.DataFrame, tiles: str = "osm",
                 base_url_path: str = "") -> folium.Map:
    """The map of a selection: HAP areas of the selected locations (dashed) with their posts, AVG-poli's nearby,
    and the locations on top coloured by their worst gap; zoomed to the locations."""
    m = base_map(tiles, base_url_path)
    located = table.dropna(subset=["lat", "lon"])
    hap_ids = set(located["hap_id"].dropna())
    shown = areas[areas["hap_id"].isin(hap_ids) & areas.geometry.notna()]
    if not shown.empty:
        service_area_layer(shown).add_to(m)
    if not located.empty:
        south, north = float(located["lat"].min()), float(located["lat"].max())
        west, east = float(located["lon"].min()), float(located["lon"].max())
        margin = 0.05
        nearby = facilities[facilities["lat"].between(south - margin, north + margin)
                            & facilities["lon"].between(west - margin, east + margin)]
        context = facilities[facilities["id"].isin(hap_ids)]
        points = pd.concat([context, nearby[nearby["type"] == "avg_poli"]]).drop_duplicates("id")
        for kind in ("hap", "avg_poli"):
            facility_layer(points, kind).add_to(m)
        m.fit_bounds([[south, west], [north, east]], padding=(20, 20), max_zoom=13)
    for group in location_layers(located):
        group.add_to(m)
    return m


def legend_html(counts: dict[str, int]) -> str:
    """Legend of the gap classes with the number of locations in each (escaped HTML)."""
    rows = []
    for key, colour in GAP_COLOURS.items():
        rows.append(
            '<div style="display:flex;align-items:center;gap:.5em;margin:.15em 0">'
            f'<span style="display:inline-block;width:12px;height:12px;border-radius:50%;background:{colour};'
            'border:1px solid #000"></span>'
            f"<span>{html.escape(CLASS_LABELS[key])} ({number(counts.get(key, 0))})</span></div>"
        )
    area = ('<div style="display:flex;align-items:center;gap:.5em;margin:.3em 0 0"><span style="display:inline-block;'
            'width:1.6em;height:0;border-top:2px dashed #000"></span><span>HAP-werkgebied</span></div>')
    return ('<div class="mgz-legend"><div style="font-weight:600;margin-bottom:.2em">Ergste knelpunt per VG-locatie</div>'
            + "".join(rows) + area + "</div>")
