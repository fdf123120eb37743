"""Read users' table files (CSV in any common Dutch/Excel flavour, XLSX, GeoJSON) into frames of strings.

Every cell comes back as a stripped string ('' when empty) so one validation path serves CSV and XLSX.
The frame index is the row number the user sees in a spreadsheet (header = row 1, first data row = row 2).

Reading is strict and bounded: an undecodable byte, a file mixing UTF-8 with another encoding, an unterminated
(or far-away closed) quote and a cell over the limit are UserErrors that name the row; files, rows, columns, the
unpacked size of an .xlsx and the nesting and vertices of GeoJSON have limits (data.limits), checked before
the work they would cause.
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

from data import limits
from data.errors import UserError
from data.spreadsheets import unguard_formula  # the inverse of the formula guard every writer shares

XLSX_MAGIC = b"PK\x03\x04"
OLD_EXCEL_MAGIC = b"\xd0\xcf\x11\xe0"
SEPARATORS = (";", "\t", ",")
# Valid UTF-8 sequences of two to four bytes: their presence beside undecodable bytes means mixed encodings.
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
SAVE_AS_UTF8 = "sla het bestand in Excel op als 'CSV UTF-8 (door komma's gescheiden)'"


@dataclass
class Table:
    """Cells as strings, columns by canonical name; index = spreadsheet row number."""

    frame: pd.DataFrame
    source: str  # 'csv' | 'xlsx' | 'geojson'
    ignored_columns: list[str] = field(default_factory=list)


def normalise_name(name: object) -> str:
    """'Cliënten ' -> 'clienten', 'Avg FTE' -> 'avg_fte': lower case, no accents, words joined by '_'."""
    text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^0-9a-z]+", "_", text.strip().lower()).strip("_")


def _row_at(text_before: str) -> int:
    """The spreadsheet row (CSV record, 1-based) in which the text after `text_before` lies."""
    first_line = next((line for line in text_before.splitlines() if line.strip()), "")
    reader = csv.reader(io.StringIO(text_before + "x", newline=""), delimiter=sniff_separator(first_line))
    try:
        return sum(1 for _ in reader)
    except csv.Error:  # an open quote before the bad byte: fall back to counting lines
        return text_before.count("\n") + 1


def _decode_error(raw: bytes, encoding: str, error: UnicodeDecodeError, reason: str) -> UserError:
    row = _row_at(raw[: error.start].decode(encoding, errors="replace"))
    byte = raw[error.start:error.start + 1].hex().upper() or "?"
    return UserError(f"rij {row}: {reason} (byte {byte}); {SAVE_AS_UTF8}.")


def decode_text(raw: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM (Excel 'Unicode text'), or Windows-1252 as Dutch Excel writes.

    Strict: a byte that is not valid in the file's encoding is an error naming its row, and a file that mixes
    UTF-8 with another encoding is refused rather than guessed (it would store 'CliÃ«nt' without a word).
    """
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as error:
            raise _decode_error(raw, "utf-16", error, "onleesbare tekens na de UTF-16-markering") from None
    if b"\x00" in raw[:4096]:
        raise UserError("Het bestand is geen tekstbestand (CSV) en geen Excel-bestand (.xlsx).")
    if raw.startswith(codecs.BOM_UTF8):
        try:
            return raw[len(codecs.BOM_UTF8):].decode("utf-8")
        except UnicodeDecodeError as error:
            error.start += len(codecs.BOM_UTF8)
            reason = "het bestand zegt UTF-8 te zijn maar bevat een ongeldig teken"
            raise _decode_error(raw, "utf-8", error, reason) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        if _UTF8_MULTIBYTE.search(raw):
            raise _decode_error(
                raw, "utf-8", error, "het bestand mengt UTF-8 met een andere tekencodering, zoals Windows-1252"
            ) from None
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError as error:
        raise _decode_error(raw, "cp1252", error, "een teken dat in UTF-8 en Windows-1252 niet bestaat") from None


def sniff_separator(header_line: str) -> str:
    """The separator that occurs most often in the header line (outside quotes); ';' when none does."""
    unquoted = re.sub(r'"[^"]*"', "", header_line)
    counts = {sep: unquoted.count(sep) for sep in SEPARATORS}
    best = max(SEPARATORS, key=lambda sep: counts[sep])
    return best if counts[best] else ";"


