"""Importing convenant actions: status spellings, national or regional, upsert by key."""
from __future__ import annotations

import pytest

from data import models as m
from data.imports import import_file
from data.registry import load_registry
from tests.data.conftest import table_rows

HEADER = "actie;partij;golf;status;regio;toelichting\n"


def actions(engine):
    a = m.ConvenantAction
    return table_rows(engine, a.actie, a.partij, a.golf, a.status, a.regio, a.toelichting, order_by=[a.id])


def errors_of(report):
    return [tuple(r) for r in report.errors.itertuples(index=False, name=None)]


def test_dutch_status_spellings_and_national_actions(geo_engine, write_file):
    text = HEADER + "Themapagina;VGN;2024;Niet gestart;;\nRondetafel;Zorgkantoor;2024;klaar;gm0363;eerste overleg\nLeidraad;LHV;2024;in uitvoering;;\n"
    report = import_file(geo_engine, "acties", write_file("a.csv", text))
    assert report.ok, report.as_text()
    assert actions(geo_engine) == [
        ("Themapagina", "VGN", "2024", "niet_gestart", "", None),
        ("Rondetafel", "Zorgkantoor", "2024", "afgerond", "GM0363", "eerste overleg"),
        ("Leidraad", "LHV", "2024", "loopt", "", None),
    ]
    assert load_registry(geo_engine).waves["code"].tolist() == ["2024"]


def test_upsert_by_action_party_wave_and_region(geo_engine, write_file):
    import_file(geo_engine, "acties", write_file("a.csv", HEADER + "Leidraad;LHV;2024;gestart;;\n"))
    import_file(geo_engine, "acties", write_file("b.csv", HEADER + "Leidraad;LHV;2024;afgerond;;klaar\nLeidraad;LHV;2025;gestart;;\n"))
    assert actions(geo_engine) == [
        ("Leidraad", "LHV", "2024", "afgerond", "", "klaar"),
        ("Leidraad", "LHV", "2025", "gestart", "", None),
    ]


def test_national_actions_need_no_reference_geography(engine, write_file):
    assert import_file(engine, "acties", write_file("a.csv", HEADER + "Leidraad;LHV;2024;gestart;;\n")).ok


@pytest.mark.parametrize(
    "row, expected",
    [
        ("Leidraad;LHV;2024;half;;", (2, "status", "onbekende status 'half'")),
        ("Leidraad;LHV;2024;;;", (2, "status", "status ontbreekt")),
        (";LHV;2024;gestart;;", (2, "actie", "actie ontbreekt")),
        ("Leidraad;;2024;gestart;;", (2, "partij", "partij ontbreekt")),
        ("Leidraad;LHV;;gestart;;", (2, "golf", "golf ontbreekt")),
        ("Leidraad;LHV;2024;gestart;GM9999;", (2, "regio", "regiocode 'GM9999' bestaat niet (laat leeg voor landelijk)")),
    ],
)
def test_bad_rows(geo_engine, write_file, row, expected):
    report = import_file(geo_engine, "acties", write_file("a.csv", HEADER + row + "\n"))
    ((rij, kolom, reden),) = errors_of(report)
    assert (rij, kolom) == expected[:2] and reden.startswith(expected[2])
    assert actions(geo_engine) == []


def test_duplicate_key_in_one_file(geo_engine, write_file):
    report = import_file(geo_engine, "acties", write_file("a.csv", HEADER + "A;B;2024;gestart;;\nA;B;2024;loopt;;\n"))
    assert errors_of(report) == [(3, "actie", "dezelfde actie, partij, golf en regio staan ook in rij 2")]
