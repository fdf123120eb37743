"""Faults outside the user's file: a foreign or newer database, a busy, read-only or unreachable one, a full disk,
a broken installation. Each ends in a Dutch sentence and the right exit code; nothing is changed or half-written."""
from __future__ import annotations

import errno
import hashlib
import sqlite3

import pytest
from sqlalchemy import text

from data import atomic
from data.__main__ import main
from data.cli import run_friendly
from data.db import make_engine
from data.errors import UserError
from tests.data.conftest import FACILITIES_CSV, add_regions, batches, snapshot
from tests.hostile import english_in


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run_cli(capsys, *argv) -> tuple[int, str]:
    code = main(list(argv))
    output = capsys.readouterr()
    shown = output.out + output.err
    assert "Traceback" not in shown and not english_in(shown), shown
    return code, shown


# -- not this product's database ------------------------------------------------------------------------


def test_a_foreign_sqlite_file_is_refused_and_left_untouched(tmp_path, monkeypatch, capsys):
    path = tmp_path / "boekhouding.sqlite"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE klanten (id INTEGER, naam TEXT)")
    before, files = digest(path), sorted(p.name for p in tmp_path.iterdir())
    monkeypatch.setenv("MGZ_DATABASE_URL", f"sqlite:///{path}")
    code, shown = run_cli(capsys, "status")
    assert code == 1
    assert "niet de database van de MGZ-monitor" in shown and "klanten" in shown
    assert digest(path) == before and sorted(p.name for p in tmp_path.iterdir()) == files


def test_a_file_that_is_no_sqlite_database_is_refused(tmp_path, monkeypatch, capsys):
    path = tmp_path / "notities.sqlite"
    path.write_text("dit is geen database", encoding="utf-8")
    monkeypatch.setenv("MGZ_DATABASE_URL", f"sqlite:///{path}")
    code, shown = run_cli(capsys, "import", "acties", str(path))
    assert code == 1 and "geen SQLite-database" in shown
    assert path.read_text(encoding="utf-8") == "dit is geen database"


def test_tables_with_our_names_but_no_schema_version_are_refused(db_url):
    from sqlalchemy import create_engine

    plain = create_engine(db_url)
    with plain.begin() as connection:
        connection.execute(text("CREATE TABLE voorziening (x INTEGER)"))
    plain.dispose()
    with pytest.raises(UserError, match="niet de database van de MGZ-monitor.*voorziening"):
        make_engine(db_url)


def test_a_newer_schema_is_refused_and_left_untouched(db_url, monkeypatch, capsys, write_file):
    engine = make_engine(db_url)
    add_regions(engine)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_toekomst'"))
    before = snapshot(engine)
    monkeypatch.setenv("MGZ_DATABASE_URL", db_url)
    code, shown = run_cli(capsys, "import", "voorzieningen", str(write_file("v.csv", FACILITIES_CSV)))
    assert code == 1
    assert "schemaversie '9999_toekomst'" in shown and "nieuwere versie" in shown
    with engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == "9999_toekomst"
    assert snapshot(engine) == before
    engine.dispose()


# -- busy, read-only, unreachable --------------------------------------------------------------------------


def test_a_busy_database_says_try_again_and_stores_nothing(tmp_path, monkeypatch, capsys, write_file):
    import data.db

    monkeypatch.setattr(data.db, "BUSY_TIMEOUT_S", 0.2)
    path = tmp_path / "druk.sqlite"
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    add_regions(engine)
    before = snapshot(engine)
    monkeypatch.setenv("MGZ_DATABASE_URL", url)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another import is writing
    try:
        code, shown = run_cli(capsys, "import", "voorzieningen", str(write_file("v.csv", FACILITIES_CSV)))
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert code == 1
    assert "de database is bezig; probeer het zo opnieuw" in shown.lower()
    assert "teruggedraaid" in shown
    assert snapshot(engine) == before and batches(engine) == []
    engine.dispose()


