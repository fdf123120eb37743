"""Monitoring: the measurement waves over time (national and per region), the convenant action status, bottlenecks
linked to action lines, awareness of the convenant, and the wave report."""
from __future__ import annotations

import streamlit as st

from dashboard import cache
from dashboard.components import convenant
from dashboard.components import monitoring as mv
from dashboard.components.chart_table import table_view
from dashboard.components.selection import select_region
from dashboard.components.tables import show_table
from dashboard.components.trend import region_trend_chart, region_trend_frame, region_trend_table
from dashboard.format import SCALE_TEXT, escape_markdown, label, number, plural_label
from dashboard.setup import friendly_errors, page_start, require_data

LEVELS = ("zorgkantoorregio", "provincie", "gemeente")

if page_start("Monitoring", "Het convenant MGZ over de meetgolven: landelijk, per regio en per actielijn."):
    if require_data("registry"):
        with friendly_errors():
            registry = cache.registry()
            waves = registry.waves.sort_values("volgorde")
            if waves.empty:
                st.info("Er zijn nog geen meetgolven: importeer bevindingen of convenantacties — ga naar **Gegevens**.")
                st.stop()
            codes = waves["code"].astype(str).tolist()
            st.caption(f"Meetgolven: {escape_markdown(', '.join(codes))}. Elke golf telt alleen haar eigen bevindingen en de "
                       "samenwerkingen die toen bestonden.")

            tab_national, tab_region, tab_actions, tab_links, tab_awareness = st.tabs(
                ["Landelijk", "Per regio", "Convenantacties", "Knelpunten en actielijnen", "Bekendheid"])

            with tab_national:
                niveau = st.columns([1, 3])[0].selectbox("Niveau", LEVELS, format_func=label, key="monitoring_niveau")
                st.subheader("Mediaan score per systeemvoorwaarde")
                national = mv.national_wave_frame(cache.scores_by_wave(niveau), waves)
                st.altair_chart(mv.national_wave_chart(national), width="stretch")
                table_view("Grafiek als tabel", mv.national_wave_table(national))
                st.caption(
                    f"Mediaan over de {plural_label(niveau).lower()} met bewijs voor die voorwaarde; {SCALE_TEXT} "
                    "(bij netwerk te zwak en te sterk: knelpunt ↔ geen knelpunt). Bron: register en bevindingen."
                )
                st.subheader("Signalen per meetgolf")
                st.dataframe(mv.signal_counts(cache.signals_by_wave(niveau)), hide_index=True, width="stretch")
                st.caption(mv.SIGNAL_COUNTS_NOTE)

            with tab_region:
                niveau_r, code, name = select_region(cache.geography().regions)
                trend = region_trend_frame(cache.scores_by_wave(niveau_r), code, waves)
                st.subheader(escape_markdown(name))
                if trend["score"].notna().any():
                    st.altair_chart(region_trend_chart(trend), width="stretch")
                    show_table(region_trend_table(trend), placeholder="geen bewijs")
                else:
                    st.info("Voor deze regio is in geen enkele meetgolf bewijs.")
                st.caption("Score per systeemvoorwaarde per meetgolf (−2…+2). Bron: register en bevindingen.")

            with tab_actions:
                actions = registry.actions
                if actions.empty:
                    st.info("Nog geen convenantacties geïmporteerd — ga naar **Gegevens**.")
                else:
                    st.subheader("Stand van de acties per meetgolf")
                    st.altair_chart(mv.action_status_chart(mv.action_status_counts(actions, waves)), width="stretch")
                    table_view("Grafiek als tabel", mv.action_status_table(mv.action_status_counts(actions, waves)))
                    st.caption(f"{number(len(actions))} acties × partijen × golven. Bron: import convenantacties.")
                    status = cache.action_status()
                    regions = sorted(set(status["regio"]) - {""})
                    names = dict(zip(status["regio"], status["regio_naam"]))
                    scope = st.selectbox(
                        "Landelijk of regionaal", ["", *regions], key="monitoring_actie_regio",
                        format_func=lambda c: "Landelijke acties" if c == "" else f"{names.get(c, c)} ({c})",
                    )
                    st.subheader("Per actielijn en partij")
                    st.dataframe(mv.action_table(status, codes, scope), hide_index=True, width="stretch")
                    golf = st.selectbox("Meetgolf", codes, index=len(codes) - 1, key="monitoring_actie_golf")
                    st.subheader(f"Per partij in golf {escape_markdown(golf)}")
                    st.dataframe(
                        mv.party_progress(actions, golf),
                        hide_index=True,
                        width="stretch",
                    )

            with tab_links:
                left, right = st.columns([1, 1])
                niveau_k = left.selectbox("Niveau", LEVELS, format_func=label, key="monitoring_koppeling_niveau")
                golf_k = right.selectbox("Meetgolf", codes, index=len(codes) - 1, key="monitoring_koppeling_golf")
                convenant.linking_section(niveau_k, golf_k, codes)

            with tab_awareness:
                convenant.awareness_section()

            st.header("Golfrapportage")
            golf_r = st.columns([1, 3])[0].selectbox("Meetgolf van de rapportage", codes, index=len(codes) - 1,
                                                     key="monitoring_rapport_golf")
            convenant.report_downloads(golf_r)
