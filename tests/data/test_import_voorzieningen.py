"""Importing voorzieningen: formats, locating, every rejection rule, all-or-nothing, idempotence, batches."""
from __future__ import annotations

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from data import models as m
from data.db import transaction
from data.imports import import_file, validate_file
from data.registry import load_registry
from tests.data.conftest import batches, snapshot

HEADER = "id;type;naam;organisatie;postcode;lat;lon;avg_fte;clienten;anw_open\n"
GOOD = HEADER + (
    "H1;hap;Post Noord;HDS Één;;52,375;4,905;;;ja\n"
    "P1;avg_poli;Poli Zuid;Stichting Zorg;3511 AB;;;2,5;;\n"
    "L1;vg_locatie;Locatie West;Stichting Zorg;1012;;;;1.250;nee\n"
)


def facilities(engine):
    return load_registry(engine).facilities.set_index("id")


def errors_of(report) -> list[tuple]:
    return [tuple(row) for row in report.errors.itertuples(index=False, name=None)]


def test_good_file_is_imported_with_organisations_and_pc4_locations(geo_engine, write_file):
    report = import_file(geo_engine, "voorzieningen", write_file("v.csv", GOOD), user="tester")
    assert report.ok and report.rows_imported == 3, report.as_text()
    frame = facilities(geo_engine)
    assert frame.loc["H1", ["lat", "lon"]].tolist() == [52.375, 4.905]
    assert not frame.loc["H1", "locatie_bij_benadering"] and frame.loc["H1", "anw_open"]
    # P1 has only a postcode: the centroid of the square PC4 3511 (5.10-5.11, 52.09-52.10)
    assert frame.loc["P1", "lat"] == pytest.approx(52.095) and frame.loc["P1", "lon"] == pytest.approx(5.105)
    assert frame.loc["P1", "locatie_bij_benadering"] and frame.loc["P1", "postcode"] == "3511 AB"
    assert frame.loc["P1", "avg_fte"] == 2.5 and frame.loc["L1", "clienten"] == 1250
    assert frame.loc["L1", "anw_open"] is False or frame.loc["L1", "anw_open"] == False  # noqa: E712
    assert frame.loc["H1", "organisatie_id"] == "hds-een" and frame.loc["H1", "organisatie_naam"] == "HDS Één"
    assert frame.loc["P1", "organisatie_id"] == frame.loc["L1", "organisatie_id"] == "stichting-zorg"


ENCODINGS = [
    ("cp1252", ";", ",", False),
    ("utf-8", ";", ",", True),
    ("utf-8", ",", ".", False),
    ("utf-8", "\t", ",", True),
]


@pytest.mark.parametrize("encoding, sep, decimal, bom", ENCODINGS, ids=["cp1252", "utf8-bom", "comma", "tab"])
def test_encodings_and_separators_import_the_same(geo_engine, write_file, encoding, sep, decimal, bom):
    text = (
        f"ID{sep}Type{sep}Naam{sep}Naam organisatie{sep}Latitude{sep}Longitude{sep}FTE AVG{sep}Cliënten\n"
        f"X1{sep}AVG-poli{sep}Poli Café{sep}Zorg Één{sep}52{decimal}375{sep}4{decimal}905{sep}1{decimal}5{sep}12\n"
    )
    report = import_file(geo_engine, "voorzieningen", write_file("v.csv", text, encoding, bom))
    assert report.ok, report.as_text()
    row = facilities(geo_engine).loc["X1"]
    assert (row["naam"], row["organisatie_naam"], row["type"]) == ("Poli Café", "Zorg Één", "avg_poli")
    assert (row["lat"], row["lon"], row["avg_fte"], row["clienten"]) == (52.375, 4.905, 1.5, 12)


