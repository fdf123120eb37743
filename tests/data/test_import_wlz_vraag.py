"""Importing Wlz demand per gemeente (CIZ Databank export): headers, codes or names, checks, round trip."""
from __future__ import annotations

import pytest

from data import models as m
from data.__main__ import main
from data.exports import export_file
from data.imports import import_file
from data.importing.wlz_demand import gemeente_code
from data.registry import load_registry
from tests.data.conftest import table_rows

HEADER = "gemeentecode;jaar;aantal\n"


def counts(engine):
    w = m.WlzDemand
    return table_rows(engine, w.gemeentecode, w.jaar, w.aantal, order_by=[w.gemeentecode, w.jaar])


def errors_of(report):
    return [tuple(r) for r in report.errors.itertuples(index=False, name=None)]


def test_the_ciz_databank_headers_codes_and_names_are_recognised(geo_engine, write_file):
    text = "Gemeente code;Jaar;Aantal\nGM0363;2024;1.005\n344;2023;500\n"
    report = import_file(geo_engine, "wlz_vraag", write_file("ciz.csv", text))
    assert report.ok, report.as_text()
    named = "Gemeente;Periode;Aantal personen\nUtrecht;2024-01-01;510\n"
    assert import_file(geo_engine, "wlz_vraag", write_file("ciz2.csv", named)).ok
    assert counts(geo_engine) == [("GM0344", 2023, 500), ("GM0344", 2024, 510), ("GM0363", 2024, 1005)]


def test_reimport_replaces_a_gemeente_and_year_only(geo_engine, write_file):
    import_file(geo_engine, "wlz_vraag", write_file("a.csv", HEADER + "GM0363;2024;100\nGM0344;2024;50\n"))
    import_file(geo_engine, "wlz_vraag", write_file("b.csv", HEADER + "GM0363;2024;105\n"))
    assert counts(geo_engine) == [("GM0344", 2024, 50), ("GM0363", 2024, 105)]
    frame = load_registry(geo_engine).wlz_demand
    assert list(frame.columns) == ["gemeentecode", "jaar", "aantal"] and frame["aantal"].tolist() == [50, 105]


@pytest.mark.parametrize(
    "rows, expected",
    [
        ("GM9999;2024;5", (2, "gemeentecode", "gemeente 'GM9999' bestaat niet in de referentiegeografie (gebruik de CBS-code, bv. GM0363, of de naam)")),
        ("Atlantis;2024;5", (2, "gemeentecode", "gemeente 'Atlantis' bestaat niet in de referentiegeografie (gebruik de CBS-code, bv. GM0363, of de naam)")),
        (";2024;5", (2, "gemeentecode", "gemeentecode ontbreekt (bv. GM0363 of de naam van de gemeente)")),
        ("GM0363;;5", (2, "jaar", "jaar ontbreekt")),
        ("GM0363;vorig jaar;5", (2, "jaar", "'vorig jaar' is geen jaartal tussen 1900 en 2100")),
        ("GM0363;1850;5", (2, "jaar", "'1850' is geen jaartal tussen 1900 en 2100")),
        ("GM0363;2024;", (2, "aantal", "aantal ontbreekt")),
        ("GM0363;2024;<5", (2, "aantal", "'<5' is geen geheel getal (CIZ rondt af op 5; vul het getal in of laat de rij weg)")),
        ("GM0363;2024;-5", (2, "aantal", "aantal mag niet negatief zijn")),
        ("GM0363;2024;5\ngm363;2024;10", (3, "gemeentecode", "dezelfde gemeente en hetzelfde jaar staan ook in rij 2")),
    ],
)
def test_bad_rows_name_row_column_and_reason_and_nothing_is_stored(geo_engine, write_file, rows, expected):
    report = import_file(geo_engine, "wlz_vraag", write_file("w.csv", HEADER + rows + "\n"))
    assert not report.ok
    assert expected in errors_of(report)
    assert counts(geo_engine) == []


def test_export_and_reimport_give_the_same_rows(geo_engine, write_file, tmp_path):
    import_file(geo_engine, "wlz_vraag", write_file("w.csv", HEADER + "GM0363;2024;1005\nGM0344;2023;500\n"))
    before = counts(geo_engine)
    for suffix in ("csv", "xlsx"):
        path = tmp_path / f"uit.{suffix}"
        assert export_file(geo_engine, "wlz_vraag", path) == 2
        assert import_file(geo_engine, "wlz_vraag", path).ok
        assert counts(geo_engine) == before


def test_gemeente_code_accepts_codes_numbers_and_names():
    codes, names = {"GM0363"}, {"amsterdam": "GM0363"}
    assert [gemeente_code(v, codes, names) for v in ("GM0363", "gm363", "363", " Amsterdam ", "GM0364", "Adam")] == [
        "GM0363", "GM0363", "GM0363", "GM0363", None, None]


def test_cli_imports_wlz_vraag(geo_engine, write_file, monkeypatch, capsys):
    monkeypatch.setenv("MGZ_DATABASE_URL", geo_engine.url.render_as_string(hide_password=False))
    assert main(["import", "wlz_vraag", str(write_file("w.csv", HEADER + "GM0363;2024;5\n"))]) == 0
    assert "1 rij geïmporteerd" in capsys.readouterr().out
