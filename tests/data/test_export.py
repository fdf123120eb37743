"""Export writes what import reads: round trips for every kind, Excel-friendly CSV, formula guards."""
from __future__ import annotations

import json
from datetime import datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import delete

from data import models as m
from data.db import transaction
from data.errors import UserError
from data.exports import export_file
from data.imports import import_file
from tests.data.conftest import snapshot

FACILITIES = (
    "id;type;naam;organisatie;adres;postcode;plaats;lat;lon;avg_fte;clienten;anw_open\n"
    'A1;hap;"=HYPERLINK(""http://x"")";HDS Één;Straat 1;1011 AB;Amsterdam;52,3751234567891;4,905;;;ja\n'
    "A2;avg_poli;-De Brug-;@Zorg;;3511;Utrecht;;;0,1;;\n"
    "A3;vg_locatie;Locatie 'Oost';Stichting Zorg;;1012 cd;;52,371;4,911;1.234,5;1.200;nee\n"
    "A4;huisartsenpraktijk;Praktijk;;;;;52,09;5,11;;0;\n"
)
KINDS = {
    "werkgebieden": "hap_id;pc4\nA1;1011\nA1;1012\n",
    "samenwerkingen": (
        "van;naar;soort;sinds;tot;bron\n"
        "A3;A1;contract;2019;15-6-2023;=register\nA3;A2;casuistiek;;;\nA3;A4;mondelinge_afspraak;2020-02-29;2021;interview\n"
    ),
    "bevindingen": (
        "regio;golf;stakeholder;voorwaarde;richting;gewicht;bron;tekst;code\n"
        'GM0363;2024-najaar;aanbieders;infrastructuur;-;3;interview 1;"Twee\nregels; met puntkomma";IN02\n'
        "1011;2021;gebruikers;goed_netwerk;+;1;;+ goed voorbeeld;gn55\n"
        "PV26;2024-voorjaar;intermediairs;competenties;-;2;=bron;;\n"
    ),
    "acties": "actie;partij;golf;status;regio;toelichting\nLeidraad;LHV;2024;gestart;;\nRondetafel;Zorgkantoor;2024;afgerond;ZK05;@iedereen\n",
}
TABLES = {
    "voorzieningen": (m.ServiceAreaPostcode, m.ServiceArea, m.Collaboration, m.Facility, m.Organisation),
    "werkgebieden": (m.ServiceAreaPostcode, m.ServiceArea),
    "samenwerkingen": (m.Collaboration,),
    "bevindingen": (m.Finding, m.ConvenantAction, m.Wave),
    "acties": (m.ConvenantAction,),
}


@pytest.fixture
def filled_engine(geo_engine, write_file):
    report = import_file(geo_engine, "voorzieningen", write_file("v.csv", FACILITIES))
    assert report.ok, report.as_text()
    for kind, text in KINDS.items():
        report = import_file(geo_engine, kind, write_file(f"{kind}.csv", text))
        assert report.ok, report.as_text()
    return geo_engine


def clear(engine, kind) -> None:
    with transaction(engine) as session:
        for model in TABLES[kind]:
            session.execute(delete(model))


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@pytest.mark.parametrize("kind", ["voorzieningen", "werkgebieden", "samenwerkingen", "bevindingen", "acties"])
def test_export_then_import_restores_the_same_data(filled_engine, tmp_path, kind, suffix):
    if kind == "voorzieningen":  # re-import everything that depends on the facilities as well
        order = ["voorzieningen", "werkgebieden", "samenwerkingen"]
    elif kind == "bevindingen":
        order = ["bevindingen", "acties"]
    else:
        order = [kind]
    before = snapshot(filled_engine)
    paths = {k: tmp_path / f"export-{k}{suffix}" for k in order}
    counts = {k: export_file(filled_engine, k, paths[k]) for k in order}
    clear(filled_engine, kind)
    for k in order:
        report = import_file(filled_engine, k, paths[k])
        assert report.ok and report.rows_imported == counts[k], report.as_text()
    assert snapshot(filled_engine) == before
    if suffix == ".csv":  # exporting again gives the very same bytes
        again = tmp_path / f"again{suffix}"
        export_file(filled_engine, kind, again)
        assert again.read_bytes() == paths[kind].read_bytes()


