"""A corpus of hostile files, generated in memory (no stored binaries), for the CLI and the Gegevens upload.

Each case is a file a careless or hostile user could hand over: it must end in a Dutch message naming the
problem (with its row where there is one), exit code 1, no traceback and an unchanged database. `prepare`
builds the small database the cases run against (literal regions and two HAPs, so that row-level checks of
werkgebieden and voorzieningen are reached). Limits that would need large files are lowered by `LOWERED`
(monkeypatched on data.limits), so the whole corpus runs in seconds.
"""
from __future__ import annotations

import codecs
import io
import json
import zipfile
import zlib
from dataclasses import dataclass

from sqlalchemy import Engine

# Lowered limits for the corpus (the real ones are in data.limits; the benchmark uses them).
LOWERED = {
    "MAX_FILE_BYTES": 2_000_000,
    "MAX_XLSX_UNZIPPED_BYTES": 5_000_000,
    "MAX_XLSX_ELEMENTS": 20_000,
    "MAX_ROWS": 500,
    "MAX_GEOJSON_VERTICES": 1_000,
}
HEADER = "id;type;naam;organisatie;lat;lon;clienten"
GOOD_ROW = "V{n};vg_locatie;Huis {n};Stichting Test;52,375;4,905;12"
FACILITIES = (
    "id;type;naam;organisatie;lat;lon\n"
    "HAP1;hap;Huisartsenpost Noord (fictief);HDS;52,375;4,905\n"
    "HAP2;hap;Huisartsenpost Zuid (fictief);HDS;52,095;5,105\n"
)


@dataclass(frozen=True)
class Hostile:
    name: str  # test id
    kind: str  # import kind
    filename: str
    raw: bytes
    expected: str  # a fragment of the Dutch message


def _csv(*rows: str, encoding: str = "utf-8") -> bytes:
    return ("\r\n".join(rows) + "\r\n").encode(encoding)


def _square(lon: float = 4.9, lat: float = 52.37, size: float = 0.02) -> list:
    return [[[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]]


def _geojson(features) -> bytes:
    return json.dumps({"type": "FeatureCollection", "features": features}, allow_nan=True).encode("utf-8")


def _feature(hap_id: str, coordinates) -> dict:
    return {"type": "Feature", "properties": {"hap_id": hap_id}, "geometry": {"type": "Polygon", "coordinates": coordinates}}


def _sheet_xml(rows: int, width: int = 3, dimension: str | None = None, row_numbers=None) -> bytes:
    cells = "".join(f'<c t="inlineStr"><is><t>x{c}</t></is></c>' for c in range(width))
    numbers = row_numbers or range(1, rows + 1)
    body = "".join(f'<row r="{r}">{cells}</row>' for r in numbers)
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"{dim}<sheetData>{body}</sheetData></worksheet>"
    ).encode("utf-8")


XLSX_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"
    ),
    "xl/workbook.xml": (
        '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
        '<sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        "</Relationships>"
    ),
}


