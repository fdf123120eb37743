from sqlalchemy import inspect, select

from data import models as m
from data.db import make_engine, transaction


def test_first_use_creates_every_table(engine):
    tables = set(inspect(engine).get_table_names())
    assert {t.name for t in m.Base.metadata.sorted_tables} <= tables
    assert "alembic_version" in tables


def test_failed_transaction_leaves_database_unchanged(engine):
    with transaction(engine) as session:
        session.add(m.Organisation(id="o1", naam="Stichting Een"))
    try:
        with transaction(engine) as session:
            session.add(m.Organisation(id="o2", naam="Stichting Twee"))
            session.flush()
            raise RuntimeError("crash mid-write")
    except RuntimeError:
        pass
    with transaction(engine) as session:
        assert session.scalars(select(m.Organisation.id)).all() == ["o1"]


def test_upgrade_keeps_existing_rows(db_url):
    first = make_engine(db_url)
    with transaction(first) as session:
        session.add(m.Organisation(id="o1", naam="Stichting Een"))
    first.dispose()
    again = make_engine(db_url)  # runs the upgrade check a second time
    with transaction(again) as session:
        assert session.get(m.Organisation, "o1").naam == "Stichting Een"
    again.dispose()


def test_sqlite_uses_wal_and_foreign_keys(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'x.sqlite'}")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
