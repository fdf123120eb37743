from datetime import date

from alembic import command
from sqlalchemy import inspect, select, text

from data import models as m
from data.db import alembic_config, make_engine, transaction
from data.importing.base import upsert


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


def test_upgrade_from_0001_turns_a_collaboration_year_into_a_date(db_url):
    engine = make_engine(db_url, migrate=False)
    command.upgrade(alembic_config(engine), "0001")
    with engine.begin() as connection:
        for facility in ("v1", "h1"):
            connection.execute(text(
                "INSERT INTO voorziening (id, type, naam, lat, lon, locatie_bij_benadering) "
                "VALUES (:id, 'hap', 'Post', 52.0, 5.0, :approx)"), {"id": facility, "approx": False})
        connection.execute(text("INSERT INTO samenwerking (van, naar, soort, sinds) VALUES "
                                "('v1', 'h1', 'contract', 2019), ('h1', 'v1', 'casuistiek', NULL)"))
    command.upgrade(alembic_config(engine), "head")
    c = m.Collaboration
    columns = (c.van, c.soort, c.sinds, c.tot, c.bron, c.importbatch_id)
    with engine.connect() as connection:
        rows = [tuple(r) for r in connection.execute(select(*columns).order_by(c.id)).all()]
    assert rows == [("v1", "contract", date(2019, 1, 1), None, None, None), ("h1", "casuistiek", None, None, None, None)]
    with transaction(engine) as session:  # the (van, naar, soort) key still holds for re-imports
        upsert(session, c, [{"van": "v1", "naar": "h1", "soort": "contract", "sinds": date(2020, 5, 1)}],
               keys=["van", "naar", "soort"], update=["sinds"])
    with engine.connect() as connection:
        assert connection.execute(select(c.sinds).where(c.van == "v1")).scalars().all() == [date(2020, 5, 1)]
    engine.dispose()
