"""Importing the pilot register (pilots) and convenant awareness (bekendheid): Dutch errors per row and column,
and an export that imports back to the very same rows and bytes."""
from __future__ import annotations

from datetime import date

import pytest
from openpyxl import Workbook
from sqlalchemy import delete

from data import models as m
from data.db import transaction
from data.exports import export_file
from data.imports import import_file
from data.registry import load_registry
from tests.data.conftest import table_rows

PILOTS = "regio;commissie;start;status;afspraken;evaluatie;advies\n"
AWARENESS = "regio;golf;stakeholder;bekend;totaal\n"


def errors_of(report):
    return [tuple(r) for r in report.errors.itertuples(index=False, name=None)]


def pilots(engine):
    p = m.PilotCommission
    return table_rows(engine, p.regio, p.commissie, p.start, p.status, p.afspraken, p.evaluatie, p.advies, order_by=[p.id])


def awareness(engine):
    a = m.Awareness
    return table_rows(engine, a.regio, a.golf, a.stakeholder, a.bekend, a.totaal, order_by=[a.id])


# -- pilots ---------------------------------------------------------------------------------------------------

def test_pilots_with_dutch_iso_and_missing_dates_and_status_spellings(geo_engine, write_file):
    text = (PILOTS + "zk05;Commissie Noord (fictief);15-3-2024;Lopend;tafel gepland;;\n"
            "GM0344;Commissie Utrecht (fictief);2025-01-10;in verkenning;;;\n"
            "Zorgkantoor test;Commissie Test (fictief);;geevalueerd;;goed verlopen;begin vroeg\n")
    report = import_file(geo_engine, "pilots", write_file("p.csv", text))
    assert report.ok, report.as_text()
    assert pilots(geo_engine) == [
        ("ZK05", "Commissie Noord (fictief)", date(2024, 3, 15), "loopt", "tafel gepland", None, None),
        ("GM0344", "Commissie Utrecht (fictief)", date(2025, 1, 10), "verkenning", None, None, None),
        ("ZK05", "Commissie Test (fictief)", None, "geëvalueerd", None, "goed verlopen", "begin vroeg"),
    ]


def test_an_excel_date_cell_and_a_serial_number(geo_engine, tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["regio", "commissie", "start", "status"])
    sheet.append(["ZK05", "Commissie A", date(2024, 6, 1), "gestart"])
    sheet.append(["GM0363", "Commissie B", 45444, "gestart"])  # 45444 = 1 June 2024 as an Excel day number
    path = tmp_path / "p.xlsx"
    workbook.save(path)
    report = import_file(geo_engine, "pilots", path)
    assert report.ok, report.as_text()
    assert [row[2] for row in pilots(geo_engine)] == [date(2024, 6, 1), date(2024, 6, 1)]


@pytest.mark.parametrize(
    "row, expected",
    [
        (";Commissie;2024;loopt;;;", (2, "regio", "regio ontbreekt")),
        ("ZK99;Commissie;2024;loopt;;;", (2, "regio", "regio 'ZK99' bestaat niet")),
        ("ZK05;;2024;loopt;;;", (2, "commissie", "naam van de commissie ontbreekt")),
        ("ZK05;Commissie;31-2-2024;loopt;;;", (2, "start", "'31-2-2024' is geen bestaande datum")),
        ("ZK05;Commissie;volgend jaar;loopt;;;", (2, "start", "'volgend jaar' is geen datum")),
        ("ZK05;Commissie;2024;half af;;;", (2, "status", "onbekende status 'half af'; kies uit verkenning, gestart, loopt, geëvalueerd, gestopt")),
        ("ZK05;Commissie;2024;;;;", (2, "status", "status ontbreekt")),
    ],
)
def test_bad_pilot_rows_name_row_column_and_reason(geo_engine, write_file, row, expected):
    report = import_file(geo_engine, "pilots", write_file("p.csv", PILOTS + row + "\n"))
    ((rij, kolom, reden),) = errors_of(report)
    assert (rij, kolom) == expected[:2] and reden.startswith(expected[2]), reden
    assert pilots(geo_engine) == []


def test_a_commission_twice_in_a_file_is_refused_and_reimport_updates_in_place(geo_engine, write_file):
    report = import_file(geo_engine, "pilots", write_file("a.csv", PILOTS + "ZK05;A;;loopt;;;\nZK05;a;;gestart;;;\n"))
    assert errors_of(report) == [(3, "commissie", "dezelfde commissie in dezelfde regio staat ook in rij 2")]
    assert import_file(geo_engine, "pilots", write_file("b.csv", PILOTS + "ZK05;A;;verkenning;;;\nZK02;B;;gestart;;;\n")).ok
    assert import_file(geo_engine, "pilots", write_file("c.csv", PILOTS + "ZK05;A;2024;loopt;afspraken;;\n")).ok
    assert pilots(geo_engine) == [("ZK05", "A", date(2024, 1, 1), "loopt", "afspraken", None, None),
                                  ("ZK02", "B", None, "gestart", None, None, None)]


