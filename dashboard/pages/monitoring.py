"""Monitoring: the measurement waves over time (national and per region) and the convenant action status."""
from __future__ import annotations

import streamlit as st

from dashboard import cache
from dashboard.components import monitoring as mv
from dashboard.components.selection import select_region
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

            tab_national, tab_region, tab_actions = st.tabs(["Landelijk", "Per regio", "Convenantacties"])

            with tab_national:
                niveau = st.columns([1, 3])[0].selectbox("Niveau", LEVELS, format_func=label, key="monitoring_niveau")
                st.subheader("Mediaan score per systeemvoorwaarde")
                national = mv.national_wave_frame(cache.scores_by_wave(niveau), waves)
                st.altair_chart(mv.national_wave_chart(national), width="stretch")
                st.caption(
                    f"Mediaan over de {plural_label(niveau).lower()} met bewijs voor die voorwaarde; {SCALE_TEXT} "
                    "(bij netwerk te zwak en te sterk: knelpunt ↔ geen knelpunt). Bron: register en bevindingen."
                )
                st.subheader("Signalen per meetgolf")
                st.dataframe(mv.signal_counts(cache.signals_by_wave(niveau)), hide_index=True, width="stretch")

            with tab_region:
                niveau_r, code, name = select_region(cache.geography().regions)
                trend = region_trend_frame(cache.scores_by_wave(niveau_r), code, waves)
                st.subheader(escape_markdown(name))
                if trend["score"].notna().any():
                    st.altair_chart(region_trend_chart(trend), width="stretch")
                    st.dataframe(region_trend_table(trend), hide_index=True, width="stretch")
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
