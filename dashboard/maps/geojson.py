"""Compact GeoJSON for the browser: rounded coordinates, only the properties the map uses, escaped texts."""
from __future__ import annotations

import html
import json
from typing import Iterable, Sequence

import numpy as np
import shapely

# 4 decimals of a degree is about 11 m (lat) / 7 m (lon) in the Netherlands: finer than any outline we draw.
DECIMALS = 4


def escape(text: object) -> str:
    """User text made inert for HTML (tooltips are HTML in Leaflet): '<script>' shows as text."""
    if text is None:
        return ""
    if isinstance(text, float) and text != text:
        return ""
    return html.escape(" ".join(str(text).split()), quote=True)


def tooltip_html(title: object, lines: Iterable[tuple[str, object]] = ()) -> str:
    """A bold escaped title and 'label: value' lines, every part escaped; empty values are left out."""
    parts = [f"<b>{escape(title)}</b>"]
    for label, value in lines:
        text = escape(value)
        if text:
            parts.append(f"{escape(label)}: {text}" if label else text)
    return "<br>".join(parts)


def round_geometries(geometries: Sequence, decimals: int = DECIMALS) -> np.ndarray:
    """Geometries with coordinates rounded to `decimals`; repeated points after rounding are dropped."""
    grid = 10.0 ** -decimals
    array = np.asarray(geometries, dtype=object)
    snapped = shapely.set_precision(array, grid, mode="pointwise")
    return shapely.transform(snapped, lambda xy: np.round(xy, decimals))


def feature_collection(
    geometries: Sequence, properties: Sequence[dict], ids: Sequence[str] | None = None, decimals: int = DECIMALS
) -> dict:
    """A FeatureCollection dict; features whose geometry is missing or empty are left out."""
    rounded = round_geometries(geometries, decimals)
    features = []
    for index, (geometry, props) in enumerate(zip(rounded, properties)):
        if geometry is None or shapely.is_empty(geometry):
            continue
        feature = {"type": "Feature", "properties": props, "geometry": json.loads(shapely.to_geojson(geometry))}
        if ids is not None:
            feature["id"] = str(ids[index])
        features.append(feature)
    return {"type": "FeatureCollection", "features": features}


def point_collection(lats: Sequence[float], lons: Sequence[float], properties: Sequence[dict], decimals: int = 5) -> dict:
    """Points as a FeatureCollection (lat/lon rounded); rows without coordinates are left out."""
    features = []
    for lat, lon, props in zip(lats, lons, properties):
        if lat is None or lon is None or not (np.isfinite(lat) and np.isfinite(lon)):
            continue
        features.append(
            {
                "type": "Feature",
                "properties": props,
                "geometry": {"type": "Point", "coordinates": [round(float(lon), decimals), round(float(lat), decimals)]},
            }
        )
    return {"type": "FeatureCollection", "features": features}
