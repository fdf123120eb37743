"""The pilot register on the Pilotregio's page: which regions already have a pilot commission and where it stands.

The register comes from monitor.pilots (import `pilots`), the same rows the regiodossier and the wave report show.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import cache
from dashboard.format import count_text, escape_markdown, number
from monitor.pilots import STATUS_TEXT, commission_of, dutch_date, pilot_register


def register_table(register: pd.DataFrame) -> pd.DataFrame:
    """The register for display: Regio, Commissie, Start, Stand, Afspraken, Evaluatie, Advies."""
    return pd.DataFrame({
        "Regio": [f"{n} ({c})" for c, n in zip(register["regio"], register["regio_naam"])],
        "Commissie": register["commissie"].to_numpy(),
        "Start": [dutch_date(d) if d is not None else "–" for d in register["start"]],
        "Stand": [STATUS_TEXT.get(s, s) for s in register["status"]],
        "Afspraken": register["afspraken"].fillna("–").to_numpy(),
        "Evaluatie": register["evaluatie"].fillna("–").to_numpy(),
        "Advies": register["advies"].fillna("–").to_numpy(),
    })


def candidate_commissions(codes: list[str], names: dict[str, str], niveau: str) -> tuple[list[str], list[str]]:
    """Among the listed regions: 'naam (code): commissie: stand' for those with a commission in or around them, and
    'naam (code)' for those without one."""
    registry, geography = cache.registry(), cache.geography()
    facilities = cache.geo_result().facilities if niveau == "organisatie" else None
    with_one, without = [], []
    for code in codes:
        gemeenten = None
        if facilities is not None:  # an organisation: the gemeenten of its locations
            own = facilities[(facilities["organisatie_id"].astype(str) == str(code)).to_numpy()]
            gemeenten = set(own["gemeente"].dropna().astype(str)) or None
        found = pilot_register(registry, code, geography, gemeenten=gemeenten)
        if found.empty:
            without.append(f"{names.get(code, code)} ({code})")
        else:
            texts = commission_of(found)
            with_one.append(f"{names.get(code, code)} ({code}): " + "; ".join(texts.values()))
    return with_one, without


def commission_sentence(listed: int, with_commission: int, niveau: str) -> str:
    """How many of the listed regions (or organisations) already have a pilot commission, in Dutch that never starts
    with '0' nor says '1 regio's': 'Van de 3 regio's in de lijst hierboven hebben er 2 al een pilotcommissie'."""
    one, many = ("organisatie", "organisaties") if niveau == "organisatie" else ("regio", "regio's")
    if listed == 1:
        return f"De {one} in de lijst hierboven heeft {'al een' if with_commission else 'nog geen'} pilotcommissie"
    if with_commission == 0:
        return f"Geen van de {count_text(listed, one, many)} in de lijst hierboven heeft al een pilotcommissie"
    if with_commission >= listed:
        return f"Alle {number(listed)} {many} in de lijst hierboven hebben al een pilotcommissie"
    verb = "heeft" if with_commission == 1 else "hebben"
    return (f"Van de {count_text(listed, one, many)} in de lijst hierboven {verb} er {number(with_commission)} al een "
            "pilotcommissie")


def pilot_register_section(niveau: str, candidate_codes: list[str], names: dict[str, str]) -> None:
    """A header, the register as a table, and which listed regions already have a commission."""
    st.header("Pilotcommissies")
    register = pilot_register(cache.registry(), geography=cache.geography())
    if register.empty:
        st.info("Het pilotregister is nog leeg: importeer de soort **pilots** op de pagina Gegevens (regio, commissie, "
                "start, status, afspraken, evaluatie, advies).")
        return
    counts = register["status"].value_counts()
    st.caption(f"{count_text(len(register), 'pilotcommissie', 'pilotcommissies')} in het register: "
               + ", ".join(f"{number(int(n))} {STATUS_TEXT.get(s, s)}" for s, n in counts.items())
               + ". Bron: pilotregister (import pilots).")
    st.dataframe(register_table(register), hide_index=True, width="stretch")
    if candidate_codes:
        with_one, without = candidate_commissions(candidate_codes, names, niveau)
        st.markdown(f"**{commission_sentence(len(candidate_codes), len(with_one), niveau)}** (in de regio of een "
                    "gebied dat ermee overlapt).")
        if with_one:
            st.markdown("\n".join(f"- {escape_markdown(item)}" for item in with_one))
        if without:
            st.caption("Nog zonder pilotcommissie: " + escape_markdown(", ".join(without)) + ".")


__all__ = ["candidate_commissions", "commission_sentence", "pilot_register_section", "register_table"]
