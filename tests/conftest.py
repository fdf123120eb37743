"""Shared fixtures: databases (SQLite always, PostgreSQL when MGZ_TEST_POSTGRES_URL is set) and real geography."""
from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from data.db import make_engine

ROOT = Path(__file__).resolve().parents[1]
SHARED_BOUNDARIES = ROOT.parent / "shared" / "data" / "boundaries"


def reference_source() -> Path:
    """The folder with the real CBS boundary files used by the tests."""
    folder = Path(os.environ.get("MGZ_REFERENCE_DIR") or SHARED_BOUNDARIES)
    if not folder.is_dir():
        pytest.fail(f"Reference geography not found at {folder}; set MGZ_REFERENCE_DIR.")
    return folder


def _backends() -> list:
    params = ["sqlite"]
    if os.environ.get("MGZ_TEST_POSTGRES_URL"):
        params.append("postgresql")
    return params


@pytest.fixture(scope="session", autouse=True)
def _session_home(tmp_path_factory):
    """Session fixtures (the reference and demo templates) also stay out of the user's ~/.mgz."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MGZ_HOME", str(tmp_path_factory.mktemp("mgz-session-home")))
        patch.setenv("MGZ_REFERENCE_DIR", str(reference_source()))
        patch.delenv("MGZ_DATABASE_URL", raising=False)
        yield


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    """Never touch the user's ~/.mgz: every test gets its own home, database and cache."""
    home = tmp_path_factory.mktemp("mgz-home")
    monkeypatch.setenv("MGZ_HOME", str(home))
    monkeypatch.delenv("MGZ_DATABASE_URL", raising=False)
    # Geography comes from the shared folder, never from the network.
    monkeypatch.setenv("MGZ_REFERENCE_DIR", str(reference_source()))
    yield home


def _postgres_url_with_schema(schema: str) -> str:
    base = os.environ["MGZ_TEST_POSTGRES_URL"]
    separator = "&" if "?" in base else "?"
    return f"{base}{separator}options=-csearch_path%3D{schema}"


@pytest.fixture(params=_backends())
def db_url(request, tmp_path):
    """A URL of an empty database, once per backend; PostgreSQL gets a private schema dropped afterwards."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.sqlite'}"
        return
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(os.environ["MGZ_TEST_POSTGRES_URL"])
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield _postgres_url_with_schema(schema)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def engine(db_url):
    """A migrated, empty database (SQLite and PostgreSQL)."""
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def _reference_template(tmp_path_factory) -> Path:
    from data.reference.loading import load_reference

    path = tmp_path_factory.mktemp("reference") / "reference.sqlite"
    engine = make_engine(f"sqlite:///{path}")
    load_reference(engine, source_dir=reference_source(), download=False, progress=lambda *_: None)
    engine.dispose()
    return path


@pytest.fixture
def reference_engine(_reference_template, tmp_path):
    """A SQLite database holding the real national reference geography (loaded once per session, copied)."""
    path = tmp_path / "reference.sqlite"
    shutil.copy(_reference_template, path)
    engine = make_engine(f"sqlite:///{path}")
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def _demo_template(_reference_template, tmp_path_factory) -> Path:
    from data.demo.scenario import load_demo

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    shutil.copy(_reference_template, path)
    engine = make_engine(f"sqlite:///{path}")
    load_demo(engine, progress=lambda *_: None)
    engine.dispose()
    return path


@pytest.fixture
def demo_engine(_demo_template, tmp_path):
    """A SQLite database with the reference geography and the national fictional demo scenario."""
    path = tmp_path / "demo.sqlite"
    shutil.copy(_demo_template, path)
    engine = make_engine(f"sqlite:///{path}")
    yield engine
    engine.dispose()


@pytest.fixture
def demo_db_path(demo_engine) -> Path:
    """Path of the demo database file (for CLI and app tests that read MGZ_DATABASE_URL)."""
    return Path(demo_engine.url.database)
