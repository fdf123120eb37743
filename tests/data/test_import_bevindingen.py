"""Importing bevindingen: codes, waves on first mention and content keys."""
from __future__ import annotations

import pytest

from data.imports import import_file
from data.registry import load_registry
from tests.data.conftest import snapshot

HEADER = "regio;golf;stakeholder;voorwaarde;richting;gewicht;bron;tekst\n"


def errors_of(report):
    return [tuple(r) for r in report.errors.itertuples(index=False, name=None)]


def test_findings_of_every_region_level_and_direction_spelling(geo_engine, write_file):
    text = HEADER + (
        "gm0363;2024;aanbieders;infrastructuur;-;3;interview;Te weinig huisartsen\n"
        "ZK05;2024;Intermediairs;Goed netwerk;+;2;enquête;Vast overleg\n"
        "PV26;2021;gebruikers;Zachte instituties;\u2212;;;\n"
        "1011;2021;voorwaardenscheppend;Interactie – netwerk te zwak;min;1;;\n"
    )
    report = import_file(geo_engine, "bevindingen", write_file("b.csv", text))
    assert report.ok, report.as_text()
    registry = load_registry(geo_engine)
    findings = registry.findings
    assert findings["regio"].tolist() == ["GM0363", "ZK05", "PV26", "1011"]
    assert findings["richting"].tolist() == [-1, 1, -1, -1]
    assert findings["gewicht"].tolist() == [3, 2, 1, 1]
    assert findings["voorwaarde"].tolist() == ["infrastructuur", "goed_netwerk", "zachte_instituties", "netwerk_te_zwak"]
    # Waves are created on first mention and ordered by their codes.
    assert registry.waves.values.tolist() == [["2021", 1], ["2024", 2]]


def test_reimport_changes_nothing_and_new_waves_come_after_existing(geo_engine, write_file):
    path = write_file("b.csv", HEADER + "GM0363;2024;aanbieders;infrastructuur;-;3;;Tekst\n")
    import_file(geo_engine, "bevindingen", path)
    before = snapshot(geo_engine)
    assert import_file(geo_engine, "bevindingen", path).ok
    assert snapshot(geo_engine) == before
    import_file(geo_engine, "bevindingen", write_file("c.csv", HEADER + "GM0363;2021;aanbieders;infrastructuur;+;1;;\n"))
    assert load_registry(geo_engine).waves.values.tolist() == [["2024", 1], ["2021", 2]]


def test_identical_rows_in_one_file_count_once_with_a_warning(geo_engine, write_file):
    row = "GM0363;2024;aanbieders;infrastructuur;-;3;;Zelfde   tekst\n"
    report = import_file(geo_engine, "bevindingen", write_file("b.csv", HEADER + row + row.replace("   ", " ")))
    assert report.ok and "rij(en) 3 herhalen een eerdere bevinding" in report.as_text()
    assert len(load_registry(geo_engine).findings) == 1


CHOICES = "aanbieders, gebruikers, intermediairs, voorwaardenscheppend"


@pytest.mark.parametrize(
    "row, expected",
    [
        ("GM9999;2024;aanbieders;infrastructuur;-;1;;", (2, "regio", "regiocode 'GM9999' bestaat niet")),
        (";2024;aanbieders;infrastructuur;-;1;;", (2, "regio", "regio ontbreekt (CBS-code, bv. GM0363, ZK05, PV27 of 1011)")),
        ("GM0363;;aanbieders;infrastructuur;-;1;;", (2, "golf", "golf ontbreekt (bv. 2021 of 2024-najaar)")),
        ("GM0363;2024;artsen;infrastructuur;-;1;;", (2, "stakeholder", f"onbekende stakeholder 'artsen'; kies uit {CHOICES}")),
        ("GM0363;2024;aanbieders;geld;-;1;;", (2, "voorwaarde", "onbekende voorwaarde 'geld'")),
        ("GM0363;2024;aanbieders;infrastructuur;?;1;;", (2, "richting", "onbekende richting '?'; gebruik - (systeemfalen) of + (goede praktijk)")),
        ("GM0363;2024;aanbieders;infrastructuur;;1;;", (2, "richting", "richting ontbreekt")),
        ("GM0363;2024;aanbieders;infrastructuur;-;4;;", (2, "gewicht", "gewicht '4' moet 1, 2 of 3 zijn")),
        ("GM0363;2024;aanbieders;infrastructuur;-;0;;", (2, "gewicht", "gewicht '0' moet 1, 2 of 3 zijn")),
        ("GM0363;2024;aanbieders;infrastructuur;-;zwaar;;", (2, "gewicht", "gewicht 'zwaar' moet 1, 2 of 3 zijn")),
    ],
)
def test_bad_rows(geo_engine, write_file, row, expected):
    report = import_file(geo_engine, "bevindingen", write_file("b.csv", HEADER + row + "\n"))
    assert not report.ok
    ((rij, kolom, reden),) = errors_of(report)
    assert (rij, kolom) == expected[:2] and reden.startswith(expected[2])
    assert load_registry(geo_engine).findings.empty and load_registry(geo_engine).waves.empty


