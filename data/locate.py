"""Locating facilities: the Netherlands bounds check and PC4 lookups from the regio table."""
from __future__ import annotations

import numpy as np
import pandas as pd
import shapely
from sqlalchemy import Engine, func, select

from data import models as m

# A box around the European Netherlands including the Wadden islands (WGS84 degrees).
NL_LAT = (50.7, 53.7)
NL_LON = (3.2, 7.3)


def in_netherlands(lat, lon) -> np.ndarray:
    """True where (lat, lon) lies in the box around the Netherlands; works on scalars and arrays."""
    lat = np.asarray(lat, dtype="float64")
    lon = np.asarray(lon, dtype="float64")
    return (lat >= NL_LAT[0]) & (lat <= NL_LAT[1]) & (lon >= NL_LON[0]) & (lon <= NL_LON[1])


def looks_swapped(lat, lon) -> np.ndarray:
    """True where the pair is outside the box but inside it once latitude and longitude are exchanged."""
    return ~in_netherlands(lat, lon) & in_netherlands(lon, lat)


def pc4_of(postcode: str) -> str | None:
    """'1011 AB' -> '1011'; None when the value does not start with four digits."""
    digits = postcode.strip()[:4]
    return digits if len(digits) == 4 and digits.isdigit() else None


def region_count(engine: Engine, niveau: str | None = None) -> int:
    statement = select(func.count()).select_from(m.Region)
    if niveau:
        statement = statement.where(m.Region.niveau == niveau)
    with engine.connect() as connection:
        return int(connection.execute(statement).scalar_one())


def region_geometries(engine: Engine, niveau: str, codes=None) -> pd.Series:
    """Shapely geometries of one level indexed by code (all codes, or only those asked for)."""
    statement = select(m.Region.code, m.Region.geometrie).where(m.Region.niveau == niveau)
    if codes is not None:
        statement = statement.where(m.Region.code.in_(sorted(set(codes))))
    with engine.connect() as connection:
        rows = connection.execute(statement).all()
    codes_found = [code for code, _ in rows]
    geometries = shapely.from_wkb(np.array([wkb for _, wkb in rows], dtype=object))
    return pd.Series(geometries, index=pd.Index(codes_found, name="code"), dtype=object)


def _inner_point(geometries: np.ndarray) -> np.ndarray:
    """The centroid, or a point on the surface where the centroid falls outside (crescent-shaped areas)."""
    points = shapely.centroid(geometries)
    outside = ~shapely.contains(geometries, points)
    if outside.any():
        points[outside] = shapely.point_on_surface(geometries[outside])
    return points


def pc4_centroids(engine: Engine, codes=None) -> pd.DataFrame:
    """lat/lon of the centroid of each PC4 area (index = 4-character code), for facilities given only a postcode."""
    geometries = region_geometries(engine, "pc4", codes).dropna()
    geometries = geometries[~shapely.is_empty(geometries.to_numpy())]  # a few source areas have no outline
    points = _inner_point(geometries.to_numpy())
    return pd.DataFrame(
        {"lat": shapely.get_y(points), "lon": shapely.get_x(points)}, index=geometries.index
    )


def pc4_points_in(engine: Engine, area, pc4_points: pd.Series | None = None) -> list[str]:
    """PC4 codes whose point-on-surface lies within `area` (a shapely (multi)polygon in WGS84)."""
    points = pc4_points if pc4_points is not None else pc4_surface_points(engine)
    if points.empty:
        return []
    inside = shapely.contains(area, points.to_numpy()) | shapely.touches(area, points.to_numpy())
    return sorted(points.index[inside])


def pc4_surface_points(engine: Engine) -> pd.Series:
    """One point guaranteed inside each PC4 area (index = code)."""
    geometries = region_geometries(engine, "pc4").dropna()
    geometries = geometries[~shapely.is_empty(geometries.to_numpy())]
    return pd.Series(shapely.point_on_surface(geometries.to_numpy()), index=geometries.index, dtype=object)
