"""Organisatie: one care organisation across all its VG locations (HAP areas, GP practices, travel times, map)."""
from __future__ import annotations

import streamlit as st

from dashboard import cache
from dashboard.components.catalogue import comparison_table
from dashboard.components.org_map import organisation_map
from dashboard.components.tables import show_table
from dashboard.components.organisation import (
    gp_practices_table,
    hap_areas_table,
    locations_table,
    organisation_locations,
    organisation_options,
    partner_ids,
)
from dashboard.format import escape_markdown, number, percent, travel_time_note
from dashboard.setup import friendly_errors, page_start, require_data
from geo.catalogue import INDICATORS, keys

if page_start("Organisatie", "Eén zorgorganisatie over al haar locaties: huisartsenposten, huisartsen en reistijden."):
    if require_data("registry"):
        with friendly_errors():
            result = cache.geo_result()
            registry = cache.registry()
            orgs = result.indicators["organisatie"]
            options = organisation_options(orgs)
            if not options:
                st.info("Het register bevat nog geen VG-locaties met een organisatie — ga naar **Gegevens**.")
                st.stop()
            if st.session_state.get("organisatie_id") not in options:
                # Start with the organisation with the most HAP areas: the clearest 'lappendeken'.
                st.session_state["organisatie_id"] = orgs.sort_values(
                    ["aantal_hap_gebieden", "aantal_locaties"], ascending=False
                )["code"].iloc[0]
            org_id = st.selectbox(
                "Organisatie", list(options), format_func=options.get, key="organisatie_id",
                help="Typ om te zoeken. Alle VG-locaties van de organisatie in het register tellen mee.",
            )
            locations = organisation_locations(result.facilities, org_id)
            row = orgs[orgs["code"] == org_id].iloc[0]
            st.header(escape_markdown(options[org_id]))

            geography = cache.geography()
            region_names = dict(zip(geography.regions["code"], geography.regions["naam"]))
            no_gp = int((~locations["heeft_huisarts"].fillna(False).astype(bool)).sum())
            c1, c2, c3, c4 = st.columns(4)
            c1.metric("VG-locaties", number(row["aantal_locaties"]), help="Bron: register (voorzieningen).")
            c2.metric(
                "HAP-werkgebieden", number(row["aantal_hap_gebieden"]),
                help=f"In hoeveel werkgebieden van huisartsenposten de locaties liggen. Bron: {INDICATORS['aantal_hap_gebieden'].bron}.",
            )
            c3.metric(
                "Huisartsenpraktijken", number(row["aantal_huisartsenpraktijken"]),
                help=f"Praktijken met een samenwerking met een van de locaties. Bron: {INDICATORS['aantal_huisartsenpraktijken'].bron}.",
            )
            c4.metric(
                "Locaties zonder huisarts", f"{number(no_gp)} ({percent(row['aandeel_locaties_zonder_huisarts'])})",
                help="Locaties zonder enige samenwerking met een huisartsenpraktijk. Bron: register (samenwerkingen).",
            )

            st.subheader("Op de kaart")
            st.caption(
                "Wit: VG-locaties van de organisatie (oranjerode ring: zonder huisarts) · zwart: huisartsenposten "
                "van hun werkgebieden · blauw: samenwerkende huisartsenpraktijken · gestreept: HAP-werkgebieden. "
                "Bron: register; grenzen CBS / PDOK."
            )
            partners = partner_ids(locations, result.gp_links)
            without_gp = set(locations.loc[~locations["heeft_huisarts"].fillna(False).astype(bool), "id"])
            organisation_map(
                registry.facilities, set(locations["id"]), partners, cache.service_area_outlines(), without_gp
            )

            left, right = st.columns(2)
            with left:
                st.subheader("Huisartsenposten")
                st.dataframe(hap_areas_table(locations, registry.facilities), hide_index=True, width="stretch")
            with right:
                st.subheader("Huisartsenpraktijken")
                show_table(gp_practices_table(locations, result.gp_links, registry.facilities), placeholder="onbekend")

            st.subheader("Locaties")
            st.caption(
                f"Locaties zonder huisarts staan bovenaan. Reistijden: {travel_time_note(result.settings)}. "
                "Cliëntenaantallen onder 10 staan als <10."
            )
            show_table(locations_table(locations, registry.facilities, region_names), placeholder="onbekend")

            st.subheader("Vergeleken met andere organisaties")
            st.dataframe(
                comparison_table(INDICATORS, orgs, org_id, keys("organisatie"), subject="Deze organisatie"),
                hide_index=True,
                width="stretch",
            )
            st.caption(f"Landelijke mediaan over {number(len(orgs))} organisaties in het register.")
