"""Migration 0005 (users, audit trail, finding edits): upgrading a filled 0004 database loses nothing, and the
database itself refuses to change or delete audit rows (SQLite and PostgreSQL)."""
from __future__ import annotations

from datetime import date, datetime

import pytest
from alembic import command
from sqlalchemy import (
    Boolean, Date, DateTime, Float, Integer, LargeBinary, MetaData, String, Text, inspect, select, text,
)
from sqlalchemy.exc import DBAPIError

from data import models as m
from data.access import local_user
from data.audit import read_audit, record
from data.db import alembic_config, make_engine
from data.faults import explain


def _value(column):
    """One deterministic value per column type; every string is 'v1', so foreign keys between text ids match."""
    kind = column.type
    if isinstance(kind, Boolean):
        return True
    if isinstance(kind, Integer):
        return 1
    if isinstance(kind, Float):
        return 1.5
    if isinstance(kind, DateTime):
        return datetime(2024, 3, 1, 12, 30)
    if isinstance(kind, Date):
        return date(2024, 3, 1)
    if isinstance(kind, LargeBinary):
        return b"\x01\x02"
    if isinstance(kind, (String, Text)):
        return "v1"
    raise AssertionError(f"no sample value for {column} ({kind})")


def _fill_every_table(engine) -> dict[str, list[tuple]]:
    """One row in every table of the schema at its current revision; returns the rows as stored."""
    meta = MetaData()
    meta.reflect(bind=engine)
    stored = {}
    with engine.begin() as connection:
        for table in meta.sorted_tables:
            if table.name == "alembic_version":
                continue
            connection.execute(table.insert().values({c.name: _value(c) for c in table.columns}))
    with engine.connect() as connection:
        for table in meta.sorted_tables:
            if table.name != "alembic_version":
                stored[table.name] = [tuple(r) for r in connection.execute(table.select()).all()]
    return stored


def test_upgrade_from_0004_keeps_every_row_and_adds_the_new_columns_empty(db_url):
    engine = make_engine(db_url, migrate=False)
    command.upgrade(alembic_config(engine), "0004")
    before = _fill_every_table(engine)
    assert len(before) == 16 and all(len(rows) == 1 for rows in before.values())
    command.upgrade(alembic_config(engine), "head")

    meta = MetaData()
    meta.reflect(bind=engine)
    with engine.connect() as connection:
        for name, rows in before.items():
            table = meta.tables[name]
            old_columns = [table.c[c] for c in m.Base.metadata.tables[name].columns.keys()
                           if c not in ("ingetrokken", "ingetrokken_reden", "gewijzigd")]
            after = [tuple(r) for r in connection.execute(select(*old_columns)).all()]
            assert after == rows, name
        b = m.Finding
        assert connection.execute(select(b.ingetrokken, b.ingetrokken_reden, b.gewijzigd)).all() == [(False, None, None)]
        assert connection.execute(select(m.User.email)).all() == []
        assert connection.execute(select(m.AuditEntry.id)).all() == []
    # The upgraded database works with the new code: the finding counts, users and audit rows can be written.
    from data.registry import load_registry
    from data.users import add_user, role_of

    assert len(load_registry(engine).findings) == 1
    add_user(engine, local_user("beheer"), "eerste@voorbeeld.nl", "beheerder")
    assert role_of(engine, "eerste@voorbeeld.nl") == "beheerder"
    assert read_audit(engine)["actie"].tolist() == ["gebruiker_toegevoegd"]
    engine.dispose()


def test_downgrade_to_0004_and_upgrade_again(db_url):
    engine = make_engine(db_url)
    with engine.begin() as connection:
        record(connection, local_user("beheer"), "download", "export bevindingen")
    command.downgrade(alembic_config(engine), "0004")
    tables = set(inspect(engine).get_table_names())
    assert "audit" not in tables and "gebruiker" not in tables
    command.upgrade(alembic_config(engine), "head")
    assert read_audit(engine).empty
    engine.dispose()


def _audit_row(engine) -> None:
    with engine.begin() as connection:
        record(connection, local_user("beheer"), "download", "export bevindingen", {"rijen": 3})


@pytest.mark.parametrize("statement", ["UPDATE audit SET actie = 'import'", "DELETE FROM audit"])
def test_the_database_refuses_to_change_or_delete_audit_rows(engine, statement):
    _audit_row(engine)
    with pytest.raises(DBAPIError) as refused:
        with engine.begin() as connection:
            connection.execute(text(statement))
    assert "auditlogboek kan alleen worden aangevuld" in str(refused.value)
    assert explain(refused.value).startswith("Het auditlogboek kan alleen worden aangevuld")  # the CLI's sentence
    entries = read_audit(engine)
    assert entries[["actie", "onderwerp", "details"]].values.tolist() == [
        ["download", "export bevindingen", '{"rijen": 3, "zonder_login": true}']
    ]


def test_postgresql_also_refuses_truncate(engine):
    if engine.dialect.name != "postgresql":
        pytest.skip("TRUNCATE exists on PostgreSQL only")
    _audit_row(engine)
    with pytest.raises(DBAPIError, match="auditlogboek"):
        with engine.begin() as connection:
            connection.execute(text("TRUNCATE audit"))
    assert len(read_audit(engine)) == 1
