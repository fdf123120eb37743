"""python -m geo dekking and scenario --sluit-praktijk on a stored hand-built world."""
import io
import json

import pandas as pd
import pytest

from data.db import make_engine
from geo.__main__ import main
from geo.coverage import COLUMNS
from tests.geo import world
from tests.geo.test_coverage import GEOGRAPHY, make_registry

PEILDATUM = ["--peildatum", "2025-06-30"]


@pytest.fixture
def database(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'dekking.sqlite'}"
    engine = make_engine(url)
    world.store(engine, GEOGRAPHY, make_registry())
    engine.dispose()
    monkeypatch.setenv("MGZ_DATABASE_URL", url)
    return url


def records(capsys, *argv) -> list[dict]:
    assert main(["dekking", *PEILDATUM, *argv]) == 0
    return json.loads(capsys.readouterr().out)


def test_json_has_one_record_per_location_with_the_documented_columns(database, capsys):
    rows = records(capsys)
    assert [r["id"] for r in rows] == ["a1", "a2", "a3", "a4", "a5", "a6", "a7", "b1", "c1", "d1"]
    assert list(rows[0]) == list(COLUMNS)
    by_id = {r["id"]: r for r in rows}
    assert by_id["a1"]["huisarts"] == "huisartsenpraktijk g1 (contract)" and by_id["a1"]["hap_formeel"] is True
    assert by_id["a2"]["knelpunten"] == "geen afspraak met de HAP"
    assert by_id["a3"]["knelpunten"].startswith("geen huisarts (behandeling onbekend)")
    assert "geen huisarts" not in by_id["a4"]["knelpunten"] and by_id["a4"]["behandeling"] == "met"
    assert by_id["b1"]["hap_anw_volledig"] is False
    assert by_id["c1"]["knelpunten"] == "samenwerkingen niet geregistreerd; HAP niet alle ANW-uren open" and by_id["c1"]["hap_formeel"] is None
    assert by_id["a7"]["hap_id"] is None and by_id["a7"]["reistijd_eigen_hap_min"] is None  # unknown: null


def test_selection_by_region_organisation_and_gaps(database, capsys):
    assert {r["id"] for r in records(capsys, "--niveau", "zorgkantoorregio", "--code", "ZK91")} == {"b1", "c1", "d1"}
    assert {r["id"] for r in records(capsys, "--niveau", "hap", "--code", "h2")} == {"b1", "c1"}
    chosen = records(capsys, "--organisatie", "A", "--alleen-knelpunten")
    assert {r["id"] for r in chosen} == {"a2", "a3", "a5", "a6", "a7"}
    assert {r["id"] for r in records(capsys, "--knelpunt", "avg_laag")} == {"d1"}


def test_csv_is_for_dutch_excel_with_the_column_keys(database, capsys):
    assert main(["dekking", *PEILDATUM, "--format", "csv", "--niveau", "gemeente", "--code", "GM9001"]) == 0
    text = capsys.readouterr().out
    frame = pd.read_csv(io.StringIO(text), sep=";", decimal=",", dtype={"hap_formeel": str})
    assert list(frame.columns) == list(COLUMNS)
    assert frame.set_index("id").loc["a1", "hap_formeel"] == "ja"
    assert frame["reistijd_hap_min"].dtype == float


def test_xlsx_has_one_sheet_per_organisation(database, tmp_path, capsys):
    from openpyxl import load_workbook

    target = tmp_path / "dekking.xlsx"
    assert main(["dekking", *PEILDATUM, "--format", "xlsx", "--output", str(target)]) == 0
    assert "10 VG-locaties geschreven" in capsys.readouterr().err
    workbook = load_workbook(target)
    assert workbook.sheetnames == ["toelichting", "Stichting A", "Stichting B", "Stichting C", "Stichting D"]
    sheet = workbook["Stichting A"]
    headers = [cell.value for cell in sheet[1]]
    assert "VG-locatie" in headers and "Knelpunten" in headers and "Geschatte reistijd eigen HAP (min)" in headers
    assert sheet.max_row == 8  # header + 7 locations
    assert "30-06-2025" in workbook["toelichting"]["A2"].value


def test_closing_the_only_practice_of_a_cluster_through_the_cli(database, capsys):
    changed = records(capsys, "--sluit-praktijk", "g1")
    gained = {r["id"] for r in changed if "geen huisarts" in (r["erbij"] or "")}
    assert gained == {"a1", "a2"}
    assert {r["id"] for r in changed if r["erbij"] or r["eraf"]} == {"a1", "a2"}
    assert all(r["knelpunten_voor"] is not None for r in changed)


def test_scenario_command_closes_a_practice(database, capsys):
    assert main(["scenario", "--sluit-praktijk", "g1", "--niveau", "organisatie"]) == 0
    rows = {r["code"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["A"]["aantal_huisartsenpraktijken_voor"] == 1 and rows["A"]["aantal_huisartsenpraktijken"] == 0
    assert rows["A"]["aandeel_locaties_zonder_huisarts_verschil"] > 0


@pytest.mark.parametrize(
    "argv, message",
    [
        (["dekking", "--format", "xlsx"], "geef --output BESTAND.xlsx op"),
        (["dekking", "--niveau", "gemeente"], "Geef --niveau en --code samen op"),
        (["dekking", "--niveau", "gemeente", "--code", "GM0000"], "Regio 'GM0000' bestaat niet op niveau gemeente"),
        (["dekking", "--organisatie", "Z"], "Organisatie 'Z' heeft geen VG-locaties"),
        (["dekking", "--peildatum", "morgen"], "--peildatum: 'morgen' is geen datum"),
        (["dekking", "--output", "/bestaat/niet/x.csv", "--format", "csv"],
         "Fout: De map /bestaat/niet bestaat niet; er is niets geschreven."),  # the README's words, as every command
        (["dekking", "--sluit-praktijk", "h1"], "'h1' is geen huisartsenpraktijk"),
        (["scenario", "--sluit-praktijk", "a1"], "'a1' is geen huisartsenpraktijk maar een vg-locatie"),
    ],
)
def test_errors_are_dutch_and_without_traceback(database, capsys, argv, message):
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_dekking_help_is_dutch():
    import subprocess
    import sys
    from pathlib import Path

    done = subprocess.run([sys.executable, "-m", "geo", "dekking", "--help"], cwd=Path(__file__).resolve().parents[2],
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert done.returncode == 0 and done.stdout.startswith("gebruik: python -m geo dekking")
    assert "--alleen-knelpunten" in done.stdout and "één werkblad per organisatie" in done.stdout


def test_the_xlsx_notes_name_what_the_scenario_closes(database, tmp_path, capsys):
    from openpyxl import load_workbook

    target = tmp_path / "wat-als.xlsx"
    assert main(["dekking", *PEILDATUM, "--sluit", "h1", "--format", "xlsx", "--output", str(target)]) == 0
    notes = " ".join(str(cell.value) for row in load_workbook(target)["toelichting"].iter_rows() for cell in row)
    assert "Wat als: Sluit hap h1." in notes  # the facility's name from the registry, not only its id