def _clean_cell(value: object, unguard: bool = True) -> str:
    """One cell as a stripped string. `unguard` (CSV) removes the apostrophe that guards a formula start:
    our CSV export writes it, and Excel users type it. An XLSX text cell needs no guard, so there it is kept."""
    if isinstance(value, str):
        text = value.strip()
        if "\u00a0" in text:
            text = text.replace("\u00a0", " ").strip()
        # An apostrophe guard written by our own export (or typed in Excel) is not part of the value.
        return unguard_formula(text) if unguard else text
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return _clean_cell(str(value), unguard)


def _records_to_table(records: list[tuple[int, list[object]]], aliases: dict[str, str], source: str) -> Table:
    """First non-empty record is the header; fully empty records are dropped but keep numbering."""
    unguard = source == "csv"
    cleaned = [(number, [_clean_cell(v, unguard) for v in values]) for number, values in records]
    cleaned = [(number, values) for number, values in cleaned if any(values)]
    if not cleaned:
        raise UserError("Het bestand is leeg.")
    _, header = cleaned[0]
    body = cleaned[1:]
    if not body:
        raise UserError("Het bestand bevat alleen een kopregel en geen gegevens.")
    if len(body) > limits.MAX_ROWS:
        raise _too_many_rows()
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


def _too_many_rows() -> UserError:
    return UserError(
        f"Het bestand heeft meer dan {limits.dutch_int(limits.MAX_ROWS)} rijen; dat is meer dan dit programma in één "
        "keer leest. Splits het bestand in delen en importeer die na elkaar."
    )


def _check_record(number: int, values: list) -> None:
    """Limits per record: columns and characters per cell (file-level errors that name the row)."""
    if len(values) > limits.MAX_COLUMNS:
        if any(v not in (None, "") for v in values[limits.MAX_COLUMNS:]):
            raise UserError(f"rij {number}: meer dan {limits.dutch_int(limits.MAX_COLUMNS)} kolommen.")
        del values[limits.MAX_COLUMNS:]
    for position, value in enumerate(values, start=1):
        if isinstance(value, str) and len(value) > limits.MAX_FIELD_CHARS:
            raise UserError(
                f"rij {number}, kolom {position}: de cel is langer dan "
                f"{limits.dutch_int(limits.MAX_FIELD_CHARS)} tekens."
            )


def _swallowed_rows(values: list[str], separator: str, header_width: int) -> bool:
    """True when a cell spanning lines holds what looks like further rows: a quote opened and closed far away."""
    needed = max(2, header_width - 1)
    for value in values:
        if "\n" in value or "\r" in value:
            inner = value.replace("\r", "\n").split("\n")[1:]
            if any(line.count(separator) >= needed for line in inner):
                return True
    return False


def _read_csv(raw: bytes, aliases: dict[str, str]) -> Table:
    text = decode_text(raw)
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    separator = sniff_separator(first_line)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    records: list[tuple[int, list[str]]] = []
    header_width, number = 0, 0
    while True:
        number += 1
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            raise _csv_error(str(error), number, separator) from None
        _check_record(number, values)
        if not header_width and any(v.strip() for v in values):
            header_width = len(values)
        elif _swallowed_rows(values, separator, header_width):
            raise UserError(
                f"rij {number}: een aanhalingsteken (\") opent een cel die pas regels later sluit, zodat volgende "
                "rijen in één cel belanden. Controleer de aanhalingstekens in deze rij."
            )
        if values:
            records.append((number, values))
        if number > limits.MAX_ROWS + 1 and any(v.strip() for v in values):
            raise _too_many_rows()
    return _records_to_table(records, aliases, "csv")


def _csv_error(message: str, number: int, separator: str) -> UserError:
    if "unexpected end of data" in message or "EOF" in message:
        return UserError(
            f"rij {number}: een aanhalingsteken (\") wordt niet afgesloten; de rest van het bestand zou in één cel "
            "belanden. Sluit de cel af met een aanhalingsteken of haal het aanhalingsteken weg."
        )
    if "expected after" in message:
        sep = "tab" if separator == "\t" else f"'{separator}'"
        return UserError(
            f"rij {number}: na een afsluitend aanhalingsteken volgt geen scheidingsteken ({sep}). Zet de hele cel "
            'tussen aanhalingstekens en schrijf een aanhalingsteken in de cel dubbel ("").'
        )
    if "field larger than field limit" in message:
        return UserError(f"rij {number}: een cel is langer dan {limits.dutch_int(limits.MAX_FIELD_CHARS)} tekens.")
    return UserError(f"rij {number}: deze CSV-regel kan niet worden gelezen.")


