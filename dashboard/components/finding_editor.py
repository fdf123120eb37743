"""The Bevindingen tab of the Regio page: what each role sees of the coded findings, and the analist's editor.

- a lezer sees the findings as counts per condition (knelpunten, goede praktijken), never their texts or sources;
- an analist sees the texts and can correct (text, weight, direction, code) or withdraw a finding of the region, with
  a required reason (data.finding_edits checks the role and the values again and writes the audit row); withdrawn
  findings stay in the list, marked "ingetrokken" with the reason.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import cache
from dashboard.auth import current_user
from dashboard.components import region as rv
from dashboard.components.tables import show_table
from dashboard.format import escape_markdown, label
from data.access import Gebruiker, may
from data.errors import UserError
from data.models import CONDITIONS

SOURCE_NOTE = (
    "Gecodeerde bevindingen uit interviews, enquêtes en documenten: knelpunten (−) en goede voorbeelden (+). "
    "Bevindingen over een groter of kleiner gebied tellen mee naar rato van de overlap."
)


def finding_counts(evidence: pd.DataFrame) -> pd.DataFrame:
    """Per condition the number of findings naming a knelpunt and a good practice (what a lezer sees)."""
    rows = evidence[(evidence["soort"] == "bevinding").to_numpy()]
    richting = pd.to_numeric(rows["richting"], errors="coerce")
    table = pd.DataFrame({
        "Voorwaarde": [label(c) for c in CONDITIONS],
        "Bevindingen over een knelpunt": [int(((rows["voorwaarde"] == c) & (richting < 0)).sum()) for c in CONDITIONS],
        "Bevindingen over een goede praktijk": [int(((rows["voorwaarde"] == c) & (richting > 0)).sum()) for c in CONDITIONS],
    })
    return table[(table.iloc[:, 1] + table.iloc[:, 2]) > 0].reset_index(drop=True)


def findings_section(evidence: pd.DataFrame, code: str) -> None:
    """The tab's content for the current user."""
    user = current_user()
    if not may(user, "bevindingen_lezen"):
        counts = finding_counts(evidence)
        if counts.empty:
            st.info("Voor deze regio zijn (in deze meetgolf) geen bevindingen geïmporteerd.")
        else:
            show_table(counts)
        st.caption(SOURCE_NOTE + " Als lezer ziet u per voorwaarde hoeveel bevindingen er zijn; de teksten en bronnen "
                   "zijn voor analisten.")
        return
    found = rv.findings_table(evidence)
    if found.empty:
        st.info("Voor deze regio zijn (in deze meetgolf) geen bevindingen geïmporteerd.")
    else:
        show_table(found, long_text=("Bevinding",))
    st.caption(SOURCE_NOTE + " Gevoelig: deel ze alleen met wie ze mag zien.")
    if may(user, "bevindingen_wijzigen"):
        with st.expander("Bevindingen van deze regio corrigeren of intrekken"):
            editor(user, code)


def editing_table(findings: pd.DataFrame) -> pd.DataFrame:
    """The region's findings (also withdrawn ones) with their id and state, Dutch headers."""
    status = [f"ingetrokken: {reden or 'zonder reden'}" if withdrawn else ("gecorrigeerd" if pd.notna(changed) else "telt mee")
              for withdrawn, reden, changed in zip(findings["ingetrokken"], findings["ingetrokken_reden"],
                                                   findings["gewijzigd"])]
    return pd.DataFrame({
        "Nr.": findings["id"].astype(int).to_numpy(),
        "Status": status,
        "Golf": findings["golf"].to_numpy(),
        "Voorwaarde": findings["voorwaarde"].map(label).to_numpy(),
        "Stakeholder": findings["stakeholder"].map(label).to_numpy(),
        "Richting": findings["richting"].map(rv.DIRECTIONS).fillna("").to_numpy(),
        "Gewicht": findings["gewicht"].to_numpy(),
        "Code": findings["code"].to_numpy(),
        "Bevinding": findings["tekst"].to_numpy(),
        "Bron": findings["bron"].to_numpy(),
    })


def editor(user: Gebruiker, code: str) -> None:
    """Pick a finding of the region, then correct or withdraw it with a reason (one form per finding)."""
    from data.finding_edits import correct_finding, findings_for_editing, withdraw_finding

    findings = findings_for_editing(cache.engine(), user, regio=code)
    message = st.session_state.pop("mgz_bevinding_melding", None)
    if message:
        st.success(message, icon=":material/check_circle:")
    if findings.empty:
        st.info("Er zijn geen bevindingen met deze regiocode. Bevindingen over een ander gebied (bijvoorbeeld een "
                "gemeente in deze regio) bewerkt u op de pagina van dat gebied.")
        return
    show_table(editing_table(findings), long_text=("Bevinding", "Status"))
    active = findings[~findings["ingetrokken"]]
    if active.empty:
        st.caption("Alle bevindingen van deze regio zijn ingetrokken.")
        return
    rows = {int(r.id): r for r in active.itertuples(index=False)}
    chosen = st.selectbox(
        "Bevinding", list(rows), key=f"bewerk_{code}",
        format_func=lambda i: f"Nr. {i} · {rows[i].golf} · {label(rows[i].voorwaarde)} · {_short(rows[i].tekst)}",
    )
    row = rows[int(chosen)]
    with st.form(f"bewerk_form_{chosen}", clear_on_submit=False):
        action = st.radio("Wat wilt u doen?", ("Corrigeren", "Intrekken"), horizontal=True, key=f"actie_{chosen}")
        tekst = st.text_area("Tekst", value=row.tekst or "", key=f"tekst_{chosen}")
        left, middle, right = st.columns(3)
        gewicht = left.selectbox("Gewicht", (1, 2, 3), index=max(0, min(2, int(row.gewicht or 1) - 1)),
                                 key=f"gewicht_{chosen}")
        richting = middle.selectbox("Richting", (-1, 1), index=0 if int(row.richting) < 0 else 1,
                                    format_func=rv.DIRECTIONS.get, key=f"richting_{chosen}")
        item = right.text_input("Code (codeboek; leeg = geen)", value=row.code or "", key=f"code_{chosen}")
        reden = st.text_input("Reden (verplicht)", key=f"reden_{chosen}",
                              help="Komt met de oude en de nieuwe waarden in het auditlogboek.")
        if st.form_submit_button("Opslaan", type="primary"):
            try:
                if action == "Intrekken":
                    withdraw_finding(cache.engine(), user, int(chosen), reden)
                    done = f"Bevinding {chosen} is ingetrokken; ze telt niet meer mee."
                else:
                    correct_finding(cache.engine(), user, int(chosen), reden=reden, tekst=tekst, gewicht=gewicht,
                                    richting=richting, code=item)
                    done = f"Bevinding {chosen} is gecorrigeerd."
            except UserError as error:
                st.error(escape_markdown(str(error)), icon=":material/error:")
            else:
                cache.findings_edited()
                st.session_state["mgz_bevinding_melding"] = done
                st.rerun()


def _short(text, length: int = 60) -> str:
    value = str(text or "(zonder tekst)")
    return value if len(value) <= length else value[: length - 1] + "…"
