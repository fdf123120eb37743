"""Region layers: the coloured regions (choropleth), signal outlines and the selected region."""
from __future__ import annotations

import json
from typing import Mapping, Sequence

import folium
import geopandas as gpd
import pandas as pd

from dashboard.maps.geojson import CompactGeoJson, compact_collection, tooltip_html
from dashboard.maps.palette import FLAG_OUTLINE, INSUFFICIENT_COLOUR, INSUFFICIENT_TEXT, OUTLINE

# Per feature, in the browser: bind the (already escaped) tooltip; hatch regions without enough data (a
# canvas pattern over the grey fill); on click remember the current view in the feature, and hand
# streamlit-folium a light feature (code, level, view) instead of the whole polygon.
_REGION_JS = """
function (feature, layer) {
    var p = feature.properties;
    layer.bindTooltip(p.t, {sticky: true});
    if (p.p) {
        // A signal pattern over the fill colour: white dots (too strong) or a white diamond grid (both).
        window.mgzPatterns = window.mgzPatterns || {};
        var id = p.p + p.k;
        if (!window.mgzPatterns[id]) {
            var pc = document.createElement('canvas');
            pc.width = 8; pc.height = 8;
            var px = pc.getContext('2d');
            px.fillStyle = p.k; px.fillRect(0, 0, 8, 8);
            px.fillStyle = '#ffffff'; px.strokeStyle = '#ffffff'; px.lineWidth = 1.2;
            if (p.p === 'stippen') {
                px.beginPath(); px.arc(2, 2, 1.4, 0, 2 * Math.PI); px.arc(6, 6, 1.4, 0, 2 * Math.PI); px.fill();
            } else {
                px.beginPath(); px.moveTo(0, 0); px.lineTo(8, 8); px.moveTo(8, 0); px.lineTo(0, 8); px.stroke();
            }
            window.mgzPatterns[id] = px.createPattern(pc, 'repeat');
        }
        layer.setStyle({fillColor: window.mgzPatterns[id], fillOpacity: 0.85});
    }
    if (p.h) {
        if (!window.mgzHatch) {
            var c = document.createElement('canvas');
            c.width = 8; c.height = 8;
            var x = c.getContext('2d');
            x.fillStyle = '#c8c8c8'; x.fillRect(0, 0, 8, 8);
            x.strokeStyle = '#5a5a5a'; x.lineWidth = 1.4; x.beginPath();
            x.moveTo(-2, 10); x.lineTo(10, -2); x.moveTo(-2, 2); x.lineTo(2, -2); x.moveTo(6, 10); x.lineTo(10, 6);
            x.stroke();
            window.mgzHatch = x.createPattern(c, 'repeat');
        }
        layer.setStyle({fillColor: window.mgzHatch, fillOpacity: 0.85});
    }
    var picked = {c: p.c, n: %(niveau)s, v: null};
    layer.on('click', function () {
        var map = layer._map;
        if (map) {
            var centre = map.getCenter();
            picked.v = [Math.round(centre.lat * 1e4) / 1e4, Math.round(centre.lng * 1e4) / 1e4, map.getZoom()];
        }
        // streamlit-folium waits 250 ms before it reports a click; once its own handlers have run, report it now.
        // (updateComponentValue is streamlit-folium's, in scope because it evaluates this layer's script itself.)
        setTimeout(function () {
            if (typeof updateComponentValue === 'function' && window.map) { updateComponentValue(window.map); }
        }, 0);
    });
    layer.toGeoJSON = function () {
        return {type: 'Feature', properties: {c: picked.c, n: picked.n, v: picked.v}, geometry: null};
    };
}
"""


def _style(feature: dict) -> dict:
    p = feature["properties"]
    style = {"fillColor": p["k"], "fillOpacity": 0.75, "color": OUTLINE, "weight": 0.6, "opacity": 0.9}
    if p.get("h"):
        style.update({"dashArray": "4 3", "color": "#444444", "weight": 1})
    if p.get("s"):
        style.update({"color": FLAG_OUTLINE, "weight": 3, "opacity": 1})
    return style


