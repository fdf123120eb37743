"""Light outlines of HAP service areas for the map, built from the simplified (web) PC4 shapes.

The analysis dissolves full-resolution PC4s (exact, but megabytes of coordinates). For the browser we
dissolve the web copy of the PC4s instead and drop the slivers and pinholes that independently simplified
neighbours leave behind; the result matches the coarseness of the other region outlines.
"""
from __future__ import annotations

import geopandas as gpd
import pandas as pd
import shapely

MIN_HOLE_DEG2 = 2e-4  # holes smaller than about 1.4 km² are gaps between simplified PC4s, not enclaves
MIN_PART_DEG2 = 2e-5  # islands smaller than about 0.14 km² are simplification crumbs
SIMPLIFY_DEG = 0.001  # about 70-110 m, below what the map shows at region zoom


def clean_outline(geometry, min_hole: float = MIN_HOLE_DEG2, min_part: float = MIN_PART_DEG2):
    """The polygon(s) without tiny holes and crumbs; None when nothing of size is left."""
    if geometry is None or geometry.is_empty:
        return None
    polygons = []
    for part in shapely.get_parts(geometry):
        if part.geom_type != "Polygon" or part.area < min_part:
            continue
        holes = [ring for ring in part.interiors if shapely.Polygon(ring).area >= min_hole]
        polygons.append(shapely.Polygon(part.exterior, holes))
    if not polygons:
        return None
    return polygons[0] if len(polygons) == 1 else shapely.MultiPolygon(polygons)


def service_area_outlines(pairs: pd.DataFrame, summary: pd.DataFrame, pc4: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """hap_id, naam, geometry per service area.

    pairs: hap_id, pc4 (every PC4 of every area); summary: hap_id, naam; pc4: code, geometry (web copy).
    Areas whose PC4s have no shape are left out.
    """
    shapes = pc4[["code", "geometry"]].rename(columns={"code": "pc4"})
    joined = gpd.GeoDataFrame(pairs[["hap_id", "pc4"]].merge(shapes, on="pc4"), geometry="geometry", crs=pc4.crs)
    joined = joined[joined.geometry.notna()]
    if joined.empty:
        return gpd.GeoDataFrame({"hap_id": [], "naam": []}, geometry=[], crs=pc4.crs)
    dissolved = joined.dissolve("hap_id").reset_index()[["hap_id", "geometry"]]
    cleaned = [clean_outline(geometry) for geometry in dissolved.geometry]
    dissolved = dissolved.set_geometry(shapely.simplify(pd.Series(cleaned, dtype=object).to_numpy(), SIMPLIFY_DEG, preserve_topology=True))
    names = summary[["hap_id", "naam"]].drop_duplicates("hap_id")
    out = dissolved.merge(names, on="hap_id", how="left")[["hap_id", "naam", "geometry"]]
    return out[out.geometry.notna()].reset_index(drop=True)
