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