def _check_zip(raw: bytes) -> None:
    """Refuse an .xlsx whose contents would unpack to more than the limit (a zip bomb) before reading any of it.

    The sizes come from the archive's directory; Python's zipfile never unpacks more than the size stated
    there (it reports a damaged file instead), so a file cannot lie its way past this check.
    """
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise UserError("Het Excel-bestand kan niet worden gelezen; is het beschadigd of geen .xlsx?") from None
    if len(members) > limits.MAX_XLSX_MEMBERS:
        raise UserError(f"Het Excel-bestand bestaat uit meer dan {limits.dutch_int(limits.MAX_XLSX_MEMBERS)} delen; "
                        "dat is geen gewoon werkblad.")
    unpacked = sum(member.file_size for member in members)
    if unpacked > limits.MAX_XLSX_UNZIPPED_BYTES:
        raise UserError(
            f"Het Excel-bestand is uitgepakt {limits.megabytes(unpacked)} groot; de grens is "
            f"{limits.megabytes(limits.MAX_XLSX_UNZIPPED_BYTES)}. Sla alleen het werkblad met de gegevens op, of "
            "gebruik CSV."
        )
    # Under that size a bomb can still hold millions of tiny cells or strings, which openpyxl would read one by
    # one: count the elements of the parts it reads (streamed, never more than the stated size) before it does.
    elements = 0
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        for member in members:
            name = member.filename.lower()
            counted = name.startswith("xl/worksheets/") or name.endswith("sharedstrings.xml")
            if not counted and name.endswith((".xml", ".rels")) and member.file_size > limits.MAX_XLSX_PART_BYTES:
                raise UserError(f"Het Excel-bestand bevat een onderdeel ({member.filename}) van "
                                f"{limits.megabytes(member.file_size)}; dat is geen gewoon werkblad.")
            if counted and member.file_size > 1_000_000 and member.file_size > limits.MAX_XLSX_RATIO * max(
                member.compress_size, 1
            ):
                raise UserError(
                    f"Het Excel-bestand is verdacht sterk ingepakt ({member.filename} is uitgepakt "
                    f"{member.file_size // max(member.compress_size, 1)} keer zo groot); zo ziet een gewoon werkblad er "
                    "niet uit. Sla het opnieuw op in Excel of gebruik CSV."
                )
            if counted and name.endswith(".xml"):
                try:
                    elements += _count_elements(archive, member, limits.MAX_XLSX_ELEMENTS - elements)
                except (zipfile.BadZipFile, OSError, EOFError, ValueError):
                    raise UserError("Het Excel-bestand kan niet worden gelezen; is het beschadigd of geen .xlsx?") from None
            if elements > limits.MAX_XLSX_ELEMENTS:
                raise UserError(
                    f"Het Excel-bestand bevat meer dan {limits.dutch_int(limits.MAX_XLSX_ELEMENTS)} cellen en teksten; "
                    "sla het op als CSV of splits het in delen."
                )


def _count_elements(archive, member, budget: int) -> int:
    """Opening XML tags in a zip member, read in blocks; stops counting once past `budget`."""
    count, chunk = 0, 1 << 20
    with archive.open(member) as stream:
        while block := stream.read(chunk):
            count += block.count(b"<") - block.count(b"</")
            if count > budget:
                break
    return count


def _read_xlsx(raw: bytes, aliases: dict[str, str]) -> Table:
    _check_zip(raw)  # before anything is unpacked (or openpyxl imported)
    from openpyxl import load_workbook

    damaged = UserError("Het Excel-bestand kan niet worden gelezen; is het beschadigd of geen .xlsx?")
    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for damaged files
        raise damaged from None
    try:
        if not workbook.worksheets:
            raise UserError("Het Excel-bestand bevat geen werkblad met cellen.")
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # the stated size may be a lie (A1:XFD1048576); read what is really there
        records, header_width = [], 0
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if not values:  # a row missing from the sheet, filled in by openpyxl
                continue
            values = list(values)
            _check_record(number, values)
            if not any(v not in (None, "") for v in values):
                continue
            if number > limits.MAX_ROWS + 1:
                raise _too_many_rows()
            header_width = header_width or len(values)
            records.append((number, values))
    except UserError:
        raise
    except Exception:  # damaged XML or a member that does not match its checksum
        raise damaged from None
    finally:
        workbook.close()
    return _records_to_table(records, aliases, "xlsx")