def test_xlsx_is_read_from_the_first_sheet(geo_engine, tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["id", "type", "naam", "postcode", "lat", "lon", "clienten", "anw_open"])
    sheet.append(["X1", "hap", "Post", None, 52.375, 4.905, 40, True])
    sheet.append(["X2", "vg_locatie", "Locatie", "1011 AB", None, None, None, None])
    path = tmp_path / "v.xlsx"
    workbook.save(path)
    report = import_file(geo_engine, "voorzieningen", path)
    assert report.ok, report.as_text()
    frame = facilities(geo_engine)
    assert frame.loc["X1", "clienten"] == 40 and frame.loc["X1", "anw_open"]
    assert frame.loc["X2", "lat"] == pytest.approx(52.375)


BAD_ROWS = [
    ("X1;ziekenhuis;Naam;;;52,3;4,9;;;", "type", "onbekend type 'ziekenhuis'"),
    ("X1;;Naam;;;52,3;4,9;;;", "type", "type ontbreekt"),
    (";hap;Naam;;;52,3;4,9;;;", "id", "id ontbreekt"),
    ("X1;hap;;;;52,3;4,9;;;", "naam", "naam ontbreekt"),
    ("X1;hap;Naam;;;;;;;", "postcode", "geen locatie"),
    ("X1;hap;Naam;;;52,3;;;;", "lon", "lat is ingevuld maar lon niet"),
    ("X1;hap;Naam;;;4,9;52,3;;;", "lat", "lat en lon lijken verwisseld"),
    ("X1;hap;Naam;;;48,85;2,35;;;", "lat", "buiten Nederland"),
    ("X1;hap;Naam;;9999;;;;;", "postcode", "postcode 9999 niet gevonden"),
    ("X1;hap;Naam;;9998 AA;;;;;", "postcode", "geen PC4-gebied 9998 in de referentie"),
    ("X1;hap;Naam;;ABCD;;;;;", "postcode", "'ABCD' is geen postcode"),
    ("X1;hap;Naam;;;52,3;4,9;-1;;", "avg_fte", "niet negatief"),
    ("X1;hap;Naam;;;52,3;4,9;;-5;", "clienten", "niet negatief"),
    ("X1;hap;Naam;;;52,3;4,9;;12,5;", "clienten", "geen geheel getal"),
    ("X1;hap;Naam;;;52,3;4,9;veel;;", "avg_fte", "'veel' is geen getal"),
    ("X1;hap;Naam;;;52,3;4,9;;;misschien", "anw_open", "geen ja of nee"),
    ("X1;hap;Naam;;;noord;4,9;;;", "lat", "'noord' is geen getal"),
]


@pytest.mark.parametrize("row, column, reason", BAD_ROWS, ids=[r[2] for r in BAD_ROWS])
def test_each_bad_row_is_reported_and_nothing_is_written(geo_engine, write_file, row, column, reason):
    text = HEADER + "OK1;hap;Goed;;;52,375;4,905;;;\n" + row + "\n"
    report = import_file(geo_engine, "voorzieningen", write_file("v.csv", text))
    assert not report.ok
    assert [(rij, kolom) for rij, kolom, _ in errors_of(report)] == [(3, column)]
    assert reason in errors_of(report)[0][2]
    assert report.rows_rejected == 1 and report.rows_imported == 0
    assert "rij 3, kolom " + column in report.as_text() and "niets opgeslagen" in report.as_text()
    assert facilities(geo_engine).empty and batches(geo_engine) == []


def test_duplicate_ids_name_the_first_row(geo_engine, write_file):
    text = HEADER + "A;hap;Een;;;52,375;4,905;;;\nB;hap;Twee;;;52,375;4,905;;;\nA;hap;Drie;;;52,375;4,905;;;\n"
    report = import_file(geo_engine, "voorzieningen", write_file("v.csv", text))
    assert errors_of(report) == [(4, "id", "id 'A' komt ook voor in rij 2")]


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "leeg"),
        (HEADER, "alleen een kopregel"),
        ("naam;lat;lon\nA;52;5\n", "Verplichte kolom(men) ontbreken: id, type"),
        ("id;type;naam;plaats\nA;hap;B;C\n", "Kolommen voor de locatie ontbreken"),
    ],
)
def test_file_level_problems(geo_engine, write_file, text, message):
    report = import_file(geo_engine, "voorzieningen", write_file("v.csv", text))
    assert not report.ok and message in report.file_errors[0]
    assert "niets opgeslagen" in report.as_text()
    assert batches(geo_engine) == []


