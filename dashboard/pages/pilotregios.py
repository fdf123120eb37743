"""Pilotregio's: the ranked list of regions with a weak network, why, side by side, and downloads."""
from __future__ import annotations

import streamlit as st

from dashboard import cache
from dashboard.components import pilot
from dashboard.components import region as rv
from dashboard.components.downloads import evidence_downloads, list_downloads
from dashboard.components.dossier import pilot_dossier
from dashboard.components.pilot_register import pilot_register_section
from dashboard.components.selection import select_wave
from dashboard.components.tables import show_table
from dashboard.format import count_text, escape_markdown, label, number, percent
from dashboard.setup import friendly_errors, page_start, require_data
from data.models import CONDITIONS
from geo.catalogue import INDICATORS, keys
from monitor import catalogue as monitor_catalogue
from monitor.analysis import pilot_candidates
from monitor.text import share_of

LEVELS = ("zorgkantoorregio", "gemeente", "provincie", "organisatie")
COMPARE_KEYS = [
    "aantal_vg_locatie", "aantal_organisaties", "aantal_hap_gebieden", "aantal_huisartsenpraktijken",
    "aandeel_locaties_zonder_huisarts", "aandeel_formeel", "reistijd_hap_min_mediaan", "avg_toegankelijkheid",
]

MAX_COMPARED = 3  # regions side by side

