"""Exports of the signal list, pilot candidates and a region's evidence as CSV and XLSX bytes.

List cells (redenen, ketens) are joined with ' | ', dict cells (scores) become one column per key. Demo data
is labelled: a first column `gegevens` = 'fictief voorbeeld' and, in XLSX, a first sheet saying so.
Files meant for sharing: client counts below 10 read "<10" (data.privacy), text a spreadsheet would run as a
formula gets the apostrophe of data.spreadsheets.guard_formula in CSV and is a text cell in XLSX.
"""
from __future__ import annotations

import io
import math

import pandas as pd

from data.errors import UserError
from data.privacy import suppress_small_counts
from data.registry import DEMO_LABEL
from data.spreadsheets import guard_formula
from data.models import CONDITIONS
from monitor.analysis import MonitorResult

DEMO_NOTE = "Let op: dit zijn fictieve voorbeeldgegevens (python -m data demo), geen echte organisaties of regio's."
SEPARATOR = " | "


def flatten(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy fit for a spreadsheet: lists joined, dicts spread over columns `<column>_<key>`."""
    out = pd.DataFrame(index=frame.index)
    for column in frame.columns:
        values = frame[column]
        sample = next((v for v in values if v is not None and not (isinstance(v, float) and math.isnan(v))), None)
        if isinstance(sample, dict):
            keys = [k for k in CONDITIONS if k in sample] + [k for k in sample if k not in CONDITIONS]
            for key in keys:
                out[f"{column}_{key}"] = [v.get(key) if isinstance(v, dict) else None for v in values]
        elif isinstance(sample, (list, tuple)):
            out[column] = [SEPARATOR.join(str(x) for x in v) if isinstance(v, (list, tuple)) else "" for v in values]
        else:
            out[column] = values
    return out


def _labelled(frame: pd.DataFrame, demo: bool) -> pd.DataFrame:
    frame = suppress_small_counts(flatten(frame))
    if demo:
        frame.insert(0, "gegevens", DEMO_LABEL)
    return frame


def _guarded(frame: pd.DataFrame) -> pd.DataFrame:
    """Every text cell and header through the one formula guard (CSV has no other way to say 'text')."""
    out = frame.rename(columns=lambda c: guard_formula(str(c)))
    for column in out.columns:
        if not pd.api.types.is_numeric_dtype(out[column]):
            out[column] = pd.Series([guard_formula(v) if isinstance(v, str) else v for v in out[column]],
                                    index=out.index, dtype=object)
    return out


def to_csv_bytes(frame: pd.DataFrame, demo: bool = False) -> bytes:
    """UTF-8 CSV (comma separated, decimal point, CR LF line ends as RFC 4180) of the flattened frame.

    CR LF as line end also makes the csv module quote a cell holding a lone CR, which would otherwise split a row.
    """
    return _guarded(_labelled(frame, demo)).to_csv(index=False, lineterminator="\r\n").encode("utf-8")


def _as_text_cells(workbook) -> None:
    """Cells openpyxl took for formulas hold user text (we never write formulas): make them text cells, and
    drop the control characters an XLSX file cannot hold."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    cell.value = ILLEGAL_CHARACTERS_RE.sub("", cell.value)
                    cell.data_type = "s"


def _xlsx_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """Text without the control characters openpyxl refuses (it raises instead of writing them)."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    out = frame.rename(columns=lambda c: ILLEGAL_CHARACTERS_RE.sub("", str(c)))
    for column in out.columns:
        if not pd.api.types.is_numeric_dtype(out[column]):
            values = [ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in out[column]]
            out[column] = pd.Series(values, index=out.index, dtype=object)
    return out


def to_xlsx_bytes(sheets: dict[str, pd.DataFrame], demo: bool = False, note: str | None = None) -> bytes:
    """An XLSX workbook with one sheet per entry (names cut to Excel's 31 characters); text is never a formula."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        lines = ([DEMO_NOTE] if demo else []) + ([note] if note else [])
        if lines:
            pd.DataFrame({"toelichting": lines}).to_excel(writer, sheet_name="toelichting", index=False)
        for name, frame in sheets.items():
            _xlsx_safe(_labelled(frame, demo)).to_excel(writer, sheet_name=str(name)[:31], index=False)
        _as_text_cells(writer.book)
    return buffer.getvalue()


def signal_list(result: MonitorResult) -> pd.DataFrame:
    """The signal list as exported: one row per region with its scores, flags, reasons and chains."""
    columns = ["code", "naam", "niveau", "zwak_netwerk", "te_sterk_netwerk", "onvoldoende_gegevens", "volledigheid",
               "volledigheid_tekst", "bronnen", "peildatum", "robuust", "varianten_met_signaal", "varianten", "prioriteit", "scores", "redenen",
               "ketens", "lopende_acties"]
    frame = result.signals[columns].copy()
    frame.insert(3, "golf", result.golf or "alle")
    frame["catalogus_versie"] = result.catalogus_versie
    return frame


def region_evidence(result: MonitorResult, code: str) -> pd.DataFrame:
    """Every piece of evidence behind one region's scores, by condition, stakeholder and weight."""
    known = set(result.signals["code"])
    if code not in known:
        raise UserError(f"Regio '{code}' bestaat niet op niveau {result.niveau}.")
    naam = result.signals.loc[result.signals["code"] == code, "naam"].iloc[0]
    rows = result.evidence[result.evidence["code"] == code].copy()
    order = {c: i for i, c in enumerate(CONDITIONS)}
    rows["_orde"] = rows["voorwaarde"].map(order)
    rows["_bevinding"] = rows["soort"] == "bevinding"  # registry facts first, then findings
    rows = rows.sort_values(["_orde", "_bevinding", "deelscore"], kind="stable")
    rows.insert(1, "naam", naam)
    rows.insert(2, "niveau", result.niveau)
    return rows.drop(columns=["_orde", "_bevinding"]).reset_index(drop=True)


def findings_counted(evidence: pd.DataFrame) -> pd.DataFrame:
    """Evidence for a reader whose role may not see finding texts (data.access): the finding rows become one row per
    region, condition and direction with the number of findings and their total weight; registry facts stay."""
    from monitor.text import plural

    is_finding = (evidence["soort"] == "bevinding").to_numpy()
    if not is_finding.any():
        return evidence.reset_index(drop=True)
    findings = evidence[is_finding]
    keys = [c for c in ("code", "naam", "niveau", "voorwaarde", "richting") if c in evidence.columns]
    grouped = findings.groupby(keys, sort=True, dropna=False)
    counted = grouped.agg(gewicht=("gewicht", "sum"), deelscore=("deelscore", "mean"), aantal=("soort", "size"),
                          golf=("golf", lambda s: s.iloc[0] if s.nunique() == 1 else "")).reset_index()
    counted["omschrijving"] = [
        f"{plural(n, 'bevinding', 'bevindingen')} {'noemt' if n == 1 else 'noemen'} "
        f"{'een knelpunt' if r < 0 else 'een goede praktijk'}; teksten en bronnen alleen voor analisten"
        for n, r in zip(counted["aantal"].tolist(), counted["richting"].tolist())
    ]
    counted = counted.assign(soort="bevinding", stakeholder="", sleutel="", bron="", item="", waarde=float("nan"))
    rows = pd.concat([evidence[~is_finding], counted.reindex(columns=evidence.columns)], ignore_index=True)
    order = {c: i for i, c in enumerate(CONDITIONS)}
    rows["_orde"] = rows["voorwaarde"].map(order)
    rows["_bevinding"] = rows["soort"] == "bevinding"
    rows = rows.sort_values(["code", "_orde", "_bevinding"], kind="stable")
    return rows.drop(columns=["_orde", "_bevinding"]).reset_index(drop=True)
