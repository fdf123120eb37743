"""Pages in the face of a database that is not theirs, and the banner once own data is mixed with the demo."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text
from streamlit.testing.v1 import AppTest

from data.db import make_engine
from data.imports import import_file
from data.registry import MIXED_LABEL, demo_state
from tests.dashboard.conftest import clear_streamlit_caches
from tests.hostile import english_in

PAGES = Path(__file__).resolve().parents[2] / "dashboard" / "pages"
ALL_PAGES = sorted(path.stem for path in PAGES.glob("*.py") if not path.stem.startswith("_"))


@pytest.fixture
def fresh_caches():
    clear_streamlit_caches()
    yield
    clear_streamlit_caches()


def run(name: str) -> AppTest:
    at = AppTest.from_file(str(PAGES / f"{name}.py"), default_timeout=120).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize("page", ALL_PAGES)
def test_every_page_refuses_a_newer_schema_in_dutch(page, tmp_path, monkeypatch, fresh_caches):
    path = tmp_path / "nieuwer.sqlite"
    engine = make_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_toekomst'"))
    engine.dispose()
    monkeypatch.setenv("MGZ_DATABASE_URL", f"sqlite:///{path}")
    at = run(page)
    errors = " ".join(e.value for e in at.error)
    assert "schemaversie '9999_toekomst'" in errors and not english_in(errors)


def test_a_foreign_file_is_refused_on_the_page_and_left_alone(tmp_path, monkeypatch, fresh_caches):
    path = tmp_path / "ander.sqlite"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE klanten (id INTEGER)")
    before = path.read_bytes()
    monkeypatch.setenv("MGZ_DATABASE_URL", f"sqlite:///{path}")
    at = run("gegevens")
    assert any("niet de database van de MGZ-monitor" in e.value for e in at.error)
    assert path.read_bytes() == before


def test_mixed_data_is_labelled_and_the_demo_can_be_removed(demo_engine, monkeypatch, fresh_caches):
    own = "id;type;naam;lat;lon\nEIGEN1;vg_locatie;Woonlocatie De Linde;52,09;5,12\n"
    assert import_file(demo_engine, "voorzieningen", own.encode("utf-8"), filename="eigen.csv").ok
    monkeypatch.setenv("MGZ_DATABASE_URL", str(demo_engine.url))
    at = run("gegevens")
    assert any(MIXED_LABEL in w.value for w in at.warning)
    assert not any(w.value.startswith("Let op: fictief voorbeeld") for w in at.warning)
    at.button(key="demo_verwijderen").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert demo_state(demo_engine) is None
    assert any("Gegevens geladen" in s.value for s in at.success)
    assert not any(MIXED_LABEL in w.value for w in at.warning)
