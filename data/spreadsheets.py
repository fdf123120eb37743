"""Spreadsheet files that open well in Dutch Excel: one writer for every download and export.

Two functions, both returning bytes:

- ``dutch_csv_bytes(frame, labels)``: UTF-8 with BOM, ``;`` between cells, decimal comma, CRLF line ends.
- ``xlsx_bytes(sheets, labels)``: one sheet per frame, bold frozen header with labels, sensible column widths.

The same rules hold in both:

- Headers are human labels: ``labels`` maps a column key to its label; a key without a label is shown with its
  underscores as spaces and a capital ("lopende_acties" -> "Lopende acties").
- No raw booleans: True/False are written "ja"/"nee". Empty (None, NaN, NA, NaT) is an empty cell.
- Numbers stay numbers: in CSV with a decimal comma and without thousands separators ("1234,5"), rounded to
  ``decimals`` places (default 4) without trailing zeros, so no "0.30000000000000004"; in XLSX as number cells.
- Lists are joined with " | "; a dict spreads over one column per key ("scores" -> "Score: Infrastructuur").
- Formula guard: text starting with = + - @, a tab or a carriage return would be run by Excel as a formula;
  in CSV it gets a leading apostrophe (``guard_formula``; data.readers removes it again on import), in XLSX it
  is stored as a text cell, which Excel never evaluates. A lone "-" or "+" cannot form a formula and stays.
- ``demo=True`` puts a first column "Gegevens" = "fictief voorbeeld" in every row (and, in XLSX, a first
  sheet "toelichting" saying so), so a file of demo data can never pass for real data.

>>> import pandas as pd
>>> frame = pd.DataFrame({"naam": ["=1+1"], "aandeel": [0.125], "robuust": [True]})
>>> dutch_csv_bytes(frame, {"aandeel": "Aandeel"}).decode("utf-8-sig").splitlines()
['Naam;Aandeel;Robuust', "'=1+1;0,125;ja"]
"""
from __future__ import annotations

import csv
import io
import math
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from numbers import Integral, Real

import numpy as np
import pandas as pd

DEMO_LABEL = "fictief voorbeeld"  # the same words as data.registry.DEMO_LABEL
DEMO_COLUMN = "Gegevens"
DEMO_NOTE = "Let op: dit zijn fictieve voorbeeldgegevens (python -m data demo), geen echte organisaties of regio's."
# Characters that make a spreadsheet evaluate a cell; the one list for every writer and for data.readers.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = " | "
DECIMALS = 4
MIN_WIDTH, MAX_WIDTH = 8, 60  # XLSX column widths in characters

__all__ = ["DEMO_LABEL", "FORMULA_STARTS", "cell_text", "dutch_csv_bytes", "guard_formula", "header_label",
           "spreadsheet_frame", "unguard_formula", "xlsx_bytes"]


def guard_formula(text: str) -> str:
    """Text that Excel would run as a formula gets a leading apostrophe; a lone '-' or '+' stays as it is.

    >>> guard_formula("=HYPERLINK(1)"), guard_formula("-"), guard_formula("Zeeland")
    ("'=HYPERLINK(1)", '-', 'Zeeland')
    """
    if text in ("-", "+"):
        return text
    if text.startswith(FORMULA_STARTS) or (text.startswith("'") and text.lstrip("'").startswith(FORMULA_STARTS)):
        return "'" + text
    return text


def unguard_formula(text: str) -> str:
    """The inverse of ``guard_formula`` for reading a CSV cell back: one guarding apostrophe is removed.

    Exact on everything ``guard_formula`` writes; an apostrophe typed before a formula start in Excel ("'-")
    is read the same way. Other apostrophes ("'s-Hertogenbosch") stay.

    >>> [unguard_formula(guard_formula(t)) for t in ("=1+1", "'=1+1", "-", "'s-Hertogenbosch")]
    ['=1+1', "'=1+1", '-', "'s-Hertogenbosch"]
    """
    if text[:1] == "'" and len(text) > 1 and text.lstrip("'").startswith(FORMULA_STARTS):
        return text[1:]
    return text


def header_label(key: str, labels: Mapping[str, str] | None = None) -> str:
    """The label of a column key: from ``labels``, else the key with spaces and a capital first letter."""
    labels = labels or {}
    if key in labels:
        return labels[key]
    text = str(key).replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def _missing(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    if isinstance(value, np.floating):
        return bool(np.isnan(value))
    return False


def _number_text(value: float, decimals: int) -> str:
    if not math.isfinite(value):
        return ""
    text = f"{round(value, decimals):.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return text.replace(".", ",")


def cell_text(value, decimals: int = DECIMALS) -> str:
    """One value as a Dutch CSV cell (see the module docstring for the rules).

    >>> [cell_text(v) for v in (None, True, 3, 2.0, -0.5, 1 / 3, "+31 6", ["a", "b"])]
    ['', 'ja', '3', '2', '-0,5', '0,3333', "'+31 6", 'a | b']
    """
    if _missing(value):
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "ja" if value else "nee"
    if isinstance(value, Integral):
        return str(int(value))
    if isinstance(value, Real):
        return _number_text(float(value), decimals)
    if isinstance(value, (pd.Timestamp, datetime)):
        return value.strftime("%Y-%m-%d %H:%M") if (value.hour, value.minute, value.second) != (0, 0, 0) \
            else value.strftime("%Y-%m-%d")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple, set, np.ndarray)):
        return guard_formula(LIST_SEPARATOR.join(str(v) for v in value if not _missing(v)))
    if isinstance(value, Mapping):
        return guard_formula("; ".join(f"{k}: {cell_text(v, decimals)}" for k, v in value.items()))
    return guard_formula(str(value))


