"""python -m geo: JSON/CSV records, scenarios, Dutch help and errors without tracebacks."""
import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from data.db import make_engine
from geo import catalogue
from geo.__main__ import main
from tests.geo import world

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def database(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'geo.sqlite'}"
    engine = make_engine(url)
    facilities = [
        world.facility("h1", "hap", 102_000), world.facility("p1", "avg_poli", 112_000, avg_fte=2),
        world.facility("v1", "vg_locatie", 101_000, org="A", clienten=50),
        world.facility("v2", "vg_locatie", 131_000, org="A", clienten=30),
        world.facility("g1", "huisartsenpraktijk", 103_000),
    ]
    registry = world.registry(facilities, [("v1", "g1", "contract")], [("h1", "9011"), ("h1", "9012")])
    world.store(engine, world.geography(), registry)
    engine.dispose()
    monkeypatch.setenv("MGZ_DATABASE_URL", url)
    return url


def test_indicators_as_json_with_null_for_unknown(database, capsys):
    assert main(["indicatoren", "--niveau", "gemeente", "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert [r["code"] for r in records] == ["GM9001", "GM9002", "GM9003", "GM9004"]
    assert list(records[0]) == catalogue.columns("gemeente")
    by_code = {r["code"]: r for r in records}
    assert by_code["GM9001"]["clienten"] == 50 and by_code["GM9001"]["aantal_vg_locatie"] == 1
    assert by_code["GM9002"]["aandeel_formeel"] is None  # no organisation there: unknown, not 0
    assert isinstance(by_code["GM9001"]["avg_toegankelijkheid"], float)


def test_reads_sqlite_and_postgresql(db_url, monkeypatch, capsys):
    engine = make_engine(db_url)
    facilities = [world.facility("h1", "hap", 102_000), world.facility("v1", "vg_locatie", 101_000, org="A", clienten=12)]
    world.store(engine, world.geography(), world.registry(facilities, service_areas=[("h1", "9011")]))
    engine.dispose()
    monkeypatch.setenv("MGZ_DATABASE_URL", db_url)
    assert main(["indicatoren", "--niveau", "hap"]) == 0
    [record] = json.loads(capsys.readouterr().out)
    assert record["code"] == "h1" and record["aantal_pc4"] == 1 and record["werkgebied_afgeleid"] == 0
    assert record["clienten"] == 12


def test_organisations_as_csv(database, capsys):
    assert main(["indicatoren", "--niveau", "organisatie", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["code"] for r in rows] == ["A"]
    assert rows[0]["naam"] == "Stichting A" and rows[0]["aantal_locaties"] == "2"
    assert rows[0]["aandeel_locaties_zonder_huisarts"] == "0.5"


def test_settings_options_change_travel_times(database, capsys):
    main(["indicatoren", "--niveau", "organisatie"])
    slow = json.loads(capsys.readouterr().out)
    main(["indicatoren", "--niveau", "organisatie", "--snelheid", "30"])
    slower = json.loads(capsys.readouterr().out)
    assert slower[0]["reistijd_hap_min_mediaan"] == pytest.approx(2 * slow[0]["reistijd_hap_min_mediaan"])


def test_scenario_reports_after_before_and_difference(database, capsys):
    lon, lat = world.lonlat(132_000, 455_000)
    code = main(["scenario", "--sluit", "p1", "--open", f"avg_poli,{lat},{lon},1.5", "--niveau", "gemeente"])
    assert code == 0
    records = {r["code"]: r for r in json.loads(capsys.readouterr().out)}
    assert records["GM9002"]["aantal_avg_poli_verschil"] == -1
    assert records["GM9004"]["aantal_avg_poli"] == 1
    assert records["GM9004"]["avg_toegankelijkheid_verschil"] > 0


@pytest.mark.parametrize(
    "argv, message",
    [
        (["scenario", "--sluit", "bestaat-niet"], "Fout: Voorziening 'bestaat-niet' bestaat niet"),
        (["scenario"], "Fout: Geef minstens één --sluit"),
        (["scenario", "--open", "avg_poli,52"], "moet de vorm TYPE,LAT,LON,AVG_FTE hebben"),
        (["indicatoren", "--omrijfactor", "0.5"], "Fout: Omrijfactor moet minstens 1 zijn"),
    ],
)
def test_errors_are_dutch_and_without_traceback(database, capsys, argv, message):
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_database_without_reference_geography_gives_a_friendly_error(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("MGZ_DATABASE_URL", f"sqlite:///{tmp_path / 'leeg.sqlite'}")
    monkeypatch.setattr("data.reference.loading.ensure_reference", lambda engine, progress: False)
    assert main(["indicatoren"]) == 1
    assert "Fout:" in capsys.readouterr().err


def test_catalogue_command_prints_the_readme_section(capsys):
    assert main(["catalogus"]) == 0
    assert capsys.readouterr().out.startswith("## Geo-indicatoren")


def test_help_works_from_the_command_line():
    done = subprocess.run([sys.executable, "-m", "geo", "scenario", "--help"], cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8", timeout=120)
    assert done.returncode == 0
    assert "Id van een voorziening die sluit" in done.stdout and "TYPE,LAT,LON,AVG_FTE" in done.stdout


def test_output_is_utf8_json_numbers_and_null():
    import numpy as np
    import pandas as pd

    from geo.output import render

    frame = pd.DataFrame({"code": ["GM1"], "naam": ["Súdwest-Fryslân"], "n": [np.int64(3)], "x": [0.1 + 0.2], "y": [np.nan]})
    assert json.loads(render(frame, "json")) == [{"code": "GM1", "naam": "Súdwest-Fryslân", "n": 3, "x": 0.3, "y": None}]
    assert "Súdwest-Fryslân" in render(frame, "json")
    assert render(frame, "csv").splitlines() == ["code,naam,n,x,y", "GM1,Súdwest-Fryslân,3,0.3,"]


def test_indicators_of_demo_data_say_fictief_voorbeeld(demo_db_path, monkeypatch, capsys):
    monkeypatch.setenv("MGZ_DATABASE_URL", f"sqlite:///{demo_db_path}")
    assert main(["indicatoren", "--niveau", "provincie", "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert len(records) == 12 and all(r["gegevens"] == "fictief voorbeeld" for r in records)
