"""Download buttons of the Pilotregio's page: the ranked list and a region's evidence, as CSV and XLSX.

The files follow the Dutch-Excel convention of data.spreadsheets (UTF-8 with BOM, ';', decimal comma, ja/nee,
labelled headers, formulas guarded; XLSX with labelled headers and column widths). For demo data every row says
"fictief voorbeeld" and the workbook starts with a notice; the file names say so too.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.components.region import signal_basis
from data.registry import DEMO_LABEL

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MIME = "text/csv"

# Column labels of the downloaded pilot list and evidence (keys of monitor.analysis / monitor.exports frames).
LABELS = {
    "rang": "Rang", "code": "Code", "naam": "Regio", "niveau": "Niveau", "golf": "Meetgolf", "robuust": "Robuust",
    "varianten_met_signaal": "Varianten met signaal", "varianten": "Varianten", "prioriteit": "Prioriteit",
    "score_netwerk_te_zwak": "Score netwerk te zwak", "betrouwbaarheid": "Betrouwbaarheid (0-1)",
    "volledigheid": "Volledigheid (0-1)", "volledigheid_tekst": "Volledigheid", "te_sterk_netwerk": "Ook te sterk netwerk",
    "zwak_netwerk": "Zwak netwerk", "onvoldoende_gegevens": "Onvoldoende gegevens", "redenen": "Redenen",
    "ketens": "Ketens", "lopende_acties": "Lopende convenantacties", "volledigheid_omschrijving": "Volledigheid (tekst)",
    "zekerheid": "Zekerheid", "scores": "Score", "bewijsgewicht": "Bewijsgewicht", "catalogus_versie": "Catalogusversie",
    "voorwaarde": "Voorwaarde", "stakeholder": "Stakeholdergroep", "soort": "Soort bewijs", "sleutel": "Indicator",
    "omschrijving": "Omschrijving", "waarde": "Waarde", "deelscore": "Deelscore (-2 tot +2)", "richting": "Richting",
    "gewicht": "Gewicht", "bron": "Bron", "item": "Code (codeboek)",
}
EVIDENCE_KINDS = {"indicator": "registerfeit", "bevinding": "bevinding"}


def readable(frame: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, str]]:
    """The frame with words for codes a reader should not have to decode (conditions, groups, kinds), and the
    column labels to write it with."""
    from dashboard.format import LABELS as CODE_LABELS
    from dashboard.format import label

    out = frame.copy()
    for column in ("voorwaarde", "stakeholder", "niveau"):
        if column in out.columns:
            out[column] = [label(v) if isinstance(v, str) and v else v for v in out[column]]
    if "soort" in out.columns:
        out["soort"] = out["soort"].map(lambda v: EVIDENCE_KINDS.get(v, v))
    if "richting" in out.columns:
        out["richting"] = out["richting"].map(lambda v: {-1: "knelpunt", 0: "neutraal", 1: "goed"}.get(v, v))
    # Dict columns (scores per condition) spread into "Score: Infrastructuur" etc. via the condition labels.
    return out, {**LABELS, **{k: v for k, v in CODE_LABELS.items() if k not in LABELS}}


def file_stem(name: str, is_demo: bool) -> str:
    """A safe file name stem; demo exports start with 'fictief_voorbeeld_'."""
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in name).strip("_") or "export"
    return f"{DEMO_LABEL.replace(' ', '_')}_{safe}" if is_demo else safe


def _note(result, what: str) -> str:
    wave = f"meetgolf {result.golf}" if result.golf else "alle meetgolven samen"
    return f"{what}; {wave}; catalogus versie {result.catalogus_versie}."


def download_files(frame: pd.DataFrame, sheet: str, note: str, demo: bool) -> tuple[bytes, bytes]:
    """The frame as a Dutch-Excel CSV and as an XLSX workbook, with labelled headers and words for codes."""
    from data.spreadsheets import dutch_csv_bytes, xlsx_bytes

    table, labels = readable(frame)
    return (dutch_csv_bytes(table, labels, demo=demo),
            xlsx_bytes({sheet: table}, labels, demo=demo, notes=[note] if note else []))


def _csv_and_xlsx(frame: pd.DataFrame, what: str, sheet: str, stem: str, note: str, demo: bool, key: str,
                  audit: dict | None = None) -> None:
    """Two buttons side by side: the frame as CSV (Dutch Excel) and as an Excel workbook. With `audit` (a finding
    export) each click is recorded in the audit trail (data.audit.record_download)."""
    csv_bytes, xlsx = download_files(frame, sheet, note, demo)
    left, right = st.columns(2)
    for column, fmt, text, data, mime in ((left, "csv", "CSV", csv_bytes, CSV_MIME),
                                          (right, "xlsx", "Excel", xlsx, XLSX_MIME)):
        column.download_button(
            f"{what} als {text}", data=data, file_name=f"{stem}.{fmt}", mime=mime, icon=":material/download:",
            key=f"{key}_{fmt}", on_click=_recorder(audit, fmt) if audit else "rerun",
        )


def _recorder(audit: dict, fmt: str):
    """An on_click callback that writes one audit row for a download of a finding export."""
    from dashboard import cache
    from dashboard.auth import current_user
    from data.audit import record_download

    user = current_user()

    def record() -> None:
        record_download(cache.engine(), user, audit["wat"], {**audit.get("details", {}), "formaat": fmt})

    return record


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
    from dashboard.auth import current_user
    from data.access import may

    evidence = exports.region_evidence(result, code)
    texts = may(current_user(), "bevindingen_lezen")
    if not texts:  # a lezer: the findings as counts per condition, never their texts or sources
        evidence = exports.findings_counted(evidence)
    stem = file_stem(f"bewijs_{code}_{names.get(code, code)}", result.is_demo)
    signal = result.signals.set_index("code").loc[code]
    basis = signal_basis(signal, capitalise=False)
    note = _note(result, f"Bewijs achter de scores van {names.get(code, code)} ({code}); {basis}")
    audit = {"wat": "bewijs met bevindingen", "details": {"code": code, "niveau": result.niveau, "golf": result.golf}}
    _csv_and_xlsx(evidence, "Bewijs", "bewijs", stem, note, result.is_demo, key="pilot_bewijs",
                  audit=audit if texts else None)
