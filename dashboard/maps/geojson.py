"""Compact GeoJSON for the browser: rounded coordinates, only the properties the map uses, escaped texts."""
from __future__ import annotations

import html
import json
from typing import Iterable, Sequence

import numpy as np
import shapely
from branca.element import MacroElement
from jinja2 import Template

# 4 decimals of a degree is about 11 m (lat) / 7 m (lon) in the Netherlands: finer than any outline we draw.
DECIMALS = 4


def escape(text: object) -> str:
    """User text made inert for HTML (tooltips are HTML in Leaflet): '<script>' shows as text.

    Braces become HTML entities too: folium renders every layer's script once more as a Jinja template, so a
    name like '{{ 7*7 }}' would otherwise be evaluated on the server (and show as 49).
    """
    if text is None:
        return ""
    if isinstance(text, float) and text != text:
        return ""
    return html.escape(" ".join(str(text).split()), quote=True).replace("{", "&#123;").replace("}", "&#125;")


def script_json(data: object) -> str:
    """JSON for inside a <script> that folium renders as a Jinja template once more: like Jinja's tojson (no <, >,
    &, ' that could end the script) and without '{{', '{%' or '{#' (which only occur inside strings, where a
    unicode escape means the same)."""
    text = json.dumps(data, ensure_ascii=False)
    for raw, safe in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("'", "\\u0027")):
        text = text.replace(raw, safe)
    for pair in ("{{", "{%", "{#"):
        text = text.replace(pair, "{\\u%04x" % ord(pair[1]))
    return text


def tooltip_html(title: object, lines: Iterable[tuple[str, object]] = ()) -> str:
    """A bold escaped title and 'label: value' lines, every part escaped; empty values are left out."""
    parts = [f"<b>{escape(title)}</b>"]
    for label, value in lines:
        text = escape(value)
        if text:
            parts.append(f"{escape(label)}: {text}" if label else text)
    return "<br>".join(parts)


def round_geometries(geometries: Sequence, decimals: int = DECIMALS) -> np.ndarray:
    """Geometries with coordinates rounded to `decimals`; repeated points after rounding are dropped."""
    grid = 10.0 ** -decimals
    array = np.asarray(geometries, dtype=object)
    snapped = shapely.set_precision(array, grid, mode="pointwise")
    return shapely.transform(snapped, lambda xy: np.round(xy, decimals))


def feature_collection(
    geometries: Sequence, properties: Sequence[dict], ids: Sequence[str] | None = None, decimals: int = DECIMALS
) -> dict:
    """A FeatureCollection dict; features whose geometry is missing or empty are left out."""
    rounded = round_geometries(geometries, decimals)
    features = []
    for index, (geometry, props) in enumerate(zip(rounded, properties)):
        if geometry is None or shapely.is_empty(geometry):
            continue
        feature = {"type": "Feature", "properties": props, "geometry": json.loads(shapely.to_geojson(geometry))}
        if ids is not None:
            feature["id"] = str(ids[index])
        features.append(feature)
    return {"type": "FeatureCollection", "features": features}


def point_collection(lats: Sequence[float], lons: Sequence[float], properties: Sequence[dict], decimals: int = 5) -> dict:
    """Points as a FeatureCollection (lat/lon rounded); rows without coordinates are left out."""
    features = []
    for lat, lon, props in zip(lats, lons, properties):
        if lat is None or lon is None or not (np.isfinite(lat) and np.isfinite(lon)):
            continue
        features.append(
            {
                "type": "Feature",
                "properties": props,
                "geometry": {"type": "Point", "coordinates": [round(float(lon), decimals), round(float(lat), decimals)]},
            }
        )
    return {"type": "FeatureCollection", "features": features}


# -- compact geometry for the browser ------------------------------------------------------------------------
# GeoJSON spends about 17 characters on a vertex ("[5.1234, 52.1234], "). The national map sends its polygons
# as encoded polylines instead (Google's polyline algorithm: per ring the first point, then the differences in
# steps of 0.0001°, five bits per character): about 3 characters a vertex. The browser decodes them back into
# GeoJSON (mgzFeatures) and hands that to L.geoJSON, so tooltips, styles and clicks work as with GeoJSON.

_DECODE_JS = """
window.mgzFeatures = window.mgzFeatures || function (d) {
    var f = d.f;
    var ring = function (s) {
        var out = [], i = 0, x = 0, y = 0, n = s.length;
        while (i < n) {
            var r = 0, shift = 0, b;
            do { b = s.charCodeAt(i++) - 63; r |= (b & 31) << shift; shift += 5; } while (b >= 32);
            x += (r & 1) ? ~(r >> 1) : (r >> 1);
            r = 0; shift = 0;
            do { b = s.charCodeAt(i++) - 63; r |= (b & 31) << shift; shift += 5; } while (b >= 32);
            y += (r & 1) ? ~(r >> 1) : (r >> 1);
            out.push([x / f, y / f]);
        }
        return out;
    };
    return {type: 'FeatureCollection', features: d.features.map(function (feature) {
        var g = feature.geometry, geometry;
        if (g.t === 'L') {
            geometry = {type: 'MultiLineString', coordinates: g.c.map(ring)};
        } else {
            geometry = {type: 'MultiPolygon', coordinates: g.c.map(function (p) { return p.map(ring); })};
        }
        return {type: 'Feature', id: feature.id, properties: feature.properties, geometry: geometry};
    })};
};
"""


