"""The command line around import and export: exit codes and Dutch output, never a traceback."""
from __future__ import annotations

import pytest

from data.__main__ import main
from data.db import make_engine
from data.imports import KINDS, import_file, template_path
from tests.data.conftest import add_regions


@pytest.fixture
def cli_db(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    engine = make_engine(url)
    add_regions(engine)
    engine.dispose()
    monkeypatch.setenv("MGZ_DATABASE_URL", url)
    return url


def test_import_and_export_through_the_cli(cli_db, write_file, tmp_path, capsys):
    path = write_file("v.csv", "id;type;naam;lat;lon\nA;hap;Post;52,375;4,905\n")
    assert main(["import", "voorzieningen", str(path)]) == 0
    assert "1 rij geïmporteerd" in capsys.readouterr().out
    out = tmp_path / "uit.xlsx"
    assert main(["export", "voorzieningen", str(out)]) == 0
    assert "1 rijen geschreven" in capsys.readouterr().out and out.exists()


def test_bad_file_gives_exit_code_1_and_row_numbers(cli_db, write_file, capsys):
    path = write_file("v.csv", "id;type;naam;lat;lon\nA;hap;Post;52,375;4,905\nB;hap;Post;4,9;52,3\n")
    assert main(["import", "voorzieningen", str(path)]) == 1
    output = capsys.readouterr()
    assert "rij 3, kolom lat: lat en lon lijken verwisseld" in output.out
    assert "Traceback" not in output.out + output.err


def test_dry_run_and_skip_invalid_flags(cli_db, write_file, capsys):
    path = write_file("v.csv", "id;type;naam;lat;lon\nA;hap;Post;52,375;4,905\nB;xx;Post;52,375;4,905\n")
    assert main(["import", "voorzieningen", str(path), "--dry-run"]) == 1
    assert main(["import", "voorzieningen", str(path), "--dry-run", "--skip-invalid"]) == 0
    assert "proefrun" in capsys.readouterr().out
    assert main(["import", "voorzieningen", str(path), "--skip-invalid"]) == 0
    assert "1 rij geïmporteerd" in capsys.readouterr().out


def test_missing_file(cli_db, tmp_path, capsys):
    assert main(["import", "acties", str(tmp_path / "weg.csv")]) == 1
    assert "Bestand niet gevonden" in capsys.readouterr().out


def test_every_template_imports_cleanly_in_order(geo_engine):
    for kind in KINDS:
        path = template_path(kind)
        raw = path.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf") and b"fictief" in raw.lower()
        report = import_file(geo_engine, kind, path)
        assert report.ok and report.rows_imported >= 2, report.as_text()


def test_column_help_lists_every_column_with_aliases():
    from data.imports import column_help

    frame = column_help("voorzieningen").set_index("kolom")
    assert list(frame.index) == list(KINDS["voorzieningen"].columns)
    assert frame.loc["id", "verplicht"] and not frame.loc["lat", "verplicht"]
    assert "breedtegraad" in frame.loc["lat", "ook_geaccepteerd"]
