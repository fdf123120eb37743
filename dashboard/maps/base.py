"""The empty map of the Netherlands every layer is drawn on: local Leaflet, canvas rendering, optional tiles."""
from __future__ import annotations

import os
from typing import Iterable

import folium
from branca.element import MacroElement
from jinja2 import Template

from dashboard.assets import use_local_assets
from data.errors import UserError

NL_CENTER = (52.1, 5.3)
NL_ZOOM = 7.5  # the whole country in a map about 600 px high (zoomSnap 0.25 allows half steps)
TILE_CHOICES = ("osm", "geen")
OSM_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>-bijdragers'
BOUNDARY_ATTRIBUTION = "Grenzen: CBS / PDOK (CC BY 4.0)"


def tiles_setting(environ: dict | None = None) -> str:
    """MGZ_TILES: 'osm' (default, OpenStreetMap, needs internet) or 'geen' (no background map)."""
    value = (environ if environ is not None else os.environ).get("MGZ_TILES", "osm").strip().lower() or "osm"
    if value not in TILE_CHOICES:
        raise UserError(f"MGZ_TILES moet 'osm' of 'geen' zijn, niet {value!r}.")
    return value


class Attribution(MacroElement):
    """Adds a fixed source line to the map's attribution control (the boundaries are CBS / PDOK data)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.text|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, text: str):
        super().__init__()
        self._name = "Attribution"
        self.text = text


def base_map(tiles: str = "osm", base_url_path: str = "", height: str | int = "100%") -> folium.Map:
    """Map centred on the Netherlands with the app's own Leaflet and canvas rendering (fast for many points)."""
    if tiles not in TILE_CHOICES:
        raise UserError(f"Onbekende achtergrondkaart {tiles!r}; kies uit {', '.join(TILE_CHOICES)}.")
    m = folium.Map(
        location=NL_CENTER,
        zoom_start=NL_ZOOM,
        tiles=None,
        min_zoom=6,
        max_zoom=16,
        prefer_canvas=True,
        control_scale=True,
        zoom_snap=0.25,
        height=height,
    )
    if tiles == "osm":
        folium.TileLayer(OSM_URL, attr=OSM_ATTRIBUTION, name="OpenStreetMap", max_zoom=19).add_to(m)
    Attribution(BOUNDARY_ATTRIBUTION).add_to(m)
    return use_local_assets(m, base_url_path)


def with_layers(m: folium.Map, layers: Iterable[folium.FeatureGroup]) -> folium.Map:
    """Add feature groups to a map for stand-alone HTML (tests, benchmarks); the page adds them dynamically."""
    for layer in layers:
        layer.add_to(m)
    return m


def map_html(m: folium.Map) -> str:
    """The complete HTML document of a map, as a browser would receive it outside Streamlit."""
    return m.get_root().render()
