"""An organisation's network structure where it is scored: over its VG locations inside one region.

A 'lappendeken' (patchwork, Table 1 'netwerk te zwak') is judged relative to size and geography, never over an
organisation's national footprint:
- GP practices per cluster: locations that lie close together can share one practice (regio 1 of the study), so
  the minimum a spread organisation needs is its number of clusters, not one;
- huisartsendienstenstructuren (HDS, the party behind HAP posts that makes agreements) of the HAP areas its
  locations lie in, and with how many of them it has a written agreement.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from monitor.cache import memoised
from monitor.ties import flatten

BATCH_CELLS = 1 << 18  # location pairs per batch of the greedy cover: its temporary arrays stay a few MB
STRUCTURE_COLUMNS = ["regio", "organisatie_id", "geregistreerd", "n", "met_huisarts", "praktijken", "clusters", "hap_gebieden",
                     "hds", "hds_zonder_afspraak", "spreiding_km"]


def _greedy_covers(x: np.ndarray, y: np.ndarray, starts: np.ndarray, sizes: np.ndarray, radius_m: float) -> np.ndarray:
    """Per group (points x[start:start + size]) how many clusters of radius `radius_m` around a chosen location
    cover every point (greedy set cover), for many groups at once.

    Greedy cover never chains far-apart points together the way single linkage does: a row of locations 6 km
    apart stays several clusters, however long the row. Each step picks, in every group, the location that
    covers most uncovered points (ties: the lowest position, so the result never depends on chance). The groups
    are padded to the largest size of the batch; padding covers nothing and is never uncovered.
    """
    width = int(sizes.max())
    slot = np.arange(width)
    valid = slot[None, :] < sizes[:, None]
    index = np.where(valid, starts[:, None] + slot[None, :], 0)
    px, py = x[index], y[index]
    near = np.hypot(px[:, :, None] - px[:, None, :], py[:, :, None] - py[:, None, :]) <= radius_m
    near &= valid[:, :, None] & valid[:, None, :]
    reach = near.astype(np.float32)  # for the gain as a batched matrix product (exact for these small counts)
    count = np.zeros(len(starts))
    active = np.arange(len(starts))  # groups with uncovered points left (every group has some at first)
    uncovered = valid.copy()
    while len(active):
        gain = np.matmul(reach, uncovered.astype(np.float32)[:, :, None])[:, :, 0]  # uncovered points reached
        best = gain.argmax(axis=1)
        count[active] += 1
        uncovered &= ~near[np.arange(len(active)), best]
        left = uncovered.any(axis=1)
        active, near, reach, uncovered = active[left], near[left], reach[left], uncovered[left]
    return count


def _clusters(group: np.ndarray, x: np.ndarray, y: np.ndarray, groups: int, radius_m: float) -> np.ndarray:
    """Clusters per group (integer group ids 0..groups-1) of the given points, vectorised over the groups."""
    out = np.zeros(groups)
    if len(group) == 0:
        return out
    order = np.argsort(group, kind="stable")
    group, x, y = group[order], x[order], y[order]
    starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
    sizes = np.diff(np.r_[starts, len(group)])
    ids = group[starts]
    # When the bounding box's diagonal is within the radius, every point reaches every other one: one cluster.
    span = np.hypot(np.maximum.reduceat(x, starts) - np.minimum.reduceat(x, starts),
                    np.maximum.reduceat(y, starts) - np.minimum.reduceat(y, starts))
    single = span <= radius_m
    out[ids[single]] = 1.0
    # The others in batches of similar size (powers of two), so padding stays small and memory bounded.
    rest = np.flatnonzero(~single)
    bucket = np.ceil(np.log2(sizes[rest])).astype(int)
    for width in np.unique(bucket).tolist():
        members = rest[bucket == width]
        step = max(1, BATCH_CELLS // (2 ** width) ** 2)
        for first in range(0, len(members), step):
            chunk = members[first:first + step]
            out[ids[chunk]] = _greedy_covers(x, y, starts[chunk], sizes[chunk], radius_m)
    return out


def _distinct(group: np.ndarray, member: np.ndarray, groups: int) -> np.ndarray:
    """Distinct members (integer codes >= 0) per group; pairs given as two aligned arrays, members may repeat."""
    if len(group) == 0:
        return np.zeros(groups)
    width = int(member.max()) + 1
    pairs = np.unique(group.astype(np.int64) * width + member)
    return np.bincount(pairs // width, minlength=groups).astype(float)


@dataclass(frozen=True)
class _Links:
    """The ties of every location of a locations frame as integer codes (positions in the frame)."""

    gp_location: np.ndarray  # location, once per GP practice it works with
    gp: np.ndarray  # code of that practice
    area: np.ndarray  # per location: code of its HAP (area), -1 when unknown
    formal_location: np.ndarray  # location, once per HAP it has a written agreement with
    formal: np.ndarray  # code of that HAP
    haps: np.ndarray  # HAP id per code


@memoised
def _links(locations: pd.DataFrame) -> _Links:
    """Flattened once per wave's locations: every level groups the same ties differently."""
    gp_location, practices = flatten(locations["huisartsen"].tolist())
    areas = locations["hap_gebied"].to_numpy(dtype=object)
    known = np.array([isinstance(h, str) for h in areas], dtype=bool)
    formal_location, formal_haps = flatten(locations["haps_formeel"].tolist())
    codes, haps = pd.factorize(np.concatenate([areas[known], formal_haps]))
    area = np.full(len(locations), -1)
    area[known] = codes[:int(known.sum())]
    return _Links(gp_location, pd.factorize(practices)[0], area, formal_location, codes[int(known.sum()):],
                  np.asarray(haps, dtype=object))