# --- the optional codebook code -------------------------------------------------------------------------

CODED = "regio;golf;stakeholder;voorwaarde;richting;gewicht;bron;tekst;code\n"


def stored_codes(engine) -> list:
    return load_registry(engine).findings["code"].tolist()


def test_codes_are_optional_normalised_and_read_under_other_headers(geo_engine, write_file):
    text = CODED.replace(";code", ";Codeboek") + (
        "GM0363;2024;aanbieders;infrastructuur;-;3;interview;Te weinig huisartsen; in02 \n"
        "ZK05;2024;intermediairs;goed_netwerk;+;2;;Vast overleg;GN55\n"
        "PV26;2024;gebruikers;zachte_instituties;-;1;;Ongecodeerd;\n"
    )
    report = import_file(geo_engine, "bevindingen", write_file("b.csv", text))
    assert report.ok, report.as_text()
    assert stored_codes(geo_engine) == ["IN02", "GN55", None]


def test_a_file_without_the_code_column_still_imports(geo_engine, write_file):
    assert import_file(geo_engine, "bevindingen", write_file("b.csv", HEADER + "GM0363;2024;aanbieders;infrastructuur;-;3;;x\n")).ok
    assert stored_codes(geo_engine) == [None]


@pytest.mark.parametrize(
    "row, reason",
    [
        ("GM0363;2024;aanbieders;infrastructuur;-;1;;;XX01",
         "code 'XX01' staat niet in het codeboek; python -m data codeboek toont de bekende codes"),
        ("GM0363;2024;aanbieders;infrastructuur;-;1;;;ZW02",
         "code 'ZW02' hoort bij voorwaarde netwerk_te_zwak, niet bij infrastructuur"),
        ("GM0363;2024;aanbieders;infrastructuur;+;1;;;IN02",
         "code 'IN02' is een belemmering (-), maar de richting van de rij is +"),
        ("GM0363;2024;aanbieders;goed_netwerk;-;1;;;GN55",
         "code 'GN55' is een goede praktijk (+), maar de richting van de rij is -"),
    ],
)
def test_unknown_or_contradicting_codes_are_row_errors(geo_engine, write_file, row, reason):
    report = import_file(geo_engine, "bevindingen", write_file("b.csv", CODED + row + "\n"))
    assert not report.ok
    ((rij, kolom, reden),) = errors_of(report)
    assert (rij, kolom) == (2, "code") and reden.startswith(reason)
    assert "rij 2, kolom code" in report.as_text()
    assert load_registry(geo_engine).findings.empty


def test_reimport_with_a_code_updates_the_finding_instead_of_adding_one(geo_engine, write_file):
    row = "GM0363;2024;aanbieders;infrastructuur;-;3;interview;AVG's vangen huisartstaken op;{}\n"
    assert import_file(geo_engine, "bevindingen", write_file("a.csv", CODED + row.format(""))).ok
    assert stored_codes(geo_engine) == [None]
    assert import_file(geo_engine, "bevindingen", write_file("b.csv", CODED + row.format("IN11"))).ok
    assert stored_codes(geo_engine) == ["IN11"]
    # Without a code the stored one stays; another code replaces it.
    assert import_file(geo_engine, "bevindingen", write_file("c.csv", CODED + row.format(""))).ok
    assert import_file(geo_engine, "bevindingen", write_file("d.csv", HEADER + row.format("").rstrip(";\n") + "\n")).ok
    assert stored_codes(geo_engine) == ["IN11"]
    assert import_file(geo_engine, "bevindingen", write_file("e.csv", CODED + row.format("IN03"))).ok
    assert stored_codes(geo_engine) == ["IN03"]


def test_repeated_rows_share_the_code_given_and_conflicting_codes_are_refused(geo_engine, write_file):
    row = "GM0363;2024;aanbieders;infrastructuur;-;3;;Zelfde tekst;{}\n"
    report = import_file(geo_engine, "bevindingen", write_file("b.csv", CODED + row.format("") + row.format("IN02")))
    assert report.ok and stored_codes(geo_engine) == ["IN02"]
    report = import_file(geo_engine, "bevindingen", write_file("c.csv", CODED + row.format("IN02") + row.format("IN03")))
    assert not report.ok
    assert errors_of(report) == [(3, "code", "rij 3 herhaalt de bevinding van rij 2 met een andere code ('IN03' naast 'IN02')")]
