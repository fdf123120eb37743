"""Importing samenwerkingen between existing voorzieningen."""
from __future__ import annotations

import pytest

from data import models as m
from data.imports import import_file
from tests.data.conftest import snapshot, table_rows


def collaborations(engine):
    c = m.Collaboration
    return table_rows(engine, c.van, c.naar, c.soort, c.sinds, order_by=[c.id])


def errors_of(report):
    return [tuple(r) for r in report.errors.itertuples(index=False, name=None)]


def test_collaborations_with_friendly_spellings(facility_engine, write_file):
    text = "Van;Naar;Vorm;Vanaf\nLOC1;HAP1;Gezamenlijke medische dienst;2019\nLOC1;POLI1;schriftelijk;\n"
    report = import_file(facility_engine, "samenwerkingen", write_file("s.csv", text))
    assert report.ok, report.as_text()
    assert collaborations(facility_engine) == [
        ("LOC1", "HAP1", "gezamenlijke_medische_dienst", 2019),
        ("LOC1", "POLI1", "schriftelijke_afspraak", None),
    ]


def test_reimport_updates_sinds_and_adds_no_duplicates(facility_engine, write_file):
    path = write_file("s.csv", "van;naar;soort;sinds\nLOC1;HAP1;contract;2019\n")
    import_file(facility_engine, "samenwerkingen", path)
    before = snapshot(facility_engine)
    import_file(facility_engine, "samenwerkingen", path)
    assert snapshot(facility_engine) == before
    import_file(facility_engine, "samenwerkingen", write_file("t.csv", "van;naar;soort;sinds\nLOC1;HAP1;contract;2020\n"))
    assert collaborations(facility_engine) == [("LOC1", "HAP1", "contract", 2020)]


@pytest.mark.parametrize(
    "row, expected",
    [
        ("LOC1;ONBEKEND;contract;", [(2, "naar", "voorziening 'ONBEKEND' bestaat niet; importeer eerst de voorzieningen")]),
        ("X;HAP1;contract;", [(2, "van", "voorziening 'X' bestaat niet; importeer eerst de voorzieningen")]),
        (";HAP1;contract;", [(2, "van", "van ontbreekt")]),
        ("LOC1;LOC1;contract;", [(2, "naar", "een voorziening kan niet met zichzelf samenwerken")]),
        ("LOC1;HAP1;vriendschap;", [(2, "soort", "onbekende soort 'vriendschap'; kies uit gezamenlijke_medische_dienst, contract, schriftelijke_afspraak, mondelinge_afspraak, casuistiek")]),
        ("LOC1;HAP1;;", [(2, "soort", "soort ontbreekt; kies uit gezamenlijke_medische_dienst, contract, schriftelijke_afspraak, mondelinge_afspraak, casuistiek")]),
        ("LOC1;HAP1;contract;vorig jaar", [(2, "sinds", "'vorig jaar' is geen jaartal")]),
        ("LOC1;HAP1;contract;19", [(2, "sinds", "'19' is geen jaartal")]),
    ],
)
def test_bad_rows(facility_engine, write_file, row, expected):
    report = import_file(facility_engine, "samenwerkingen", write_file("s.csv", "van;naar;soort;sinds\n" + row + "\n"))
    assert not report.ok and errors_of(report) == expected
    assert collaborations(facility_engine) == []


def test_the_same_collaboration_twice_in_a_file(facility_engine, write_file):
    text = "van;naar;soort\nLOC1;HAP1;contract\nLOC1;HAP1;Contract\n"
    report = import_file(facility_engine, "samenwerkingen", write_file("s.csv", text))
    assert errors_of(report) == [(3, "soort", "dezelfde samenwerking staat ook in rij 2")]


def test_references_are_checked_against_the_database_not_the_file(geo_engine, write_file):
    report = import_file(geo_engine, "samenwerkingen", write_file("s.csv", "van;naar;soort\nA;B;contract\n"))
    assert [kolom for _, kolom, _ in errors_of(report)] == ["naar", "van"]
