"""Actions of the Gegevens page that touch the database: reference and demo loading, exports, templates."""
from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard import cache
from dashboard.format import number
from data.imports import TEMPLATES_DIR

KIND_HELP = (
    "voorzieningen: HAP's, AVG-poli's, VG-locaties en huisartsenpraktijken · werkgebieden: de PC4-gebieden of "
    "omtrek van elke huisartsenpost · samenwerkingen: wie met wie, en hoe formeel · bevindingen: gecodeerde "
    "knelpunten en goede voorbeelden per regio en meetgolf · acties: stand van de convenantacties · "
    "zorgkantoren: welk zorgkantoor elke zorgkantoorregio bedient (lijst van Zorgverzekeraars Nederland) · "
    "wlz_vraag: Wlz-indicaties met grondslag verstandelijke handicap per gemeente en jaar (CIZ Databank) · "
    "pilots: het pilotregister, welke pilotcommissie waar werkt en waar zij staat · bekendheid: hoeveel "
    "respondenten per stakeholdergroep het convenant kennen, per regio en meetgolf."
)

MESSAGE_KEY = "gegevens_melding"  # summary of the last load, shown once after the rerun

STATUS_ROWS = (
    ("regio", "CBS-gebieden (referentiegeografie)"),
    ("organisatie", "Zorgorganisaties"),
    ("voorziening", "Voorzieningen"),
    ("hap_werkgebied_pc4", "PC4-gebieden in HAP-werkgebieden"),
    ("samenwerking", "Samenwerkingen"),
    ("meetgolf", "Meetgolven"),
    ("bevinding", "Bevindingen"),
    ("convenant_actie", "Convenantacties"),
    ("pilot", "Pilotcommissies"),
    ("bekendheid", "Bekendheid (enquêterijen)"),
    ("importbatch", "Imports"),
)


def status_table(counts: dict[str, int]) -> pd.DataFrame:
    """Row counts per kind of data, Dutch labels and formatting."""
    return pd.DataFrame(
        [(text, number(counts.get(key, 0))) for key, text in STATUS_ROWS], columns=["Gegevens", "Aantal"]
    )


def template_files(kind: str) -> list[Path]:
    """The template files of an import kind (e.g. voorzieningen.csv, voorzieningen.xlsx), sorted."""
    if not TEMPLATES_DIR.is_dir():
        return []
    return sorted(p for p in TEMPLATES_DIR.iterdir() if p.is_file() and p.stem == kind)


def export_bytes(kind: str, fmt: str, user=None) -> tuple[bytes, str, int]:
    """Export one kind to bytes via data.exports, as `user` (findings need an analist and are audited as a
    download); the file name says 'fictief_voorbeeld' for demo data."""
    from data.exports import export_file

    prefix = "fictief_voorbeeld_" if cache.is_demo() else ""
    filename = f"{prefix}{kind}.{fmt}"
    with tempfile.TemporaryDirectory(prefix="mgz-export-") as folder:
        path = Path(folder) / filename
        rows = export_file(cache.engine(), kind, path, user=user)
        return path.read_bytes(), filename, rows


def _run_with_status(title: str, action) -> None:
    """Run a long database action with progress lines; Dutch error text instead of a traceback."""
    from dashboard.components.faults import fault_text

    with st.status(title, expanded=True) as status:
        try:
            summary = action(lambda message: status.text(str(message)))
        except Exception as error:  # UserError, a busy or full database, ...: a Dutch sentence, never a traceback
            status.update(label="Niet gelukt", state="error", expanded=True)
            st.error(fault_text(error))
            return
        status.update(label="Klaar", state="complete", expanded=False)
    cache.clear()
    st.session_state[MESSAGE_KEY] = str(summary or "Klaar.")
    st.rerun()


def load_reference(folder: Path | None, user=None) -> None:
    """Load the CBS reference geography from a folder (MGZ_REFERENCE_DIR), else the cache, else PDOK/CBS, as `user`
    (a beheerder; data.reference.loading refuses other roles and audits the load)."""
    from data.reference.loading import load_reference as load

    _run_with_status(
        "Referentiegeografie laden…",
        lambda progress: load(cache.engine(), source_dir=folder, download=folder is None, progress=progress, user=user),
    )


def load_demo(user=None) -> None:
    """Fill an empty database with the fictional national demo scenario, as `user` (a beheerder; audited)."""
    from data.demo.scenario import load_demo as load

    _run_with_status("Voorbeeldscenario laden…", lambda progress: load(cache.engine(), progress=progress, user=user))


run_with_status = _run_with_status  # for other components (the demo removal)
