"""The command line on the national demo database: JSON/CSV/XLSX output, friendly Dutch errors, --help."""
from __future__ import annotations

import io
import json
import re

import openpyxl
import pandas as pd
import pytest

from monitor.__main__ import main


@pytest.fixture
def demo_db(demo_db_path, monkeypatch):
    monkeypatch.setenv("MGZ_DATABASE_URL", f"sqlite:///{demo_db_path}")
    return demo_db_path


def test_help_is_dutch_and_exits_cleanly(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--help"])
    assert stop.value.code == 0
    out = capsys.readouterr().out
    assert "signalen" in out and "Kandidaat-pilotregio's" in out


def test_catalogue_command_prints_the_readme_tables(capsys):
    assert main(["catalogus"]) == 0
    assert "`zwak_netwerk`" in capsys.readouterr().out


def test_signals_json_lists_every_region_with_the_contract_fields(demo_db, capsys):
    assert main(["signalen", "--niveau", "provincie", "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert len(records) == 12
    for record in records:
        assert {"code", "naam", "niveau", "zwak_netwerk", "te_sterk_netwerk", "onvoldoende_gegevens", "redenen",
                "scores"} <= set(record)
        assert record["gegevens"] == "fictief voorbeeld"
        assert isinstance(record["redenen"], list)
        assert all(v is None or isinstance(v, float) for v in record["scores"].values())
        assert isinstance(record["robuust"], bool)
        assert record["volledigheid"] is None or 0.0 <= record["volledigheid"] <= 1.0
    assert main(["signalen", "--niveau", "zorgkantoorregio", "--format", "json"]) == 0  # latest wave by default
    regions = {r["code"]: r for r in json.loads(capsys.readouterr().out)}
    assert {r["golf"] for r in regions.values()} == {"2024"}
    assert regions["ZK08"]["zwak_netwerk"] and regions["ZK08"]["volledigheid"] == 1.0
    assert regions["ZK08"]["bronnen"] == "fictief contractenregister, fictieve uitvraag bij de locaties"
    assert regions["ZK07"]["onvoldoende_gegevens"] and regions["ZK07"]["volledigheid"] == 0.0


def test_scores_csv_and_pilots_xlsx(demo_db, capsys, tmp_path):
    assert main(["scores", "--niveau", "zorgkantoorregio", "--golf", "2024", "--format", "csv"]) == 0
    frame = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert set(frame["golf"].astype(str)) == {"2024"} and frame["code"].nunique() == 31
    assert frame["score"].dropna().between(-2, 2).all()
    target = tmp_path / "pilots.xlsx"
    assert main(["pilots", "--niveau", "zorgkantoorregio", "--format", "xlsx", "--output", str(target)]) == 0
    book = openpyxl.load_workbook(target)
    assert book.sheetnames[0] == "toelichting" and book["pilotregio's"].max_row > 1


def test_unknown_wave_and_xlsx_without_file_give_dutch_errors(demo_db, capsys):
    assert main(["signalen", "--niveau", "gemeente", "--golf", "1999"]) == 1
    assert "Onbekende meetgolf '1999'" in capsys.readouterr().err
    assert main(["bewijs", "--niveau", "zorgkantoorregio", "--code", "ZK08", "--format", "xlsx"]) == 1
    assert "--output" in capsys.readouterr().err


def test_monitoring_views_waves_and_actions(demo_db, capsys):
    assert main(["golven", "--niveau", "provincie", "--format", "csv"]) == 0
    waves = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert set(waves["golf"].astype(str)) == {"2021", "2024"} and "verschil_vorige_golf" in waves.columns
    assert main(["acties", "--format", "json"]) == 0
    actions = json.loads(capsys.readouterr().out)
    assert actions and {"actie", "partij", "regio", "2021", "2024", "verandering"} <= set(actions[0])
    assert main(["acties", "--format", "tabel"]) == 0
    screen = capsys.readouterr().out
    assert screen.startswith("Fictief voorbeeld.")
    # On screen: headers in words, Dutch values, never True/False/NaN or a snake_case key.
    assert "Laatste status" in screen and not re.search(r"\b(True|False|NaN|nan|None)\b|\b[a-z]+_[a-z_]+\b", screen)


def test_every_command_defaults_to_json_and_tabel_reads_dutch(demo_db, capsys):
    assert main(["pilots", "--niveau", "zorgkantoorregio"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["rang"] == 1
    assert main(["pilots", "--niveau", "zorgkantoorregio", "--format", "tabel"]) == 0
    screen = capsys.readouterr().out
    assert "Score netwerk te zwak" in screen and " ja " in screen and not re.search(r"\b(True|False|NaN)\b", screen)
    assert re.search(r"-1,\d\d", screen)  # decimal comma
    # Completeness as a Dutch percentage ("100%", never the fraction "1" or "0.93"), headers in words.
    header = screen.splitlines()[1]
    assert "Volledigheid" in header and "Toelichting volledigheid" in header and "Volledigheid tekst" not in header
    assert " 100% " in screen and not re.search(r"\b0\.\d+\b", screen)
    assert main(["signalen", "--niveau", "zorgkantoorregio", "--format", "tabel"]) == 0
    screen = capsys.readouterr().out
    assert "Volledigheid" in screen.splitlines()[1] and " 100% " in screen and " 0% " in screen  # ZK08, ZK07
    assert main(["scores", "--niveau", "zorgkantoorregio", "--format", "tabel"]) == 0
    header = capsys.readouterr().out.splitlines()[1]
    assert "Aantal bewijsstukken" in header and "N bewijs" not in header
    assert "Betrouwbaarheid label" not in header and re.search(r"Betrouwbaarheid \(0–1\) +Betrouwbaarheid ", header)
    # Files keep the keys and the plain share.
    assert main(["signalen", "--niveau", "zorgkantoorregio", "--format", "csv"]) == 0
    frame = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert {"volledigheid", "volledigheid_tekst"} <= set(frame.columns) and frame["volledigheid"].between(0, 1).all()
    assert main(["scores", "--niveau", "zorgkantoorregio", "--format", "csv"]) == 0
    assert {"n_bewijs", "betrouwbaarheid_label"} <= set(pd.read_csv(io.StringIO(capsys.readouterr().out)).columns)


def test_the_screen_shows_completeness_as_a_percentage_and_headers_in_words():
    from monitor.__main__ import screen_frame

    frame = pd.DataFrame({"volledigheid": [1.0, 0.93, 0.0, float("nan")], "n_bewijs": [1, 2, 3, 0],
                          "betrouwbaarheid": [0.85, 0.5, 0.1, 0.0], "betrouwbaarheid_label": ["hoog", "midden", "laag", "geen"],
                          "score": [1.0, -1.77, 0.0, float("nan")]})
    shown = screen_frame(frame)
    assert list(shown.columns) == ["Volledigheid", "Aantal bewijsstukken", "Betrouwbaarheid (0–1)", "Betrouwbaarheid",
                                   "Score"]
    assert shown["Volledigheid"].tolist() == ["100%", "93%", "0%", "–"]
    assert shown["Score"].tolist() == ["1", "-1,77", "0", "–"]  # other numbers stay numbers
    assert list(screen_frame(frame[["betrouwbaarheid"]]).columns) == ["Betrouwbaarheid"]  # pilots: no label column


def test_piping_into_head_ends_quietly(demo_db):
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    command = f"'{sys.executable}' -m monitor signalen --niveau gemeente --format csv | head -2"
    done = subprocess.run(command, shell=True, cwd=root, env=dict(os.environ), capture_output=True, text=True, timeout=300)
    assert len(done.stdout.splitlines()) == 2
    assert done.stderr.strip() == "", done.stderr  # no 'Onverwachte fout (BrokenPipeError)', no 'Broken pipe'
