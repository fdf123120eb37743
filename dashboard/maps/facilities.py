"""Point layers (HAP's, AVG-poli's, VG-locaties, huisartsenpraktijken) and HAP service areas.

Thousands of points stay fast because they are one GeoJSON layer per type drawn as canvas circle markers
(the map uses prefer_canvas), with the style given once per layer instead of once per point.
"""
from __future__ import annotations

import html
from dataclasses import dataclass

import folium
import geopandas as gpd
import pandas as pd
from folium.utilities import JsCode

from dashboard.format import client_count, label, number
from dashboard.maps.geojson import CompactGeoJson, compact_collection, feature_collection, point_collection, tooltip_html


@dataclass(frozen=True)
class PointStyle:
    title: str
    fill: str
    stroke: str
    radius: float
    weight: float


# Okabe-Ito-like colours that stay apart from the region palettes and for colour-blind readers.
POINT_STYLES = {
    "hap": PointStyle("Huisartsenposten (HAP)", "#000000", "#ffffff", 5.5, 1.5),
    "avg_poli": PointStyle("AVG-poliklinieken", "#cc79a7", "#000000", 6, 1.5),
    "vg_locatie": PointStyle("VG-locaties", "#ffffff", "#000000", 3.5, 1),
    "huisartsenpraktijk": PointStyle("Huisartsenpraktijken", "#56b4e9", "#08306b", 2.5, 0.6),
}
SERVICE_AREA_COLOUR = "#000000"

_POINT_JS = "function (feature, layer) { layer.bindTooltip(feature.properties.t); }"


def _yes_no(value) -> str | None:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    return "ja" if bool(value) else "nee"


def facility_tooltip(row) -> str:
    """Escaped tooltip of one facility: name, type, organisation, place and what matters for its type."""
    lines = [("", label(row.type)), ("Organisatie", row.organisatie_naam), ("Plaats", row.plaats)]
    if row.type == "avg_poli" and pd.notna(row.avg_fte):
        lines.append(("AVG", number(row.avg_fte, 1, "fte")))
    if row.type == "vg_locatie" and pd.notna(row.clienten):
        lines.append(("Cliënten", client_count(row.clienten)))
    if row.type == "hap":
        lines.append(("Alle ANW-uren open", _yes_no(row.anw_open)))
    if bool(row.locatie_bij_benadering):
        lines.append(("", "locatie bij benadering (midden van de postcode)"))
    return tooltip_html(row.naam, lines)


def facility_layer(facilities: pd.DataFrame, kind: str) -> folium.FeatureGroup:
    """One facility type as circle markers with tooltips; rows without coordinates are left out."""
    style = POINT_STYLES[kind]
    rows = facilities[facilities["type"] == kind]
    properties = [{"t": facility_tooltip(row)} for row in rows.itertuples(index=False)]
    collection = point_collection(rows["lat"].to_numpy(), rows["lon"].to_numpy(), properties)
    group = folium.FeatureGroup(name=style.title)
    if collection["features"]:
        folium.GeoJson(
            collection,
            name=style.title,
            marker=folium.CircleMarker(
                radius=style.radius, color=style.stroke, weight=style.weight, fill=True,
                fill_color=style.fill, fill_opacity=0.9,
            ),
            on_each_feature=JsCode(_POINT_JS),
        ).add_to(group)
    return group


SERVICE_AREA_STYLE = {"fill": False, "color": SERVICE_AREA_COLOUR, "weight": 1.6, "dashArray": "6 4"}


def service_area_layer(areas: gpd.GeoDataFrame, name: str = "HAP-werkgebieden", compact: bool = False) -> folium.FeatureGroup:
    """Outlines of HAP service areas (dashed, unfilled); they let clicks through to the regions below.

    ``compact``: encoded outlines (geojson.compact_collection), a fifth of the bytes, for the national map."""
    if compact:
        group = folium.FeatureGroup(name=name)
        collection = compact_collection(areas.geometry.to_numpy(), [{} for _ in range(len(areas))])
        if collection["features"]:
            CompactGeoJson(collection, [SERVICE_AREA_STYLE], interactive=False).add_to(group)
        return group
    group = folium.FeatureGroup(name=name)
    collection = feature_collection(areas.geometry.to_numpy(), [{} for _ in range(len(areas))])
    if collection["features"]:
        folium.GeoJson(
            collection,
            name=name,
            style_function=lambda _f: dict(SERVICE_AREA_STYLE),
            interactive=False,
        ).add_to(group)
    return group


def point_legend_html(kinds) -> str:
    """Legend lines (escaped) for the point layers that are switched on."""
    rows = []
    for kind in kinds:
        style = POINT_STYLES.get(kind)
        if style is None:
            continue
        size = max(8, int(style.radius * 2))
        rows.append(
            '<div style="display:flex;align-items:center;gap:.5em;margin:.15em 0">'
            f'<span style="display:inline-block;width:{size}px;height:{size}px;border-radius:50%;'
            f'background:{style.fill};border:{max(1, round(style.weight))}px solid {style.stroke};'
            'box-shadow:0 0 0 1px #888"></span>'
            f"<span>{html.escape(style.title)}</span></div>"
        )
    return "".join(rows)
