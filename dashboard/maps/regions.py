"""Region layers: the coloured regions (choropleth), signal outlines and the selected region."""
from __future__ import annotations

import json
from typing import Mapping, Sequence

import folium
import geopandas as gpd
import pandas as pd
from folium.utilities import JsCode

from dashboard.maps.geojson import feature_collection, tooltip_html
from dashboard.maps.palette import FLAG_OUTLINE, INSUFFICIENT_COLOUR, INSUFFICIENT_TEXT, OUTLINE

# Per feature, in the browser: bind the (already escaped) tooltip; hatch regions without enough data (a
# canvas pattern over the grey fill); on click remember the current view in the feature, and hand
# streamlit-folium a light feature (code, level, view) instead of the whole polygon.
_REGION_JS = """
function (feature, layer) {
    var p = feature.properties;
    layer.bindTooltip(p.t, {sticky: true});
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
    data = regions[["code", "naam", "geometry"]].merge(
        shading[["code", "kleur", "tekst", "onvoldoende"]], on="code", how="left"
    )
    unknown = data["kleur"].isna()
    data.loc[unknown, ["kleur", "tekst"]] = [INSUFFICIENT_COLOUR, INSUFFICIENT_TEXT]
    data["onvoldoende"] = data["onvoldoende"].astype("boolean").fillna(True).astype(bool) | unknown
    data["gemarkeerd"] = data["code"].isin(flagged.keys())
    data = data.sort_values("gemarkeerd", kind="stable")

    properties = []
    for row in data.itertuples(index=False):
        lines = [(value_label, row.tekst)]
        if row.gemarkeerd:
            lines.append(("Signaal", flagged[row.code]))
        lines += list(details.get(str(row.code), ()))
        props = {"c": str(row.code), "k": row.kleur, "t": tooltip_html(row.naam, lines)}
        if row.onvoldoende:
            props["h"] = 1
        if row.gemarkeerd:
            props["s"] = 1
        properties.append(props)
    collection = feature_collection(data.geometry.to_numpy(), properties, ids=data["code"].astype(str).to_list())

    group = folium.FeatureGroup(name=name)
    if collection["features"]:
        folium.GeoJson(
            collection,
            name=name,
            style_function=_style,
            on_each_feature=JsCode(_REGION_JS % {"niveau": _js_string(niveau)}),
        ).add_to(group)
    return group


def selection_layer(geometry, name: str = "Selectie") -> folium.FeatureGroup:
    """The selected region as a white-haloed black outline on top; it lets clicks through to the regions."""
    group = folium.FeatureGroup(name=name)
    if geometry is None:
        return group
    collection = feature_collection([geometry], [{}])
    for colour, weight in (("#ffffff", 8), ("#000000", 3.5)):
        folium.GeoJson(
            collection,
            style_function=lambda _feature, colour=colour, weight=weight: {
                "fill": False, "color": colour, "weight": weight, "opacity": 1,
            },
            interactive=False,
        ).add_to(group)
    return group


def _js_string(text: str) -> str:
    """A JSON string literal that is also safe inside an HTML script element."""
    return json.dumps(str(text)).replace("<", "\\u003c").replace(">", "\\u003e")