def spreadsheet_frame(frame: pd.DataFrame, labels: Mapping[str, str] | None = None, demo: bool = False) -> pd.DataFrame:
    """A copy with dict columns spread over one column per key, list cells joined and labelled headers.

    Values keep their type (numbers stay numbers); only the headers and the shape change. Dict keys become
    columns labelled "<label of column>: <label of key>".
    """
    labels = labels or {}
    columns: dict[str, list] = {}
    for key in frame.columns:
        values = frame[key].tolist()
        if any(isinstance(v, Mapping) for v in values):
            subkeys = list(dict.fromkeys(k for v in values if isinstance(v, Mapping) for k in v))
            for sub in subkeys:
                name = labels.get(f"{key}_{sub}") or f"{header_label(key, labels)}: {header_label(sub, labels)}"
                columns[name] = [v.get(sub) if isinstance(v, Mapping) else None for v in values]
        elif any(isinstance(v, (list, tuple, set, np.ndarray)) for v in values):
            columns[header_label(key, labels)] = [
                LIST_SEPARATOR.join(str(x) for x in v) if isinstance(v, (list, tuple, set, np.ndarray))
                else ("" if _missing(v) else v)
                for v in values
            ]
        else:
            columns[header_label(key, labels)] = values
    out = pd.DataFrame(columns, index=range(len(frame)))
    if demo:
        out.insert(0, DEMO_COLUMN, DEMO_LABEL)
    return out


def dutch_csv_bytes(frame: pd.DataFrame, labels: Mapping[str, str] | None = None, demo: bool = False,
                    decimals: int = DECIMALS) -> bytes:
    """The frame as a CSV file for Dutch Excel: UTF-8 with BOM, ';', decimal comma, labels, ja/nee, guarded text.

    Read it back with ``pd.read_csv(io.BytesIO(data), sep=";", decimal=",", encoding="utf-8-sig")``.
    """
    table = spreadsheet_frame(frame, labels, demo)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([guard_formula(str(c)) for c in table.columns])
    for row in table.itertuples(index=False, name=None):
        writer.writerow([cell_text(v, decimals) for v in row])
    return buffer.getvalue().encode("utf-8-sig")


def _xlsx_value(value, decimals: int):
    """A Python value an openpyxl cell can hold; text is marked as text later."""
    if _missing(value):
        return None
    if isinstance(value, (bool, np.bool_)):
        return "ja" if value else "nee"
    if isinstance(value, Integral):
        return int(value)
    if isinstance(value, Real):
        number = float(value)
        return round(number, decimals) if math.isfinite(number) else None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, (datetime, date)):
        return value
    return cell_text(value, decimals).removeprefix("'") if isinstance(value, (list, tuple, set, np.ndarray, Mapping)) \
        else str(value)


def _write_sheet(sheet, table: pd.DataFrame, decimals: int) -> None:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    widths = [len(str(c)) for c in table.columns]
    sheet.append([ILLEGAL_CHARACTERS_RE.sub("", str(c)) for c in table.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.data_type = "s"
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for r, row in enumerate(table.itertuples(index=False, name=None), start=2):
        for c, raw in enumerate(row, start=1):
            value = _xlsx_value(raw, decimals)
            cell = sheet.cell(row=r, column=c)
            if isinstance(value, str):
                cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
                cell.data_type = "s"  # a text cell: never a formula, whatever it starts with
                widths[c - 1] = max(widths[c - 1], len(value))
            else:
                cell.value = value
                if isinstance(value, datetime):
                    cell.number_format = "yyyy-mm-dd hh:mm"
                elif isinstance(value, date):
                    cell.number_format = "yyyy-mm-dd"
                widths[c - 1] = max(widths[c - 1], 10 if value is not None else 0)
    for c, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = max(MIN_WIDTH, min(MAX_WIDTH, width + 2))
    sheet.freeze_panes = "A2"
    if len(table.columns):
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(table.columns))}{max(1, len(table) + 1)}"


def xlsx_bytes(sheets: Mapping[str, pd.DataFrame], labels: Mapping[str, str] | None = None, demo: bool = False,
               notes: Sequence[str] = (), decimals: int = DECIMALS) -> bytes:
    """An Excel workbook with one sheet per entry (names cut to Excel's 31 characters, made unique).

    ``notes`` (and, for demo data, the demo notice) go on a first sheet "toelichting".
    """
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    lines = ([DEMO_NOTE] if demo else []) + [str(n) for n in notes if n]
    used: set[str] = set()

    def title(name: str) -> str:
        base = "".join(ch for ch in str(name) if ch not in '[]:*?/\\')[:31] or "blad"
        candidate, n = base, 2
        while candidate.lower() in used:
            candidate = f"{base[:28]} {n}"
            n += 1
        used.add(candidate.lower())
        return candidate

    if lines:
        _write_sheet(workbook.create_sheet(title("toelichting")), pd.DataFrame({"Toelichting": lines}), decimals)
    for name, frame in sheets.items():
        _write_sheet(workbook.create_sheet(title(name)), spreadsheet_frame(frame, labels, demo), decimals)
    if not workbook.sheetnames:
        workbook.create_sheet("blad")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
