"""A tiny literal 'country' near Utrecht for reference-load tests, written in several formats."""
from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import shapely
from shapely.geometry import box

X, Y = 150_000, 450_000  # RD (EPSG:28992) metres

# Three gemeenten: two side by side in the south, one wide one in the north.
GEMEENTEN = [
    ("GM0001", "Zuidwest", box(X, Y, X + 2000, Y + 2000)),
    ("GM0002", "Zuidoost", box(X + 2000, Y, X + 4000, Y + 2000)),
    ("GM0003", "Noord", box(X, Y + 2000, X + 4000, Y + 4000)),
]
ZORGKANTOORREGIOS = [
    ("ZK01", "Zuid", box(X, Y, X + 4000, Y + 2000)),
    ("ZK02", "Noord", box(X, Y + 2000, X + 4000, Y + 4000)),
]
PROVINCIES = [("PV26", "Utrecht", box(X, Y, X + 4000, Y + 4000))]
# PC4: the first straddles GM0001/GM0002 but lies mostly (80%) in GM0001.
PC4 = [
    (3511, 100, box(X, Y, X + 2000, Y + 1000).union(box(X + 2000, Y, X + 2500, Y + 1000))),
    (3512, None, box(X + 2500, Y, X + 4000, Y + 1000)),
    (3513, 250, box(X, Y + 1000, X + 4000, Y + 2000)),
    (3514, 50, box(X, Y + 2000, X + 4000, Y + 4000)),
]
COUNTS = {"gemeente": 3, "zorgkantoorregio": 2, "provincie": 1, "pc4": 4}


def frames(crs: int = 4326) -> dict[str, gpd.GeoDataFrame]:
    """The sample layers as GeoDataFrames in `crs` with CBS property names."""
    def layer(rows):
        codes, names, geoms = zip(*rows)
        return gpd.GeoDataFrame({"statcode": codes, "statnaam": names}, geometry=list(geoms), crs=28992).to_crs(crs)

    pc4 = gpd.GeoDataFrame(
        {"postcode": [r[0] for r in PC4], "inwoners": [r[1] for r in PC4]}, geometry=[r[2] for r in PC4], crs=28992
    ).to_crs(crs)
    return {
        "gemeente": layer(GEMEENTEN),
        "zorgkantoorregio": layer(ZORGKANTOORREGIOS),
        "provincie": layer(PROVINCIES),
        "pc4": pc4,
    }


def write_geojson(folder: Path, crs: int = 4326, declare_crs: bool = False, year: int = 2025) -> Path:
    """GeoJSON files named like the CBS ones; RD coordinates with or without a legacy 'crs' member."""
    folder.mkdir(parents=True, exist_ok=True)
    for level, frame in frames(crs).items():
        data = json.loads(frame.to_json(drop_id=True))
        if declare_crs:
            data["crs"] = {"type": "name", "properties": {"name": f"urn:ogc:def:crs:EPSG::{crs}"}}
        else:
            data.pop("crs", None)
        (folder / f"{level}_{year}.geojson").write_text(json.dumps(data), encoding="utf-8")
    return folder


def write_gpkg(folder: Path, crs: int = 28992, year: int = 2024) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for level, frame in frames(crs).items():
        frame.to_file(folder / f"{level}_{year}.gpkg", layer=level, driver="GPKG")
    return folder


def topojson_two_squares() -> dict:
    """A hand-made topology: two squares of 0.01 degree sharing one arc (GM0001 west, GM0002 east)."""
    return {
        "type": "Topology",
        "arcs": [
            [[5.01, 52.0], [5.01, 52.01]],
            [[5.01, 52.01], [5.0, 52.01], [5.0, 52.0], [5.01, 52.0]],
            [[5.01, 52.0], [5.02, 52.0], [5.02, 52.01], [5.01, 52.01]],
        ],
        "objects": {
            "gemeente": {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "Polygon", "arcs": [[0, 1]], "properties": {"statcode": "GM0001", "statnaam": "West"}},
                    {"type": "Polygon", "arcs": [[2, -1]], "properties": {"statcode": "GM0002", "statnaam": "Oost"}},
                ],
            }
        },
    }


def bow_tie() -> shapely.Polygon:
    """A self-intersecting (invalid) square in RD, as found in real CBS-derived files."""
    return shapely.Polygon([(X, Y), (X + 2000, Y + 2000), (X + 2000, Y), (X, Y + 2000), (X, Y)])
