"""Kaart: regions of one level coloured by a signal, condition score or indicator, with facility layers.

Session state shared with other pages: ``regio_niveau`` and ``regio_code`` (the selected region; the Regio
page opens on it), ``organisatie_id`` (set by "Naar organisatie" of a clicked VG location). Own keys: ``kaart_view``
(centre/zoom at the last click, restored when the map is mounted again), ``kaart_voorziening`` (the clicked
facility: type, index in its packed layer, layer token), widget keys ``kaart_niveau``, ``kaart_kleur_<niveau>``,
``kaart_golf``, ``kaart_lagen``, ``kaart_tabel`` (the expander 'Kaart als tabel' is open) and the map component
``kaart_map``.

Facilities are compact point layers (dashboard.maps.points): a few bytes per point, names only for the smaller
types; a click on a point shows the facility's details beside the map. The facility panel and the region profile
are in dashboard.components.map_selection.

The base map never changes between reruns, so streamlit-folium keeps the same Leaflet map (and the
user's view); the coloured regions, points and selection go in as feature groups that are swapped in
place. The map returns only the clicked region (code, level, view), nothing on pan or zoom.
"""
from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from dashboard import cache
from dashboard.components.map_selection import (
    POINT_KEY,
    chosen_facility,
    facility_panel,
    region_profile,
    select_region,
    selected_region,
)
from dashboard.components.map_setup import base_url_path, map_background, source_line
from dashboard.components.map_table import region_picker, table_expander
from dashboard.components.selection import select_wave
from dashboard.format import count_text
from dashboard.maps import compose
from dashboard.maps.base import NL_CENTER, NL_ZOOM, base_map
from dashboard.maps.facilities import POINT_STYLES, point_legend_html
from dashboard.maps.palette import FLAG_OUTLINE, LegendItem, legend_html
from dashboard.maps.points import clicked_point
from dashboard.maps.table import region_table
from dashboard.setup import log_run_time, page_start, require_data

MAP_KEY = "kaart_map"
TABLE_KEY = "kaart_tabel"
VIEW_KEY = "kaart_view"
MAP_HEIGHT = 620
LAYER_LABELS = {
    "hap": "Huisartsenposten",
    compose.SERVICE_AREAS: "HAP-werkgebieden",
    "avg_poli": "AVG-poli's",
    "vg_locatie": "VG-locaties",
    "huisartsenpraktijk": "Huisartsenpraktijken",
}
HAP_LEVEL_NOTE = (
    "HAP-werkgebieden hebben geen signalen of scores (de monitor beoordeelt zorgkantoorregio's, gemeenten en "
    "provincies), dus ook geen meetgolf: de kleur toont een geo-indicator uit het register."
)


def _on_map_change() -> None:
    """A click: remember the region and the view, or the facility (streamlit-folium stored the value under MAP_KEY)."""
    value = st.session_state.get(MAP_KEY) or {}
    feature = value.get("last_active_drawing") or {}
    props = feature.get("properties") or {}
    point = clicked_point(props)
    if point is not None:
        st.session_state[POINT_KEY] = point
        return
    code, niveau = props.get("c"), props.get("n")
    if code is None or niveau not in compose.LEVELS:
        return
    select_region(str(niveau), str(code))
    view = props.get("v")
    if isinstance(view, list) and len(view) == 3:
        st.session_state[VIEW_KEY] = {"center": [float(view[0]), float(view[1])], "zoom": float(view[2])}


def _controls(registry) -> tuple[str, str, str | None, list[str]]:
    left, middle, right = st.columns([1, 2, 1])
    niveau = left.selectbox("Niveau", list(compose.LEVELS), format_func=compose.LEVELS.get, key="kaart_niveau")
    choices = compose.colour_choices(niveau)
    names = {c.key: c.label for c in choices}
    choice = middle.selectbox("Kleur op", list(names), format_func=names.get, key=f"kaart_kleur_{niveau}")
    golf = None
    if niveau in compose.MONITOR_LEVELS and not registry.waves.empty:
        with right:
            golf = select_wave(registry.waves, key="kaart_golf")
    elif niveau not in compose.MONITOR_LEVELS:
        # Say why the signal colours and the wave are gone, instead of changing them silently.
        right.caption(HAP_LEVEL_NOTE)
    lagen = st.pills(
        "Lagen", list(LAYER_LABELS), format_func=LAYER_LABELS.get, selection_mode="multi",
        default=["hap"], key="kaart_lagen",
    )
    return niveau, choice, golf, list(lagen or [])