def region_rows(
    regions: gpd.GeoDataFrame, shading: pd.DataFrame, flagged: Mapping[str, str] | None = None
) -> gpd.GeoDataFrame:
    """The regions exactly as region_layer draws them, one row each, flagged ones last (drawn on top).

    Columns: code, naam, geometry, kleur, tekst, onvoldoende, gemarkeerd, and patroon, waarde, klasse when
    `shading` has them (palette.Shading). Regions without a geometry are not drawn and left out; regions missing from
    `shading` count as 'onvoldoende gegevens'. The map as a table (dashboard/maps/table.py) reads the same rows.
    """
    flagged = dict(flagged or {})
    extra = [c for c in ("patroon", "waarde", "klasse") if c in shading.columns]
    drawn = regions[[g is not None and not g.is_empty for g in regions.geometry]]
    data = drawn[["code", "naam", "geometry"]].merge(
        shading[["code", "kleur", "tekst", "onvoldoende", *extra]], on="code", how="left"
    )
    unknown = data["kleur"].isna()
    data.loc[unknown, ["kleur", "tekst"]] = [INSUFFICIENT_COLOUR, INSUFFICIENT_TEXT]
    if "klasse" in data.columns:
        data.loc[unknown, "klasse"] = INSUFFICIENT_TEXT.capitalize()
    if "patroon" in data.columns:
        data["patroon"] = data["patroon"].fillna("")
    data["onvoldoende"] = data["onvoldoende"].astype("boolean").fillna(True).astype(bool) | unknown
    data["gemarkeerd"] = data["code"].isin(flagged.keys())
    return data.sort_values("gemarkeerd", kind="stable")


def region_layer(
    regions: gpd.GeoDataFrame,
    shading: pd.DataFrame,
    niveau: str,
    value_label: str,
    flagged: Mapping[str, str] | None = None,
    name: str = "Regio's",
    details: Mapping[str, Sequence[tuple[str, str]]] | None = None,
) -> folium.FeatureGroup:
    """Regions filled by `shading` (code, kleur, tekst, onvoldoende); `flagged` maps code -> signal text.

    Regions missing from `shading` count as 'onvoldoende gegevens'. Flagged regions get a thick dark
    outline and are drawn last so no neighbour covers it. The tooltip shows the name, the value, the
    signal and the (label, text) lines of `details` for that code (completeness, robustness); every text
    is escaped.
    """
    flagged = dict(flagged or {})
    details = dict(details or {})
    data = region_rows(regions, shading, flagged)

    properties = []
    for row in data.itertuples(index=False):
        lines = [(value_label, row.tekst)]
        if row.gemarkeerd:
            lines.append(("Signaal", flagged[row.code]))
        lines += list(details.get(str(row.code), ()))
        props = {"c": str(row.code), "k": row.kleur, "t": tooltip_html(row.naam, lines)}
        if row.onvoldoende:
            props["h"] = 1
        elif getattr(row, "patroon", ""):
            props["p"] = row.patroon
        if row.gemarkeerd:
            props["s"] = 1
        properties.append(props)
    styles = _style_indices(properties)
    collection = compact_collection(data.geometry.to_numpy(), properties, ids=data["code"].astype(str).to_list())

    group = folium.FeatureGroup(name=name)
    if collection["features"]:
        CompactGeoJson(collection, styles, on_each_feature=_REGION_JS % {"niveau": _js_string(niveau)}).add_to(group)
    return group


def _style_indices(properties: list[dict]) -> list[dict]:
    """The distinct styles of the regions (see _style); each feature's property ``y`` becomes its style's index."""
    styles: list[dict] = []
    keys: dict[str, int] = {}
    for props in properties:
        style = _style({"properties": props})
        key = json.dumps(style, sort_keys=True)
        if key not in keys:
            keys[key] = len(styles)
            styles.append(style)
        if keys[key]:
            props["y"] = keys[key]
    return styles


def selection_layer(geometry, name: str = "Selectie") -> folium.FeatureGroup:
    """The selected region as a white-haloed black outline on top; it lets clicks through to the regions."""
    group = folium.FeatureGroup(name=name)
    if geometry is None:
        return group
    collection = compact_collection([geometry], [{}])
    for colour, weight in (("#ffffff", 8), ("#000000", 3.5)):
        CompactGeoJson(collection, [{"fill": False, "color": colour, "weight": weight, "opacity": 1}], interactive=False).add_to(group)
    return group


def _js_string(text: str) -> str:
    """A JSON string literal that is also safe inside an HTML script element."""
    return json.dumps(str(text)).replace("<", "\\u003c").replace(">", "\\u003e")