if page_start(
    "Pilotregio's",
    "Regio's met een zwak netwerk, gerangschikt op prioriteit voor een pilot met een onafhankelijke commissie.",
):
    if require_data("registry"):
        with friendly_errors():
            c1, c2, c3 = st.columns([1, 1, 2])
            with c1:
                niveau = st.selectbox("Niveau", LEVELS, format_func=label, key="pilot_niveau")
            with c2:
                golf = select_wave(cache.registry().waves, key="pilot_golf")
            with c3:
                weak = st.multiselect(
                    "Ook knelpunt in", [c for c in CONDITIONS if c != "netwerk_te_zwak"], format_func=label,
                    key="pilot_voorwaarden", select_all=False, placeholder="Kies voorwaarden (optioneel)", help="Toon alleen regio's die op deze voorwaarden ook onder 0 scoren.",
                )
            result = cache.monitor_result(niveau, golf)
            threshold = monitor_catalogue.default().signal("zwak_netwerk").score_hoogstens
            variation = monitor_catalogue.default().gevoeligheid
            ranked_all = pilot.rank_robust_first(pilot_candidates(result), result.signals)
            candidates = pilot.filter_candidates(ranked_all, result.signals, weak)
            total = len(result.signals)
            insufficient = int(result.signals["onvoldoende_gegevens"].sum())
            robust = int(candidates["robuust"].sum()) if not candidates.empty else 0

            unit, units = ("organisatie", "organisaties") if niveau == "organisatie" else ("regio", "regio's")
            # Never start with '0': 'Geen van de 31 regio's …' (monitor.text.share_of); otherwise '3 van 31 regio's …'.
            found = share_of(0, total, units) if candidates.empty else f"{number(len(candidates))} van {number(total)} {units}"
            st.header(f"{found} met een zwak netwerk")
            if candidates.empty:
                order = ""
            elif robust:
                order = (f"{number(robust)} daarvan met een robuust signaal; die staan bovenaan, daarna de gevoelige, "
                         "elk op prioriteit. ")
            else:
                order = "Geen daarvan met een robuust signaal; de lijst staat op prioriteit. "
            missing = (f"{count_text(insufficient, unit, units)} "
                       + ("heeft onvoldoende gegevens over het netwerk en staat" if insufficient == 1
                          else "hebben onvoldoende gegevens over het netwerk en staan")
                       + " niet in de lijst. ") if insufficient else ""
            st.caption(
                order + missing
                + "Prioriteit = zwakte van het netwerk × betrouwbaarheid, plus tekorten in infrastructuur en "
                "herkende ketens, min een goed netwerk en lopende convenantacties "
                f"(catalogus {result.catalogus_versie}; zie Over). Bron: register en bevindingen"
                + (f", meetgolf {escape_markdown(golf)}." if golf else ", alle meetgolven samen.")
            )
            st.caption(
                f"**Robuust**: het signaal blijft staan als elke drempel en elk gewicht {percent(variation)} omhoog of "
                "omlaag gaat (één voor één; catalogus [robuustheid] variatie). **Gevoelig**: in een deel van die "
                "varianten verdwijnt het signaal; de lijst zegt in hoeveel varianten het blijft staan. "
                "**Volledigheid**: over hoeveel VG-locaties er gegevens over samenwerkingen zijn."
            )
            if candidates.empty:
                st.info("Geen regio's met een zwak netwerk bij deze keuze.")
            else:
                show_table(
                    pilot.candidates_table(candidates),
                    long_text=("Belangrijkste reden",),
                    help={
                        "Prioriteit": "Hoger = eerder in aanmerking voor een pilot.",
                        "Score netwerk te zwak": f"−2 (zeer zwak) … +2; signaal bij {number(threshold, 2)} of lager.",
                        "Betrouwbaarheid (%)": "Groeit met het totale gewicht van het bewijs.",
                        "Zekerheid": f"Robuust = het signaal staat in alle varianten met drempels en gewichten ±{percent(variation)}.",
                        "Volledigheid": "VG-locaties waarvan de organisatie samenwerkingen heeft geregistreerd.",
                    },
                )
                list_downloads(pilot.download_frame(candidates), result, niveau, golf)

                with st.expander("Redenen per regio"):
                    for _, row in candidates.head(15).iterrows():
                        st.markdown(
                            f"**{row['rang']}. {escape_markdown(row['naam'])}** ({escape_markdown(row['code'])}) · "
                            f"{escape_markdown(rv.signal_basis(row))}"
                        )
                        st.markdown(rv.bullet_list(row["redenen"]))
                pilot_dossier(result, list(candidates["code"]), dict(zip(result.signals["code"], result.signals["naam"])), golf)

            # -- Pilot register: which regions already have a commission -----------------------------
            pilot_register_section(niveau, list(candidates["code"]), dict(zip(result.signals["code"], result.signals["naam"])))

            # -- Comparison --------------------------------------------------------------------------
            st.header("Vergelijken")
            names = dict(zip(result.signals["code"], result.signals["naam"]))
            ranked = list(candidates["code"]) + sorted(set(names) - set(candidates["code"]), key=lambda c: str(names[c]))
            default = list(candidates["code"].head(2)) or ranked[:2]
            # No max_selections: Streamlit would say so in English; a Dutch help text and note instead.
            chosen = st.multiselect(
                f"Kies twee of drie {units}", ranked, default=default, select_all=False,
                format_func=lambda c: f"{names[c]} ({c})", key=f"pilot_vergelijk_{niveau}", placeholder=f"Kies {units}",
                help=f"Vergelijk twee of drie {units} naast elkaar; kiest u er meer, dan staan de eerste drie naast elkaar.",
            )
            if len(chosen) > MAX_COMPARED:
                st.info(
                    f"U koos {number(len(chosen))} {units}; de eerste {MAX_COMPARED} staan naast elkaar. Haal er een "
                    "weg om een andere te vergelijken.", icon=":material/info:",
                )
                chosen = chosen[:MAX_COMPARED]
            if chosen:
                columns = st.columns(len(chosen))
                signals = result.signals.set_index("code")
                for column, code in zip(columns, chosen):
                    view = rv.signal_view(signals.loc[code])
                    with column:
                        st.subheader(escape_markdown(names[code]))
                        getattr(st, view.kind)(view.title)
                        st.caption(
                            f"{escape_markdown(rv.signal_basis(signals.loc[code]))} · prioriteit "
                            f"{number(signals.loc[code, 'prioriteit'], 2)} · {count_text(len(view.reasons), 'reden', 'redenen')} · "
                            f"{count_text(len(view.chains), 'keten', 'ketens')}"
                        )
                show_table(pilot.comparison_scores(result.signals, chosen), placeholder="geen bewijs")
                st.caption("Scores per systeemvoorwaarde (−2 … +2). Bron: register en bevindingen.")
                if niveau != "organisatie" or "organisatie" in cache.geo_result().indicators:
                    frame = cache.geo_result().indicators[niveau]
                    compare = [k for k in COMPARE_KEYS if k in keys(niveau)]
                    st.dataframe(pilot.comparison_indicators(INDICATORS, frame, chosen, compare), hide_index=True, width="stretch")
                    st.caption("Geo-indicatoren uit het register; reistijden zijn geschat. Eenheid en bron: zie Over.")
                evidence_downloads(result, chosen, names)
