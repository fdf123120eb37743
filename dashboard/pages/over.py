"""Over: what the monitor is, how it scores, the indicator catalogues, data sources and licences."""
from __future__ import annotations

import streamlit as st

from dashboard import cache
from dashboard.auth import current_user, mode_text
from dashboard.components.catalogue import geo_catalogue_frame, monitor_catalogue_frame
from dashboard.format import label, number, percent, travel_time_note
from dashboard.setup import page_start
from geo import catalogue as geo_catalogue
from monitor import catalogue as monitor_catalogue

if page_start("Over de MGZ-monitor", "Methode, indicatoren, bronnen en licenties."):
    monitor_cat = monitor_catalogue.default()
    settings = cache.geo_settings()

    st.header("Waarvoor")
    st.markdown(
        "Dit dashboard volgt de **medisch generalistische zorg (MGZ)** voor mensen met een verstandelijke "
        "beperking: wie zorgt waar voor huisartsenzorg, avond-, nacht- en weekendzorg (huisartsenposten) en "
        "AVG-zorg, en hoe goed die partijen samenwerken. Het is gemaakt voor\n"
        "- **zorgkantoren**: waar missen VG-locaties dekking door een huisarts, HAP of AVG, en welke "
        "organisaties werken met een lappendeken aan partners;\n"
        "- **beleidsadviseurs (VGN)**: het convenant MGZ landelijk en per regio volgen over meetgolven;\n"
        "- **een pilotcommissie**: regio's met een zwak netwerk kiezen, weten waarom, en een regionale "
        "ronde tafel voorbereiden."
    )

    st.header("Wie het gebruikt")
    st.markdown(mode_text(current_user()))

    st.header("Methode")
    st.markdown(
        "De monitor past het **systeem-framework** (Klein Woolthuis e.a.) toe zoals in de studie *Monitor "
        "convenant MGZ*. Elke regio krijgt een matrix van **systeemvoorwaarden** (infrastructuur, harde en "
        "zachte instituties, netwerk te sterk, netwerk te zwak, goed netwerk, competenties) × "
        "**stakeholdergroepen** (aanbieders, gebruikers, intermediairs, voorwaardenscheppend)."
    )
    st.markdown(
        f"- **Scores**: {monitor_cat.schaal_omschrijving}\n"
        "- **Bewijs** komt uit twee bronnen: feiten uit het register (zoals het aantal HAP-werkgebieden per "
        "organisatie of het aandeel locaties zonder huisarts, elk met drempels) en **bevindingen**: "
        "gecodeerde knelpunten (−) en goede voorbeelden (+) uit interviews, enquêtes en documenten.\n"
        "- **Betrouwbaarheid** groeit met het totale gewicht van het bewijs "
        f"(bij gewicht {number(monitor_cat.halfwaarde, 0)} is ze 0,5).\n"
        "- **Signalen**: een regio krijgt het signaal *zwak netwerk* of *te sterk netwerk* bij een duidelijk "
        "negatieve score op genoeg bewijs; zonder bewijs over het netwerk staat er *onvoldoende gegevens*.\n"
        "- **Volledigheid**: feiten over samenwerkingen tellen alleen over VG-locaties van organisaties die "
        "samenwerkingen hebben geregistreerd; geldt dat voor minder dan "
        f"{percent(monitor_cat.volledigheid_minimum)} van de locaties, dan staat er *onvoldoende gegevens*. Elk "
        "signaal zegt over hoeveel VG-locaties het gaat.\n"
        "- **Robuust** is een signaal dat blijft staan als elke drempel en elk gewicht één voor één "
        f"{percent(monitor_cat.gevoeligheid)} omhoog of omlaag gaat; anders is het *gevoelig*, met het aantal "
        "varianten waarin het signaal staat. Pilotregio's met een robuust signaal staan bovenaan.\n"
        "- **Ketens**: herkende 'treinen' van belemmeringen, bijvoorbeeld: "
        + "; ".join(f"*{chain.naam}*" for chain in monitor_cat.ketens)
        + ".\n"
        f"- **Reistijden** zijn geschat: {travel_time_note(settings)}."
    )
    st.caption(
        f"Catalogus monitor versie {monitor_cat.versie} (monitor/catalogus.toml) · catalogus geo-indicatoren "
        f"versie {geo_catalogue.VERSION} (geo/indicatoren.toml). Studie: {monitor_cat.bron_studie}."
    )
    with st.expander("Signaalregels en prioriteit"):
        for rule in monitor_cat.signalen:
            st.markdown(
                f"**{label(rule.sleutel)}**: score {label(rule.voorwaarde).lower()} hoogstens "
                f"{number(rule.score_hoogstens, 1)} bij een bewijsgewicht van minstens {number(rule.min_gewicht, 0)}."
            )
            st.caption(rule.onderbouwing)
        st.markdown("**Prioriteit van pilotregio's**")
        st.caption(monitor_cat.prioriteit_onderbouwing)

    st.header("Indicatoren")
    tab_monitor, tab_geo = st.tabs(["Scoring (monitor)", "Geo-indicatoren"])
    with tab_monitor:
        st.caption("Welke registerfeiten meetellen in welke systeemvoorwaarde, met drempels en onderbouwing.")
        st.dataframe(monitor_catalogue_frame(monitor_cat), hide_index=True, width="stretch")
    with tab_geo:
        st.caption("Berekend uit het register en de CBS-geografie. Onbekend blijft leeg, nooit 0.")
        st.dataframe(geo_catalogue_frame(geo_catalogue.INDICATORS), hide_index=True, width="stretch")
        for key in ("reistijd", "e2sfca", "werkgebieden"):
            if key in geo_catalogue.NOTES:
                st.caption(" ".join(geo_catalogue.NOTES[key].split()))

    st.header("Bronnen en licenties")
    st.markdown(
        "- **Gebiedsgrenzen** van gemeenten, zorgkantoorregio's en provincies: CBS / PDOK, "
        "*CBS Gebiedsindelingen*, licentie **CC BY 4.0**.\n"
        "- **Postcodegebieden (PC4)** met inwonertallen: CBS, *Statistische gegevens per vierkant en "
        "postcode*, licentie **CC BY 4.0**.\n"
        "- **Achtergrondkaart**: © OpenStreetMap-bijdragers, kaartgegevens onder de **Open Database License "
        "(ODbL)**; alleen getoond als MGZ_TILES op `osm` staat.\n"
        "- **Register** (voorzieningen, HAP-werkgebieden, samenwerkingen, bevindingen, convenantacties): "
        "door gebruikers geïmporteerd; er bestaat geen open lijst van AVG-poli's of VG-locaties.\n"
        "- **Privacy**: het dashboard bevat geen gegevens over individuele cliënten; aantallen cliënten onder "
        "de 10 worden getoond als \"<10\". Bevindingen uit interviews oordelen over organisaties en zijn "
        "gevoelig: deel ze alleen met wie ze mag zien."
    )
    if cache.is_demo():
        st.info(
            "Het geladen **voorbeeldscenario is fictief**: namen, locaties, samenwerkingen en bevindingen zijn "
            "verzonnen en alleen bedoeld om het dashboard te verkennen.",
            icon=":material/science:",
        )