def xlsx(sheet: bytes) -> bytes:
    """A minimal workbook around one sheet's XML (openpyxl reads it like one Excel wrote)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in XLSX_PARTS.items():
            archive.writestr(name, text)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return buffer.getvalue()


def shared_strings_xlsx(count: int) -> bytes:
    """An .xlsx with `count` one-letter shared strings: small on disk, slow for openpyxl to read one by one."""
    strings = b"<si><t>a</t></si>" * count
    shared = (b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
              b'2006/main">' + strings + b"</sst>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in XLSX_PARTS.items():
            archive.writestr(name, text)
        archive.writestr("xl/sharedStrings.xml", shared)
        archive.writestr("xl/worksheets/sheet1.xml", _sheet_xml(3))
    return buffer.getvalue()


def zip_bomb_xlsx(unpacked_bytes: int, stated_size: int | None = None) -> bytes:
    """An .xlsx whose sheet unpacks to about `unpacked_bytes` of repeated rows while the file stays small.

    The sheet is compressed in chunks (one row pattern repeated), so building a 1 GB bomb takes a second or
    two and little memory. `stated_size` puts a smaller size in the zip directory than the data unpacks to.
    """
    head = _sheet_xml(0)[: -len(b"</sheetData></worksheet>")]
    row = b'<row><c t="inlineStr"><is><t>bom</t></is></c><c t="inlineStr"><is><t>bom</t></is></c></row>'
    tail = b"</sheetData></worksheet>"
    repeats = max(1, (unpacked_bytes - len(head) - len(tail)) // len(row))
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = row * 10_000
    parts, crc, size = [compressor.compress(head)], zlib.crc32(head), len(head)
    left = repeats
    while left:
        block = chunk if left >= 10_000 else row * left
        parts.append(compressor.compress(block))
        crc, size, left = zlib.crc32(block, crc), size + len(block), left - min(left, 10_000)
    parts.append(compressor.compress(tail))
    crc, size = zlib.crc32(tail, crc), size + len(tail)
    parts.append(compressor.flush())
    compressed = b"".join(parts)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in XLSX_PARTS.items():
            archive.writestr(name, text)
    return _append_raw_member(buffer.getvalue(), "xl/worksheets/sheet1.xml", compressed, crc,
                              size if stated_size is None else stated_size)


def _append_raw_member(archive_bytes: bytes, name: str, compressed: bytes, crc: int, size: int) -> bytes:
    """Add an already deflated member to a zip archive (zipfile cannot take pre-compressed data)."""
    import struct

    with zipfile.ZipFile(io.BytesIO(archive_bytes)) as source:
        entries = [(info, source.read(info.filename)) for info in source.infolist()]
    out = io.BytesIO()
    central = []

    def local(filename: bytes, data: bytes, crc_: int, usize: int, method: int) -> None:
        offset = out.tell()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0, crc_, len(data), usize, len(filename), 0))
        out.write(filename)
        out.write(data)
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0, crc_, len(data), usize,
                                   len(filename), 0, 0, 0, 0, 0, offset) + filename)

    for info, data in entries:
        packed = zlib.compressobj(6, zlib.DEFLATED, -15)
        deflated = packed.compress(data) + packed.flush()
        local(info.filename.encode(), deflated, zlib.crc32(data), len(data), 8)
    local(name.encode(), compressed, crc & 0xFFFFFFFF, size, 8)
    start = out.tell()
    for record in central:
        out.write(record)
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), out.tell() - start, start, 0))
    return out.getvalue()


def corpus() -> list[Hostile]:
    """Every hostile case; new kinds of trouble are added here and run through the CLI and the upload."""
    deep = b'{"type": "FeatureCollection", "features": [' + b"[" * 10_000 + b"]" * 10_000 + b"]}"
    many_bad = [HEADER] + [f"X{n};ziekenhuis;Huis {n};S;52,375;4,905;1" for n in range(120)]
    swallowed = [HEADER, GOOD_ROW.format(n=1), '"V2;vg_locatie;Huis 2;S;52,375;4,905;1',
                 GOOD_ROW.format(n=3), GOOD_ROW.format(n=4) + ';"']
    cases = [
        # -- GeoJSON (werkgebieden) -------------------------------------------------------------------
        Hostile("geojson-10000-diep", "werkgebieden", "diep.geojson", deep, "dieper genest"),
        Hostile("geojson-features-tekst", "werkgebieden", "f.geojson",
                b'{"type": "FeatureCollection", "features": "abc"}', "geen lijst"),
        Hostile("geojson-zonder-type", "werkgebieden", "f.geojson", b'{"features": "abc"}', "FeatureCollection"),
        Hostile("geojson-nan-infinity", "werkgebieden", "nan.geojson",
                _geojson([_feature("HAP1", [[[float("nan"), 52.37], [4.92, 52.37], [4.92, float("inf")], [4.9, 52.37]]])]),
                "eindige getallen"),
        Hostile("geojson-onzin-objecten", "werkgebieden", "x.geojson",
                _geojson([17, {"type": "Feature", "properties": [1], "geometry": None},
                          {"type": "Feature", "properties": {"hap_id": "HAP1"}, "geometry": "vierkant"}]),
                "geen GeoJSON-Feature"),
        Hostile("geojson-te-veel-punten", "werkgebieden", "groot.geojson",
                _geojson([_feature("HAP1", [[[4.9 + i * 1e-6, 52.37] for i in range(1_200)] + [[4.9, 52.37]]])]),
                "coördinaatparen"),
        Hostile("geojson-kapot", "werkgebieden", "k.geojson", b'{"type": "FeatureCollection", "features": [', "geen geldige JSON"),
        # -- numbers the databases cannot store -----------------------------------------------------------
        Hostile("clienten-1e20", "voorzieningen", "v.csv", _csv(HEADER, "V1;vg_locatie;Huis;S;52,375;4,905;1e20"),
                "rij 2, kolom clienten"),
        Hostile("clienten-3-miljard", "voorzieningen", "v.csv",
                _csv(HEADER, "V1;vg_locatie;Huis;S;52,375;4,905;3000000000"), "te groot"),
        Hostile("lat-nan-infinity", "voorzieningen", "v.csv",
                _csv(HEADER, "V1;vg_locatie;Huis;S;NaN;4,905;", "V2;vg_locatie;Huis;S;52,3;Infinity;"), "geen getal"),
        Hostile("nul-laat-in-tekst", "voorzieningen", "v.csv",  # after the first 4 kB, which are checked for NUL
                _csv(HEADER, *(GOOD_ROW.format(n=n) for n in range(100)), "W1;vg_locatie;Huis\x00B;S;52,375;4,905;12"),
                "NUL"),
        Hostile("stuurteken", "samenwerkingen", "s.csv", _csv("van;naar;soort;bron", "HAP1;HAP2;contract;map\x01"),
                "stuurteken"),
        Hostile("naam-te-lang", "voorzieningen", "v.csv",
                _csv(HEADER, "V1;vg_locatie;" + "N" * 301 + ";S;52,375;4,905;12"), "langer dan 300"),
        # -- encodings ---------------------------------------------------------------------------------
        Hostile("utf16-bom-onzin", "voorzieningen", "v.csv", codecs.BOM_UTF16_LE + b"\x00\xd8a\x00b\x00\n\x00",
                "UTF-16"),
        Hostile("utf8-met-cp1252-byte", "voorzieningen", "v.csv",
                _csv(HEADER, "V1;vg_locatie;Cliëntenpost;S;52,375;4,905;12") + "V2;vg_locatie;Café;S;52,3;4,9;1\r\n".encode("cp1252"),
                "rij 3: het bestand mengt UTF-8"),
        Hostile("cp1252-onbestaand-teken", "acties", "a.csv", _csv("actie;partij;golf;status") + b"x\x81;VGN;2024;gestart\r\n",
                "rij 2"),
        Hostile("utf8-bom-ongeldig", "acties", "a.csv", codecs.BOM_UTF8 + _csv("actie;partij;golf;status") + b"\xff;VGN;2024;loopt\r\n",
                "rij 2"),
        Hostile("binair", "voorzieningen", "plaatje.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "geen tekstbestand"),
        # -- quoting ------------------------------------------------------------------------------------
        Hostile("aanhalingsteken-niet-afgesloten", "voorzieningen", "v.csv",
                _csv(HEADER, GOOD_ROW.format(n=1), '"V2;vg_locatie;Huis 2;S;52,375;4,905;1', GOOD_ROW.format(n=3)),
                "rij 3: een aanhalingsteken"),
        Hostile("aanhalingsteken-ver-weg-gesloten", "voorzieningen", "v.csv", _csv(*swallowed), "rij 3"),
        Hostile("tekst-na-aanhalingsteken", "voorzieningen", "v.csv", _csv(HEADER, '"V1"x;vg_locatie;Huis;S;52,3;4,9;1'),
                "rij 2: na een afsluitend aanhalingsteken"),
        Hostile("cel-boven-csv-grens", "voorzieningen", "v.csv", _csv(HEADER, "V1;vg_locatie;" + "x" * 140_000 + ";S;52,3;4,9;1"),
                "rij 2"),
        # -- size limits --------------------------------------------------------------------------------
        Hostile("te-veel-rijen", "voorzieningen", "v.csv", _csv(HEADER, *(GOOD_ROW.format(n=n) for n in range(600))),
                "meer dan 500 rijen"),
        Hostile("te-veel-kolommen", "acties", "a.csv", _csv("actie;partij;golf;status", "a;b;2024;loopt" + ";x" * 250),
                "kolommen"),
        Hostile("te-groot-bestand", "voorzieningen", "v.csv", _csv(HEADER, *(GOOD_ROW.format(n=n) for n in range(60_000))),
                "MB groot"),
        Hostile("te-veel-fouten", "voorzieningen", "v.csv", _csv(*many_bad), "120 afgewezen"),
        # -- XLSX ---------------------------------------------------------------------------------------
        Hostile("xlsx-zip-bom", "voorzieningen", "bom.xlsx", zip_bomb_xlsx(8_000_000), "uitgepakt 8 MB"),
        Hostile("xlsx-bom-onder-de-grens", "voorzieningen", "bom.xlsx", shared_strings_xlsx(200_000),
                "verdacht sterk ingepakt"),
        Hostile("xlsx-te-veel-cellen", "acties", "cellen.xlsx", xlsx(_sheet_xml(6_000)), "cellen en teksten"),
        Hostile("xlsx-afmeting-gelogen", "acties", "dim.xlsx",
                xlsx(_sheet_xml(0, dimension="A1:XFD1048576", row_numbers=[1, 1_048_576])), "meer dan 500 rijen"),
        Hostile("xlsx-kapot", "voorzieningen", "kapot.xlsx", b"PK\x03\x04" + b"\x00" * 64, "beschadigd"),
        Hostile("xlsx-kapotte-xml", "acties", "xml.xlsx", xlsx(b"<worksheet><sheetData><row><c"), "beschadigd"),
        Hostile("oud-excel-hernoemd", "voorzieningen", "oud.xlsx", b"\xd0\xcf\x11\xe0" + b"\x00" * 64, ".xls"),
        # -- the ordinary ones -------------------------------------------------------------------------
        Hostile("leeg", "acties", "leeg.csv", b"", "leeg"),
        Hostile("alleen-kopregel", "acties", "kop.csv", _csv("actie;partij;golf;status"), "alleen een kopregel"),
        Hostile("verplichte-kolom-ontbreekt", "samenwerkingen", "s.csv", _csv("a;b", "1;2"), "Verplichte kolom"),
        Hostile("onbekende-verwijzing", "samenwerkingen", "s.csv", _csv("van;naar;soort", "HAP1;NIEMAND;contract"),
                "bestaat niet"),
    ]
    return cases


def prepare(engine: Engine) -> None:
    """The database the corpus runs against: literal regions and two HAPs (tests.data.conftest)."""
    from data.imports import import_file
    from tests.data.conftest import add_regions

    add_regions(engine)
    report = import_file(engine, "voorzieningen", FACILITIES.encode("utf-8"), filename="basis.csv", user="test")
    assert report.ok, report.as_text()


def lower_limits(monkeypatch) -> None:
    from data import limits

    for name, value in LOWERED.items():
        monkeypatch.setattr(limits, name, value)


ENGLISH = ("Traceback", "Error", "error:", "Exception", "expected", "field larger", "sqlalche.me", "Background on",
           "unexpected", "line contains")


def english_in(text: str) -> list[str]:
    """English or Python words that must never reach the user."""
    return [word for word in ENGLISH if word in text]
