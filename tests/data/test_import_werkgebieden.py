"""Importing HAP service areas from GeoJSON, PC4 lists and gemeente lists."""
from __future__ import annotations

import json

import pytest
import shapely
from shapely.geometry import box, mapping, Point
from sqlalchemy import select

from data import models as m
from data.db import transaction
from data.imports import import_file
from data.registry import load_registry
from tests.data.conftest import snapshot

# Covers the points-on-surface of PC4 1011 and 1012 (both squares inside it).
AMSTERDAM = box(4.899, 52.369, 4.921, 52.381)


def geojson(*features) -> str:
    return json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": props, "geometry": mapping(geom) if geom is not None else None}
        for props, geom in features
    ]})


def areas(engine) -> dict[str, list[str]]:
    frame = load_registry(engine).service_areas
    return {hap: sorted(group["pc4"]) for hap, group in frame.groupby("hap_id")}


def area_rows(engine) -> dict[str, tuple]:
    with transaction(engine) as session:
        rows = session.execute(select(m.ServiceArea.hap_id, m.ServiceArea.bron, m.ServiceArea.geometrie)).all()
    return {hap: (bron, shapely.from_wkb(wkb)) for hap, bron, wkb in rows}


def errors_of(report):
    return [tuple(r) for r in report.errors.itertuples(index=False, name=None)]


def test_geojson_outline_covers_pc4_by_point_on_surface(facility_engine, write_file):
    path = write_file("w.geojson", geojson(({"hap_id": "HAP1", "naam": "genegeerd"}, AMSTERDAM)))
    report = import_file(facility_engine, "werkgebieden", path)
    assert report.ok, report.as_text()
    assert areas(facility_engine) == {"HAP1": ["1011", "1012"]}
    bron, outline = area_rows(facility_engine)["HAP1"]
    assert bron == "geojson" and outline.equals_exact(AMSTERDAM, 0)


def test_several_features_of_one_hap_are_united(facility_engine, write_file):
    west, east = box(4.9, 52.37, 4.91, 52.38), box(4.91, 52.37, 4.92, 52.38)
    path = write_file("w.geojson", geojson(({"HAP_ID": "HAP1"}, west), ({"hap_id": "HAP1"}, east)))
    assert import_file(facility_engine, "werkgebieden", path).ok
    assert areas(facility_engine) == {"HAP1": ["1011", "1012"]}
    assert area_rows(facility_engine)["HAP1"][1].area == pytest.approx(west.union(east).area)


def test_rd_coordinates_are_converted_to_wgs84(facility_engine, write_file):
    from pyproj import Transformer

    to_rd = Transformer.from_crs(4326, 28992, always_xy=True)
    rd = shapely.transform(AMSTERDAM, lambda xy: __import__("numpy").column_stack(to_rd.transform(xy[:, 0], xy[:, 1])))
    report = import_file(facility_engine, "werkgebieden", write_file("w.geojson", geojson(({"hap_id": "HAP1"}, rd))))
    assert report.ok and any("EPSG:28992" in w for w in report.warnings)
    assert areas(facility_engine) == {"HAP1": ["1011", "1012"]}


def test_pc4_list(facility_engine, write_file):
    report = import_file(facility_engine, "werkgebieden", write_file("w.csv", "hap_id;pc4\nHAP1;1011\nHAP1;3511\nHAP2;3512\n"))
    assert report.ok, report.as_text()
    assert areas(facility_engine) == {"HAP1": ["1011", "3511"], "HAP2": ["3512"]}
    bron, outline = area_rows(facility_engine)["HAP1"]
    assert bron == "pc4" and outline.area == pytest.approx(2 * 0.0001)


def test_gemeente_list_takes_every_pc4_of_the_gemeente(facility_engine, write_file):
    report = import_file(facility_engine, "werkgebieden", write_file("w.csv", "HAP;Gemeente\nHAP2;344\n"))
    assert report.ok, report.as_text()
    assert areas(facility_engine) == {"HAP2": ["3511", "3512"]}
    bron, outline = area_rows(facility_engine)["HAP2"]
    assert bron == "gemeente" and outline.equals(box(5.10, 52.09, 5.12, 52.10))


def test_reimport_replaces_only_that_haps_area(facility_engine, write_file):
    import_file(facility_engine, "werkgebieden", write_file("a.csv", "hap_id;pc4\nHAP1;1011\nHAP2;3511\n"))
    assert import_file(facility_engine, "werkgebieden", write_file("b.csv", "hap_id;pc4\nHAP1;1012\n")).ok
    assert areas(facility_engine) == {"HAP1": ["1012"], "HAP2": ["3511"]}


