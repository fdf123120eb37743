"""Read users' table files (CSV in any common Dutch/Excel flavour, XLSX, GeoJSON) into frames of strings.

Every cell comes back as a stripped string ('' when empty) so one validation path serves CSV and XLSX.
The frame index is the row number the user sees in a spreadsheet (header = row 1, first data row = row 2).
"""
from __future__ import annotations

import codecs
import csv
import io
import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime

import pandas as pd

from data.errors import UserError

XLSX_MAGIC = b"PK\x03\x04"
OLD_EXCEL_MAGIC = b"\xd0\xcf\x11\xe0"
SEPARATORS = (";", "\t", ",")
# Characters that make a spreadsheet evaluate a cell; exports prefix such text with an apostrophe.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Table:
    """Cells as strings, columns by canonical name; index = spreadsheet row number."""

    frame: pd.DataFrame
    source: str  # 'csv' | 'xlsx'
    ignored_columns: list[str] = field(default_factory=list)


def normalise_name(name: object) -> str:
    """'Cliënten ' -> 'clienten', 'Avg FTE' -> 'avg_fte': lower case, no accents, words joined by '_'."""
    text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^0-9a-z]+", "_", text.strip().lower()).strip("_")


def decode_text(raw: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 (Excel 'Unicode text'), else Windows-1252 as Dutch Excel writes."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16")
    if b"\x00" in raw[:4096]:
        raise UserError("Het bestand is geen tekstbestand (CSV) en geen Excel-bestand (.xlsx).")
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def sniff_separator(header_line: str) -> str:
    """The separator that occurs most often in the header line (outside quotes); ';' when none does."""
    unquoted = re.sub(r'"[^"]*"', "", header_line)
    counts = {sep: unquoted.count(sep) for sep in SEPARATORS}
    best = max(SEPARATORS, key=lambda sep: counts[sep])
    return best if counts[best] else ";"


def _clean_cell(value: object) -> str:
    if isinstance(value, str):
        text = value.strip()
        if "\u00a0" in text:
            text = text.replace("\u00a0", " ").strip()
        # An apostrophe guard written by our own export (or typed in Excel) is not part of the value.
        if text[:1] == "'" and len(text) > 1 and text.lstrip("'").startswith(FORMULA_STARTS):
            text = text[1:]
        return text
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return _clean_cell(str(value))


def _records_to_table(records: list[tuple[int, list[object]]], aliases: dict[str, str], source: str) -> Table:
    """First non-empty record is the header; fully empty records are dropped but keep numbering."""
    cleaned = [(number, [_clean_cell(v) for v in values]) for number, values in records]
    cleaned = [(number, values) for number, values in cleaned if any(values)]
    if not cleaned:
        raise UserError("Het bestand is leeg.")
    _, header = cleaned[0]
    body = cleaned[1:]
    if not body:
        raise UserError("Het bestand bevat alleen een kopregel en geen gegevens.")
    width = max(len(header), *(len(values) for _, values in body))
    header = header + [""] * (width - len(header))
    names, ignored, seen = [], [], {}
    for position, raw_name in enumerate(header):
        canonical = aliases.get(normalise_name(raw_name))
        if canonical is None:
            names.append(f"__ignored_{position}")
            if raw_name:
                ignored.append(raw_name)
            continue
        if canonical in seen:
            raise UserError(
                f"De kolommen '{seen[canonical]}' en '{raw_name}' betekenen allebei '{canonical}'; laat er één staan."
            )
        seen[canonical] = raw_name
        names.append(canonical)
    rows = [values + [""] * (width - len(values)) for _, values in body]
    frame = pd.DataFrame(rows, columns=names, index=pd.Index([n for n, _ in body], name="rij"), dtype=object)
    frame = frame[[c for c in names if not c.startswith("__ignored_")]]
    return Table(frame=frame, source=source, ignored_columns=ignored)


def _read_csv(raw: bytes, aliases: dict[str, str]) -> Table:
    text = decode_text(raw)
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_separator(first_line))
    try:
        records = [(number, values) for number, values in enumerate(reader, start=1)]
    except csv.Error as error:
        raise UserError(f"Het CSV-bestand is niet goed leesbaar: {error}.") from None
    return _records_to_table(records, aliases, "csv")


def _read_xlsx(raw: bytes, aliases: dict[str, str]) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for damaged files
        raise UserError("Het Excel-bestand kan niet worden gelezen; is het beschadigd of geen .xlsx?") from None
    try:
        sheet = workbook.worksheets[0]
        records = [(number, list(values)) for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)]
    finally:
        workbook.close()
    return _records_to_table(records, aliases, "xlsx")


def read_table(raw: bytes, filename: str, aliases: dict[str, str]) -> Table:
    """Read a CSV/TSV/XLSX file given as bytes; column names are mapped to canonical names by `aliases`."""
    if not raw.strip():
        raise UserError("Het bestand is leeg.")
    if raw.startswith(OLD_EXCEL_MAGIC):
        raise UserError("Dit is het oude Excel-formaat (.xls). Sla het bestand op als .xlsx of als CSV.")
    if raw.startswith(XLSX_MAGIC):
        return _read_xlsx(raw, aliases)
    if filename.lower().endswith((".xlsx", ".xlsm")):
        raise UserError("Het bestand heeft de naam van een Excel-bestand maar is geen geldig .xlsx-bestand.")
    return _read_csv(raw, aliases)


def looks_like_geojson(raw: bytes, filename: str) -> bool:
    if filename.lower().endswith((".geojson", ".json")):
        return True
    return raw.lstrip(codecs.BOM_UTF8 + b" \t\r\n")[:1] == b"{"


def read_geojson(raw: bytes) -> list[dict]:
    """The features of a GeoJSON FeatureCollection (a single Feature is accepted too)."""
    try:
        document = json.loads(decode_text(raw))
    except (json.JSONDecodeError, UserError):
        raise UserError("Het GeoJSON-bestand is geen geldige JSON.") from None
    if isinstance(document, dict) and document.get("type") == "Feature":
        document = {"type": "FeatureCollection", "features": [document]}
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise UserError("Het GeoJSON-bestand moet een FeatureCollection zijn.")
    features = document.get("features") or []
    if not features:
        raise UserError("Het GeoJSON-bestand bevat geen objecten (features).")
    return features
