"""Importing the zorgkantoor per zorgkantoorregio: codes or names, one office per region, export round trip."""
from __future__ import annotations

import pytest

from data import models as m
from data.__main__ import main
from data.exports import export_file
from data.imports import import_file
from data.importing.care_offices import region_code
from tests.data.conftest import table_rows

HEADER = "zorgkantoorregio;zorgkantoor\n"


def offices(engine):
    z = m.CareOfficeName
    return table_rows(engine, z.zorgkantoorregio, z.zorgkantoor, order_by=[z.zorgkantoorregio])


def errors_of(report):
    return [tuple(r) for r in report.errors.itertuples(index=False, name=None)]


def test_codes_in_any_spelling_and_names_are_recognised(geo_engine, write_file):
    text = "Regio,Naam zorgkantoor\nzk5,Zorgkantoor  Test (fictief)\nUtrecht,Zorgkantoor Utrecht (fictief)\n2,Zorgkantoor A (fictief)\n"
    report = import_file(geo_engine, "zorgkantoren", write_file("z.csv", text))
    assert report.ok, report.as_text()
    assert offices(geo_engine) == [
        ("ZK02", "Zorgkantoor A (fictief)"),
        ("ZK05", "Zorgkantoor Test (fictief)"),
        ("ZK23", "Zorgkantoor Utrecht (fictief)"),
    ]


def test_reimport_replaces_the_office_of_a_region_only(geo_engine, write_file):
    import_file(geo_engine, "zorgkantoren", write_file("a.csv", HEADER + "ZK05;Oud (fictief)\nZK23;Blijft (fictief)\n"))
    import_file(geo_engine, "zorgkantoren", write_file("b.csv", HEADER + "ZK05;Nieuw (fictief)\n"))
    assert offices(geo_engine) == [("ZK05", "Nieuw (fictief)"), ("ZK23", "Blijft (fictief)")]


@pytest.mark.parametrize(
    "rows, expected",
    [
        ("ZK99;Kantoor", (2, "zorgkantoorregio", "zorgkantoorregio 'ZK99' bestaat niet (gebruik de CBS-code, bv. ZK08, of de naam)")),
        ("Atlantis;Kantoor", (2, "zorgkantoorregio", "zorgkantoorregio 'Atlantis' bestaat niet (gebruik de CBS-code, bv. ZK08, of de naam)")),
        (";Kantoor", (2, "zorgkantoorregio", "zorgkantoorregio ontbreekt (bv. ZK08 of Friesland)")),
        ("ZK05;", (2, "zorgkantoor", "naam van het zorgkantoor ontbreekt")),
        ("ZK05;A\nzk05;B", (3, "zorgkantoorregio", "dezelfde zorgkantoorregio staat ook in rij 2")),
        ("ZK05;" + "x" * 201, (2, "zorgkantoor", "naam van het zorgkantoor is langer dan 200 tekens")),
    ],
)
def test_bad_rows_are_reported_and_nothing_is_stored(geo_engine, write_file, rows, expected):
    report = import_file(geo_engine, "zorgkantoren", write_file("z.csv", HEADER + rows + "\n"))
    assert not report.ok
    assert expected in errors_of(report)
    assert offices(geo_engine) == []


def test_export_and_reimport_give_the_same_rows(geo_engine, write_file, tmp_path):
    import_file(geo_engine, "zorgkantoren", write_file("z.csv", HEADER + "ZK05;=Kantoor (fictief)\nZK23;Utrecht (fictief)\n"))
    before = offices(geo_engine)
    for suffix in ("csv", "xlsx"):
        path = tmp_path / f"uit.{suffix}"
        assert export_file(geo_engine, "zorgkantoren", path) == 2
        assert import_file(geo_engine, "zorgkantoren", path).ok
        assert offices(geo_engine) == before
    assert "'=Kantoor" in (tmp_path / "uit.csv").read_text(encoding="utf-8-sig")


def test_region_code_normalises_numbers_and_names():
    codes, names = {"ZK08"}, {"friesland": "ZK08"}
    assert [region_code(v, codes, names) for v in ("ZK08", "zk8", "8", " Friesland ", "ZK09", "Gron")] == [
        "ZK08", "ZK08", "ZK08", "ZK08", None, None]


def test_cli_imports_zorgkantoren(geo_engine, write_file, monkeypatch, capsys):
    monkeypatch.setenv("MGZ_DATABASE_URL", geo_engine.url.render_as_string(hide_password=False))
    assert main(["import", "zorgkantoren", str(write_file("z.csv", HEADER + "ZK05;Kantoor (fictief)\n"))]) == 0
    assert "1 rij geïmporteerd" in capsys.readouterr().out