def _legend(shade, niveau: str, lagen: list[str], flagged: dict) -> None:
    legend = shade.legend
    items = list(legend.items)
    if niveau in compose.MONITOR_LEVELS:
        regions = count_text(len(flagged), "regio", "regio's")
        items.append(LegendItem("#ffffff", f"Dik omlijnd: signaal ({regions})", outlined=True))
    st.markdown(legend_html(type(legend)(legend.title, tuple(items), legend.note)), unsafe_allow_html=True)
    kinds = [k for k in lagen if k in POINT_STYLES]
    if kinds:
        st.markdown(point_legend_html(kinds), unsafe_allow_html=True)
    if compose.SERVICE_AREAS in lagen:
        st.markdown(
            f'<div style="display:flex;align-items:center;gap:.5em"><span style="display:inline-block;width:1.6em;'
            f'height:0;border-top:2px dashed {FLAG_OUTLINE}"></span><span>HAP-werkgebied</span></div>',
            unsafe_allow_html=True,
        )


def _render() -> None:
    tiles = map_background()
    if tiles is None:
        return
    registry = cache.registry()
    result = cache.geo_result()
    niveau, choice, golf, lagen = _controls(registry)
    monitor = cache.monitor_result(niveau, golf) if niveau in compose.MONITOR_LEVELS else None
    signals = monitor.signals if monitor is not None else None
    areas = cache.service_area_outlines()
    shapes = compose.region_shapes(niveau, cache.geography(web=True).regions, areas)
    shade = compose.shading(choice, niveau, result.indicators, signals, monitor.conditions if monitor else None)
    flagged = compose.flags(signals)
    selected = selected_region(niveau)

    details = compose.signal_details(signals)
    points = cache.map_points([kind for kind in lagen if kind in POINT_STYLES])
    facility = chosen_facility(registry.facilities)
    chosen_point = (float(facility.lat), float(facility.lon)) if facility is not None else None
    groups = compose.layers(
        niveau, choice, shapes, shade, flagged, registry.facilities, areas, tuple(lagen), selected, details,
        points=points, chosen_point=chosen_point,
    )
    view = st.session_state.get(VIEW_KEY) or {"center": list(NL_CENTER), "zoom": NL_ZOOM}
    map_column, legend_column = st.columns([4, 1])
    with map_column:
        st_folium(
            base_map(tiles, base_url_path=base_url_path()),
            key=MAP_KEY,
            height=MAP_HEIGHT,
            use_container_width=True,
            feature_group_to_add=groups,
            returned_objects=["last_active_drawing"],
            center=view["center"],
            zoom=view["zoom"],
            on_change=_on_map_change,
        )
        st.caption(source_line(tiles, lead=(
            "Klik op een regio of kies haar bij 'Regio kiezen' voor het profiel, op een punt voor de gegevens van die "
            "voorziening. ")))
        # Drawn when opened: the table code would otherwise load in the browser before the map (issue 13).
        table_expander(
            lambda: region_table(choice, shapes, shade, flagged if monitor is not None else None, details),
            key=TABLE_KEY,
        )
    with legend_column:
        region_picker(shapes, niveau, selected, select_region, key="kaart_regio")
        _legend(shade, niveau, lagen, flagged)
        if facility is not None:
            facility_panel(facility)

    if selected is not None:
        region_profile(niveau, str(selected), shapes, result, monitor)
    else:
        st.caption("Nog geen regio gekozen.")


if page_start("Kaart", "Waar werkt de MGZ goed, waar is het netwerk te zwak of te sterk, waar ontbreken gegevens?"):
    if require_data("registry"):
        _render()
log_run_time("Kaart")  # with MGZ_LOG=debug: seconds and CPU seconds of this run (benchmarks/dashboard_browser.py)