def test_binary_and_missing_files(geo_engine, tmp_path):
    path = tmp_path / "foto.csv"
    path.write_bytes(bytes(range(256)) * 4)
    assert "geen tekstbestand" in import_file(geo_engine, "voorzieningen", path).file_errors[0]
    assert "niet gevonden" in import_file(geo_engine, "voorzieningen", tmp_path / "weg.csv").file_errors[0]


def test_reimporting_the_same_file_changes_nothing(geo_engine, write_file):
    path = write_file("v.csv", GOOD)
    import_file(geo_engine, "voorzieningen", path)
    before = snapshot(geo_engine)
    report = import_file(geo_engine, "voorzieningen", path)
    assert report.ok and snapshot(geo_engine) == before


def test_upsert_updates_by_id_without_duplicates(geo_engine, write_file):
    import_file(geo_engine, "voorzieningen", write_file("a.csv", GOOD))
    changed = HEADER + "H1;hap;Post Noord Nieuw;HDS Één;;52,376;4,906;;;nee\n"
    assert import_file(geo_engine, "voorzieningen", write_file("b.csv", changed)).ok
    frame = facilities(geo_engine)
    assert len(frame) == 3 and frame.loc["H1", "naam"] == "Post Noord Nieuw" and frame.loc["H1", "lat"] == 52.376


def test_one_bad_row_rolls_back_the_whole_second_file(geo_engine, write_file):
    import_file(geo_engine, "voorzieningen", write_file("a.csv", GOOD))
    before = snapshot(geo_engine)
    second = HEADER + "H1;hap;Andere naam;;;52,375;4,905;;;\nN1;hap;Nieuw;Nieuwe org;;52,375;4,905;;;\nN2;hap;Fout;;;99;4,9;;;\n"
    report = import_file(geo_engine, "voorzieningen", write_file("b.csv", second))
    assert not report.ok and report.rows_rejected == 1
    assert snapshot(geo_engine) == before and len(batches(geo_engine)) == 1


def test_skip_invalid_imports_the_valid_rows_and_reports_the_rest(geo_engine, write_file):
    text = HEADER + "A;hap;Een;;;52,375;4,905;;;\nB;onbekend;Twee;;;52,375;4,905;;;\nC;hap;Drie;;1012;;;;;\n"
    report = import_file(geo_engine, "voorzieningen", write_file("v.csv", text), skip_invalid=True, user="u")
    assert report.ok and report.rows_imported == 2 and report.rows_rejected == 1
    assert sorted(facilities(geo_engine).index) == ["A", "C"]
    assert "rij 3, kolom type" in report.as_text()
    (batch,) = batches(geo_engine)
    assert (batch.rijen_totaal, batch.rijen_geimporteerd, batch.rijen_afgewezen) == (3, 2, 1)


def test_skip_invalid_with_no_valid_rows_is_not_ok(geo_engine, write_file):
    report = import_file(geo_engine, "voorzieningen", write_file("v.csv", HEADER + "A;x;B;;;52;5;;;\n"), skip_invalid=True)
    assert not report.ok and batches(geo_engine) == []


def test_dry_run_writes_nothing_not_even_a_batch(geo_engine, write_file):
    report = import_file(geo_engine, "voorzieningen", write_file("v.csv", GOOD), dry_run=True)
    assert report.ok and report.rows_imported == 0 and "proefrun" in report.as_text()
    assert facilities(geo_engine).empty and batches(geo_engine) == []