def test_reimporting_the_same_file_changes_nothing(facility_engine, write_file):
    path = write_file("w.geojson", geojson(({"hap_id": "HAP1"}, AMSTERDAM)))
    import_file(facility_engine, "werkgebieden", path)
    before = snapshot(facility_engine)
    assert import_file(facility_engine, "werkgebieden", path).ok
    assert snapshot(facility_engine) == before


@pytest.mark.parametrize(
    "text, expected",
    [
        ("hap_id;pc4\nPOLI1;1011\n", [(2, "hap_id", "voorziening 'POLI1' is geen hap maar avg_poli")]),
        ("hap_id;pc4\nONBEKEND;1011\n", [(2, "hap_id", "voorziening 'ONBEKEND' bestaat niet; importeer eerst de voorzieningen")]),
        ("hap_id;pc4\n;1011\n", [(2, "hap_id", "hap_id ontbreekt")]),
        ("hap_id;pc4\nHAP1;9999\n", [(2, "pc4", "PC4-gebied bestaat niet in de referentie")]),
        ("hap_id;pc4\nHAP1;10\n", [(2, "pc4", "'10' is geen PC4-code (vier cijfers)")]),
        ("hap_id;gemeentecode\nHAP1;GM9998\n", [(2, "gemeentecode", "gemeentecode 'GM9998' bestaat niet")]),
        ("hap_id;gemeentecode\nHAP1;GM0999\n", [(2, "gemeentecode", "geen PC4-gebieden bekend in deze gemeente")]),
        ("hap_id;pc4;gemeentecode\nHAP1;1011;GM0363\n", [(2, "pc4", "vul pc4 óf gemeentecode in, niet allebei")]),
        ("hap_id;pc4\nHAP1;\n", [(2, "pc4", "pc4 of gemeentecode ontbreekt")]),
    ],
)
def test_bad_rows(facility_engine, write_file, text, expected):
    report = import_file(facility_engine, "werkgebieden", write_file("w.csv", text))
    assert not report.ok and errors_of(report) == expected
    assert areas(facility_engine) == {}


def test_one_bad_row_holds_back_the_whole_hap_even_when_skipping(facility_engine, write_file):
    text = "hap_id;pc4\nHAP1;1011\nHAP1;9999\nHAP2;3511\n"
    report = import_file(facility_engine, "werkgebieden", write_file("w.csv", text), skip_invalid=True)
    assert report.ok and report.rows_imported == 1
    assert (2, "hap_id", "werkgebied van HAP1 wordt niet geïmporteerd omdat rij 3 fout is") in errors_of(report)
    assert areas(facility_engine) == {"HAP2": ["3511"]}


@pytest.mark.parametrize(
    "geometry, reason",
    [
        (box(2.30, 48.80, 2.40, 48.90), "werkgebied ligt buiten Nederland"),
        (box(52.369, 4.899, 52.381, 4.921), "lat en lon lijken verwisseld"),
        (Point(4.905, 52.375), "geen vlak"),
        (None, "geometrie ontbreekt"),
        (box(6.5, 52.5, 6.6, 52.6), "geen enkel PC4-gebied valt binnen dit werkgebied"),
    ],
)
def test_bad_outlines(facility_engine, write_file, geometry, reason):
    report = import_file(facility_engine, "werkgebieden", write_file("w.geojson", geojson(({"hap_id": "HAP1"}, geometry))))
    assert not report.ok
    ((rij, kolom, text),) = errors_of(report)
    assert (rij, kolom) == (1, "geometry") and reason in text


def test_csv_without_pc4_or_gemeente_column_is_refused(facility_engine, write_file):
    report = import_file(facility_engine, "werkgebieden", write_file("w.csv", "hap_id;naam\nHAP1;x\n"))
    assert "pc4 of gemeentecode ontbreekt" in report.file_errors[0]


def test_dry_run_writes_nothing(facility_engine, write_file):
    before = snapshot(facility_engine)
    report = import_file(facility_engine, "werkgebieden", write_file("w.csv", "hap_id;pc4\nHAP1;1011\n"), dry_run=True)
    assert report.ok and snapshot(facility_engine) == before
    assert report.preview["aantal_pc4"].tolist() == [1] and "_geometry" not in report.preview
