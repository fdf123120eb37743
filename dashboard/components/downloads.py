"""Download buttons of the Pilotregio's page: the ranked list and a region's evidence, as CSV and XLSX.

The files themselves are made by monitor.exports (for demo data every row says "fictief voorbeeld" and
the workbook starts with a notice); the file names say so too.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.components.region import signal_basis
from data.registry import DEMO_LABEL

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def file_stem(name: str, is_demo: bool) -> str:
    """A safe file name stem; demo exports start with 'fictief_voorbeeld_'."""
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in name).strip("_") or "export"
    return f"{DEMO_LABEL.replace(' ', '_')}_{safe}" if is_demo else safe


def _note(result, what: str) -> str:
    wave = f"meetgolf {result.golf}" if result.golf else "alle meetgolven samen"
    return f"{what}; {wave}; catalogus versie {result.catalogus_versie}."


def _csv_and_xlsx(frame: pd.DataFrame, what: str, sheet: str, stem: str, note: str, demo: bool, key: str) -> None:
    """Two buttons side by side: the frame as CSV and as an Excel workbook (monitor.exports)."""
    from monitor import exports

    left, right = st.columns(2)
    left.download_button(
        f"{what} als CSV", data=exports.to_csv_bytes(frame, demo=demo), file_name=f"{stem}.csv",
        mime="text/csv", icon=":material/download:", key=f"{key}_csv",
    )
    right.download_button(
        f"{what} als Excel", data=exports.to_xlsx_bytes({sheet: frame}, demo=demo, note=note),
        file_name=f"{stem}.xlsx", mime=XLSX_MIME, icon=":material/download:", key=f"{key}_xlsx",
    )


def list_downloads(candidates: pd.DataFrame, result, niveau: str, golf: str | None) -> None:
    """CSV and XLSX of the ranked pilot list (pilot.download_frame: with completeness and robustness)."""
    stem = file_stem(f"pilotregios_{niveau}_{golf or 'alle_golven'}", result.is_demo)
    note = _note(
        result,
        f"Pilotregio's ({niveau}): robuuste signalen eerst, daarna op prioriteit; volledigheid = aandeel VG-locaties "
        "waarvan de organisatie samenwerkingen heeft geregistreerd",
    )
    _csv_and_xlsx(candidates, "Lijst", "pilotregios", stem, note, result.is_demo, key="pilot_lijst")


def evidence_downloads(result, codes: list[str], names: dict[str, str]) -> None:
    """CSV and XLSX of the evidence behind one chosen region (for the round-table preparation)."""
    from monitor import exports

    st.subheader("Bewijs downloaden")
    code = st.selectbox(
        "Regio", codes, format_func=lambda c: f"{names.get(c, c)} ({c})", key="pilot_bewijs_regio",
        help="Alle bewijsstukken (registerfeiten en bevindingen) achter de scores van deze regio.",
    )
    evidence = exports.region_evidence(result, code)
    stem = file_stem(f"bewijs_{code}_{names.get(code, code)}", result.is_demo)
    signal = result.signals.set_index("code").loc[code]
    basis = signal_basis(signal, capitalise=False)
    note = _note(result, f"Bewijs achter de scores van {names.get(code, code)} ({code}); {basis}")
    _csv_and_xlsx(evidence, "Bewijs", "bewijs", stem, note, result.is_demo, key="pilot_bewijs")
