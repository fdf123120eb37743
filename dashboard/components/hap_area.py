"""The Regio page for a HAP service area (werkgebied): no score of its own, so its regiodossier and indicators.

The monitor scores gemeenten, zorgkantoorregio's, provincies and organisations; a HAP area's dossier carries the
signal of the zorgkantoorregio it lies in and the area's own registry facts (monitor.dossier.hap).
"""
from __future__ import annotations

import streamlit as st

from dashboard import cache
from dashboard.components.catalogue import comparison_table
from dashboard.components.dossier import dossier_downloads
from dashboard.components.region import HAP_LEVEL
from dashboard.format import escape_markdown, number
from geo.catalogue import INDICATORS, keys


def hap_area_profile(code: str, name: str, golf: str | None) -> None:
    """Header, what this level is, the dossier downloads and the area's indicators beside the median of all areas."""
    st.header(f"Werkgebied {escape_markdown(name)} ({escape_markdown(code)})")
    st.caption(f"HAP-werkgebied · {'alle meetgolven samen' if golf is None else 'meetgolf ' + escape_markdown(golf)}")
    st.info(
        "Een HAP-werkgebied is het gebied waarin de huisartsen en de huisartsenpost samen de zorg buiten kantooruren "
        "leveren. De monitor geeft het geen eigen score of signaal; het regiodossier toont het signaal van de "
        "zorgkantoorregio waarin het ligt (met de gemeenten die het overlapt) en de registerfeiten van het werkgebied "
        "zelf: VG-locaties, hun huisartsen, schriftelijke afspraken met deze HAP, AVG-capaciteit en reistijden.",
        icon=":material/info:",
    )
    dossier_downloads(HAP_LEVEL, code, name, golf, key="regio_dossier")
    frame = cache.geo_result().indicators[HAP_LEVEL]
    st.subheader("Indicatoren")
    st.dataframe(comparison_table(INDICATORS, frame, code, keys(HAP_LEVEL), subject="Dit werkgebied"),
                 hide_index=True, width="stretch")
    st.caption(f"Landelijke mediaan over alle {number(len(frame))} HAP-werkgebieden. 'Gunstiger' volgt de richting van "
               "de indicator (zie Over). Reistijden zijn geschat. Bron: register en CBS.")
