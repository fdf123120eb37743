"""What every map page checks before drawing (Leaflet present, static files served, MGZ_TILES) and its source line."""
from __future__ import annotations

import streamlit as st

from dashboard.assets import MISSING_TEXT, ensure_vendor_files
from dashboard.maps.base import tiles_setting
from data.errors import UserError

STATIC_SERVING_TEXT = (
    "Zet `enableStaticServing = true` onder [server] in .streamlit/config.toml; de kaart laadt Leaflet uit static/."
)


def map_background() -> str | None:
    """The background of the map ('osm' or 'geen'), or None when no map can be drawn (said in Dutch).

    A wrong MGZ_TILES does not cost the user the map: it is drawn without background, with a warning."""
    if ensure_vendor_files():
        st.error(MISSING_TEXT, icon=":material/error:")
        return None
    if not st.get_option("server.enableStaticServing"):
        st.error(STATIC_SERVING_TEXT, icon=":material/error:")
        return None
    try:
        return tiles_setting()
    except UserError as error:
        st.warning(f"{error} De kaart wordt zonder achtergrond getoond.")
        return "geen"


def base_url_path() -> str:
    return st.get_option("server.baseUrlPath") or ""


def source_line(tiles: str, lead: str = "") -> str:
    """Sources under a map; with OpenStreetMap also why the background stays grey without internet."""
    background = (
        "achtergrond: © OpenStreetMap-bijdragers, van internet (zonder internet blijft die grijs; zet dan "
        "MGZ_TILES=geen)." if tiles == "osm" else "geen achtergrondkaart (MGZ_TILES=geen)."
    )
    return f"{lead}Grenzen: CBS / PDOK (CC BY 4.0); {background}"
