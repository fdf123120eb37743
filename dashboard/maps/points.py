"""Compact point layers for the national map: a register of any size in a few bytes per point (no streamlit).

A facility type goes to the browser as one packed block, not as GeoJSON: coordinates as two 16-bit steps of 0.0001°
(about 11 m north–south, 7 m east–west) from the layer's south-west corner, base64-encoded, about 5,3 characters
per point. The browser turns them into canvas circle markers (the map uses prefer_canvas) with one shared tooltip.
Names ride along only while a type has at most ``INLINE_NAMES_MAX`` points; everything else about a facility
(organisation, place, clients, fte, ANW hours) loads on demand: a click hands ``{f: type, i: index, v: token}``
to the page, which looks the facility up with ``point_rows`` and shows it (``facility_details``).
So the map's size grows with a few bytes per point, and its texts with what the user clicks.
"""
from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass

import folium
import numpy as np
import pandas as pd
from branca.element import MacroElement
from jinja2 import Template

from dashboard.format import client_count, label, number
from dashboard.maps.facilities import POINT_STYLES
from dashboard.maps.geojson import escape, script_json

INLINE_NAMES_MAX = 2_500  # above this many points of one type, names load on click (about 35 bytes a name)
STEP_DEG = 1e-4  # grid of the packed coordinates
CLICK_HINT = "klik voor details"

# Defined once per page (guarded): unpack a layer and add its markers to `group`. Markers are a subclass of
# CircleMarker whose toGeoJSON hands streamlit-folium a tiny feature (type, index, token) on a click.
_POINTS_JS = """
window.mgzPoints = window.mgzPoints || function (group, d) {
    if (!L.MgzPoint) {
        L.MgzPoint = L.CircleMarker.extend({
            toGeoJSON: function () {
                return {type: 'Feature', properties: {f: this.mgzKind, i: this.mgzIndex, v: this.mgzToken}, geometry: null};
            }
        });
    }
    var bytes = atob(d.p), n = bytes.length / 4, layer = L.featureGroup();
    layer.mgzData = d;
    var word = function (k) { return bytes.charCodeAt(k) | (bytes.charCodeAt(k + 1) << 8); };
    for (var i = 0; i < n; i++) {
        var m = new L.MgzPoint([d.o[0] + word(4 * i) * d.o[2], d.o[1] + word(4 * i + 2) * d.o[2]], d.s);
        m.mgzKind = d.k; m.mgzIndex = i; m.mgzToken = d.v;
        layer.addLayer(m);
    }
    layer.bindTooltip(function (m) {
        var name = d.n ? '<b>' + d.n[m.mgzIndex] + '</b><br>' : '';
        return name + d.l + '<br><i>' + d.h + '</i>';
    });
    layer.on('click', function () {  // report the click at once, not after streamlit-folium's 250 ms (regions.py)
        setTimeout(function () {
            if (typeof updateComponentValue === 'function' && window.map) { updateComponentValue(window.map); }
        }, 0);
    });
    group.addLayer(layer);
};
"""


class PackedPoints(MacroElement):
    """The browser side of a compact point layer: the unpacking function (once) and this layer's block."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.js }}
        window.mgzPoints({{ this._parent.get_name() }}, {{ this.payload_json }});
        {% endmacro %}
        """
    )

    def __init__(self, payload: dict):
        super().__init__()
        self._name = "PackedPoints"
        self.js = _POINTS_JS
        self.payload = payload
        self.payload_json = script_json(payload)


def point_rows(facilities: pd.DataFrame, kind: str) -> pd.DataFrame:
    """The facilities of one type that the map draws, in the order of the packed layer (index = position)."""
    rows = facilities[facilities["type"] == kind]
    lat = pd.to_numeric(rows["lat"], errors="coerce").to_numpy(dtype=float)
    lon = pd.to_numeric(rows["lon"], errors="coerce").to_numpy(dtype=float)
    return rows[np.isfinite(lat) & np.isfinite(lon)].reset_index(drop=True)


def layer_token(rows: pd.DataFrame) -> str:
    """A short fingerprint of the ids in map order: a click on a map drawn from other data is not resolved."""
    digest = hashlib.sha1("\n".join(rows["id"].astype(str)).encode("utf-8")).hexdigest()
    return digest[:10]


def pack_coordinates(lat: np.ndarray, lon: np.ndarray) -> tuple[list[float], str]:
    """([south, west, step], base64 of little-endian uint16 pairs (lat, lon)) for points on a grid of ``step``.

    The step is STEP_DEG, or coarser when the points span more than 65,535 steps (never in the Netherlands).
    """
    lat, lon = np.asarray(lat, dtype=float), np.asarray(lon, dtype=float)
    if lat.size == 0:
        return [0.0, 0.0, STEP_DEG], ""
    south, west = float(np.floor(lat.min() / STEP_DEG) * STEP_DEG), float(np.floor(lon.min() / STEP_DEG) * STEP_DEG)
    span = max(float(lat.max()) - south, float(lon.max()) - west)
    step = STEP_DEG if span / STEP_DEG < 65_535 else float(np.ceil(span / 65_535 / STEP_DEG) * STEP_DEG)
    pairs = np.empty((lat.size, 2), dtype="<u2")
    pairs[:, 0] = np.clip(np.rint((lat - south) / step), 0, 65_535)
    pairs[:, 1] = np.clip(np.rint((lon - west) / step), 0, 65_535)
    return [round(south, 6), round(west, 6), step], base64.b64encode(pairs.tobytes()).decode("ascii")


