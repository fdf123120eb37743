"""Kaart: regions of one level coloured by a signal, condition score or indicator, with facility layers.

Session state shared with other pages: ``regio_niveau`` and ``regio_code`` (the selected region; the Regio
page opens on it), ``organisatie_id`` (set by "Naar organisatie" of a clicked VG location). Own keys: ``kaart_view``
(centre/zoom at the last click, restored when the map is mounted again), ``kaart_voorziening`` (the clicked
facility: type, index in its packed layer, layer token), widget keys ``kaart_niveau``, ``kaart_kleur_<niveau>``,
``kaart_golf``, ``kaart_lagen``, ``kaart_tabel`` (the expander 'Kaart als tabel' is open) and the map component
``kaart_map``.

Facilities are compact point layers (dashboard.maps.points): a few bytes per point, names only for the smaller
types; a click on a point shows the facility's details beside the map.

The base map never changes between reruns, so streamlit-folium keeps the same Leaflet map (and the
user's view); the coloured regions, points and selection go in as feature groups that are swapped in
place. The map returns only the clicked region (code, level, view), nothing on pan or zoom.
"""
from __future__ import annotations

import streamlit as st
from streamlit.errors import StreamlitAPIException
from streamlit_folium import st_folium

from dashboard import cache
from dashboard.assets import MISSING_TEXT, ensure_vendor_files
from dashboard.components.map_table import region_picker, table_expander
from dashboard.components.region import signal_basis
from dashboard.components.selection import select_wave
from dashboard.format import escape_markdown, number
from dashboard.maps import compose
from dashboard.maps.base import NL_CENTER, NL_ZOOM, base_map, tiles_setting
from dashboard.maps.facilities import POINT_STYLES, point_legend_html
from dashboard.maps.palette import FLAG_OUTLINE, LegendItem, legend_html
from dashboard.maps.points import clicked_point, facility_details, find_point
from dashboard.maps.table import region_table
from dashboard.setup import link_to_page, log_run_time, page_start, require_data
from data.errors import UserError

MAP_KEY = "kaart_map"
TABLE_KEY = "kaart_tabel"
VIEW_KEY = "kaart_view"
POINT_KEY = "kaart_voorziening"
ORGANISATION_PAGE = "dashboard/pages/organisatie.py"
REGION_LEVEL_KEY = "regio_niveau"
REGION_CODE_KEY = "regio_code"
MAP_HEIGHT = 620
LAYER_LABELS = {
    "hap": "Huisartsenposten",
    compose.SERVICE_AREAS: "HAP-werkgebieden",
    "avg_poli": "AVG-poli's",
    "vg_locatie": "VG-locaties",
    "huisartsenpraktijk": "Huisartsenpraktijken",
}
REGIO_PAGE = "dashboard/pages/regio.py"
HAP_LEVEL_NOTE = (
    "HAP-werkgebieden hebben geen signalen of scores (de monitor beoordeelt zorgkantoorregio's, gemeenten en "
    "provincies), dus ook geen meetgolf: de kleur toont een geo-indicator uit het register."
)


def select_region(niveau: str, code: str) -> None:
    st.session_state[REGION_LEVEL_KEY] = niveau
    st.session_state[REGION_CODE_KEY] = code


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
        items.append(LegendItem("#ffffff", f"Dik omlijnd: signaal ({number(len(flagged))} regio's)", outlined=True))
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


def _chosen_facility(facilities):
    """The facility the user clicked on the map (a row of points.point_rows), or None."""
    chosen = st.session_state.get(POINT_KEY)
    if not chosen:
        return None
    row = find_point(facilities, *chosen)
    if row is None:
        st.session_state.pop(POINT_KEY, None)  # the map was drawn from other data
    return row


def _facility_panel(row) -> None:
    """Name and details of the clicked facility (all user text escaped), with a way back to nothing chosen."""
    st.markdown(f"**{escape_markdown(row.naam)}**")
    st.markdown("\n".join(f"- {escape_markdown(name)}: {escape_markdown(value)}" for name, value in facility_details(row)))
    left, right = st.columns(2)
    if row.type == "vg_locatie" and isinstance(row.organisatie_id, str) and row.organisatie_id:
        if left.button("Naar organisatie", icon=":material/apartment:", key="kaart_naar_organisatie"):
            st.session_state["organisatie_id"] = row.organisatie_id
            try:
                st.switch_page(ORGANISATION_PAGE)
            except StreamlitAPIException:
                link_to_page(ORGANISATION_PAGE, "Naar Organisatie", ":material/apartment:")
    if right.button("Sluiten", icon=":material/close:", key="kaart_voorziening_sluiten"):
        st.session_state.pop(POINT_KEY, None)
        st.rerun()


