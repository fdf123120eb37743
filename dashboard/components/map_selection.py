"""What the Kaart shows for a choice on the map: the clicked facility beside it, the chosen region's profile under it.

Session state: ``regio_niveau`` and ``regio_code`` (the chosen region, shared with the Regio page),
``kaart_voorziening`` (the clicked facility: type, index in its packed layer, layer token) and ``organisatie_id``
(set by "Naar organisatie").
"""
from __future__ import annotations

import streamlit as st
from streamlit.errors import StreamlitAPIException

from dashboard.components.region import signal_basis
from dashboard.format import escape_markdown
from dashboard.maps import compose
from dashboard.maps.points import facility_details, find_point
from dashboard.setup import link_to_page

POINT_KEY = "kaart_voorziening"
REGION_LEVEL_KEY = "regio_niveau"
REGION_CODE_KEY = "regio_code"
ORGANISATION_PAGE = "dashboard/pages/organisatie.py"
REGIO_PAGE = "dashboard/pages/regio.py"


def select_region(niveau: str, code: str) -> None:
    st.session_state[REGION_LEVEL_KEY] = niveau
    st.session_state[REGION_CODE_KEY] = code


def selected_region(niveau: str) -> str | None:
    """The code of the chosen region when it is of this level."""
    return st.session_state.get(REGION_CODE_KEY) if st.session_state.get(REGION_LEVEL_KEY) == niveau else None


def _go_to(page: str, label: str, icon: str) -> None:
    try:
        st.switch_page(page)
    except StreamlitAPIException:  # a page run on its own (tests) has no navigation
        link_to_page(page, label, icon)


def chosen_facility(facilities):
    """The facility the user clicked on the map (a row of points.point_rows), or None."""
    chosen = st.session_state.get(POINT_KEY)
    if not chosen:
        return None
    row = find_point(facilities, *chosen)
    if row is None:
        st.session_state.pop(POINT_KEY, None)  # the map was drawn from other data
    return row


def facility_panel(row) -> None:
    """Name and details of the clicked facility (all user text escaped), with a way back to nothing chosen."""
    st.markdown(f"**{escape_markdown(row.naam)}**")
    st.markdown("\n".join(f"- {escape_markdown(name)}: {escape_markdown(value)}" for name, value in facility_details(row)))
    left, right = st.columns(2)
    if row.type == "vg_locatie" and isinstance(row.organisatie_id, str) and row.organisatie_id:
        if left.button("Naar organisatie", icon=":material/apartment:", key="kaart_naar_organisatie"):
            st.session_state["organisatie_id"] = row.organisatie_id
            _go_to(ORGANISATION_PAGE, "Naar Organisatie", ":material/apartment:")
    if right.button("Sluiten", icon=":material/close:", key="kaart_voorziening_sluiten"):
        st.session_state.pop(POINT_KEY, None)
        st.rerun()


def region_profile(niveau: str, code: str, shapes, result, monitor) -> None:
    """A short profile of the chosen region under the map, with a link to the full Regio page."""
    match = shapes[shapes["code"].astype(str) == code]
    if match.empty:
        return
    name = str(match["naam"].iloc[0])
    st.subheader(f"{escape_markdown(name)} ({compose.level_noun(niveau)})", anchor=False)
    if monitor is not None:
        _signal(monitor.signals, code)
    left, right = st.columns(2)
    if monitor is not None:
        left.dataframe(compose.score_rows(code, monitor.conditions), hide_index=True, width="stretch")
    target = right if monitor is not None else left
    target.dataframe(compose.indicator_rows(niveau, code, result.indicators), hide_index=True, width="stretch")
    if niveau in compose.MONITOR_LEVELS and st.button("Volledig regioprofiel openen", icon=":material/location_city:"):
        select_region(niveau, code)
        _go_to(REGIO_PAGE, "Naar Regio", ":material/location_city:")


def _signal(signals, code: str) -> None:
    """The region's signal in one coloured line with its basis, then its main reasons."""
    row = signals[signals["code"].astype(str) == code]
    if row.empty:
        return
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