def unpack_coordinates(origin: list[float], packed: str) -> tuple[np.ndarray, np.ndarray]:
    """The inverse of pack_coordinates (what the browser computes), for tests."""
    pairs = np.frombuffer(base64.b64decode(packed), dtype="<u2").reshape(-1, 2).astype(float)
    return origin[0] + pairs[:, 0] * origin[2], origin[1] + pairs[:, 1] * origin[2]


@dataclass(frozen=True)
class PointLayerData:
    """Everything the browser gets for one facility type (``payload``) plus how many points it holds."""

    kind: str
    count: int
    payload: dict

    @property
    def token(self) -> str:
        return self.payload["v"]


def point_layer_data(facilities: pd.DataFrame, kind: str, inline_names_max: int = INLINE_NAMES_MAX) -> PointLayerData:
    """Pack the facilities of one type; names (escaped) only while there are at most ``inline_names_max``."""
    style = POINT_STYLES[kind]
    rows = point_rows(facilities, kind)
    origin, packed = pack_coordinates(rows["lat"].to_numpy(dtype=float), rows["lon"].to_numpy(dtype=float))
    names = [escape(name) for name in rows["naam"]] if len(rows) <= inline_names_max else None
    payload = {
        "k": kind, "v": layer_token(rows), "o": origin, "p": packed, "n": names,
        "l": escape(label(kind)), "h": CLICK_HINT,
        "s": {"radius": style.radius, "color": style.stroke, "weight": style.weight, "fill": True,
              "fillColor": style.fill, "fillOpacity": 0.9},
    }
    return PointLayerData(kind, len(rows), payload)


def point_layer(data: PointLayerData) -> folium.FeatureGroup:
    """The feature group of one packed facility type (empty when it has no points)."""
    group = folium.FeatureGroup(name=POINT_STYLES[data.kind].title)
    if data.count:
        group.add_child(PackedPoints(data.payload))
    return group


def packed_size(data: PointLayerData) -> int:
    """Bytes of the layer's block as the page sends it (for tests and benchmarks)."""
    return len(json.dumps(data.payload).encode("utf-8"))


def clicked_point(props: dict) -> tuple[str, int, str] | None:
    """(type, index, token) of a click on a packed point, from the feature streamlit-folium returns; else None."""
    kind, index, token = props.get("f"), props.get("i"), props.get("v")
    if kind not in POINT_STYLES or not isinstance(index, int) or isinstance(index, bool) or not isinstance(token, str):
        return None
    return kind, index, token


def find_point(facilities: pd.DataFrame, kind: str, index: int, token: str):
    """The facility row behind a click (a namedtuple of point_rows), or None when the map was drawn from other data."""
    rows = point_rows(facilities, kind)
    if not 0 <= index < len(rows) or layer_token(rows) != token:
        return None
    return next(rows.iloc[[index]].itertuples(index=False))


def _yes_no(value) -> str | None:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    return "ja" if bool(value) else "nee"


def _text(value) -> str | None:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    text = " ".join(str(value).split())
    return text or None


def facility_details(row) -> list[tuple[str, str]]:
    """(label, value) lines about one facility for the page (plain text; the page escapes it): what the old
    tooltip said and more. Unknown values are left out."""
    lines = [("Soort", label(row.type)), ("Organisatie", _text(row.organisatie_naam)), ("Adres", _text(getattr(row, "adres", None))),
             ("Postcode", _text(getattr(row, "postcode", None))), ("Plaats", _text(row.plaats))]
    if row.type in ("avg_poli", "vg_locatie") and pd.notna(row.avg_fte):
        lines.append(("AVG-capaciteit", number(float(row.avg_fte), 1, "fte")))
    if row.type == "vg_locatie" and pd.notna(row.clienten):
        lines.append(("Cliënten", client_count(row.clienten)))
    if row.type == "hap":
        lines.append(("Alle ANW-uren open", _yes_no(row.anw_open)))
    if bool(row.locatie_bij_benadering):
        lines.append(("Locatie", "bij benadering (midden van de postcode)"))
    return [(name, value) for name, value in lines if value]


def highlight_layer(lat: float, lon: float, name: str = "Gekozen voorziening") -> folium.FeatureGroup:
    """A white-haloed black ring around the chosen facility; it lets clicks through."""
    group = folium.FeatureGroup(name=name)
    for colour, weight in (("#ffffff", 6), ("#000000", 2.5)):
        folium.CircleMarker(
            location=[float(lat), float(lon)], radius=11, color=colour, weight=weight, fill=False, interactive=False,
        ).add_to(group)
    return group
