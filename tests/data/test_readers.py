"""Reading users' files: encodings, separators, XLSX, header aliases and spreadsheet row numbers."""
from __future__ import annotations

import codecs
import io

import pytest
from openpyxl import Workbook

from data.errors import UserError
from data.importing.facilities import ALIASES
from data.readers import decode_text, normalise_name, read_geojson, read_table, sniff_separator

ROWS = [["id", "naam", "lat"], ["A1", "Café Zuid", "52,37"], ["B2", "Noord", "51,5"]]


def csv_bytes(rows, sep=";", encoding="utf-8", bom=False) -> bytes:
    text = "\r\n".join(sep.join(row) for row in rows) + "\r\n"
    data = text.encode(encoding)
    return (codecs.BOM_UTF8 + data) if bom else data


@pytest.mark.parametrize(
    "raw",
    [
        csv_bytes(ROWS, ";", "cp1252"),
        csv_bytes(ROWS, ";", "utf-8", bom=True),
        csv_bytes(ROWS, ";", "utf-8"),
        csv_bytes([[c.replace(",", ".") for c in r] for r in ROWS], ",", "utf-8"),
        csv_bytes(ROWS, "\t", "utf-8"),
        codecs.BOM_UTF16_LE + "\r\n".join("\t".join(r) for r in ROWS).encode("utf-16-le"),
    ],
    ids=["cp1252-semicolon", "utf8-bom", "utf8", "comma", "tab", "utf16-tab"],
)
def test_common_csv_flavours_read_the_same(raw):
    frame = read_table(raw, "x.csv", ALIASES).frame
    assert list(frame.columns) == ["id", "naam", "lat"]
    assert frame.loc[2, "naam"] == "Café Zuid"
    assert frame.loc[3, "id"] == "B2"
    assert frame.loc[2, "lat"] in ("52,37", "52.37")


def test_xlsx_first_sheet_numbers_and_text():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["ID", "Naam", "Latitude", "Aantal cliënten"])
    sheet.append(["A1", "Café", 52.37, 12])
    sheet.append([None, None, None, None])
    sheet.append(["B2", "Noord", 51.5, 1200.0])
    workbook.create_sheet("tweede").append(["niet", "lezen"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    frame = read_table(buffer.getvalue(), "x.xlsx", ALIASES).frame
    assert list(frame.columns) == ["id", "naam", "lat", "clienten"]
    assert list(frame.index) == [2, 4]  # the empty spreadsheet row 3 keeps its number
    assert frame.loc[2, "lat"] == "52.37"
    assert frame.loc[4, "clienten"] == "1200"


def test_header_names_are_trimmed_case_insensitive_and_aliased():
    raw = csv_bytes([[" ID ", "Naam Organisatie", "Breedtegraad", "Lengtegraad", "FTE AVG", "Cliënten", "extra"], ["1", "a", "52", "5", "1", "2", "x"]])
    table = read_table(raw, "x.csv", ALIASES)
    assert list(table.frame.columns) == ["id", "organisatie", "lat", "lon", "avg_fte", "clienten"]
    assert table.ignored_columns == ["extra"]


def test_two_columns_meaning_the_same_are_refused():
    with pytest.raises(UserError, match="allebei 'lat'"):
        read_table(csv_bytes([["lat", "latitude"], ["1", "2"]]), "x.csv", ALIASES)


def test_row_numbers_follow_the_spreadsheet_with_blank_lines_and_multiline_cells():
    raw = b'id;naam\r\nA;"twee\r\nregels"\r\n;\r\nB;b\r\n'
    frame = read_table(raw, "x.csv", ALIASES).frame
    assert list(frame.index) == [2, 4]
    assert frame.loc[2, "naam"] == "twee\r\nregels"


@pytest.mark.parametrize(
    "raw, message",
    [
        (b"", "leeg"),
        (b"  \r\n\r\n", "leeg"),
        (b"id;naam\r\n", "alleen een kopregel"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "geen tekstbestand"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "oude Excel-formaat"),
        (b"PK\x03\x04kapot", "kan niet worden gelezen"),
    ],
)
def test_unreadable_files_give_a_dutch_message(raw, message):
    with pytest.raises(UserError, match=message):
        read_table(raw, "x.csv", ALIASES)


def test_xlsx_name_without_xlsx_content_is_refused():
    with pytest.raises(UserError, match="geen geldig .xlsx"):
        read_table(b"id;naam\r\n1;a\r\n", "x.xlsx", ALIASES)


def test_apostrophe_guard_is_removed_and_plain_apostrophes_kept():
    raw = csv_bytes([["id", "naam"], ["'=1+1", "'s-Hertogenbosch"], ["''-x", "'-"]])
    frame = read_table(raw, "x.csv", ALIASES).frame
    assert frame.loc[2].tolist() == ["=1+1", "'s-Hertogenbosch"]
    assert frame.loc[3].tolist() == ["'-x", "-"]


def test_helpers():
    assert normalise_name(" Aantal Cliënten ") == "aantal_clienten"
    assert normalise_name("AVG-poli") == "avg_poli"
    assert sniff_separator('naam;"a,b";c') == ";"
    assert sniff_separator("a,b,c") == ","
    assert sniff_separator("alleen") == ";"
    assert decode_text("é".encode("cp1252")) == "é"
    assert decode_text(codecs.BOM_UTF8 + "é".encode()) == "é"


def test_geojson_reader_accepts_a_single_feature_and_refuses_other_json():
    feature = b'{"type": "Feature", "properties": {}, "geometry": null}'
    assert len(read_geojson(feature)) == 1
    with pytest.raises(UserError, match="FeatureCollection"):
        read_geojson(b"[1, 2]")
    with pytest.raises(UserError, match="geen geldige JSON"):
        read_geojson(b"{kapot")
    with pytest.raises(UserError, match="geen objecten"):
        read_geojson(b'{"type": "FeatureCollection", "features": []}')
