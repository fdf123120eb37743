"""Imports against the real national reference geography (loaded once per session)."""
from __future__ import annotations

import shapely
from sqlalchemy import select

from data import models as m
from data.imports import KINDS, import_file, template_path
from data.registry import load_registry


def test_templates_import_against_the_national_reference(reference_engine):
    for kind in KINDS:
        report = import_file(reference_engine, kind, template_path(kind))
        assert report.ok, report.as_text()
    facilities = load_registry(reference_engine).facilities.set_index("id")
    # The AVG-poli template row has only a postcode: its position must lie inside the real PC4 area 3511.
    with reference_engine.connect() as connection:
        wkb = connection.execute(
            select(m.Region.geometrie).where(m.Region.niveau == "pc4", m.Region.code == "3511")
        ).scalar_one()
    row = facilities.loc["FICTIEF-POLI-01"]
    assert row["locatie_bij_benadering"]
    assert shapely.from_wkb(wkb).contains(shapely.Point(row["lon"], row["lat"]))
    areas = load_registry(reference_engine).service_areas
    assert sorted(areas["pc4"]) == ["1011", "1012"]


def test_gemeente_service_area_covers_its_real_pc4s(reference_engine, tmp_path):
    import_file(reference_engine, "voorzieningen", template_path("voorzieningen"))
    path = tmp_path / "w.csv"
    path.write_text("hap_id;gemeentecode\nFICTIEF-HAP-01;GM0363\n", encoding="utf-8")
    report = import_file(reference_engine, "werkgebieden", path)
    assert report.ok, report.as_text()
    covered = load_registry(reference_engine).service_areas["pc4"]
    assert len(covered) > 50 and covered.str[:2].isin(["10", "11", "13"]).all()  # Amsterdam incl. Weesp