def test_a_read_only_database_is_explained(tmp_path, monkeypatch, capsys, write_file):
    path = tmp_path / "alleen-lezen.sqlite"
    engine = make_engine(f"sqlite:///{path}")
    add_regions(engine)
    engine.dispose()
    monkeypatch.setenv("MGZ_DATABASE_URL", f"sqlite:///file:{path}?mode=ro&uri=true")
    code, shown = run_cli(capsys, "import", "voorzieningen", str(write_file("v.csv", FACILITIES_CSV)))
    assert code == 1 and "alleen worden gelezen" in shown


def test_an_unreachable_server_is_explained(monkeypatch, capsys):
    monkeypatch.setenv("MGZ_DATABASE_URL", "postgresql+psycopg://niemand@127.0.0.1:1/mgz?connect_timeout=2")
    code, shown = run_cli(capsys, "status")
    assert code == 1 and "niet bereikbaar" in shown


# -- exit codes ----------------------------------------------------------------------------------------------


def test_a_wrong_option_is_bad_input(capsys):
    code = main(["import", "soort-die-niet-bestaat", "x.csv"])
    assert code == 1 and "ongeldige keuze" in capsys.readouterr().err


@pytest.mark.parametrize(("error", "code", "words"), [
    (ImportError("No module named 'shapely'", name="shapely"), 2, "installatie is onvolledig"),
    (RuntimeError("internal state"), 2, "fout in de MGZ-monitor"),
    (UserError("Het bestand is leeg."), 1, "Het bestand is leeg."),
    (MemoryError(), 1, "onvoldoende geheugen"),
    (OSError(errno.ENOSPC, "No space left on device"), 1, "schijf is vol"),
])
def test_exit_code_2_only_for_a_broken_installation_or_a_bug(error, code, words, capsys):
    from data.__main__ import build_parser

    def run(_args):
        raise error

    assert run_friendly(build_parser(), run, ["status"]) == code
    shown = capsys.readouterr().err
    assert words in shown and "Traceback" not in shown and "internal state" not in shown


# -- files written whole or not at all ------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".geojson"])
def test_a_full_disk_leaves_no_half_written_export(suffix, tmp_path, monkeypatch, capsys, write_file):
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    engine = make_engine(url)
    add_regions(engine)
    engine.dispose()
    monkeypatch.setenv("MGZ_DATABASE_URL", url)
    assert main(["import", "voorzieningen", str(write_file("v.csv", FACILITIES_CSV))]) == 0
    capsys.readouterr()
    folder = tmp_path / "uit"
    folder.mkdir()
    target = folder / f"werkgebieden{suffix}"
    target.write_bytes(b"oude inhoud")

    def full(_fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", full)
    code, shown = run_cli(capsys, "export", "werkgebieden", str(target))
    assert code == 1 and "schijf is vol" in shown and "niet veranderd" in shown
    assert target.read_bytes() == b"oude inhoud"
    assert [p.name for p in folder.iterdir()] == [target.name]  # no temporary file left behind


def test_atomic_writes_replace_whole_files_and_explain_missing_folders(tmp_path):
    target = tmp_path / "a.csv"
    atomic.write_bytes(target, b"een")
    atomic.write_bytes(target, b"twee")
    assert target.read_bytes() == b"twee" and [p.name for p in tmp_path.iterdir()] == ["a.csv"]
    with pytest.raises(UserError, match="bestaat niet"):
        atomic.write_bytes(tmp_path / "weg" / "a.csv", b"x")
    with pytest.raises(UserError, match="is een map"):
        atomic.write_bytes(tmp_path, b"x")
    with pytest.raises(RuntimeError), atomic.replacing(target) as temporary:
        temporary.write_bytes(b"half")
        raise RuntimeError("stopped halfway")
    assert target.read_bytes() == b"twee" and [p.name for p in tmp_path.iterdir()] == ["a.csv"]