def region_structure(locations: pd.DataFrame, column: str, hds_of: dict, cluster_km: float) -> pd.DataFrame:
    """One row per (region, organisation) with locations there. Tie counts mean something only where
    `geregistreerd` (the organisation has registered ties); spread is geography and always known.

    locations: wave-specific VG locations (monitor.ties.location_ties) with a boolean column `geregistreerd`.
    hds_of: HAP id -> its HDS (the HAP's organisation, or the HAP itself when it has none).
    """
    inside = locations[column].notna().to_numpy() & locations["organisatie_id"].notna().to_numpy()
    here = locations[inside]
    if here.empty:
        return pd.DataFrame({c: pd.Series(dtype=object if c in ("regio", "organisatie_id") else float)
                             for c in STRUCTURE_COLUMNS})
    region, regions = pd.factorize(_text(here[column]), sort=True)
    org, orgs = pd.factorize(_text(here["organisatie_id"]), sort=True)
    pair, group = np.unique(region.astype(np.int64) * len(orgs) + org, return_inverse=True)
    n_groups = len(pair)
    group_of = np.full(len(locations), -1)  # per location of the frame: its group, -1 outside
    group_of[inside] = group
    links = _links(locations)
    n = np.bincount(group, minlength=n_groups).astype(float)
    x, y = here["x"].to_numpy(dtype=float), here["y"].to_numpy(dtype=float)
    has_gp = here["heeft_huisarts"].to_numpy(dtype=bool)
    gp_group = group_of[links.gp_location]
    area = links.area[inside]
    known = area >= 0
    # (group, HDS) pairs as integers: the HDS'en serving a group, and those it has a written agreement with.
    hds = pd.factorize(np.array([hds_of.get(h, h) for h in links.haps], dtype=object))[0]  # per HAP code
    width = int(hds.max()) + 1 if len(hds) else 1
    served = np.unique(group[known].astype(np.int64) * width + hds[area[known]])
    formal_group = group_of[links.formal_location]
    agreed = np.unique(formal_group[formal_group >= 0].astype(np.int64) * width + hds[links.formal[formal_group >= 0]])
    missing = served[~np.isin(served, agreed)]
    centre_x = np.bincount(group, weights=x, minlength=n_groups) / n
    centre_y = np.bincount(group, weights=y, minlength=n_groups) / n
    distance_km = np.hypot(x - centre_x[group], y - centre_y[group]) / 1000.0
    # Plain object columns for the ids: the table is read back value by value (monitor.facts).
    return pd.DataFrame({
        "regio": pd.Series(np.asarray(regions, dtype=object)[pair // len(orgs)], dtype=object),
        "organisatie_id": pd.Series(np.asarray(orgs, dtype=object)[pair % len(orgs)], dtype=object),
        "geregistreerd": np.bincount(group, weights=here["geregistreerd"].to_numpy(dtype=float), minlength=n_groups) > 0,
        "n": n,
        "met_huisarts": np.bincount(group, weights=has_gp.astype(float), minlength=n_groups),
        "praktijken": _distinct(gp_group[gp_group >= 0], links.gp[gp_group >= 0], n_groups),
        "clusters": _clusters(group[has_gp], x[has_gp], y[has_gp], n_groups, cluster_km * 1000.0),
        "hap_gebieden": _distinct(group[known], area[known], n_groups),
        "hds": np.bincount(served // width, minlength=n_groups).astype(float),
        "hds_zonder_afspraak": np.bincount(missing // width, minlength=n_groups).astype(float),
        "spreiding_km": np.bincount(group, weights=distance_km, minlength=n_groups) / n,
    }, columns=STRUCTURE_COLUMNS)


def _text(values: pd.Series) -> np.ndarray:
    """Ids as strings in an object array (as astype(str), without a round trip through pandas' string dtype)."""
    plain = values.to_numpy(dtype=object)
    return plain if pd.api.types.infer_dtype(plain, skipna=False) in ("string", "empty") \
        else values.astype(str).to_numpy(dtype=object)
