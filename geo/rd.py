"""Coordinates in the working CRS (EPSG:28992, Rijksdriehoek, metres) and the estimated travel time."""
from __future__ import annotations

from functools import lru_cache

import numpy as np
import pyproj

from geo.settings import GeoSettings

WORKING_CRS = "EPSG:28992"
INPUT_CRS = "EPSG:4326"


@lru_cache(maxsize=2)
def _transformer(inverse: bool) -> pyproj.Transformer:
    # Building a transformer costs ~0.1 s; build each direction once per process.
    source, target = (WORKING_CRS, INPUT_CRS) if inverse else (INPUT_CRS, WORKING_CRS)
    return pyproj.Transformer.from_crs(source, target, always_xy=True)


def to_rd(lon, lat) -> tuple[np.ndarray, np.ndarray]:
    """WGS84 longitude/latitude arrays to RD x/y in metres."""
    x, y = _transformer(False).transform(np.asarray(lon, dtype=float), np.asarray(lat, dtype=float))
    return np.asarray(x, dtype=float), np.asarray(y, dtype=float)


def to_wgs84(x, y) -> tuple[np.ndarray, np.ndarray]:
    """RD x/y in metres to WGS84 longitude/latitude arrays."""
    lon, lat = _transformer(True).transform(np.asarray(x, dtype=float), np.asarray(y, dtype=float))
    return np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)


def travel_min(distance_m, settings: GeoSettings = GeoSettings()) -> np.ndarray:
    """Estimated travel time in minutes: straight-line metres x detour factor at the average speed."""
    distance_km = np.asarray(distance_m, dtype=float) / 1000.0
    return distance_km * settings.detour_factor / settings.speed_kmh * 60.0


def distance_m(ax, ay, bx, by) -> np.ndarray:
    """Element-wise straight-line distance between RD points (metres)."""
    return np.hypot(np.asarray(ax, dtype=float) - bx, np.asarray(ay, dtype=float) - by)
