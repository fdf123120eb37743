"""Regio: the profile of one region (matrix with evidence, signal, indicators, facilities, network, trend); for a HAP
service area, which the monitor does not score, its regiodossier and indicators (dashboard.components.hap_area)."""
from __future__ import annotations

import streamlit as st

from dashboard import cache
from dashboard.components import region as rv
from dashboard.components.catalogue import comparison_table
from dashboard.components.dossier import dossier_downloads
from dashboard.components.finding_editor import findings_section
from dashboard.components.hap_area import hap_area_profile
from dashboard.components.chart_table import network_text, table_view
from dashboard.components.heatmap import heatmap_chart, matrix_frame, matrix_table
from dashboard.components.network import network_dot
from dashboard.components.selection import select_region, select_wave
from dashboard.components.tables import show_table
from dashboard.components.trend import region_trend_chart, region_trend_frame, region_trend_table
from dashboard.format import escape_markdown, label, number, percent, plural_label
from dashboard.setup import friendly_errors, page_start, require_data
from data.models import CONDITIONS, FACILITY_TYPES
from geo.catalogue import INDICATORS, keys
from monitor.catalogue import default as monitor_catalogue

SHOWN_REASONS = 4  # the rest of the reasons sits in an expander, so the matrix stays in view

if page_start("Regio", "Het profiel van één regio: systeemvoorwaarden, signaal, voorzieningen en netwerk."):
    if require_data("registry"):
        with friendly_errors():
            geography = cache.geography()
            level_box, region_box, wave_box = st.columns([1, 2, 1])
            regions = rv.with_hap_areas(geography.regions, cache.geo_result().indicators[rv.HAP_LEVEL])
            niveau, code, name = select_region(regions, (*rv.REGION_LEVELS, rv.HAP_LEVEL), (level_box, region_box))
            with wave_box:
                golf = select_wave(cache.registry().waves, key="regio_golf")
            if niveau == rv.HAP_LEVEL:  # no score at this level: the area's dossier and indicators only
                hap_area_profile(code, name, golf)
                st.stop()
            result = cache.monitor_result(niveau, golf)
            variation = monitor_catalogue().gevoeligheid
            geo_result = cache.geo_result()
            registry = cache.registry()

            st.header(f"{escape_markdown(name)} ({code})")
            st.caption(
                f"{label(niveau)} · {'alle meetgolven samen' if golf is None else 'meetgolf ' + escape_markdown(golf)}"
                f" · catalogus {result.catalogus_versie}"
            )

            # -- Signal ------------------------------------------------------------------------------
            signal_rows = result.signals[result.signals["code"] == code]
            if not signal_rows.empty:
                signal = signal_rows.iloc[0]
                view = rv.signal_view(signal)
                alert = getattr(st, view.kind)
                alert(
                    f"**{view.title}**\n\n{escape_markdown(rv.signal_basis(signal))}"
                    + (f"\n\n{rv.bullet_list(view.reasons[:SHOWN_REASONS])}" if view.reasons else "")
                )
                if len(view.reasons) > SHOWN_REASONS:
                    with st.expander(f"Alle {len(view.reasons)} redenen"):
                        st.markdown(rv.bullet_list(view.reasons))
                if view.chains:
                    with st.expander(f"Ketens van belemmeringen ({len(view.chains)})"):
                        st.markdown(rv.bullet_list(view.chains))
                counterweights = rv.counterweights_markdown(signal)
                if counterweights:
                    st.markdown(counterweights)
                st.caption(
                    f"Prioriteit voor een pilot: {number(signal['prioriteit'], 2)} · totaal bewijsgewicht "
                    f"{number(signal.get('bewijsgewicht'), 0)}. Robuust = de uitkomst blijft gelijk als elke drempel en "
                    f"elk gewicht {percent(variation)} omhoog of omlaag gaat. Bron: register en bevindingen; methode: zie Over."
                )

            dossier_downloads(niveau, code, name, golf, key="regio_dossier")

            tabs = st.tabs(["Matrix", "Bevindingen", "Indicatoren", "Voorzieningen", "Netwerk", "Verloop"])

            # -- Matrix with evidence ----------------------------------------------------------------
            with tabs[0]:
                frame = matrix_frame(result.cells, code)
                event = st.altair_chart(
                    heatmap_chart(frame, selectable=True),
                    on_select="rerun",
                    key=f"matrix_{niveau}_{code}",
                    width="stretch",
                )
                st.caption(
                    "Score per systeemvoorwaarde en stakeholdergroep: −2 knelpunt, een system failure (oranje), tot "
                    "+2 geen knelpunt, een good practice (blauw); bij netwerk te zwak en te sterk: knelpunt ↔ geen "
                    "knelpunt. Leeg = geen bewijs. Klik op een cel voor het bewijs erachter, of open hieronder het "
                    "bewijs per voorwaarde."
                )
                table_view("Matrix als tabel", matrix_table(frame).rename_axis("Voorwaarde"), "Leeg = geen bewijs.")
                evidence = result.evidence[result.evidence["code"] == code]
                picked = (event.selection.get("cel") or []) if event else []
                if picked:
                    cell = picked[0]
                    chosen = evidence[
                        (evidence["voorwaarde"] == cell.get("voorwaarde")) & (evidence["stakeholder"] == cell.get("stakeholder"))
                    ]
                    chosen_cell = f"{label(cell.get('voorwaarde'))} × {label(cell.get('stakeholder'))}"
                    st.subheader(f"Bewijs: {escape_markdown(chosen_cell)}")
                    show_table(rv.evidence_table(chosen), long_text=("Omschrijving",))
                show_table(rv.condition_scores(result.conditions, code), placeholder="geen bewijs")
                for condition in CONDITIONS:
                    rows = evidence[evidence["voorwaarde"] == condition]
                    with st.expander(f"Bewijs bij {label(condition).lower()} ({len(rows)})"):
                        show_table(rv.evidence_table(rows), long_text=("Omschrijving",))

            # -- Findings ----------------------------------------------------------------------------
            with tabs[1]:  # a lezer sees counts per condition; an analist the texts and the editor
                findings_section(evidence, code)

            # -- Indicators vs national median -------------------------------------------------------
            with tabs[2]:
                table = comparison_table(INDICATORS, geo_result.indicators[niveau], code, keys(niveau))
                st.dataframe(table, hide_index=True, width="stretch")
                st.caption(
                    f"Landelijke mediaan over alle {number(len(geo_result.indicators[niveau]))} regio's van dit "
                    "niveau. 'Gunstiger' volgt de richting van de indicator (zie Over). Reistijden zijn geschat."
                )

            # -- Facilities --------------------------------------------------------------------------
            with tabs[3]:
                inside = rv.region_facilities(geo_result.facilities, niveau, code)
                counts = inside["type"].value_counts()
                columns = st.columns(len(FACILITY_TYPES))
                for column, kind in zip(columns, FACILITY_TYPES):
                    column.metric(plural_label(kind), number(counts.get(kind, 0)), help="Bron: register (voorzieningen).")
                st.subheader("Zorgorganisaties")
                show_table(rv.organisations_table(inside))
                for kind in ("hap", "avg_poli", "huisartsenpraktijk", "vg_locatie"):
                    with st.expander(f"{plural_label(kind)} ({number(counts.get(kind, 0))})"):
                        show_table(rv.facilities_table(inside, registry.facilities, kind))

            # -- Network -----------------------------------------------------------------------------
            with tabs[4]:
                ids = set(inside["id"])
                picture = network_dot(ids, registry.facilities, registry.collaborations)
                st.graphviz_chart(picture.dot, width="stretch")
                network_text(ids, registry.facilities, registry.collaborations)
                st.caption(
                    "Doorgetrokken lijn: formele samenwerking (gezamenlijke medische dienst, contract, schriftelijke "
                    "afspraak) · gestreept: informeel (mondeling, casuïstiek); dikker = meer afspraken · kader 'Geen "
                    "samenwerking': partijen zonder enige band. Oranje huis: VG-organisatie (met haar locaties in de "
                    "regio) · blauw: HAP · groen: huisarts · paars: AVG-poli; lichter: partner buiten de regio. "
                    "Bron: register (samenwerkingen)."
                    + (f" {number(picture.practices_without_ties)} huisartsenpraktijken in de regio zonder enige "
                       "samenwerking zijn niet getekend." if picture.practices_without_ties else "")
                    + (f" {number(picture.left_out)} minder verbonden partijen zijn weggelaten." if picture.left_out else "")
                )

            # -- Trend over waves --------------------------------------------------------------------
            with tabs[5]:
                trend = region_trend_frame(cache.scores_by_wave(niveau), code, registry.waves)
                if not trend["score"].notna().any():
                    st.info("Nog geen meetgolven met bewijs voor deze regio.")
                else:
                    st.altair_chart(region_trend_chart(trend), width="stretch")
                    show_table(region_trend_table(trend), placeholder="geen bewijs")
                    st.caption("Score per systeemvoorwaarde per meetgolf (−2…+2). Bron: register en bevindingen.")
