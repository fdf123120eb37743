"""An organisation's network structure where it is scored: over its VG locations inside one region.

A 'lappendeken' (patchwork, Table 1 'netwerk te zwak') is judged relative to size and geography, never over an
organisation's national footprint:
- GP practices per cluster: locations that lie close together can share one practice (regio 1 of the study), so
  the minimum a spread organisation needs is its number of clusters, not one;
- huisartsendienstenstructuren (HDS, the party behind HAP posts that makes agreements) of the HAP areas its
  locations lie in, and with how many of them it has a written agreement.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from monitor import cache

STRUCTURE_COLUMNS = ["regio", "organisatie_id", "geregistreerd", "n", "met_huisarts", "praktijken", "clusters", "hap_gebieden",
                     "hds", "hds_zonder_afspraak", "spreiding_km"]


@lru_cache(maxsize=65536)
def _cover_count_cached(x: bytes, y: bytes, radius_m: float) -> int:
    return cover_count(np.frombuffer(x), np.frombuffer(y), radius_m)


cache.register(_cover_count_cached)


def cover_count(x: np.ndarray, y: np.ndarray, radius_m: float) -> int:
    """How many clusters of radius `radius_m` around a chosen location cover every point (greedy set cover).

    Greedy cover never chains far-apart points together the way single linkage does: a row of locations 6 km
    apart stays several clusters, however long the row.
    """
    n = len(x)
    if n <= 1:
        return n
    if np.hypot(np.ptp(x), np.ptp(y)) <= radius_m:  # every point lies within reach of every other one
        return 1
    near = np.hypot(x[:, None] - x[None, :], y[:, None] - y[None, :]) <= radius_m
    uncovered = np.ones(n, dtype=bool)
    count = 0
    while uncovered.any():
        gain = (near & uncovered[None, :]).sum(axis=1)
        best = int(np.argmax(gain))  # ties: the lowest position, so the result never depends on chance
        uncovered &= ~near[best]
        count += 1
    return count


def _clusters(group: np.ndarray, x: np.ndarray, y: np.ndarray, groups: int, radius_m: float) -> np.ndarray:
    """Clusters per group (integer group ids 0..groups-1) of the given points; one numpy slice per group."""
    out = np.zeros(groups)
    if len(group) == 0:
        return out
    order = np.argsort(group, kind="stable")
    group, x, y = group[order], x[order], y[order]
    starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
    ends = np.r_[starts[1:], len(group)]
    for start, end in zip(starts.tolist(), ends.tolist()):
        if end - start == 1:
            out[group[start]] = 1.0
        elif end - start == 2:  # two points: one cluster when they lie within the radius
            out[group[start]] = 1.0 if np.hypot(x[start] - x[start + 1], y[start] - y[start + 1]) <= radius_m else 2.0
        else:  # the same locations recur at several levels (a gemeente, its region, the organisation)
            out[group[start]] = _cover_count_cached(x[start:end].tobytes(), y[start:end].tobytes(), radius_m)
    return out


def _per_group(group: np.ndarray, members: np.ndarray, groups: int) -> np.ndarray:
    """Distinct members per group (pairs given as two aligned arrays; members may repeat)."""
    if len(group) == 0:
        return np.zeros(groups)
    codes, uniques = pd.factorize(members)
    pairs = np.unique(group.astype(np.int64) * max(len(uniques), 1) + codes)
    return np.bincount(pairs // max(len(uniques), 1), minlength=groups).astype(float)


def _pairs(group: np.ndarray, tuples) -> tuple[np.ndarray, np.ndarray]:
    """Flatten a column of tuples (e.g. GP practices per location) into (group, member) pairs."""
    lengths = np.fromiter((len(t) for t in tuples), dtype=int, count=len(group))
    members = np.fromiter((m for t in tuples for m in t), dtype=object, count=int(lengths.sum()))
    return np.repeat(group, lengths), members


def region_structure(locations: pd.DataFrame, column: str, hds_of: dict, cluster_km: float) -> pd.DataFrame:
    """One row per (region, organisation) with locations there. Tie counts mean something only where
    `geregistreerd` (the organisation has registered ties); spread is geography and always known.

    locations: wave-specific VG locations (monitor.ties.location_ties) with a boolean column `geregistreerd`.
    hds_of: HAP id -> its HDS (the HAP's organisation, or the HAP itself when it has none).
    """
    here = locations[locations[column].notna().to_numpy() & locations["organisatie_id"].notna().to_numpy()]
    if here.empty:
        return pd.DataFrame({c: pd.Series(dtype=object if c in ("regio", "organisatie_id") else float)
                             for c in STRUCTURE_COLUMNS})
    region, regions = pd.factorize(here[column].astype(str).to_numpy(dtype=object), sort=True)
    org, orgs = pd.factorize(here["organisatie_id"].astype(str).to_numpy(dtype=object), sort=True)
    pair, group = np.unique(region.astype(np.int64) * len(orgs) + org, return_inverse=True)
    n_groups = len(pair)
    n = np.bincount(group, minlength=n_groups).astype(float)
    x, y = here["x"].to_numpy(dtype=float), here["y"].to_numpy(dtype=float)
    has_gp = here["heeft_huisarts"].to_numpy(dtype=bool)
    table = pd.DataFrame({"regio": np.asarray(regions, dtype=object)[pair // len(orgs)],
                          "organisatie_id": np.asarray(orgs, dtype=object)[pair % len(orgs)]})
    table["geregistreerd"] = np.bincount(group, weights=here["geregistreerd"].to_numpy(dtype=float),
                                         minlength=n_groups) > 0
    table["n"] = n
    table["met_huisarts"] = np.bincount(group, weights=has_gp.astype(float), minlength=n_groups)
    table["praktijken"] = _per_group(*_pairs(group, here["huisartsen"].tolist()), n_groups)
    table["clusters"] = _clusters(group[has_gp], x[has_gp], y[has_gp], n_groups, cluster_km * 1000.0)
    areas = here["hap_gebied"].to_numpy(dtype=object)
    known = np.array([isinstance(h, str) for h in areas])
    table["hap_gebieden"] = _per_group(group[known], areas[known], n_groups)
    formal_group, formal_haps = _pairs(group, here["haps_formeel"].tolist())
    # (group, HDS) pairs as integers: the HDS'en serving a group, and those it has a written agreement with.
    hds, _ = pd.factorize(np.array([hds_of.get(h, h) for h in (*areas[known], *formal_haps)], dtype=object))
    width = int(hds.max()) + 1 if len(hds) else 1
    served = np.unique(group[known].astype(np.int64) * width + hds[:int(known.sum())])
    agreed = np.unique(formal_group.astype(np.int64) * width + hds[int(known.sum()):])
    table["hds"] = np.bincount(served // width, minlength=n_groups).astype(float)
    missing = served[~np.isin(served, agreed)]
    table["hds_zonder_afspraak"] = np.bincount(missing // width, minlength=n_groups).astype(float)
    centre_x = np.bincount(group, weights=x, minlength=n_groups) / n
    centre_y = np.bincount(group, weights=y, minlength=n_groups) / n
    distance_km = np.hypot(x - centre_x[group], y - centre_y[group]) / 1000.0
    table["spreiding_km"] = np.bincount(group, weights=distance_km, minlength=n_groups) / n
    return table[STRUCTURE_COLUMNS]
