"""Geometric building blocks of the fictional demo: candidate sites (PC4 areas), clustering, points, dissolves.

All distances are in metres in RD New (EPSG:28992); stored coordinates stay WGS84 like the reference geography.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import shapely
from pyproj import Transformer
from scipy.spatial import cKDTree

from data.registry import Geography

_TO_RD = Transformer.from_crs("EPSG:4326", "EPSG:28992", always_xy=True)
M2_PER_SQUARE_DEGREE = 7.57e9  # WGS84 at about 52 degrees north (111.2 km x 68.1 km); good enough to spot slivers


def build_places(geography: Geography) -> pd.DataFrame:
    """One row per PC4 area with a geometry: code, inwoners, gemeente, plaats, zk, lon/lat and x/y of a point on it.

    The frame keeps the polygon (WGS84) in column `geom`; rows are sorted by PC4 code so the demo is reproducible.
    """
    regions = geography.regions
    pc4 = regions[regions["niveau"] == "pc4"]
    present = pc4.geometry.to_numpy()
    pc4 = pc4[~shapely.is_missing(present) & ~shapely.is_empty(present)].sort_values("code")
    membership = geography.membership
    to_gemeente = membership[membership["ouder_niveau"] == "gemeente"].set_index("kind_code")["ouder_code"]
    to_zk = membership[membership["ouder_niveau"] == "zorgkantoorregio"].set_index("kind_code")["ouder_code"]
    gemeente_names = regions[regions["niveau"] == "gemeente"].set_index("code")["naam"]
    geoms = shapely.make_valid(pc4.geometry.to_numpy())
    points = shapely.point_on_surface(geoms)
    lon, lat = shapely.get_x(points), shapely.get_y(points)
    x, y = _TO_RD.transform(lon, lat)
    places = pd.DataFrame(
        {
            "code": pc4["code"].astype(str).to_numpy(),
            "inwoners": pd.to_numeric(pc4["inwoners"], errors="coerce").fillna(0).to_numpy(dtype=float),
            "lon": lon,
            "lat": lat,
            "x": np.asarray(x, dtype=float),
            "y": np.asarray(y, dtype=float),
            "geom": geoms,
        }
    )
    places["gemeente"] = places["code"].map(to_gemeente)
    places["plaats"] = places["gemeente"].map(gemeente_names)
    places["zk"] = places["gemeente"].map(to_zk)
    places["naamplaats"] = places["plaats"].fillna(places["code"])  # for names when a PC4 lacks its gemeente
    return places.reset_index(drop=True)


def weighted_kmeans(
    xy: np.ndarray, weights: np.ndarray, k: int, rng: np.random.Generator, iterations: int = 30
) -> tuple[np.ndarray, np.ndarray]:
    """Lloyd's algorithm with point weights; returns (centres k x 2, label per point).

    Weighting by population puts more centres where people live, as with real out-of-hours posts.
    """
    probabilities = weights / weights.sum()
    centres = xy[rng.choice(len(xy), size=k, replace=False, p=probabilities)].copy()
    labels = np.zeros(len(xy), dtype=int)
    for _ in range(iterations):
        _, labels = cKDTree(centres).query(xy)
        mass = np.bincount(labels, weights=weights, minlength=k)
        sum_x = np.bincount(labels, weights=weights * xy[:, 0], minlength=k)
        sum_y = np.bincount(labels, weights=weights * xy[:, 1], minlength=k)
        filled = mass > 0
        centres[filled, 0] = sum_x[filled] / mass[filled]
        centres[filled, 1] = sum_y[filled] / mass[filled]
    _, labels = cKDTree(centres).query(xy)
    return centres, labels


def choose_sites(places: pd.DataFrame, k: int, rng: np.random.Generator) -> np.ndarray:
    """Indices of k distinct populous PC4 areas spread over the country like service centres."""
    xy = places[["x", "y"]].to_numpy()
    weights = places["inwoners"].to_numpy() + 50.0  # empty areas still pull a little, so rural land is served
    centres, labels = weighted_kmeans(xy, weights, k, rng)
    chosen: list[int] = []
    for cluster in range(k):
        members = np.flatnonzero(labels == cluster)
        if len(members) == 0:
            continue
        populous = members[places["inwoners"].to_numpy()[members] >= np.median(places["inwoners"].to_numpy()[members])]
        distance = np.hypot(*(xy[populous] - centres[cluster]).T)
        chosen.append(int(populous[np.argmin(distance)]))
    return np.array(sorted(set(chosen)), dtype=int)


def nearest(points_xy: np.ndarray, sites_xy: np.ndarray, count: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """Distances and indices of the `count` nearest sites per point, both shaped (points, count)."""
    count = min(count, len(sites_xy))
    distance, index = cKDTree(sites_xy).query(points_xy, k=count)
    if count == 1:
        distance, index = distance[:, None], index[:, None]
    return distance, index


def random_points_in(geoms: np.ndarray, rng: np.random.Generator, rounds: int = 60) -> tuple[np.ndarray, np.ndarray]:
    """One random point inside each polygon (lon, lat); a point on the surface if sampling keeps missing."""
    geoms = np.asarray(geoms, dtype=object)
    bounds = shapely.bounds(geoms)
    lon = np.full(len(geoms), np.nan)
    lat = np.full(len(geoms), np.nan)
    todo = np.arange(len(geoms))
    for _ in range(rounds):
        if len(todo) == 0:
            break
        b = bounds[todo]
        cand_x = b[:, 0] + rng.random(len(todo)) * (b[:, 2] - b[:, 0])
        cand_y = b[:, 1] + rng.random(len(todo)) * (b[:, 3] - b[:, 1])
        inside = shapely.contains_xy(geoms[todo], cand_x, cand_y)
        lon[todo[inside]] = cand_x[inside]
        lat[todo[inside]] = cand_y[inside]
        todo = todo[~inside]
    if len(todo):
        fallback = shapely.point_on_surface(geoms[todo])
        lon[todo], lat[todo] = shapely.get_x(fallback), shapely.get_y(fallback)
    return lon, lat


def to_rd(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    x, y = _TO_RD.transform(lon, lat)
    return np.column_stack([np.asarray(x, dtype=float), np.asarray(y, dtype=float)])


def dissolve(geoms: np.ndarray, groups: np.ndarray) -> dict:
    """The union of the polygons per group label (sorted labels), e.g. a HAP service area from its PC4 areas."""
    order = np.argsort(groups, kind="stable")
    labels, starts = np.unique(groups[order], return_index=True)
    parts = np.split(order, starts[1:])
    return {label: shapely.union_all(geoms[part]) for label, part in zip(labels, parts)}


def fill_slivers(geom, hole_m2: float = 200_000, part_m2: float = 50_000):
    """Tidy a union of independently simplified PC4 polygons: fill the sliver holes between them (smaller than
    `hole_m2`) and drop loose sliver parts (smaller than `part_m2`; the largest part always stays)."""
    parts = shapely.get_parts(geom)
    area = shapely.area(parts) * M2_PER_SQUARE_DEGREE
    kept = []
    for part, size in zip(parts, area):
        if size < part_m2 and size < area.max():
            continue
        rings = np.array(part.interiors, dtype=object)
        if len(rings):
            rings = rings[shapely.area(shapely.polygons(rings)) * M2_PER_SQUARE_DEGREE >= hole_m2]
        kept.append(shapely.Polygon(part.exterior, list(rings)))
    return kept[0] if len(kept) == 1 else shapely.union_all(kept)  # a kept part may sit in a filled hole
