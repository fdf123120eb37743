"""Text alternatives beside a map: 'Kaart als tabel' and a region select box (keyboard and screen readers).

A map page calls one function per alternative; the tables themselves are built without streamlit
(dashboard/maps/table.py for regions, components/org_map.py for the points of an organisation).
"""
from __future__ import annotations

from typing import Callable

import geopandas as gpd
import pandas as pd
import streamlit as st

from dashboard.maps.table import MapTable

EXPANDER = "Kaart als tabel"
TABLE_NOTE = (
    "Dezelfde regio's, waarden en signalen als de kleuren, omlijningen en tooltips op de kaart. Klik op een "
    "kolomkop om te sorteren."
)


def table_expander(table: MapTable | Callable[[], MapTable], note: str = TABLE_NOTE, key: str | None = None) -> None:
    """The expander 'Kaart als tabel' with a sortable table; the number column stays numeric.

    With ``key`` the table is drawn only once the user opens the expander (a rerun; st.session_state[key] is True
    while it is open), so the page does not load the browser's table code before the map; ``table`` may then be a
    function that builds it.
    """
    if key is None:
        expander = st.expander(EXPANDER, icon=":material/table:")
    else:
        expander = st.expander(EXPANDER, icon=":material/table:", key=key, on_change="rerun")
        if not expander.open:
            return
    if callable(table):
        table = table()
    config = {}
    if table.value_column is not None:
        # "localized": the browser's number notation (1.234,5 in Dutch); the column stays sortable as numbers.
        config[table.value_column] = st.column_config.NumberColumn(table.value_column, format="localized")
    with expander:
        st.dataframe(table.frame, hide_index=True, width="stretch", column_config=config)
        st.caption(note)


def region_picker(
    shapes: gpd.GeoDataFrame, niveau: str, selected: str | None, on_pick: Callable[[str, str], None], key: str
) -> None:
    """A select box with every region on the map, in sync with a click on the map.

    ``selected``: the region chosen now (by a click or earlier here); ``on_pick(niveau, code)`` stores a choice.
    """
    rows = shapes[[g is not None and not g.is_empty for g in shapes.geometry]]  # the regions the map draws
    rows = rows.sort_values("naam", key=lambda s: s.astype(str).str.lower(), kind="stable")
    options = {str(code): f"{name} ({code})" for code, name in zip(rows["code"], rows["naam"])}
    widget = f"{key}_{niveau}"
    # Follow a click on the map: the box shows the region the map shows (set before the widget is drawn).
    st.session_state[widget] = selected if selected in options else None

    def picked() -> None:
        code = st.session_state.get(widget)
        if code is not None:
            on_pick(niveau, str(code))

    st.selectbox(
        "Regio kiezen", list(options), format_func=options.get, key=widget, on_change=picked,
        placeholder="Typ of kies een regio",
        help="Met het toetsenbord: hetzelfde als op een regio op de kaart klikken.",
    )


def points_expander(frame: pd.DataFrame, note: str) -> None:
    """'Kaart als tabel' for a map of points (facilities): one row per point."""
    with st.expander(EXPANDER, icon=":material/table:"):
        st.dataframe(frame, hide_index=True, width="stretch")
        st.caption(note)