# -- bekendheid -----------------------------------------------------------------------------------------------

def test_awareness_national_and_regional_rows(geo_engine, write_file):
    text = AWARENESS + ";2024;aanbieders;42;120\nzk05;2024;Voorwaardenscheppende partijen;1.200;1.500\n;2021;gebruiker;0;60\n"
    report = import_file(geo_engine, "bekendheid", write_file("b.csv", text))
    assert report.ok, report.as_text()
    assert awareness(geo_engine) == [("", "2024", "aanbieders", 42, 120), ("ZK05", "2024", "voorwaardenscheppend", 1200, 1500),
                                     ("", "2021", "gebruikers", 0, 60)]
    assert load_registry(geo_engine).waves["code"].tolist() == ["2021", "2024"]
    # importing the same region, wave and group again replaces the counts
    assert import_file(geo_engine, "bekendheid", write_file("c.csv", AWARENESS + ";2024;aanbieders;50;120\n")).ok
    assert awareness(geo_engine)[0] == ("", "2024", "aanbieders", 50, 120)


def test_awareness_without_a_regio_column_is_national(engine, write_file):
    text = "golf;stakeholder;bekend;totaal\n2024;intermediairs;3;10\n"
    assert import_file(engine, "bekendheid", write_file("b.csv", text)).ok
    assert awareness(engine) == [("", "2024", "intermediairs", 3, 10)]


@pytest.mark.parametrize(
    "row, expected",
    [
        (";2024;aanbieders;12;10", (2, "bekend", "bekend (12) is groter dan totaal (10)")),
        (";2024;aanbieders;-1;10", (2, "bekend", "bekend kan niet negatief zijn")),
        (";2024;aanbieders;0;0", (2, "totaal", "totaal is 0")),
        (";2024;aanbieders;3,5;10", (2, "bekend", "'3,5' is geen geheel getal")),
        (";2024;artsen;3;10", (2, "stakeholder", "onbekende stakeholdergroep 'artsen'; kies uit aanbieders, gebruikers, intermediairs, voorwaardenscheppend")),
        (";;aanbieders;3;10", (2, "golf", "golf ontbreekt")),
        ("GM9999;2024;aanbieders;3;10", (2, "regio", "regiocode 'GM9999' bestaat niet")),
        (";2024;aanbieders;;10", (2, "bekend", "bekend ontbreekt")),
    ],
)
def test_bad_awareness_rows_name_row_column_and_reason(geo_engine, write_file, row, expected):
    report = import_file(geo_engine, "bekendheid", write_file("b.csv", AWARENESS + row + "\n"))
    ((rij, kolom, reden),) = errors_of(report)
    assert (rij, kolom) == expected[:2] and reden.startswith(expected[2]), reden
    assert awareness(geo_engine) == []


def test_the_same_group_twice_in_a_file_is_refused(geo_engine, write_file):
    report = import_file(geo_engine, "bekendheid", write_file("b.csv", AWARENESS + ";2024;aanbieders;1;2\n;2024;Aanbieders;1;3\n"))
    assert errors_of(report) == [(3, "stakeholder", "dezelfde regio, golf en stakeholdergroep staan ook in rij 2")]


# -- Round trips ------------------------------------------------------------------------------------------------

ROUND_TRIP = {
    "pilots": (PILOTS + 'ZK05;"=Commissie; met puntkomma";15-3-2024;loopt;"twee\nregels";;@iedereen\n'
               "GM0344;Commissie Utrecht;;geëvalueerd;;evaluatie;advies\n", (m.PilotCommission,)),
    "bekendheid": (AWARENESS + ";2024;aanbieders;42;120\nZK05;2021;gebruikers;1;3\n", (m.Awareness,)),
}


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@pytest.mark.parametrize("kind", sorted(ROUND_TRIP))
def test_export_imports_back_to_the_same_rows_and_bytes(geo_engine, write_file, tmp_path, kind, suffix):
    text, tables = ROUND_TRIP[kind]
    assert import_file(geo_engine, kind, write_file(f"{kind}.csv", text)).ok
    rows = pilots if kind == "pilots" else awareness
    before = rows(geo_engine)
    first = tmp_path / f"export{suffix}"
    assert export_file(geo_engine, kind, first) == 2
    with transaction(geo_engine) as session:
        for table in tables:
            session.execute(delete(table))
    report = import_file(geo_engine, kind, first)
    assert report.ok and report.rows_imported == 2, report.as_text()
    assert sorted(rows(geo_engine), key=str) == sorted(before, key=str)  # bekendheid is exported wave by wave
    again = tmp_path / f"again{suffix}"
    export_file(geo_engine, kind, again)
    if suffix == ".csv":
        assert again.read_bytes() == first.read_bytes()
    if kind == "pilots" and suffix == ".csv":
        lines = first.read_bytes().decode("utf-8-sig").split("\r\n")
        assert lines[0] == "regio;commissie;start;status;afspraken;evaluatie;advies"
        assert lines[1].startswith("ZK05;\"'=Commissie; met puntkomma\";2024-03-15;loopt;")
