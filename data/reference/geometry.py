"""Geometry steps of the reference load: web copies and region membership, measured in RD (EPSG:28992)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import shapely
from pyproj import Transformer

# Web copy, per level: (coverage simplification tolerance in metres, roughly the square root of the triangle
# area that may disappear; Douglas-Peucker tolerance in metres, used only when most polygons do not share their
# borders exactly, e.g. a layer simplified polygon by polygon, so there are no shared borders to keep).
# Tuned on the national dev PC4 layer: its 4,066 web geometries take about 0.9 MB as GeoJSON with 5 decimals
# (1.16 MB as a FeatureCollection with a code per feature). Parts and holes below WEB_MIN_AREA_M2 are dropped
# from the web copy only.
WEB_TOLERANCE_M = {
    "gemeente": (150.0, 50.0),
    "zorgkantoorregio": (300.0, 100.0),
    "provincie": (500.0, 150.0),
    "pc4": (700.0, 200.0),
}
WEB_MIN_AREA_M2 = 10_000.0

_TO_RD = Transformer.from_crs(4326, 28992, always_xy=True)
_TO_WGS84 = Transformer.from_crs(28992, 4326, always_xy=True)


def _transform(geometries: np.ndarray, transformer: Transformer) -> np.ndarray:
    def apply(coords: np.ndarray) -> np.ndarray:
        x, y = transformer.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    return shapely.transform(geometries, apply)


def to_rd(geometries_wgs84: np.ndarray) -> np.ndarray:
    return _transform(np.asarray(geometries_wgs84, dtype=object), _TO_RD)


def to_wgs84(geometries_rd: np.ndarray) -> np.ndarray:
    return _transform(np.asarray(geometries_rd, dtype=object), _TO_WGS84)


def web_copy(geometries_rd: np.ndarray, level: str) -> np.ndarray:
    """Simplified WGS84 copies that keep shared borders shared (coverage simplification in RD), on a ~1 m grid.

    Missing geometries stay missing. A piece that rounding would erase keeps its unsimplified outline.
    """
    geometries_rd = np.asarray(geometries_rd, dtype=object)
    out = np.full(len(geometries_rd), None, dtype=object)
    present = ~shapely.is_missing(geometries_rd)
    if not present.any():
        return out
    coverage_tolerance, fallback_tolerance = WEB_TOLERANCE_M[level]
    source = geometries_rd[present]
    simplified = shapely.coverage_simplify(source, coverage_tolerance)
    if _mostly_unmatched(source):
        simplified = shapely.simplify(simplified, fallback_tolerance, preserve_topology=True)
    simplified = drop_small_parts(simplified, WEB_MIN_AREA_M2)
    rounded = round_coordinates(to_wgs84(simplified))
    lost = shapely.is_empty(rounded) | shapely.is_missing(rounded)
    if lost.any():
        rounded[lost] = round_coordinates(to_wgs84(source[lost]), decimals=7)
    out[present] = rounded
    return out


def _mostly_unmatched(geometries_rd: np.ndarray) -> bool:
    """True when most polygons have borders that do not match their neighbours' (simplified one by one)."""
    unmatched = ~shapely.is_empty(shapely.coverage_invalid_edges(geometries_rd))
    return bool(unmatched.mean() > 0.5)


def round_coordinates(geometries: np.ndarray, decimals: int = 5) -> np.ndarray:
    """Snap to the grid while staying valid, then round so the GeoJSON text has `decimals` digits."""
    snapped = shapely.set_precision(geometries, 10.0**-decimals)
    return shapely.transform(snapped, lambda coords: np.round(coords, decimals))


def drop_small_parts(geometries: np.ndarray, min_area: float) -> np.ndarray:
    """Remove polygon parts and holes smaller than `min_area`; the largest part of a geometry always stays."""
    out = np.array(geometries, dtype=object)
    simple = (shapely.get_num_geometries(out) <= 1) & (shapely.get_num_interior_rings(out) == 0)
    for i in np.flatnonzero(~simple):  # most regions are one polygon without holes: nothing to drop
        geometry = out[i]
        parts = shapely.get_parts(geometry)
        if len(parts) == 0:
            out[i] = geometry
            continue
        areas = shapely.area(parts)
        keep = [p for p, a in zip(parts, areas) if a >= min_area] or [parts[int(np.argmax(areas))]]
        polygons = [
            shapely.Polygon(p.exterior, [h for h in p.interiors if shapely.Polygon(h).area >= min_area]) for p in keep
        ]
        out[i] = polygons[0] if len(polygons) == 1 else shapely.MultiPolygon(polygons)
    return out


def largest_overlap(children_rd: np.ndarray, parents_rd: np.ndarray) -> pd.DataFrame:
    """For each child geometry the parent with the largest shared area, and that area's share of the child.

    Returns a frame indexed by child position (missing children are absent) with columns `parent` (position)
    and `overlap` (0..1). A child touching no parent goes to the nearest one with overlap 0.
    """
    children_rd = np.asarray(children_rd, dtype=object)
    parents_rd = np.asarray(parents_rd, dtype=object)
    present = np.flatnonzero(~shapely.is_missing(children_rd))
    tree = shapely.STRtree(parents_rd)
    child_idx, parent_idx = tree.query(children_rd[present], predicate="intersects")
    child_idx = present[child_idx]
    # A child inside one parent needs no intersection: its shared area is its own area.
    inside_idx, inside_parent = tree.query(children_rd[present], predicate="within")
    inside = pd.Series(inside_parent, index=present[inside_idx])
    inside = inside[~inside.index.duplicated()]
    whole = pd.Series(child_idx).isin(inside.index).to_numpy()
    shared = np.zeros(len(child_idx))
    own = shapely.area(children_rd[child_idx[whole]])
    shared[whole] = np.where(parent_idx[whole] == inside.reindex(child_idx[whole]).to_numpy(), own, 0.0)
    rest = ~whole
    shared[rest] = shapely.area(shapely.intersection(children_rd[child_idx[rest]], parents_rd[parent_idx[rest]]))
    pairs = pd.DataFrame({"child": child_idx, "parent": parent_idx, "area": shared})
    pairs = pairs[pairs["area"] > 0].sort_values(["child", "area", "parent"], ascending=[True, False, True])
    best = pairs.drop_duplicates("child").set_index("child")
    best["overlap"] = best["area"] / shapely.area(children_rd[best.index.to_numpy()])
    result = best[["parent", "overlap"]]
    orphans = np.setdiff1d(present, result.index.to_numpy())
    if len(orphans):
        _, nearest = tree.query_nearest(children_rd[orphans], all_matches=False)
        result = pd.concat([result, pd.DataFrame({"parent": nearest, "overlap": 0.0}, index=orphans)])
    result["overlap"] = result["overlap"].clip(upper=1.0)
    return result.sort_index()
