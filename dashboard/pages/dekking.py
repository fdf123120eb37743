"""Dekking: per VG location its GP, HAP and AVG coverage and gaps, on a map and in a table; 'wat als…' scenarios.

Session state: the shared ``regio_niveau``/``regio_code`` (the region chosen on another page), widget keys
``dekking_*`` and the kept scenarios ``dekking_scenarios`` (dashboard.components.coverage_scenario).
"""
from __future__ import annotations

from datetime import date

import streamlit as st
from streamlit_folium import st_folium

from dashboard import cache
from dashboard.components import coverage, coverage_scenario
from dashboard.components.downloads import file_stem
from dashboard.components.map_setup import base_url_path, map_background, source_line
from dashboard.components.map_table import points_expander
from dashboard.format import count_text, escape_markdown, number, travel_time_note
from dashboard.maps.coverage import coverage_map, gap_class, legend_html
from dashboard.maps.table import LOCATION_NOTE, location_table
from dashboard.setup import friendly_errors, page_start, require_data
from geo import coverage_export
from geo.coverage import LEVEL_NOUNS

MAP_HEIGHT = 560
INTRO = ("Welke VG-locaties hebben geen vaste huisarts, geen afspraak met de huisartsenpost of weinig AVG binnen bereik? "
         "Per locatie, met wat-als-scenario's.")


def _map(rows, areas, facilities) -> None:
    tiles = map_background()
    if tiles is None:
        return
    m = coverage_map(rows, areas, facilities, tiles, base_url_path=base_url_path())
    st_folium(m, height=MAP_HEIGHT, use_container_width=True, returned_objects=[], key="dekking_kaart")
    st.caption(source_line(tiles))


def _render() -> None:
    registry, result, table = cache.registry(), cache.geo_result(), cache.coverage()
    regions = cache.geography(web=True).regions
    names = dict(zip(regions["code"].astype(str), regions["naam"].astype(str)))
    names.update(zip(result.indicators["hap"]["code"].astype(str), result.indicators["hap"]["naam"].astype(str)))
    selection = coverage.select(table, names)
    if selection is None:
        return
    rows = selection.rows(table)
    st.header(escape_markdown(f"{selection.naam} ({LEVEL_NOUNS[selection.niveau]})"), anchor=False)
    coverage.show_counts(rows)

    map_column, table_column = st.columns([2, 3])
    with map_column:
        _map(rows, cache.service_area_outlines(), registry.facilities)
        classes = rows["ergste"].map(gap_class).value_counts().to_dict()
        st.markdown(legend_html(classes), unsafe_allow_html=True)
        points_expander(location_table(rows), LOCATION_NOTE)
    with table_column:
        st.caption(f"{count_text(len(rows), 'VG-locatie', 'VG-locaties')} in de selectie, ergste knelpunt eerst.")
        coverage.show_table(rows)
    st.caption(
        f"Peildatum {date.today():%d-%m-%Y}: een samenwerking telt als ze vandaag bestaat. Reistijden: "
        f"{travel_time_note(result.settings)}. Leeg = onbekend. Een locatie met Wlz-behandeling heeft een eigen arts: "
        "geen huisarts is daar geen knelpunt. 'Samenwerkingen niet geregistreerd': de organisatie heeft geen enkele "
        "samenwerking met een huisarts of HAP in het register."
    )
    organisations = coverage.organisation_options(rows)
    stem = file_stem(f"dekking_{selection.naam}", registry.is_demo)
    notes = coverage_export.notes(date.today(), selection.describe(organisations))
    coverage.downloads(rows, stem, notes, registry.is_demo)

    st.subheader("Wat als…", anchor=False)
    st.caption("Sluit een huisartsenpost, huisartsenpraktijk of AVG-poli, of open een nieuwe AVG-poli, en zie wat er in "
               "deze selectie verandert. Scenario's blijven bewaard zolang deze pagina open is.")
    coverage_scenario.section(registry, cache.geography(), result, table, selection, rows, cache.data_version(), names)


if page_start("Dekking", INTRO):
    if require_data("registry"):
        with friendly_errors():
            _render()
