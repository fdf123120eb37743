"""Importing convenant actions: known action lines, status spellings, national or regional, upsert by key."""
from __future__ import annotations

import pytest

from data import models as m
from data.imports import import_file
from data.registry import load_registry
from tests.data.conftest import table_rows

HEADER = "actie;partij;golf;status;regio;toelichting\n"
LEIDRAAD = "Aangepaste leidraad en handreiking samenwerking"


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
        ("Themapagina gezondheid", "VGN", "2024", "niet_gestart", "", None),
        ("Gesprekken faciliteren bij regionale knelpunten", "Zorgkantoor", "2024", "afgerond", "GM0363", "eerste overleg"),
        (LEIDRAAD, "LHV", "2024", "loopt", "", None),
    ]
    assert load_registry(geo_engine).waves["code"].tolist() == ["2024"]


def test_upsert_by_action_party_wave_and_region(geo_engine, write_file):
    import_file(geo_engine, "acties", write_file("a.csv", HEADER + "Leidraad;LHV;2024;gestart;;\n"))
    import_file(geo_engine, "acties", write_file("b.csv", HEADER + "Leidraad;LHV;2024;afgerond;;klaar\nLeidraad;LHV;2025;gestart;;\n"))
    assert actions(geo_engine) == [
        (LEIDRAAD, "LHV", "2024", "afgerond", "", "klaar"),
        (LEIDRAAD, "LHV", "2025", "gestart", "", None),
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
    report = import_file(geo_engine, "acties", write_file("a.csv", HEADER + "leidraad;LHV;2024;gestart;;\nLeidraad;lhv;2024;loopt;;\n"))
    assert errors_of(report) == [(3, "actie", "dezelfde actie, partij, golf en regio staan ook in rij 2")]


def test_an_unknown_action_line_is_refused_with_the_known_lines(geo_engine, write_file):
    from data.action_lines import default

    report = import_file(geo_engine, "acties", write_file("a.csv", HEADER + "Iets nieuws;VGN;2024;gestart;;\n"))
    ((rij, kolom, reden),) = errors_of(report)
    assert (rij, kolom) == (2, "actie") and reden.startswith("onbekende actielijn 'Iets nieuws'")
    assert all(key in reden for key in default().keys())
    assert "python -m data actielijnen" in reden
    assert actions(geo_engine) == []


@pytest.mark.parametrize("spelling", ["leidraad", "LEIDRAAD", "HAP-leidraad", "Aangepaste leidraad en handreiking samenwerking",
                                      "  leidraad  "])
def test_a_line_is_found_by_key_name_or_alias_and_stored_by_name(geo_engine, write_file, spelling):
    assert import_file(geo_engine, "acties", write_file("a.csv", HEADER + f"{spelling};lhv;2024;gestart;;\n")).ok
    assert actions(geo_engine) == [(LEIDRAAD, "LHV", "2024", "gestart", "", None)]


def test_the_regional_facilitator_is_the_zorgkantoor_not_a_national_body(geo_engine, write_file):
    text = HEADER + "regionale-facilitering;ZN;2024;gestart;ZK05;\n"
    ((rij, kolom, reden),) = errors_of(import_file(geo_engine, "acties", write_file("a.csv", text)))
    assert (rij, kolom) == (2, "partij") and "zorgkantoor van die regio" in reden and "ZN" in reden
    text = HEADER + "regionale-facilitering;Stichting Voorbeeld;2024;gestart;ZK05;\n"
    ((_, kolom, reden),) = errors_of(import_file(geo_engine, "acties", write_file("b.csv", text)))
    assert kolom == "partij" and "geen zorgkantoor" in reden
    text = HEADER + "regionale-facilitering;Zorgkantoor;2024;gestart;;\n"
    ((_, kolom, reden),) = errors_of(import_file(geo_engine, "acties", write_file("c.csv", text)))
    assert kolom == "regio" and "vul de regio in" in reden
    text = (HEADER + "regionale-facilitering;ZN;2024;loopt;;landelijke coördinatie\n"
            "facilitering;zorgkantoor;2024;gestart;ZK05;\nregietafel;Zorgkantoor Zuid (fictief);2024;loopt;ZK23;\n")
    assert import_file(geo_engine, "acties", write_file("d.csv", text)).ok
    stored = actions(geo_engine)
    assert [(p, r) for _, p, _, _, r, _ in stored] == [("ZN", ""), ("Zorgkantoor", "ZK05"), ("Zorgkantoor Zuid (fictief)", "ZK23")]


def test_a_regional_line_needs_a_region_and_off_line_parties_are_a_warning(geo_engine, write_file):
    report = import_file(geo_engine, "acties", write_file("a.csv", HEADER + "deurenopener;VGN;2024;gestart;;\n"))
    ((_, kolom, reden),) = errors_of(report)
    assert kolom == "regio" and "regionale actielijn" in reden
    report = import_file(geo_engine, "acties", write_file("b.csv", HEADER + "medicatieoverdracht;NVAVG;2024;gestart;;\n"))
    assert report.ok and any("trekker" in w and "NVAVG" in w for w in report.warnings)
