"""A handful of literal regions (tiny squares) so import tests do not need the national reference."""
from __future__ import annotations

import pytest
import shapely
from shapely.geometry import box

from data import models as m
from data.db import transaction

# (niveau, code, naam, (min lon, min lat, max lon, max lat)); PC4 squares tile their gemeente.
REGIONS = [
    ("pc4", "1011", "1011", (4.90, 52.37, 4.91, 52.38)),
    ("pc4", "1012", "1012", (4.91, 52.37, 4.92, 52.38)),
    ("pc4", "3511", "3511", (5.10, 52.09, 5.11, 52.10)),
    ("pc4", "3512", "3512", (5.11, 52.09, 5.12, 52.10)),
    ("gemeente", "GM0363", "Amsterdam", (4.90, 52.37, 4.92, 52.38)),
    ("gemeente", "GM0344", "Utrecht", (5.10, 52.09, 5.12, 52.10)),
    ("gemeente", "GM0999", "Lege gemeente (test)", (6.00, 52.00, 6.01, 52.01)),
    ("zorgkantoorregio", "ZK05", "Zorgkantoor test", (4.90, 52.09, 5.12, 52.38)),
    # Two real zorgkantoorregio codes (without membership) for the zorgkantoren template.
    ("zorgkantoorregio", "ZK02", "Amsterdam", (4.90, 52.37, 4.92, 52.38)),
    ("zorgkantoorregio", "ZK23", "Utrecht", (5.10, 52.09, 5.12, 52.10)),
    ("provincie", "PV27", "Noord-Holland", (4.90, 52.37, 4.92, 52.38)),
    ("provincie", "PV26", "Utrecht", (5.10, 52.09, 5.12, 52.10)),
]
MEMBERSHIP = [
    ("1011", "gemeente", "GM0363"),
    ("1012", "gemeente", "GM0363"),
    ("3511", "gemeente", "GM0344"),
    ("3512", "gemeente", "GM0344"),
    ("GM0363", "provincie", "PV27"),
    ("GM0344", "provincie", "PV26"),
    ("GM0363", "zorgkantoorregio", "ZK05"),
    ("GM0344", "zorgkantoorregio", "ZK05"),
]


def add_regions(engine) -> None:
    with transaction(engine) as session:
        for niveau, code, naam, bounds in REGIONS:
            wkb = shapely.to_wkb(box(*bounds))
            session.add(m.Region(niveau=niveau, code=code, naam=naam, jaar=2025, geometrie=wkb, geometrie_web=wkb))
        # A PC4 code the reference knows without an outline (the CBS file has a few of these).
        empty = shapely.to_wkb(shapely.Polygon())
        session.add(m.Region(niveau="pc4", code="9998", naam="9998", jaar=2025, geometrie=empty, geometrie_web=empty))
        for kind, level, parent in MEMBERSHIP:
            session.add(m.RegionMembership(kind_code=kind, ouder_niveau=level, ouder_code=parent, overlap=1.0))


@pytest.fixture
def geo_engine(engine):
    """The `engine` (SQLite and PostgreSQL) with the small literal regions above."""
    add_regions(engine)
    return engine


FACILITIES_CSV = (
    "id;type;naam;organisatie;postcode;lat;lon\n"
    "HAP1;hap;Huisartsenpost Noord (fictief);HDS Noord;;52,375;4,905\n"
    "HAP2;hap;Huisartsenpost Zuid (fictief);HDS Noord;;52,095;5,105\n"
    "POLI1;avg_poli;AVG-poli (fictief);Stichting Zorg;3511;;\n"
    "LOC1;vg_locatie;Woonlocatie (fictief);Stichting Zorg;1012 AB;;\n"
)


@pytest.fixture
def facility_engine(geo_engine, tmp_path):
    """geo_engine with two HAPs, an AVG-poli and a VG location."""
    from data.imports import import_file

    path = tmp_path / "basis.csv"
    path.write_text(FACILITIES_CSV, encoding="utf-8")
    report = import_file(geo_engine, "voorzieningen", path, user="test")
    assert report.ok, report.as_text()
    return geo_engine


@pytest.fixture
def write_file(tmp_path):
    """write_file(name, text, encoding='utf-8', bom=False) -> path of a file in tmp_path."""

    def write(name: str, text: str, encoding: str = "utf-8", bom: bool = False):
        path = tmp_path / name
        data = text.encode(encoding)
        path.write_bytes(("\ufeff".encode("utf-8") + data) if bom else data)
        return path

    return write


USER_TABLES = ("organisatie", "voorziening", "hap_werkgebied", "hap_werkgebied_pc4", "samenwerking", "meetgolf", "bevinding", "convenant_actie")


def snapshot(engine) -> dict[str, list[tuple]]:
    """Every row of every user-data table (sorted), to compare the database before and after.

    Generated ids and importbatch_id (which import last wrote a row, so it changes on every import) are left out.
    """
    out = {}
    with engine.connect() as connection:
        for name in USER_TABLES:
            table = m.Base.metadata.tables[name]
            columns = [c for c in table.columns
                       if (c.name != "id" or name in ("organisatie", "voorziening")) and c.name != "importbatch_id"]
            rows = connection.execute(table.select().with_only_columns(*columns)).all()
            out[name] = sorted((tuple(r) for r in rows), key=repr)
    return out


def batches(engine) -> list:
    with engine.connect() as connection:
        return connection.execute(m.ImportBatch.__table__.select().order_by(m.ImportBatch.id)).all()


def table_rows(engine, *columns, order_by=None) -> list[tuple]:
    """Rows of the given model columns straight from the database (NULL stays None)."""
    from sqlalchemy import select

    statement = select(*columns).order_by(*(order_by if order_by is not None else columns))
    with engine.connect() as connection:
        return [tuple(r) for r in connection.execute(statement).all()]