def test_csv_is_utf8_bom_semicolon_decimal_comma_with_formula_guard(filled_engine, tmp_path):
    path = tmp_path / "v.csv"
    assert export_file(filled_engine, "voorzieningen", path) == 4
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").split("\r\n")
    assert lines[0] == "id;type;naam;organisatie;adres;postcode;plaats;lat;lon;avg_fte;clienten;anw_open;behandeling"
    assert lines[1] == "A1;hap;\"'=HYPERLINK(\"\"http://x\"\")\";HDS Één;Straat 1;1011 AB;Amsterdam;52,3751234567891;4,905;;;ja;"
    # A2 was located by postcode: lat/lon stay empty so that a re-import locates it the same way.
    assert lines[2] == "A2;avg_poli;'-De Brug-;'@Zorg;;3511;Utrecht;;;0,1;;;"
    assert lines[3] == "A3;vg_locatie;Locatie 'Oost';Stichting Zorg;;1012 CD;;52,371;4,911;1234,5;1200;nee;"


def test_richting_signs_are_written_bare(filled_engine, tmp_path):
    path = tmp_path / "b.csv"
    export_file(filled_engine, "bevindingen", path)
    rows = path.read_bytes().decode("utf-8-sig").split("\r\n")
    assert rows[1].startswith("1011;2021;gebruikers;goed_netwerk;+;1;;'+ goed voorbeeld")
    assert ";-;3;interview 1;" in rows[2]


def test_finding_codes_are_exported_in_their_own_column(filled_engine, tmp_path):
    path = tmp_path / "b.csv"
    export_file(filled_engine, "bevindingen", path)
    rows = path.read_bytes().decode("utf-8-sig").split("\r\n")
    assert rows[0] == "regio;golf;stakeholder;voorwaarde;richting;gewicht;bron;tekst;code"
    assert rows[1].endswith(";GN55") and rows[-2].endswith(";'=bron;;")  # uncoded: an empty cell


def test_xlsx_text_is_never_a_formula(filled_engine, tmp_path):
    path = tmp_path / "v.xlsx"
    export_file(filled_engine, "voorzieningen", path)
    sheet = load_workbook(path).worksheets[0]
    assert [c.value for c in sheet[1]][:3] == ["id", "type", "naam"]
    cell = sheet["C2"]
    assert cell.value == '=HYPERLINK("http://x")' and cell.data_type == "s"
    assert sheet["H2"].value == 52.3751234567891 and sheet["L2"].value == "ja"


def test_collaboration_dates_are_written_iso(filled_engine, tmp_path):
    path = tmp_path / "s.csv"
    export_file(filled_engine, "samenwerkingen", path)
    assert path.read_bytes().decode("utf-8-sig").split("\r\n")[1:4] == [
        "A3;A1;contract;2019-01-01;2023-06-15;'=register",
        "A3;A2;casuistiek;;;",
        "A3;A4;mondelinge_afspraak;2020-02-29;2021-12-31;interview",
    ]
    export_file(filled_engine, "samenwerkingen", tmp_path / "s.xlsx")
    sheet = load_workbook(tmp_path / "s.xlsx").worksheets[0]
    assert sheet["D2"].value == datetime(2019, 1, 1) and sheet["D2"].number_format == "yyyy-mm-dd"
    assert sheet["E3"].value is None


def test_service_areas_as_geojson_round_trip(filled_engine, tmp_path, write_file):
    square = {"type": "Polygon", "coordinates": [[[4.899, 52.369], [4.921, 52.369], [4.921, 52.381], [4.899, 52.381], [4.899, 52.369]]]}
    source = json.dumps({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"hap_id": "A1"}, "geometry": square}]})
    assert import_file(filled_engine, "werkgebieden", write_file("w.geojson", source)).ok
    before = snapshot(filled_engine)
    path = tmp_path / "out.geojson"
    assert export_file(filled_engine, "werkgebieden", path) == 1
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["features"][0]["properties"]["hap_id"] == "A1"
    clear(filled_engine, "werkgebieden")
    assert import_file(filled_engine, "werkgebieden", path).ok
    assert snapshot(filled_engine) == before


def test_empty_database_exports_a_header_only(geo_engine, tmp_path):
    path = tmp_path / "s.csv"
    assert export_file(geo_engine, "samenwerkingen", path) == 0
    assert path.read_bytes().decode("utf-8-sig") == "van;naar;soort;sinds;tot;bron\r\n"


def test_export_problems_are_user_errors(geo_engine, tmp_path):
    with pytest.raises(UserError, match="Alleen werkgebieden"):
        export_file(geo_engine, "voorzieningen", tmp_path / "v.geojson")
    with pytest.raises(UserError, match="bestaat niet"):
        export_file(geo_engine, "acties", tmp_path / "geen-map" / "a.csv")
    with pytest.raises(UserError, match="Onbekende soort"):
        export_file(geo_engine, "fietsen", tmp_path / "f.csv")