def test_batch_records_file_hash_user_and_counts(geo_engine, write_file, monkeypatch):
    import hashlib

    monkeypatch.setenv("MGZ_USER", "beleidsmedewerker")
    path = write_file("mijn bestand.csv", GOOD)
    report = import_file(geo_engine, "voorzieningen", path)
    (batch,) = batches(geo_engine)
    assert batch.id == report.batch_id and batch.soort == "voorzieningen"
    assert batch.bestandsnaam == "mijn bestand.csv" and batch.gebruiker == "beleidsmedewerker"
    assert batch.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert (batch.rijen_totaal, batch.rijen_geimporteerd, batch.rijen_afgewezen) == (3, 3, 0)
    assert batch.tijdstip is not None


def test_validate_file_on_bytes_gives_preview_and_error_frame(geo_engine):
    raw = (HEADER + "A;hap;Een;;;52,375;4,905;;;\nB;hap;Twee;;;5;52;;;\n").encode("cp1252")
    report = validate_file(geo_engine, "voorzieningen", raw, "upload.csv")
    assert list(report.errors.columns) == ["rij", "kolom", "reden"]
    assert errors_of(report) == [(3, "lat", "lat en lon lijken verwisseld")]
    assert report.preview["rij"].tolist() == [2, 3] and report.preview["geldig"].tolist() == [True, False]
    assert list(report.preview.columns[:4]) == ["rij", "geldig", "id", "type"]
    assert facilities(geo_engine).empty and batches(geo_engine) == []


def test_postcode_lookup_loads_the_reference_when_the_regio_table_is_empty(engine, write_file, monkeypatch):
    import sys
    import types

    from tests.data.conftest import add_regions

    calls = []
    fake = types.ModuleType("data.reference.loading")
    fake.ensure_reference = lambda eng, progress=None: (calls.append(eng), add_regions(eng))
    monkeypatch.setitem(sys.modules, "data.reference.loading", fake)
    report = import_file(engine, "voorzieningen", write_file("v.csv", HEADER + "A;hap;Een;;1011;;;;;\n"))
    assert report.ok and calls == [engine]


def test_coordinates_only_need_no_reference(engine, write_file):
    report = import_file(engine, "voorzieningen", write_file("v.csv", HEADER + "A;hap;Een;;;52,375;4,905;;;\n"))
    assert report.ok, report.as_text()


def test_organisation_renamed_keeps_its_slug(geo_engine, write_file):
    import_file(geo_engine, "voorzieningen", write_file("a.csv", HEADER + "A;hap;Een;Stichting  De Brug;;52,375;4,905;;;\n"))
    with transaction(geo_engine) as session:
        assert session.scalars(select(m.Organisation.id)).all() == ["stichting-de-brug"]


def test_rd_coordinates_in_metres_are_converted_with_a_warning(geo_engine, write_file):
    # Dam square in Amsterdam, RD New x=121400 y=487400 (written once as lat=y, lon=x and once the other way).
    text = HEADER + "A;hap;Een;;;487400;121400;;;\nB;hap;Twee;;;121400;487400;;;\n"
    report = import_file(geo_engine, "voorzieningen", write_file("v.csv", text))
    assert report.ok and "2 rij(en) met RD-coördinaten" in report.as_text()
    frame = facilities(geo_engine)
    for row in ("A", "B"):
        assert frame.loc[row, "lat"] == pytest.approx(52.373, abs=0.003)
        assert frame.loc[row, "lon"] == pytest.approx(4.893, abs=0.003)


def test_a_database_failure_mid_write_rolls_everything_back(geo_engine, write_file, monkeypatch):
    import dataclasses

    from sqlalchemy.exc import OperationalError

    from data import imports

    spec = imports.KINDS["voorzieningen"]

    def write_then_fail(session, rows, ctx):
        spec.write(session, rows, ctx)  # the rows are written within the transaction ...
        raise OperationalError("INSERT", {}, Exception("schijf vol"))  # ... and then the database fails

    monkeypatch.setitem(imports.KINDS, "voorzieningen", dataclasses.replace(spec, write=write_then_fail))
    report = import_file(geo_engine, "voorzieningen", write_file("v.csv", GOOD))
    assert not report.ok and "alles is teruggedraaid" in report.as_text()
    assert facilities(geo_engine).empty and batches(geo_engine) == [] and report.batch_id is None
