"""Text alternatives for charts: a chart as a sortable table and the network picture in words.

Screen readers cannot read a Vega chart or a Graphviz picture; each chart on a page gets one of these,
called with one line under the chart.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.components.network import network_summary, network_table
from dashboard.format import escape_markdown


def table_view(title: str, frame: pd.DataFrame, note: str | None = None) -> None:
    """An expander with the chart's numbers as a table; a named index becomes the first column.

    Numeric columns stay numbers (sortable), shown in the browser's notation ("localized": 1,5 in Dutch).
    """
    frame = frame.reset_index() if frame.index.name is not None or not isinstance(frame.index, pd.RangeIndex) else frame.copy()
    frame.columns = [str(column) for column in frame.columns]
    numbers = {
        column: st.column_config.NumberColumn(column, format="localized")
        for column in frame.columns
        if pd.api.types.is_numeric_dtype(frame[column]) and not pd.api.types.is_bool_dtype(frame[column])
    }
    with st.expander(title, icon=":material/table:"):
        st.dataframe(frame, hide_index=True, width="stretch", column_config=numbers)
        if note:
            st.caption(note)


def network_text(region_ids: set[str], facilities: pd.DataFrame, collaborations: pd.DataFrame) -> None:
    """The network picture in words and as a table of ties (who works with whom, formal or informal)."""
    st.markdown(escape_markdown(network_summary(region_ids, facilities, collaborations)))
    table_view(
        "Netwerk als tabel", network_table(region_ids, facilities, collaborations),
        "Eén rij per samenwerking (partij in de regio eerst), daarna de partijen zonder samenwerking. "
        "Anders dan het plaatje zonder maximum aantal partijen.",
    )