def _profile(niveau: str, code: str, shapes, result, monitor) -> None:
    """A short profile of the selected region under the map, with a link to the full Regio page."""
    match = shapes[shapes["code"].astype(str) == code]
    if match.empty:
        return
    name = str(match["naam"].iloc[0])
    st.subheader(f"{escape_markdown(name)} ({compose.level_noun(niveau)})", anchor=False)
    if monitor is not None:
        row = monitor.signals[monitor.signals["code"].astype(str) == code]
        if not row.empty:
            row = row.iloc[0]
            basis = escape_markdown(signal_basis(row))
            if row["onvoldoende_gegevens"]:
                st.info(f"Onvoldoende gegevens om het netwerk te beoordelen. {basis}.", icon=":material/help:")
            elif row["zwak_netwerk"] or row["te_sterk_netwerk"]:
                kinds = [t for t, on in (("te zwak", row["zwak_netwerk"]), ("te sterk", row["te_sterk_netwerk"])) if on]
                st.warning(f"Signaal: netwerk {' en '.join(kinds)}. {basis}.", icon=":material/flag:")
            else:
                st.success(f"Geen signaal. {basis}.", icon=":material/check_circle:")
            reasons = [escape_markdown(r) for r in row["redenen"] or []]
            if reasons:
                st.markdown("\n".join(f"- {r}" for r in reasons[:6]))
    left, right = st.columns(2)
    if monitor is not None:
        left.dataframe(compose.score_rows(code, monitor.conditions), hide_index=True, width="stretch")
    target = right if monitor is not None else left
    target.dataframe(compose.indicator_rows(niveau, code, result.indicators), hide_index=True, width="stretch")
    if niveau in compose.MONITOR_LEVELS and st.button("Volledig regioprofiel openen", icon=":material/location_city:"):
        select_region(niveau, code)
        try:
            st.switch_page(REGIO_PAGE)
        except StreamlitAPIException:
            link_to_page(REGIO_PAGE, "Naar Regio", ":material/location_city:")


def _render() -> None:
    missing = ensure_vendor_files()
    if missing:
        st.error(MISSING_TEXT, icon=":material/error:")
        return
    if not st.get_option("server.enableStaticServing"):
        st.error("Zet `enableStaticServing = true` onder [server] in .streamlit/config.toml; de kaart laadt Leaflet uit static/.")
        return
    try:
        tiles = tiles_setting()
    except UserError as error:
        st.warning(f"{error} De kaart wordt zonder achtergrond getoond.")
        tiles = "geen"

    registry = cache.registry()
    result = cache.geo_result()
    niveau, choice, golf, lagen = _controls(registry)
    monitor = cache.monitor_result(niveau, golf) if niveau in compose.MONITOR_LEVELS else None
    signals = monitor.signals if monitor is not None else None
    areas = cache.service_area_outlines()
    shapes = compose.region_shapes(niveau, cache.geography(web=True).regions, areas)
    shade = compose.shading(choice, niveau, result.indicators, signals, monitor.conditions if monitor else None)
    flagged = compose.flags(signals)
    selected = st.session_state.get(REGION_CODE_KEY) if st.session_state.get(REGION_LEVEL_KEY) == niveau else None

    details = compose.signal_details(signals)
    points = cache.map_points([kind for kind in lagen if kind in POINT_STYLES])
    facility = _chosen_facility(registry.facilities)
    chosen_point = (float(facility.lat), float(facility.lon)) if facility is not None else None
    groups = compose.layers(
        niveau, choice, shapes, shade, flagged, registry.facilities, areas, tuple(lagen), selected, details,
        points=points, chosen_point=chosen_point,
    )
    view = st.session_state.get(VIEW_KEY) or {"center": list(NL_CENTER), "zoom": NL_ZOOM}
    map_column, legend_column = st.columns([4, 1])
    with map_column:
        st_folium(
            base_map(tiles, base_url_path=st.get_option("server.baseUrlPath") or ""),
            key=MAP_KEY,
            height=MAP_HEIGHT,
            use_container_width=True,
            feature_group_to_add=groups,
            returned_objects=["last_active_drawing"],
            center=view["center"],
            zoom=view["zoom"],
            on_change=_on_map_change,
        )
        st.caption(
            "Klik op een regio of kies haar bij 'Regio kiezen' voor het profiel, op een punt voor de gegevens van die "
            "voorziening. Grenzen: CBS / PDOK (CC BY 4.0)"
            + ("; achtergrond: © OpenStreetMap-bijdragers, van internet (zonder internet blijft die grijs; zet dan "
               "MGZ_TILES=geen)." if tiles == "osm" else "; geen achtergrondkaart (MGZ_TILES=geen).")
        )
        # Drawn when opened: the table code would otherwise load in the browser before the map (issue 13).
        table_expander(
            lambda: region_table(choice, shapes, shade, flagged if monitor is not None else None, details),
            key=TABLE_KEY,
        )
    with legend_column:
        region_picker(shapes, niveau, selected, select_region, key="kaart_regio")
        _legend(shade, niveau, lagen, flagged)
        if facility is not None:
            _facility_panel(facility)

    if selected is not None:
        _profile(niveau, str(selected), shapes, result, monitor)
    else:
        st.caption("Nog geen regio gekozen.")


if page_start("Kaart", "Waar werkt de MGZ goed, waar is het netwerk te zwak of te sterk, waar ontbreken gegevens?"):
    if require_data("registry"):
        _render()
log_run_time("Kaart")  # with MGZ_LOG=debug: seconds and CPU seconds of this run (benchmarks/dashboard_browser.py)
