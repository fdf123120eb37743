"""Every hostile file through `python -m data import`: a Dutch message, exit code 1, no traceback, nothing stored.

Runs on SQLite and (with MGZ_TEST_POSTGRES_URL) on PostgreSQL, against one prepared database per backend.
"""
from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import create_engine, text

from data.__main__ import main
from data.db import make_engine
from tests.conftest import _backends, _postgres_url_with_schema
from tests.data.conftest import batches, snapshot
from tests.hostile import corpus, english_in, lower_limits, prepare

CASES = corpus()


@pytest.fixture(scope="module", params=_backends())
def hostile_url(request, tmp_path_factory):
    """A prepared database per backend, shared by the module (the corpus only reads it)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('hostile') / 'hostile.sqlite'}"
        schema = None
    else:
        schema = f"h_{uuid.uuid4().hex[:12]}"
        admin = create_engine(os.environ["MGZ_TEST_POSTGRES_URL"])
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = _postgres_url_with_schema(schema)
    engine = make_engine(url)
    prepare(engine)
    engine.dispose()
    yield url
    from data.db import _cached_engine

    _cached_engine.cache_clear()
    if schema:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(scope="module")
def hostile_engine(hostile_url):
    engine = make_engine(hostile_url)
    yield engine
    engine.dispose()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_file_ends_in_a_dutch_message_and_exit_code_1(case, hostile_url, hostile_engine, tmp_path,
                                                              monkeypatch, capsys):
    lower_limits(monkeypatch)
    monkeypatch.setenv("MGZ_DATABASE_URL", hostile_url)
    path = tmp_path / case.filename
    path.write_bytes(case.raw)
    before, imported = snapshot(hostile_engine), batches(hostile_engine)
    code = main(["import", case.kind, str(path)])
    output = capsys.readouterr()
    shown = output.out + output.err
    assert code == 1, shown
    assert case.expected in shown, shown
    assert "niets opgeslagen" in shown
    assert not english_in(shown), shown
    assert snapshot(hostile_engine) == before and batches(hostile_engine) == imported


def test_at_most_50_errors_are_listed_then_the_rest_is_counted(hostile_url, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("MGZ_DATABASE_URL", hostile_url)
    path = tmp_path / "fout.csv"
    rows = ["id;type;naam;lat;lon"] + [f"X{n};ziekenhuis;Huis;52,375;4,905" for n in range(120)]
    path.write_text("\n".join(rows), encoding="utf-8")
    assert main(["import", "voorzieningen", str(path)]) == 1
    out = capsys.readouterr().out
    assert sum(line.startswith("  rij ") for line in out.splitlines()) == 50
    assert "  en nog 70 fouten" in out
