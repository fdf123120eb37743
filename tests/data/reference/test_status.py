"""`describe` (python -m data status) and the CLI commands `reference` and `status`."""
from __future__ import annotations

from data import models as m
from data.__main__ import main
from data.db import transaction
from data.reference.loading import load_reference
from data.status import describe, safe_url
from tests.data import reference_samples as samples

QUIET = lambda *_: None  # noqa: E731


def test_empty_database_says_reference_not_loaded(engine):
    text = describe(engine)
    assert "Referentiegeografie: nog niet geladen" in text
    assert "Voorzieningen: 0 huisartsenposten, 0 AVG-poliklinieken, 0 VG-locaties, 0 huisartsenpraktijken (totaal 0)." in text
    assert "demoscenario" not in text


def test_counts_source_and_demo_flag(engine, tmp_path):
    folder = samples.write_geojson(tmp_path / "grenzen")
    load_reference(engine, source_dir=folder, progress=QUIET)
    with transaction(engine) as session:
        session.add(m.Facility(id="hap1", type="hap", naam="HAP", lat=52.0, lon=5.1))
        session.add(m.Facility(id="poli1", type="avg_poli", naam="Poli", lat=52.0, lon=5.2))
        session.add(m.Wave(code="2021", volgorde=1))
        session.add(m.DatasetInfo(sleutel="demo", waarde="fictief"))
    text = describe(engine)
    assert "Referentiegeografie: 3 gemeenten, 2 zorgkantoorregio's, 1 provincies, 4 PC4-gebieden." in text
    assert f"Bron: {folder}" in text and "gemeente 2025" in text
    assert "inwoners: benaderd uit PC4-inwoners" in text
    assert "1 huisartsenposten, 1 AVG-poliklinieken" in text and "(totaal 2)" in text
    assert "meetgolven: 1" in text and "fictieve demoscenario" in text


def test_safe_url_drops_the_password():
    assert safe_url("postgresql+psycopg://mgz:geheim@db.example:5432/mgz") == "postgresql+psycopg://mgz@db.example:5432/mgz"
    assert safe_url("sqlite:////tmp/x.sqlite") == "sqlite:////tmp/x.sqlite"


def test_cli_reference_and_status(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("MGZ_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.sqlite'}")
    folder = samples.write_geojson(tmp_path / "grenzen")
    assert main(["reference", "--from", str(folder)]) == 0
    assert "Referentiegeografie geladen uit" in capsys.readouterr().out
    assert main(["status"]) == 0
    assert "3 gemeenten" in capsys.readouterr().out
    assert main(["reference", "--from", str(tmp_path / "leeg")]) == 1
    assert "Fout: De map" in capsys.readouterr().err
