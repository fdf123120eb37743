"""HAP service areas (werkgebieden) as PC4 sets: imported where available, derived by nearest HAP otherwise."""
from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from scipy.spatial import cKDTree

from data.registry import Geography
from geo.regions import pc4_geometries


@dataclass(frozen=True)
class ServiceAreas:
    pairs: pd.DataFrame  # hap_id, pc4, afgeleid: every PC4 of every area
    summary: pd.DataFrame  # hap_id, naam, afgeleid, aantal_pc4: one row per HAP
    pc4: pd.DataFrame  # pc4, aantal_hap (covering areas), hap_gebied (nearest covering HAP, None if uncovered)


def build(haps: pd.DataFrame, imported: pd.DataFrame, pc4: pd.DataFrame) -> ServiceAreas:
    """Service areas of the given HAPs over the PC4 table.

    haps: id, naam, x, y (RD). imported: hap_id, pc4 (the registry's long table). pc4: pc4, x, y.
    A HAP without imported rows gets a derived area: the PC4s whose nearest HAP (straight line, hence also
    by estimated travel time, which is proportional) is this one. Imported rows of other HAPs and for
    unknown PC4s are ignored. The nearest-HAP assignment uses all HAPs, so a PC4 nearest to a HAP whose
    imported area leaves it out stays uncovered: the import is taken at its word.
    Works on integer positions (HAPs and PC4s in the order given) rather than on code strings, for speed.
    """
    hap_ids = haps["id"].astype(str).to_numpy(dtype=object)
    codes = pc4["pc4"].to_numpy(dtype=object)
    n_hap, n_pc4 = len(hap_ids), len(codes)
    hap_i = pd.Index(hap_ids).get_indexer(imported["hap_id"].astype(str).to_numpy(dtype=object))
    pc4_i = pd.Index(codes).get_indexer(imported["pc4"].astype(str).to_numpy(dtype=object))
    keep = (hap_i >= 0) & (pc4_i >= 0)
    pair_key = np.unique(hap_i[keep].astype(np.int64) * max(n_pc4, 1) + pc4_i[keep])
    hap_i, pc4_i = pair_key // max(n_pc4, 1), pair_key % max(n_pc4, 1)
    has_import = np.bincount(hap_i, minlength=n_hap).astype(bool) if n_hap else np.zeros(0, dtype=bool)

    hap_xy = haps[["x", "y"]].to_numpy(dtype=float)
    pc4_xy = pc4[["x", "y"]].to_numpy(dtype=float)
    located = np.flatnonzero(np.isfinite(pc4_xy[:, 0]))
    derived_hap = derived_pc4 = np.zeros(0, dtype=np.int64)
    if n_hap and len(located):
        _, nearest = cKDTree(hap_xy).query(pc4_xy[located])
        free = ~has_import[nearest]
        derived_hap, derived_pc4 = nearest[free].astype(np.int64), located[free].astype(np.int64)
    all_hap = np.concatenate([hap_i, derived_hap])
    all_pc4 = np.concatenate([pc4_i, derived_pc4])
    order = np.lexsort((all_pc4, all_hap))  # by HAP, then PC4 (both tables are sorted by code)
    all_hap, all_pc4 = all_hap[order], all_pc4[order]
    pairs = pd.DataFrame({"hap_id": hap_ids[all_hap], "pc4": codes[all_pc4], "afgeleid": ~has_import[all_hap]})

    summary = pd.DataFrame({
        "hap_id": hap_ids,
        "naam": haps["naam"].to_numpy(dtype=object),
        "afgeleid": ~has_import,
        "aantal_pc4": np.bincount(all_hap, minlength=n_hap).astype(int),
    })

    # The PC4's own area: the nearest of the HAPs whose area covers it (ties broken by HAP order).
    distance = np.hypot(hap_xy[all_hap, 0] - pc4_xy[all_pc4, 0], hap_xy[all_hap, 1] - pc4_xy[all_pc4, 1])
    ranked = np.lexsort((all_hap, distance, all_pc4))
    first_pc4, first = np.unique(all_pc4[ranked], return_index=True)
    own = np.full(n_pc4, None, dtype=object)
    own[first_pc4] = hap_ids[all_hap[ranked][first]]
    per_pc4 = pd.DataFrame({"pc4": codes, "aantal_hap": np.bincount(all_pc4, minlength=n_pc4).astype(int), "hap_gebied": own})
    return ServiceAreas(pairs, summary, per_pc4)


_UNIONS: dict[tuple, dict[frozenset, object]] = {}
_MAX_GEOGRAPHIES = 4


def _fingerprint(outlines: gpd.GeoSeries) -> tuple:
    """Identifies a PC4 layer by content, so copies of the same Geography (e.g. from a cache) share unions."""
    geoms = outlines.to_numpy()
    return (len(geoms), hash(tuple(outlines.index)), round(float(np.nansum(shapely.area(geoms))), 9),
            tuple(np.round(shapely.total_bounds(geoms), 9)))


def dissolve(pairs: pd.DataFrame, geography: Geography) -> gpd.GeoDataFrame:
    """Outline per HAP (EPSG:4326) as the union of its PC4 polygons; pairs: hap_id, pc4.

    This costs one to two seconds nationally, so it is kept out of the indicator computation; unions are
    memoised per PC4 layer and PC4 set, so a scenario only dissolves the areas that changed.
    """
    outlines = pc4_geometries(geography)
    key = _fingerprint(outlines)
    if key not in _UNIONS:
        while len(_UNIONS) >= _MAX_GEOGRAPHIES:
            _UNIONS.pop(next(iter(_UNIONS)))
        _UNIONS[key] = {}
    cache = _UNIONS[key]
    hap_ids, geometries = [], []
    for hap_id, codes in pairs.groupby("hap_id", sort=True)["pc4"]:  # one union per HAP (~105), not per pair
        members = frozenset(codes)
        if members not in cache:
            parts = outlines.reindex(sorted(members)).to_numpy()
            parts = parts[~(shapely.is_missing(parts) | shapely.is_empty(parts))]
            cache[members] = shapely.make_valid(shapely.union_all(parts)) if len(parts) else None
        hap_ids.append(hap_id)
        geometries.append(cache[members])
    return gpd.GeoDataFrame({"hap_id": hap_ids}, geometry=geometries, crs="EPSG:4326")


def with_outlines(areas: gpd.GeoDataFrame, pairs: pd.DataFrame, geography: Geography) -> gpd.GeoDataFrame:
    """A copy of GeoResult.service_areas with the dissolved outlines filled in (for analyse(geometry=False))."""
    outlines = dissolve(pairs, geography).set_index("hap_id").geometry
    return areas.set_geometry(gpd.GeoSeries(outlines.reindex(areas["hap_id"]).to_numpy(), index=areas.index, crs="EPSG:4326"))