def _check_size(raw: bytes) -> None:
    if len(raw) > limits.MAX_FILE_BYTES:
        raise UserError(
            f"Het bestand is {limits.megabytes(len(raw))} groot; de grens is "
            f"{limits.megabytes(limits.MAX_FILE_BYTES)}. Splits het bestand in delen."
        )


def read_table(raw: bytes, filename: str, aliases: dict[str, str]) -> Table:
    """Read a CSV/TSV/XLSX file given as bytes; column names are mapped to canonical names by `aliases`."""
    _check_size(raw)
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


def _measure_geojson(document: object) -> None:
    """Refuse documents nested deeper than the limit or holding more coordinate pairs than the limit."""
    stack, vertices = [(document, 1)], 0
    while stack:
        node, depth = stack.pop()
        if depth > limits.MAX_GEOJSON_DEPTH:
            raise UserError(
                f"Het GeoJSON-bestand is dieper genest dan {limits.MAX_GEOJSON_DEPTH} niveaus; dat is geen gewone "
                "GeoJSON-geometrie."
            )
        if isinstance(node, dict):
            stack.extend((value, depth + 1) for value in node.values())
        elif isinstance(node, list):
            if node and isinstance(node[0], (int, float)) and not isinstance(node[0], bool):
                vertices += 1
            else:
                stack.extend((value, depth + 1) for value in node)
            if vertices > limits.MAX_GEOJSON_VERTICES:
                raise UserError(
                    f"Het GeoJSON-bestand heeft meer dan {limits.dutch_int(limits.MAX_GEOJSON_VERTICES)} "
                    "coördinaatparen; vereenvoudig de omtrekken (bijvoorbeeld in QGIS) of splits het bestand."
                )


def read_geojson(raw: bytes) -> list[dict]:
    """The features of a GeoJSON FeatureCollection (a single Feature is accepted too).

    Each feature comes back as a dict; an element that is no JSON object becomes {"_fout": reason} so that the
    caller can reject it by its number. `properties` is always a dict, `geometry` a dict or None.
    """
    _check_size(raw)
    try:
        document = json.loads(decode_text(raw))
    except RecursionError:
        raise UserError(
            f"Het GeoJSON-bestand is dieper genest dan {limits.MAX_GEOJSON_DEPTH} niveaus; dat is geen gewone "
            "GeoJSON-geometrie."
        ) from None
    except (json.JSONDecodeError, UserError):
        raise UserError("Het GeoJSON-bestand is geen geldige JSON.") from None
    _measure_geojson(document)
    if isinstance(document, dict) and document.get("type") == "Feature":
        document = {"type": "FeatureCollection", "features": [document]}
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise UserError("Het GeoJSON-bestand moet een FeatureCollection zijn.")
    features = document.get("features")
    if features in (None, [], {}):
        raise UserError("Het GeoJSON-bestand bevat geen objecten (features).")
    if not isinstance(features, list):
        raise UserError("In het GeoJSON-bestand is 'features' geen lijst van objecten.")
    if len(features) > limits.MAX_ROWS:
        raise _too_many_rows()
    return [_feature(item) for item in features]


def _feature(item: object) -> dict:
    if not isinstance(item, dict):
        return {"_fout": "dit object is geen GeoJSON-Feature"}
    properties = item.get("properties")
    geometry = item.get("geometry")
    if properties is not None and not isinstance(properties, dict):
        return {"_fout": "'properties' is geen object met eigenschappen"}
    if geometry is not None and not isinstance(geometry, dict):
        return {"_fout": "'geometry' is geen GeoJSON-geometrie"}
    return {"properties": properties or {}, "geometry": geometry}


def finite_coordinates(geometry: dict) -> bool:
    """False when any coordinate of a GeoJSON geometry is NaN, Infinity or not a number."""
    import math

    stack: list = [geometry]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            stack.append(node.get("coordinates"))
            stack.append(node.get("geometries"))
        elif isinstance(node, list):
            stack.extend(node)
        elif node is None:
            continue
        elif isinstance(node, bool) or not isinstance(node, (int, float)) or not math.isfinite(node):
            return False
    return True
