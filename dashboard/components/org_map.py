"""A small map of one organisation: its locations, the HAPs and GP practices it deals with, their areas.

Built with the map helper's builders (dashboard/maps), so it uses the app's own Leaflet and works offline.
"""
from __future__ import annotations

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import streamlit as st
from folium.utilities import JsCode
from streamlit_folium import st_folium

from dashboard.components.map_setup import base_url_path, map_background, source_line
from dashboard.components.map_table import points_expander
from dashboard.format import label
from dashboard.maps.base import base_map
from dashboard.maps.facilities import facility_layer, facility_tooltip, service_area_layer
from dashboard.maps.geojson import point_collection

MAP_HEIGHT = 460
NO_GP_COLOUR = "#D55E00"  # Okabe–Ito vermillion ring around locations without a GP
_TOOLTIP_JS = "function (feature, layer) { layer.bindTooltip(feature.properties.t); }"


def no_gp_layer(locations: pd.DataFrame) -> folium.FeatureGroup:
    """A vermillion ring around each location without a GP practice (drawn over the normal marker)."""
    group = folium.FeatureGroup(name="VG-locaties zonder huisarts")
    properties = [{"t": facility_tooltip(row)} for row in locations.itertuples(index=False)]
    collection = point_collection(locations["lat"].to_numpy(), locations["lon"].to_numpy(), properties)
    if collection["features"]:
        folium.GeoJson(
            collection,
            marker=folium.CircleMarker(radius=8, color=NO_GP_COLOUR, weight=3, fill=False),
            on_each_feature=JsCode(_TOOLTIP_JS),
        ).add_to(group)
    return group


ROLES = {
    "vg_locatie": "locatie van de organisatie",
    "hap": "HAP van een werkgebied",
    "huisartsenpraktijk": "samenwerkende huisartsenpraktijk",
}
TABLE_NOTE = (
    "Dezelfde punten als op de kaart: soort (kleur van het rondje), rol en of een locatie geen huisarts heeft "
    "(oranjerode ring). Locaties zonder huisarts staan bovenaan; klik op een kolomkop om te sorteren."
)


def map_points(facilities: pd.DataFrame, location_ids: set[str], partner_ids: set[str]) -> pd.DataFrame:
    """The facilities the map draws: the organisation's locations and its partners, where coordinates are known."""
    shown = facilities[facilities["id"].isin(location_ids | partner_ids)]
    return shown.dropna(subset=["lat", "lon"])


def points_table(points: pd.DataFrame, without_gp: set[str] = frozenset()) -> pd.DataFrame:
    """The map as a table: one row per point with name, kind, role, place and the ring 'zonder huisarts'."""
    locations = points["type"].eq("vg_locatie")
    no_gp = points["id"].isin(without_gp)
    table = pd.DataFrame(
        {
            "Naam": points["naam"].astype(str).to_numpy(),
            "Soort": points["type"].map(label).to_numpy(),
            "Rol": points["type"].map(lambda t: ROLES.get(t, "partner")).to_numpy(),
            "Plaats": points["plaats"].fillna("").astype(str).to_numpy(),
            "Zonder huisarts (ring)": np.where(locations, np.where(no_gp, "ja", "nee"), ""),
            "Locatie bij benadering": points["locatie_bij_benadering"].map(lambda v: "ja" if bool(v) else "nee").to_numpy(),
        }
    )
    order = table.assign(_g=~no_gp.to_numpy(), _l=~locations.to_numpy())
    return order.sort_values(["_g", "_l", "Soort", "Naam"]).drop(columns=["_g", "_l"]).reset_index(drop=True)


def organisation_map(
    facilities: pd.DataFrame,
    location_ids: set[str],
    partner_ids: set[str],
    service_areas: gpd.GeoDataFrame,
    without_gp: set[str] = frozenset(),
) -> None:
    """Render the map; ``facilities`` is the registry frame (it carries plaats, anw_open for the tooltips).

    ``without_gp``: ids of the locations without any GP practice; they get a vermillion ring.
    """
    shown = facilities[facilities["id"].isin(location_ids | partner_ids)]
    located = map_points(facilities, location_ids, partner_ids)
    if located.empty:
        st.caption("Geen locaties met coördinaten om te tonen.")
        return
    tiles = map_background()
    if tiles is None:
        return
    m = base_map(tiles, base_url_path=base_url_path())
    areas = service_areas[service_areas["hap_id"].isin(set(shown["id"])) & service_areas.geometry.notna()]
    if not areas.empty:
        service_area_layer(areas).add_to(m)
    for kind in ("huisartsenpraktijk", "hap", "avg_poli", "vg_locatie"):
        facility_layer(located, kind).add_to(m)
    no_gp_layer(located[located["id"].isin(without_gp)]).add_to(m)
    south, north = float(located["lat"].min()), float(located["lat"].max())
    west, east = float(located["lon"].min()), float(located["lon"].max())
    m.fit_bounds([[south, west], [north, east]], padding=(20, 20))
    st_folium(m, height=MAP_HEIGHT, use_container_width=True, returned_objects=[], key="organisatie_kaart")
    st.caption(source_line(tiles))
    points_expander(points_table(located, without_gp), TABLE_NOTE)
