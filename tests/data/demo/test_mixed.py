"""The demo label follows the data: own files imported beside the demo make it 'gemengd', and the demo can be
removed again while the user's own rows stay."""
from __future__ import annotations

from sqlalchemy import func, select

from data import models as m
from data.demo.removal import remove_demo
from data.imports import import_file
from data.registry import MIXED_LABEL, data_label, demo_state, is_demo
from data.status import describe

OWN = (
    "id;type;naam;organisatie;lat;lon\n"
    "EIGEN1;vg_locatie;Woonlocatie De Linde;Stichting Eigen;52,09;5,12\n"
    "EIGEN2;huisartsenpraktijk;Praktijk Oost;;52,10;5,13\n"
)


def count(engine, model) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(model)).scalar_one()


def test_own_imports_beside_the_demo_make_it_mixed_and_removing_the_demo_keeps_them(demo_engine, capsys):
    assert demo_state(demo_engine) == "demo" and data_label("demo") == "fictief voorbeeld"
    report = import_file(demo_engine, "voorzieningen", OWN.encode("utf-8"), filename="eigen.csv", user="test")
    assert report.ok, report.as_text()
    assert demo_state(demo_engine) == "gemengd" and is_demo(demo_engine)
    assert data_label("gemengd") == MIXED_LABEL == "voorbeeld en eigen gegevens gemengd"
    assert MIXED_LABEL in describe(demo_engine)

    summary = remove_demo(demo_engine, progress=lambda *_: None)
    assert summary.voorzieningen > 2000 and summary.bevindingen > 0
    assert demo_state(demo_engine) is None and not is_demo(demo_engine)
    with demo_engine.connect() as connection:
        left = connection.execute(select(m.Facility.id).order_by(m.Facility.id)).scalars().all()
        organisations = connection.execute(select(m.Organisation.naam)).scalars().all()
    assert left == ["EIGEN1", "EIGEN2"] and organisations == ["Stichting Eigen"]
    for model in (m.Collaboration, m.ServiceArea, m.Finding, m.ConvenantAction, m.Wave):
        assert count(demo_engine, model) == 0, model.__tablename__
    assert count(demo_engine, m.ImportBatch) == 1  # the history of the own import stays
    assert "verwijderd" in str(summary)


def test_a_demo_facility_renamed_by_an_own_import_counts_as_own(demo_engine):
    with demo_engine.connect() as connection:
        hap, naam = connection.execute(select(m.Facility.id, m.Facility.naam).where(m.Facility.type == "hap")).first()
    renamed = f"id;type;naam;lat;lon\n{hap};hap;Echte huisartsenpost;52,09;5,12\n"
    assert import_file(demo_engine, "voorzieningen", renamed.encode("utf-8"), filename="eigen.csv").ok
    remove_demo(demo_engine, progress=lambda *_: None)
    with demo_engine.connect() as connection:
        assert connection.execute(select(m.Facility.naam)).scalars().all() == ["Echte huisartsenpost"]


def test_the_cli_removes_the_demo_and_refuses_without_one(demo_db_path, monkeypatch, capsys):
    from data.__main__ import main

    monkeypatch.setenv("MGZ_DATABASE_URL", f"sqlite:///{demo_db_path}")
    assert main(["demo", "--verwijder"]) == 0
    assert "verwijderd" in capsys.readouterr().out
    assert main(["demo", "--verwijder"]) == 1
    assert "geen fictief voorbeeld" in capsys.readouterr().err