def _encode_values(values: np.ndarray) -> str:
    """Polyline characters of a flat sequence of integer differences."""
    out = []
    for value in values.tolist():
        value = ~(value << 1) if value < 0 else value << 1
        while value >= 0x20:
            out.append(chr((0x20 | (value & 0x1F)) + 63))
            value >>= 5
        out.append(chr(value + 63))
    return "".join(out)


def encode_line(coordinates, decimals: int = DECIMALS) -> str:
    """One ring or line (lon, lat pairs) as an encoded polyline: the first point, then differences."""
    steps = np.rint(np.asarray(coordinates, dtype=float)[:, :2] * 10.0**decimals).astype(np.int64)
    return _encode_values(np.diff(steps, axis=0, prepend=np.zeros((1, 2), dtype=np.int64)).ravel())


def decode_line(text: str, decimals: int = DECIMALS) -> np.ndarray:
    """The inverse of encode_line (what the browser computes), for tests: an (n, 2) array of lon, lat."""
    values, value, shift = [], 0, 0
    for char in text:
        bits = ord(char) - 63
        value |= (bits & 0x1F) << shift
        shift += 5
        if bits < 0x20:
            values.append(~(value >> 1) if value & 1 else value >> 1)
            value, shift = 0, 0
    return np.cumsum(np.array(values, dtype=np.int64).reshape(-1, 2), axis=0) / 10.0**decimals


def encode_geometry(geometry, decimals: int = DECIMALS) -> dict | None:
    """{"t": "P", "c": [[ring, ...], ...]} for (multi)polygons, {"t": "L", "c": [line, ...]} for (multi)lines;
    None for anything empty. Coordinates should already be rounded (round_geometries)."""
    if geometry is None or shapely.is_empty(geometry):
        return None
    parts = shapely.get_parts(geometry)
    if all(part.geom_type == "Polygon" for part in parts):
        return {"t": "P", "c": [[encode_line(part.exterior.coords, decimals),
                                 *(encode_line(ring.coords, decimals) for ring in part.interiors)] for part in parts]}
    if all(part.geom_type == "LineString" for part in parts):
        return {"t": "L", "c": [encode_line(part.coords, decimals) for part in parts]}
    raise ValueError(f"cannot encode a {geometry.geom_type} for the map")


def compact_collection(
    geometries: Sequence, properties: Sequence[dict], ids: Sequence[str] | None = None, decimals: int = DECIMALS
) -> dict:
    """Like feature_collection, with encoded geometries: {"f": 10**decimals, "features": [...]}."""
    features = []
    for index, (geometry, props) in enumerate(zip(round_geometries(geometries, decimals), properties)):
        encoded = encode_geometry(geometry, decimals)
        if encoded is None:
            continue
        feature = {"properties": props, "geometry": encoded}
        if ids is not None:
            feature["id"] = str(ids[index])
        features.append(feature)
    return {"f": 10**decimals, "features": features}


class CompactGeoJson(MacroElement):
    """A GeoJSON layer drawn by Leaflet from a compact_collection.

    ``styles``: the distinct style dicts; feature property ``y`` is the index of its style (default 0).
    ``on_each_feature``: optional JavaScript ``function (feature, layer)``. Not ``interactive``: clicks and
    hovers go through to the layers below.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.decoder }}
        var {{ this.get_name() }} = (function () {
            var styles = {{ this.styles|tojson }};
            return L.geoJSON(window.mgzFeatures({{ this.data_json }}), {
                style: function (feature) { return styles[feature.properties.y || 0]; },
                {%- if this.on_each_feature %}
                onEachFeature: {{ this.on_each_feature }},
                {%- endif %}
                interactive: {{ this.interactive|tojson }}
            });
        })().addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, data: dict, styles: Sequence[dict], on_each_feature: str | None = None, interactive: bool = True):
        super().__init__()
        self._name = "CompactGeoJson"
        self.decoder = _DECODE_JS
        self.data = data
        self.data_json = script_json(data)
        self.styles = list(styles)
        self.on_each_feature = on_each_feature
        self.interactive = bool(interactive)
        self.options = {"interactive": self.interactive}

    def style_of(self, feature: dict) -> dict:
        """The style Leaflet gives a feature of ``data`` (for tests)."""
        return self.styles[feature["properties"].get("y", 0)]
