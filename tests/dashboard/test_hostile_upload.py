"""Every hostile file through the Gegevens upload (AppTest): Dutch text, no exception, nothing stored.

The same corpus as tests/data/test_hostile_cli.py, on SQLite and (with MGZ_TEST_POSTGRES_URL) PostgreSQL; one
page session per backend uploads the files one after another, as a user would.
"""
from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from streamlit.testing.v1 import AppTest

from data.db import make_engine
from tests.conftest import _backends, _postgres_url_with_schema
from tests.dashboard.conftest import clear_streamlit_caches
from tests.data.conftest import batches, snapshot
from tests.hostile import corpus, english_in, lower_limits, prepare

CASES = corpus()
PAGE = Path(__file__).resolve().parents[2] / "dashboard" / "pages" / "gegevens.py"
MIME = {"csv": "text/csv", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


@pytest.fixture(scope="module", params=_backends())
def upload_db(request, tmp_path_factory):
    """(url, engine) of a prepared database per backend, shared by the module (uploads only validate)."""
    admin = schema = None
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('hostile-upload') / 'upload.sqlite'}"
    else:
        schema = f"u_{uuid.uuid4().hex[:12]}"
        admin = create_engine(os.environ["MGZ_TEST_POSTGRES_URL"])
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = _postgres_url_with_schema(schema)
    engine = make_engine(url)
    prepare(engine)
    clear_streamlit_caches()
    yield url, engine, {}
    clear_streamlit_caches()
    engine.dispose()
    if schema:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def shown_text(at: AppTest) -> str:
    """Alerts, texts and the rows of the rejected-rows table as the user reads them."""
    parts = [str(e.value) for kind in ("error", "warning", "success", "info", "text", "caption") for e in getattr(at, kind)]
    for frame in at.dataframe:
        table = frame.value
        if {"Rij", "Kolom", "Reden"} <= set(table.columns):
            parts += [f"rij {r}, kolom {k}: {reden}" for r, k, reden in table[["Rij", "Kolom", "Reden"]].itertuples(index=False)]
    return "\n".join(parts)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_upload_ends_in_a_dutch_message(case, upload_db, monkeypatch):
    url, engine, session = upload_db
    lower_limits(monkeypatch)
    monkeypatch.setenv("MGZ_DATABASE_URL", url)
    if "app" not in session:
        session["app"] = AppTest.from_file(str(PAGE), default_timeout=60).run()
    at = session["app"]
    before, imported = snapshot(engine), batches(engine)
    at.selectbox(key="import_kind").set_value(case.kind).run()
    mime = MIME.get(case.filename.rsplit(".", 1)[-1], "application/octet-stream")
    at.file_uploader(key=f"upload_{case.kind}").set_value((case.filename, case.raw, mime)).run()
    assert not at.exception, [e.value for e in at.exception]
    shown = shown_text(at)
    assert case.expected in shown, shown
    assert "afgewezen" in shown or "kan niet worden gelezen" in shown, shown
    assert not english_in(shown), shown
    assert snapshot(engine) == before and batches(engine) == imported
    at.file_uploader(key=f"upload_{case.kind}").set_value(None).run()  # as a user removing the file
