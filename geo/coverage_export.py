"""The Dekking table as files: XLSX with one sheet per organisation, Dutch-Excel CSV, JSON (frames in, bytes out).

Spreadsheets go through data.spreadsheets (UTF-8 BOM, ';', decimal comma; labelled headers; ja/nee; unknown is
an empty cell). Travel times are rounded to 0,1 minute and AVG accessibility to 0,01 fte per 1.000 cliënten,
so no spreadsheet shows false precision; JSON keeps the numbers as computed.
"""
from __future__ import annotations

import pandas as pd

from data.spreadsheets import dutch_csv_bytes, xlsx_bytes
from geo.coverage import COLUMNS, LABELS
from geo.output import to_json
from geo.settings import TRAVEL_TIME_NOTE

# Columns of the files people open (page downloads and `--format xlsx`): COLUMNS plus where and how far.
EXPORT_COLUMNS = ("id", "naam", "organisatie", "pc4", "gemeente", "huisarts", "reistijd_huisarts_min", "hap_id",
                  "hap_naam", "hap_formeel", "hap_anw_volledig", "reistijd_hap_min", "reistijd_eigen_hap_min",
                  "reistijd_avg_poli_min", "avg_toegankelijkheid", "behandeling", "knelpunten")
ROUNDING = {"reistijd_huisarts_min": 1, "reistijd_hap_min": 1, "reistijd_eigen_hap_min": 1, "reistijd_avg_poli_min": 1,
            "avg_toegankelijkheid": 2}
NO_ORGANISATION = "zonder organisatie"


def _rounded(table: pd.DataFrame, columns) -> pd.DataFrame:
    frame = table[list(columns)].copy()
    for column, decimals in ROUNDING.items():
        if column in frame:
            frame[column] = frame[column].astype(float).round(decimals)
    return frame


def notes(peildatum, selection: str = "") -> list[str]:
    """The lines of the workbook's 'toelichting' sheet."""
    lines = [f"Dekking per VG-locatie op peildatum {peildatum:%d-%m-%Y}: samenwerkingen tellen als ze op die dag bestaan."]
    if selection:
        lines.append(f"Selectie: {selection}.")
    lines += [
        f"Reistijden zijn geschat ({TRAVEL_TIME_NOTE}).",
        "Leeg = onbekend. 'Samenwerkingen niet geregistreerd': de organisatie heeft geen enkele samenwerking met een "
        "huisarts of HAP in het register; of er een huisarts is, is dan niet bekend.",
        "Een locatie met Wlz-behandeling ('met') heeft een eigen arts: geen huisarts is daar geen knelpunt.",
    ]
    return lines


def per_organisation(table: pd.DataFrame, columns=EXPORT_COLUMNS) -> dict[str, pd.DataFrame]:
    """One frame per organisation (sorted by name; locations without an organisation last)."""
    frame = _rounded(table, columns)
    names = table["organisatie"].astype(object).where(table["organisatie"].notna(), None)
    sheets = {}
    for name in sorted({n for n in names if isinstance(n, str)}, key=str.lower):
        sheets[name] = frame[(names == name).to_numpy()].reset_index(drop=True)
    without = names.isna().to_numpy()
    if without.any():
        sheets[NO_ORGANISATION] = frame[without].reset_index(drop=True)
    return sheets


def xlsx(table: pd.DataFrame, demo: bool = False, note_lines=(), extra=()) -> bytes:
    """A workbook with a 'toelichting' sheet and one sheet per organisation, labelled headers; `extra` columns
    (e.g. the scenario's knelpunten_voor, erbij, eraf) come last."""
    columns = (*EXPORT_COLUMNS, *extra)
    sheets = per_organisation(table, columns) or {"dekking": _rounded(table, columns)}
    return xlsx_bytes(sheets, LABELS, demo=demo, notes=list(note_lines))


def csv_labelled(table: pd.DataFrame, demo: bool = False) -> bytes:
    """Dutch-Excel CSV with labelled headers (for the page download)."""
    return dutch_csv_bytes(_rounded(table, EXPORT_COLUMNS), LABELS, demo=demo)


def csv_keys(table: pd.DataFrame, demo: bool = False, columns=COLUMNS) -> bytes:
    """Dutch-Excel CSV with the column keys (COLUMNS) as headers (for scripts: `python -m geo dekking`)."""
    return dutch_csv_bytes(_rounded(table, columns), {c: c for c in columns}, demo=demo)


def json_text(table: pd.DataFrame, demo: bool = False, columns=COLUMNS) -> str:
    """JSON records with the COLUMNS keys; booleans as true/false, unknown as null."""
    frame = table[list(columns)].copy()
    if demo:
        from data.registry import DEMO_LABEL

        frame.insert(0, "gegevens", DEMO_LABEL)
    return to_json(frame)
