"""Reading boundary files: formats, coordinate systems, property names, codes, years."""
from __future__ import annotations

import json

import geopandas as gpd
import pytest
import shapely

from data.errors import UserError
from data.reference.loading import load_reference
from data.reference.files import SourceFile, discover, normalise_code, read_layer, year_from_name
from data.registry import load_geography
from tests.data import reference_samples as samples

QUIET = lambda *_: None  # noqa: E731


def _bounds_in_netherlands(frame: gpd.GeoDataFrame) -> bool:
    minx, miny, maxx, maxy = frame.geometry.dropna().total_bounds
    return 3 < minx < maxx < 8 and 50 < miny < maxy < 54


def _expected_wgs84(level: str):
    return samples.frames(4326)[level].geometry


@pytest.mark.parametrize("declare_crs", [False, True])
def test_rd_geojson_is_detected_and_converted(tmp_path, declare_crs):
    folder = samples.write_geojson(tmp_path, crs=28992, declare_crs=declare_crs)
    layer = read_layer(discover(folder)["gemeente"])
    assert _bounds_in_netherlands(layer.frame)
    for got, expected in zip(layer.frame.geometry, _expected_wgs84("gemeente")):
        assert got.symmetric_difference(expected).area < 1e-10


def test_geopackage_in_rd_loads_with_memberships(engine, tmp_path):
    folder = samples.write_gpkg(tmp_path / "gpkg", crs=28992, year=2024)
    summary = load_reference(engine, source_dir=folder, progress=QUIET)
    assert summary.counts == samples.COUNTS
    assert summary.years["gemeente"] == 2024
    geography = load_geography(engine)
    assert _bounds_in_netherlands(geography.regions)
    links = geography.membership.set_index(["kind_code", "ouder_niveau"])["ouder_code"]
    assert links[("GM0001", "zorgkantoorregio")] == "ZK01" and links[("3514", "gemeente")] == "GM0003"


@pytest.mark.parametrize("name", ["gemeente_2023.topojson", "gemeente_2023.json"])
def test_hand_made_topojson_gives_two_squares_sharing_a_border(tmp_path, name):
    (tmp_path / name).write_text(json.dumps(samples.topojson_two_squares()), encoding="utf-8")
    source = discover(tmp_path)["gemeente"]
    assert source.year == 2023
    layer = read_layer(source)
    frame = layer.frame.set_index("code")
    assert list(frame.index) == ["GM0001", "GM0002"] and frame.loc["GM0002", "naam"] == "Oost"
    west, east = frame.geometry["GM0001"], frame.geometry["GM0002"]
    assert west.area == pytest.approx(1e-4) and east.area == pytest.approx(1e-4)
    assert west.intersection(east).length == pytest.approx(0.01)  # the shared arc, once in each polygon


def test_invalid_polygon_is_repaired_to_valid_polygons(tmp_path):
    frame = gpd.GeoDataFrame({"statcode": ["GM0001"], "statnaam": ["Strik"]}, geometry=[samples.bow_tie()], crs=28992)
    assert not frame.geometry.iloc[0].is_valid
    frame.to_file(tmp_path / "gemeente_2025.gpkg", driver="GPKG")
    layer = read_layer(discover(tmp_path)["gemeente"])
    repaired = layer.frame.geometry.iloc[0]
    assert repaired.is_valid and repaired.geom_type == "MultiPolygon"
    assert shapely.get_num_geometries(repaired) == 2


def test_alternative_property_names_and_cbs_secret_values(tmp_path):
    geometry = [shapely.box(5.0, 52.0, 5.01, 52.01), shapely.box(5.01, 52.0, 5.02, 52.01), None]
    frame = gpd.GeoDataFrame({"PC4": ["1011", 1012.0, 1013], "Aantal_Inwoners": [120, -99997, None]}, geometry=geometry, crs=4326)
    frame.to_file(tmp_path / "pc4_2022.gpkg", driver="GPKG")
    layer = read_layer(discover(tmp_path)["pc4"])
    got = layer.frame
    assert list(got["code"]) == ["1011", "1012", "1013"]
    assert got["inwoners"].tolist()[0] == 120 and got["inwoners"].isna().tolist() == [False, True, True]
    assert got.geometry.isna().tolist() == [False, False, True]  # a PC4 without area is kept, geometry NULL


def test_discovery_ignores_other_files_and_prefers_the_newest_year(tmp_path):
    for name in ["gemeente_2024.geojson", "gemeente_2025.geojson", "ggdregio_2022.geojson", "gemeente.csv",
                 "provincie.gpkg", "notes.txt", "cbs_pc4_2023_v1.gpkg"]:
        (tmp_path / name).write_text("{}", encoding="utf-8")
    found = discover(tmp_path)
    assert {level: source.path.name for level, source in found.items()} == {
        "gemeente": "gemeente_2025.geojson",
        "provincie": "provincie.gpkg",
        "pc4": "cbs_pc4_2023_v1.gpkg",
    }
    assert found["provincie"].year is None and found["pc4"].year == 2023


@pytest.mark.parametrize(
    ("name", "year"),
    [("gemeente_2025.geojson", 2025), ("2024-cbs_pc4_2023_v1.zip", 2023), ("pc4_cbs.geojson", None), ("x12025", None)],
)
def test_year_from_file_name(name, year):
    assert year_from_name(name) == year


@pytest.mark.parametrize(
    ("value", "level", "code"),
    [("GM0014", "gemeente", "GM0014"), ("2025GM0014", "gemeente", "GM0014"), (14, "gemeente", "GM0014"),
     ("zk09", "zorgkantoorregio", "ZK09"), ("20", "provincie", "PV20"), (1011, "pc4", "1011"), ("1011.0", "pc4", "1011")],
)
def test_codes_are_normalised(value, level, code):
    assert normalise_code(value, level, "f.geojson", 1, "statcode") == code


def test_bad_code_names_file_row_and_column():
    with pytest.raises(UserError, match=r"pc4_2020\.geojson, rij 7, kolom postcode: '101' is geen postcode"):
        normalise_code("101", "pc4", "pc4_2020.geojson", 7, "postcode")


def test_missing_code_column_is_explained(tmp_path):
    frame = gpd.GeoDataFrame({"naam": ["A"]}, geometry=[shapely.box(5.0, 52.0, 5.01, 52.01)], crs=4326)
    frame.to_file(tmp_path / "provincie_2025.geojson", driver="GeoJSON")
    with pytest.raises(UserError, match="geen kolom met de provinciecode"):
        read_layer(SourceFile("provincie", tmp_path / "provincie_2025.geojson", 2025))


@pytest.mark.filterwarnings("ignore:'crs' was not provided")
def test_unknown_coordinate_system_is_refused(tmp_path):
    frame = gpd.GeoDataFrame({"statcode": ["GM0001"], "statnaam": ["A"]}, geometry=[shapely.box(1e7, 1e7, 1e7 + 5, 1e7 + 5)])
    path = tmp_path / "gemeente_2025.gpkg"
    frame.to_file(path, driver="GPKG")
    with pytest.raises(UserError, match="coördinatenstelsel"):
        read_layer(SourceFile("gemeente", path, 2025))
